/// GIF's block structure, for the one GIF sitegen publishes without re-encoding it: an
/// animated one (libvips 8.14 here writes no GIF). The file is rebuilt block by block, keeping
/// only what draws it: the header, the logical screen and its colour table, each frame's
/// graphic control extension, image descriptor, colour table and image data, and the looping
/// sub-block of the NETSCAPE2.0 (or ANIMEXTS1.0) extension. Comments, plain text, XMP (with
/// any GPS position), ICC profiles and every other application extension are dropped, as is
/// anything after the trailer. The logical screen and every frame count against `maxPixels`.
enum GIFBlocks {
    /// The most frames a GIF may have.
    static let maxFrames = 10_000

    /// A GIF rebuilt, with what its blocks say.
    struct Rewritten: Equatable {
        var bytes: [UInt8]
        /// The logical screen.
        var width: Int
        var height: Int
        var frames: Int
        /// The NETSCAPE2.0 loop count (0: for ever), nil without one.
        var loops: Int?
    }

    /// Whether the bytes start as a GIF does.
    static func isGIF(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 6 && (bytes[0..<6].elementsEqual("GIF87a".utf8) || bytes[0..<6].elementsEqual("GIF89a".utf8))
    }

    /// `bytes` rebuilt from the blocks that draw it; an error when its structure is cut short or
    /// damaged, when its screen or a frame has more than `maxPixels` pixels, or a frame lies
    /// outside the screen.
    static func rewrite(_ bytes: [UInt8], maxPixels: Int) throws(ImageError) -> Rewritten {
        guard isGIF(bytes) else { throw damaged("it does not start with GIF87a or GIF89a") }
        guard bytes.count >= 13 else { throw damaged("it ends inside its logical screen descriptor") }
        let width = short(bytes, 6), height = short(bytes, 8)
        guard width * height <= maxPixels else { throw ImagePipeline.tooManyPixels(width, height, maxPixels: maxPixels) }
        var out = Array(bytes[0..<13])
        out.reserveCapacity(bytes.count)
        var position = 13
        if bytes[10] & 0x80 != 0 {
            let table = 3 << Int((bytes[10] & 0x07) + 1)
            guard position + table <= bytes.count else { throw damaged("it ends inside its global colour table") }
            out += bytes[position..<(position + table)]
            position += table
        }
        var control: [UInt8]? = nil
        var loops: Int? = nil
        var frames = 0
        while true {
            guard position < bytes.count else { throw damaged("it ends before its trailer (0x3B)") }
            switch bytes[position] {
            case 0x21:
                guard position + 1 < bytes.count else { throw damaged("it ends inside an extension block") }
                let label = bytes[position + 1]
                let (blocks, end) = try subBlocks(bytes, from: position + 2, in: "an extension block")
                switch label {
                case 0xF9:
                    // Graphic control: delay, disposal, transparency; kept for the next image.
                    if let first = blocks.first, first.count == 4 {
                        control = [0x21, 0xF9, 0x04] + bytes[first] + [0x00]
                    }
                case 0x01:
                    // Plain text (shown by no browser), which takes the graphic control before it.
                    control = nil
                case 0xFF:
                    guard loops == nil, let name = blocks.first, name.count == 11,
                          bytes[name].elementsEqual("NETSCAPE2.0".utf8) || bytes[name].elementsEqual("ANIMEXTS1.0".utf8),
                          let loop = blocks.dropFirst().first(where: { $0.count == 3 && bytes[$0.lowerBound] == 1 })
                    else { break }
                    let count = short(bytes, loop.lowerBound + 1)
                    loops = count
                    out += [0x21, 0xFF, 0x0B] + bytes[name] + [0x03, 0x01, UInt8(count & 0xFF), UInt8(count >> 8), 0x00]
                default:
                    break  // comments (0xFE), XMP, ICC and every other application extension, unknown labels
                }
                position = end
            case 0x2C:
                guard position + 10 <= bytes.count else { throw damaged("it ends inside an image descriptor") }
                frames += 1
                guard frames <= maxFrames else {
                    throw ImageError("the GIF has more than \(maxFrames) frames: make it shorter, or a video")
                }
                let left = short(bytes, position + 1), top = short(bytes, position + 3)
                let frameWidth = short(bytes, position + 5), frameHeight = short(bytes, position + 7)
                guard frameWidth * frameHeight <= maxPixels else {
                    throw ImagePipeline.tooManyPixels(frameWidth, frameHeight, maxPixels: maxPixels)
                }
                guard left + frameWidth <= width, top + frameHeight <= height else {
                    throw damaged("frame \(frames) (\(frameWidth)×\(frameHeight) at \(left),\(top)) lies outside its "
                        + "\(width)×\(height) logical screen")
                }
                let packed = bytes[position + 9]
                var end = position + 10
                if packed & 0x80 != 0 { end += 3 << Int((packed & 0x07) + 1) }
                guard end < bytes.count else { throw damaged("it ends inside frame \(frames)'s colour table") }
                guard bytes[end] < 12 else { throw damaged("frame \(frames)'s LZW code size (\(bytes[end])) is above 11") }
                end = try skipSubBlocks(bytes, from: end + 1, in: "frame \(frames)'s image data")
                if let control { out += control }
                control = nil
                out += bytes[position..<end]
                position = end
            case 0x3B:
                out.append(0x3B)
                guard frames > 0 else { throw damaged("it has no image") }
                return Rewritten(bytes: out, width: width, height: height, frames: frames, loops: loops)
            case let other:
                throw damaged("the block at byte \(position) (0x\(String(other, radix: 16, uppercase: true))) is neither "
                    + "an extension, an image nor the trailer")
            }
        }
    }

    private static func short(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }

    private static func damaged(_ what: String) -> ImageError {
        ImageError("the GIF file is cut short or damaged: \(what); export it again")
    }

    /// The data sub-blocks from `start` (each a length byte and that many bytes, ended by an
    /// empty one): the ranges of their data, and where the block ends.
    private static func subBlocks(_ bytes: [UInt8], from start: Int, in what: String) throws(ImageError) -> ([Range<Int>], Int) {
        var ranges: [Range<Int>] = []
        var position = start
        while true {
            guard position < bytes.count else { throw damaged("it ends inside \(what)") }
            let count = Int(bytes[position])
            if count == 0 { return (ranges, position + 1) }
            guard position + 1 + count <= bytes.count else { throw damaged("it ends inside \(what)") }
            ranges.append((position + 1)..<(position + 1 + count))
            position += 1 + count
        }
    }

    private static func skipSubBlocks(_ bytes: [UInt8], from start: Int, in what: String) throws(ImageError) -> Int {
        var position = start
        while true {
            guard position < bytes.count else { throw damaged("it ends inside \(what)") }
            let count = Int(bytes[position])
            if count == 0 { return position + 1 }
            position += 1 + count
        }
    }
}

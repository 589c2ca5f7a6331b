import Foundation
@testable import SitegenImages
import Testing

/// GIFs made here block by block, with what cameras, editors and sites leave in them.
enum GIFMaker {
    struct Frame {
        var left: Int
        var top: Int
        var width: Int
        var height: Int
        var index: UInt8

        init(left: Int = 0, top: Int = 0, width: Int, height: Int, index: UInt8 = 1) {
            (self.left, self.top, self.width, self.height, self.index) = (left, top, width, height, index)
        }
    }

    /// Data as sub-blocks: each at most 255 bytes after its length, then the empty one.
    static func subBlocks(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while start < data.count {
            let end = min(start + 255, data.count)
            out.append(UInt8(end - start))
            out += data[start..<end]
            start = end
        }
        return out + [0]
    }

    /// LZW data of `count` pixels of colour `index` (code size 2: codes of 3 bits), a clear code
    /// before each so the table never grows: valid, if not small.
    static func pixels(_ count: Int, index: UInt8) -> [UInt8] {
        var codes: [Int] = []
        for _ in 0..<count { codes += [4, Int(index)] }
        codes.append(5)
        var bytes: [UInt8] = [], buffer = 0, bits = 0
        for code in codes {
            buffer |= code << bits
            bits += 3
            while bits >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                bits -= 8
            }
        }
        if bits > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        return [2] + subBlocks(bytes)
    }

    static func short(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    static func application(_ identifier: String, _ data: [UInt8]) -> [UInt8] {
        [0x21, 0xFF, 0x0B] + Array(identifier.utf8) + subBlocks(data)
    }

    /// XMP as Adobe writes it in a GIF: the packet's raw bytes, then the "magic trailer" that
    /// makes any reading of them as sub-blocks end at the terminator.
    static func xmp(_ packet: String) -> [UInt8] {
        [0x21, 0xFF, 0x0B] + Array("XMP DataXMP".utf8) + Array(packet.utf8) + [0x01] + (0...255).reversed().map { UInt8($0) } + [0x00]
    }

    static let secretXMP = """
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF \
        xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" \
        exif:GPSLatitude="51,30.0N" exif:GPSLongitude="0,7.5W" xmp:CreatorTool="Camera: secret" \
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>
        """

    /// A GIF89a of `screen` with a 4-colour table and `frames`; with `metadata`, the XMP packet
    /// above, a comment, an ICC profile extension, a plain text extension and bytes after the trailer.
    static func make(screen: (Int, Int), frames: [Frame], loops: Int? = 3, metadata: Bool = true) -> [UInt8] {
        var out = Array("GIF89a".utf8) + short(screen.0) + short(screen.1) + [0x81, 0, 0]
        out += [0, 0, 0, 255, 255, 255, 200, 30, 30, 30, 30, 200]
        if let loops { out += application("NETSCAPE2.0", [1] + short(loops)) }
        if metadata {
            out += xmp(secretXMP)
            out += [0x21, 0xFE] + subBlocks(Array("Camera: secret; GPS 51,30.0N".utf8))
            out += application("ICCRGBG1012", Array("ICC profile of the exif camera".utf8))
            // A graphic control taken by a plain text extension (which no browser shows).
            out += [0x21, 0xF9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00]
            out += [0x21, 0x01] + subBlocks([0, 0, 0, 0, 8, 0, 6, 0, 8, 8, 1, 0] + Array("whistleblower".utf8))
        }
        for frame in frames {
            out += [0x21, 0xF9, 0x04, 0x04, 10, 0, 0, 0]  // disposal: leave in place; 100 ms
            out += [0x2C] + short(frame.left) + short(frame.top) + short(frame.width) + short(frame.height) + [0]
            out += pixels(frame.width * frame.height, index: frame.index)
        }
        out.append(0x3B)
        if metadata { out += Array("GPS after the trailer".utf8) }
        return out
    }

    static func contains(_ hay: [UInt8], _ needle: String) -> Bool {
        let hay = hay.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, needle = Array(needle.lowercased().utf8)
        guard needle.count <= hay.count else { return false }
        return (0...(hay.count - needle.count)).contains { hay[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

@Suite struct GIFBlocksTests {
    let recipe = ImageRecipe(widths: [480, 800], formats: [.webp], quality: 80, maxPixels: 100_000_000)
    static let twoFrames = [GIFMaker.Frame(width: 8, height: 6, index: 1), GIFMaker.Frame(left: 2, top: 1, width: 4, height: 3, index: 2)]

    @Test("an animated GIF loses XMP, comments, other extensions and what follows the trailer; keeps frames and looping")
    func animated() throws {
        let source = GIFMaker.make(screen: (8, 6), frames: Self.twoFrames)
        let rewritten = try GIFBlocks.rewrite(source, maxPixels: recipe.maxPixels)
        #expect((rewritten.width, rewritten.height, rewritten.frames, rewritten.loops) == (8, 6, 2, 3))
        for secret in ["XMP", "xpacket", "GPS", "exif", "Camera", "ICCRGBG", "whistleblower", "51,30.0N"] {
            #expect(!GIFMaker.contains(rewritten.bytes, secret), "keeps \(secret)")
        }
        #expect(GIFMaker.contains(rewritten.bytes, "NETSCAPE2.0"))
        let clean = GIFMaker.make(screen: (8, 6), frames: Self.twoFrames, metadata: false)
        #expect(rewritten.bytes == clean, "exactly the blocks that draw it")
        let header = try ImageCodec.header(rewritten.bytes)
        #expect(header == ImageHeader(format: .gif, width: 8, height: 6, hasAlpha: header.hasAlpha, isAnimated: true))
        #expect(try ImageCodec.header(clean) == header)
        let made = try ImagePipeline.process(source, stem: "loop", recipe: recipe)
        #expect(made.variants.map(\.bytes) == [rewritten.bytes] && made.header == header)
        #expect(try GIFBlocks.rewrite(rewritten.bytes, maxPixels: recipe.maxPixels) == rewritten, "idempotent")
    }

    @Test("the committed animated GIF reads the same after its rebuild")
    func fixture() throws {
        let gif = try ImageCodecTests.fixture("animated.gif")
        let rewritten = try GIFBlocks.rewrite(gif, maxPixels: recipe.maxPixels)
        #expect(rewritten.frames == 3 && rewritten.loops == 0 && rewritten.bytes.count <= gif.count)
        #expect(try ImageCodec.header(rewritten.bytes) == ImageCodec.header(gif))
        let original = try ImageCodec.thumbnail(gif, width: 40, height: 30), rebuilt = try ImageCodec.thumbnail(rewritten.bytes, width: 40, height: 30)
        #expect(try ImageCodec.encode(rebuilt, as: .png, quality: 80) == ImageCodec.encode(original, as: .png, quality: 80), "same pixels")
    }

    @Test("a still GIF is rebuilt, then encoded again like any photo")
    func still() throws {
        let source = GIFMaker.make(screen: (8, 6), frames: [GIFMaker.Frame(width: 8, height: 6)], loops: nil)
        let made = try ImagePipeline.process(source, stem: "still", recipe: recipe)
        #expect(made.variants.map(\.format) == [.webp, .jpeg] && !made.header.isAnimated)
    }

    @Test("the logical screen and every frame count against maxPixels; frames must lie on the screen")
    func bounds() throws {
        let bomb = GIFMaker.make(screen: (65535, 65535), frames: [GIFMaker.Frame(width: 1, height: 1)], metadata: false)
        let start = Date()
        #expect(throws: ImageError("the image is 65535×65535 pixels, more than images: maxPixels (100000000) allows: "
            + "make it smaller, or raise maxPixels in site.yml if it is meant")) {
            try ImagePipeline.process(bomb, stem: "bomb", recipe: recipe)
        }
        #expect(Date().timeIntervalSince(start) < 1)
        let outside = GIFMaker.make(screen: (8, 6), frames: [GIFMaker.Frame(left: 6, top: 0, width: 4, height: 2)], metadata: false)
        #expect(throws: ImageError("the GIF file is cut short or damaged: frame 1 (4×2 at 6,0) lies outside its 8×6 logical screen; export it again")) {
            try ImagePipeline.process(outside, stem: "x", recipe: recipe)
        }
        let many = GIFMaker.make(screen: (1, 1), frames: Array(repeating: GIFMaker.Frame(width: 1, height: 1), count: 10_001), metadata: false)
        #expect(throws: ImageError("the GIF has more than 10000 frames: make it shorter, or a video")) {
            try GIFBlocks.rewrite(many, maxPixels: recipe.maxPixels)
        }
        let small = ImageRecipe(widths: [480], formats: [.webp], quality: 80, maxPixels: 40)
        #expect(throws: ImageError("the image is 8×6 pixels, more than images: maxPixels (40) allows: "
            + "make it smaller, or raise maxPixels in site.yml if it is meant")) {
            try GIFBlocks.rewrite(GIFMaker.make(screen: (8, 6), frames: Self.twoFrames), maxPixels: small.maxPixels)
        }
    }

    @Test("a GIF cut short or damaged in its blocks is an error saying where", arguments: [
        (13, "the GIF file is cut short or damaged: it ends inside its global colour table; export it again"),
        (40, "the GIF file is cut short or damaged: it ends inside an extension block; export it again"),
        (-3, "the GIF file is cut short or damaged: it ends inside frame 2's image data; export it again"),
        (-1, "the GIF file is cut short or damaged: it ends before its trailer (0x3B); export it again"),
    ])
    func damaged(keep: Int, message: String) {
        let gif = GIFMaker.make(screen: (8, 6), frames: Self.twoFrames, metadata: false)
        let cut = Array(gif.prefix(keep > 0 ? keep : gif.count + keep))
        #expect(throws: ImageError(message)) { try GIFBlocks.rewrite(cut, maxPixels: 1000) }
    }

    @Test("an unknown block is damage")
    func unknownBlock() {
        var gif = GIFMaker.make(screen: (8, 6), frames: Self.twoFrames, metadata: false)
        gif.insert(0x42, at: gif.count - 1)
        #expect(throws: ImageError("the GIF file is cut short or damaged: the block at byte \(gif.count - 2) (0x42) is neither "
            + "an extension, an image nor the trailer; export it again")) {
            try GIFBlocks.rewrite(gif, maxPixels: 1000)
        }
    }
}

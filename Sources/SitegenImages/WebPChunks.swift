/// WebP's RIFF container, for the one thing libvips 8.14 will not leave out: its WebP saver writes
/// an EXIF chunk (resolution and orientation, made by libvips) and the sRGB ICC profile (3 KB a
/// file) even when told to strip. Both are dropped here, with their flags in `VP8X`: pixels are in
/// sRGB, which a browser assumes without a profile, and already upright.
enum WebPChunks {
    /// `bytes` without their `EXIF`, `XMP ` and `ICCP` chunks; unchanged when they are not a WebP file sitegen can read.
    static func strippingMetadata(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else {
            return bytes
        }
        var out = Array(bytes[0..<12])
        var offset = 12
        while offset + 8 <= bytes.count {
            let kind = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let end = offset + 8 + size + (size & 1)
            guard end <= bytes.count else { return bytes }
            if !["EXIF", "XMP ", "ICCP"].contains(kind) {
                var chunk = Array(bytes[offset..<end])
                // VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04.
                if kind == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04) }
                out += chunk
            }
            offset = end
        }
        guard offset == bytes.count else { return bytes }
        let riffSize = UInt32(out.count - 8)
        for i in 0..<4 { out[4 + i] = UInt8(truncatingIfNeeded: riffSize >> (8 * UInt32(i))) }
        return out
    }
}

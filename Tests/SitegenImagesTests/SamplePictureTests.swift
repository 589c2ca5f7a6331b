import Foundation
@testable import SitegenImages
import Testing

/// The photos `sitegen init` draws: a 1600×900 JPEG of each design, the same bytes every time,
/// without metadata, and a picture (not one flat colour).
@Suite struct SamplePictureTests {
    @Test("each design is a 1600×900 JPEG with the same bytes every time, and the two differ", arguments: [
        ("harbour", SamplePicture.harbour), ("dusk", SamplePicture.dusk),
    ])
    func deterministic(name: String, design: SamplePicture.Design) throws {
        let bytes = try SamplePicture.jpeg(design)
        #expect(try SamplePicture.jpeg(design) == bytes, "\(name)")
        let header = try ImageCodec.header(bytes)
        #expect(header.format == .jpeg && header.width == 1600 && header.height == 900 && !header.hasAlpha)
        // No metadata segment: no APP1 (EXIF, XMP), no comment (0xFFFE).
        #expect(!Self.segments(bytes).contains { $0 == 0xE1 || $0 == 0xFE }, "\(Self.segments(bytes))")
        #expect(bytes.count < 200_000, "\(bytes.count) bytes")
        let other = try SamplePicture.jpeg(name == "dusk" ? SamplePicture.harbour : SamplePicture.dusk)
        #expect(other != bytes)
    }

    @Test("the pixels run from one colour to the other, with the discs lighter than the gradient under them")
    func pixels() {
        let design = SamplePicture.harbour
        let width = 160, height = 90
        let pixels = SamplePicture.pixels(design, width: width, height: height)
        func pixel(_ x: Int, _ y: Int) -> [Int] { (0..<3).map { Int(pixels[(y * width + x) * 3 + $0]) } }
        func near(_ a: [Int], _ b: SamplePicture.Colour) -> Bool { zip(a, [b.red, b.green, b.blue]).allSatisfy { abs($0 - $1) <= 1 } }
        #expect(near(pixel(0, 0), design.from), "\(pixel(0, 0))")
        #expect(near(pixel(width - 1, height - 1), design.to), "\(pixel(width - 1, height - 1))")
        // The centre of the large disc is lighter than the gradient at the same place would be.
        let disc = design.discs[0]
        let centre = pixel(width * disc.x / 100, height * disc.y / 100)
        let t = Double(disc.x) / 200 + Double(disc.y) / 200
        let under = [design.from.red, design.from.green, design.from.blue].enumerated().map { c, from in
            Double(from) + Double([design.to.red, design.to.green, design.to.blue][c] - from) * t
        }
        #expect(zip(centre, under).allSatisfy { Double($0) > $1 + 8 }, "\(centre) against \(under)")
    }

    /// The markers of a JPEG's segments before its image data.
    static func segments(_ bytes: [UInt8]) -> [UInt8] {
        var markers: [UInt8] = []
        var at = 2
        while at + 4 <= bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            markers.append(marker)
            if marker == 0xDA { break }
            at += 2 + (Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]))
        }
        return markers
    }
}

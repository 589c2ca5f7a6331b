import Foundation
@testable import SitegenImages
import Testing

/// Every output format, from sources that carry GPS positions, XMP, comments and editor
/// metadata: none of it is in the bytes published.
@Suite struct NothingLeaksTests {
    static let words = ["GPS", "exif", "xmp", "Camera", "whistleblower", "inkscape", "sodipodi"]
    static let packet = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"51,30.0N\" "
        + "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Camera: secret\" "
        + "xmp:Label=\"/home/x/sources/whistleblower/inkscape/sodipodi\"/></rdf:RDF></x:xmpmeta>"

    /// A JPEG with XMP (APP1) and a comment (COM) put after its SOI, besides the fixture's EXIF with GPS.
    static func jpegWithXMP() throws -> [UInt8] {
        let photo = try ImageCodecTests.fixture("rotated-gps.jpg")
        func segment(_ marker: UInt8, _ data: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((data.count + 2) >> 8), UInt8((data.count + 2) & 0xFF)] + data
        }
        let xmp = segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0".utf8) + Array(packet.utf8))
        let comment = segment(0xFE, Array("Camera: secret, whistleblower".utf8))
        return Array(photo[0..<2]) + xmp + comment + Array(photo[2...])
    }

    /// A PNG with transparency (PNG fallback) with XMP (iTXt) and a comment (tEXt) before its IEND.
    static func pngWithXMP() throws -> [UInt8] {
        let png = try ImageCodecTests.fixture("alpha.png")
        func chunk(_ kind: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(kind.utf8) + data
            let length = UInt32(data.count), crc = crc32(body)
            return [24, 16, 8, 0].map { UInt8((length >> $0) & 0xFF) } + body + [24, 16, 8, 0].map { UInt8((crc >> $0) & 0xFF) }
        }
        let itxt = chunk("iTXt", Array("XML:com.adobe.xmp\0\0\0\0\0".utf8) + Array(packet.utf8))
        let text = chunk("tEXt", Array("Comment\0Camera: secret GPS".utf8))
        return Array(png[..<(png.count - 12)]) + itxt + text + Array(png[(png.count - 12)...])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test("the sources do carry what must not leak")
    func sources() throws {
        let svg = try SVGSanitizerTests.read("svg-metadata.svg")
        for (name, bytes, expected) in [
            ("jpeg", try Self.jpegWithXMP(), ["GPS", "exif", "xmp", "Camera", "whistleblower"]),
            ("png", try Self.pngWithXMP(), ["GPS", "exif", "xmp", "Camera", "whistleblower"]),
            ("gif", GIFMaker.make(screen: (8, 6), frames: GIFBlocksTests.twoFrames), ["GPS", "exif", "xmp", "Camera", "whistleblower"]),
            ("svg", svg, Self.words),
        ] {
            for word in expected { #expect(GIFMaker.contains(bytes, word), "\(name) source lacks \(word)") }
        }
        // libvips reads the doctored sources.
        #expect(try ImageCodec.header(try Self.jpegWithXMP()).width == 400)
        #expect(try ImageCodec.header(try Self.pngWithXMP()).hasAlpha)
    }

    @Test("no output file holds GPS, EXIF, XMP, the camera, the editor or the source's path")
    func outputs() throws {
        let recipe = ImageRecipe(widths: [64, 160], formats: [.webp], quality: 70, maxPixels: 100_000_000)
        let still = GIFMaker.make(screen: (8, 6), frames: [GIFMaker.Frame(width: 8, height: 6)])
        var formats: Set<ImageFormat> = []
        for (name, source) in [
            ("photo.jpg", try Self.jpegWithXMP()), ("logo.png", try Self.pngWithXMP()),
            ("loop.gif", GIFMaker.make(screen: (8, 6), frames: GIFBlocksTests.twoFrames)), ("still.gif", still),
            ("map.svg", try SVGSanitizerTests.read("svg-metadata.svg")),
        ] {
            let made = try ImagePipeline.process(source, stem: "x", recipe: recipe)
            var variants = made.variants
            if !made.header.isAnimated && made.header.format != .svg {
                variants += try ImagePipeline.crops(
                    source, stem: "x", recipe: recipe, header: made.header, crops: [.socialPreview, .thumbnail], focus: nil)
            }
            for variant in variants {
                formats.insert(variant.format)
                for word in Self.words {
                    #expect(!GIFMaker.contains(variant.bytes, word), "\(name) → \(variant.name) holds \(word)")
                }
            }
        }
        #expect(formats == [.jpeg, .png, .webp, .gif, .svg])
    }
}

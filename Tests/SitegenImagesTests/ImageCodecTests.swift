import Foundation
@testable import SitegenImages
import Testing

/// libvips through sitegen's codec: headers without decoding, sizes, orientation, metadata.
@Suite struct ImageCodecTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return Array(try Data(contentsOf: url))
    }

    @Test("headers give the format and the size as shown, read without decoding", arguments: [
        ("photo-900.jpg", ImageHeader(format: .jpeg, width: 900, height: 600, hasAlpha: false, isAnimated: false)),
        ("rotated-gps.jpg", ImageHeader(format: .jpeg, width: 400, height: 600, hasAlpha: false, isAnimated: false)),
        ("alpha.png", ImageHeader(format: .png, width: 300, height: 200, hasAlpha: true, isAnimated: false)),
        ("animated.gif", ImageHeader(format: .gif, width: 40, height: 30, hasAlpha: false, isAnimated: true)),
        ("bomb.png", ImageHeader(format: .png, width: 60000, height: 60000, hasAlpha: false, isAnimated: false)),
    ])
    func headers(name: String, expected: ImageHeader) throws {
        let header = try ImageCodec.header(try Self.fixture(name))
        #expect(header.format == expected.format && header.width == expected.width && header.height == expected.height)
        #expect(header.isAnimated == expected.isAnimated)
        if expected.format != .gif { #expect(header.hasAlpha == expected.hasAlpha) }  // a GIF's alpha band is libvips' choice
    }

    @Test("what is not an image, or not one of the four formats, is an error saying so")
    func notImages() throws {
        #expect(throws: ImageError("not an image: no JPEG, PNG, WebP or GIF decoder recognises its bytes")) {
            try ImageCodec.header(try Self.fixture("not-an-image.jpg"))
        }
        #expect(throws: ImageError("unsupported image format (TiffBuffer): use JPEG, PNG, WebP or GIF")) {
            try ImageCodec.header(try Self.fixture("photo.tiff"))
        }
    }

    @Test("a photo cut short is an error from its header check, before any decoding")
    func truncated() throws {
        #expect(throws: ImageError("the JPEG file is cut short (truncated): its end marker is missing; export it again")) {
            try ImageCodec.header(try Self.fixture("truncated.jpg"))
        }
    }

    @Test("a resize never enlarges, keeps the aspect, and turns the photo upright")
    func resizes() throws {
        let photo = try Self.fixture("photo-900.jpg")
        let small = try ImageCodec.thumbnail(photo, width: 480, height: 100_000)
        #expect((small.width, small.height) == (480, 320))
        let big = try ImageCodec.thumbnail(photo, width: 1600, height: 100_000)
        #expect((big.width, big.height) == (900, 600), "never upscaled")
        let rotated = try ImageCodec.thumbnail(try Self.fixture("rotated-gps.jpg"), width: 200, height: 100_000)
        #expect((rotated.width, rotated.height) == (200, 300), "EXIF orientation 6 applied")
    }

    @Test("every encoder strips EXIF (with its GPS position), comments and the camera's make", arguments: [
        ImageFormat.webp, .jpeg, .png, .avif,
    ])
    func stripsMetadata(format: ImageFormat) throws {
        let picture = try ImageCodec.thumbnail(try Self.fixture("rotated-gps.jpg"), width: 200, height: 100_000)
        let bytes = try ImageCodec.encode(picture, as: format, quality: 70)
        // No EXIF block (JPEG's "Exif\0\0", or the TIFF header every EXIF payload starts with), no comment, no make.
        for marker in ["SecretCam", "GPS-SECRET", "Exif\0\0", "MM\0*", "II*\0"] {
            let found = containsBytes(bytes, Array(marker.utf8))
            #expect(!found, "\(format) output holds \(marker)")
        }
        let header = try ImageCodec.header(bytes, accepting: [format])
        #expect((header.width, header.height) == (200, 300), "upright, and no orientation tag turns it again")
    }

    @Test("the encoder probe finds every format this machine's libvips writes (Debian's libheif links libaom: AVIF too)")
    func encodableFormats() {
        #expect(ImageCodec.encodableFormats == [.webp, .avif, .jpeg, .png])
    }

    @Test("a crop around a focus point has the box's size, and a smaller photo is not enlarged to fill it")
    func crops() throws {
        let photo = try Self.fixture("photo-900.jpg")
        let card = try ImageCodec.crop(photo, width: 400, height: 400, focus: (0.9, 0.5))
        #expect((card.width, card.height) == (400, 400))
        let wide = try ImageCodec.crop(photo, width: 1200, height: 630, focus: (0.5, 0.5))
        #expect((wide.width, wide.height) == (900, 600), "the photo is smaller than the box: cut to it, not enlarged")
        let smart = try ImageCodec.thumbnail(photo, width: 300, height: 300, crop: true)
        #expect((smart.width, smart.height) == (300, 300))
    }

    @Test("a PNG with transparency keeps its alpha through the resize")
    func alpha() throws {
        let picture = try ImageCodec.thumbnail(try Self.fixture("alpha.png"), width: 150, height: 100_000)
        let header = try ImageCodec.header(try ImageCodec.encode(picture, as: .png, quality: 80))
        #expect(header.hasAlpha && header.width == 150)
    }

    private func containsBytes(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        return (0...(hay.count - needle.count)).contains { hay[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

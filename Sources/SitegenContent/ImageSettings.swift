/// `site.yml`'s `images:`: how photos are made for the site's pages.
public struct ImageSettings: Sendable, Hashable {
    /// The widths made of each photo, ascending; a photo is never enlarged, so a 900 px photo
    /// gets 480 and 900 (its own width in place of every larger one).
    public var widths: [Int]
    /// The modern formats written beside the fallback (JPEG for photos, PNG with transparency),
    /// best first: `webp`, `avif`.
    public var formats: [String]
    /// The encoders' quality, 1 to 100.
    public var quality: Int
    /// The most pixels a source image may have: a larger one is refused from its header, before
    /// decoding (a "decompression bomb" is a few KB that decodes to gigabytes).
    public var maxPixels: Int

    public init(widths: [Int] = [480, 800, 1200, 1600], formats: [String] = ["webp"], quality: Int = 80,
                maxPixels: Int = 100_000_000) {
        self.widths = widths
        self.formats = formats
        self.quality = quality
        self.maxPixels = maxPixels
    }

    /// The keys of `images:`.
    static let keys = ["widths", "formats", "quality", "maxPixels"]
    /// The formats `formats:` may name.
    public static let modernFormats = ["avif", "webp"]
    /// The widest image sitegen makes.
    public static let widestWidth = 8192
}

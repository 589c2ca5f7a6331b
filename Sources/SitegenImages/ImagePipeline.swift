import SitegenSupport

/// What a body image or lead image becomes: files in several widths and formats, named by the
/// digest of the source and of the settings, so a CDN may keep them for ever and an unchanged
/// photo keeps its names from build to build.
public struct ProcessedImage: Sendable, Equatable {
    /// One output file.
    public struct Variant: Sendable, Equatable {
        public var format: ImageFormat
        public var width: Int
        public var height: Int
        /// The file's name, `<stem>-<digest>-<width>.<ext>` (an SVG or an animated GIF keeps its
        /// one size: `<stem>-<digest>.<ext>`).
        public var name: String
        public var bytes: [UInt8]
        /// "" for the photo as it is, else the name of the crop it is (`og`, `thumb`).
        public var role: String = ""
    }

    /// The source's header (its size as shown, upright).
    public var header: ImageHeader
    /// Every file, grouped by format (modern formats first, the fallback last), narrowest first in each.
    public var variants: [Variant]

    /// The format every browser shows: JPEG for photos, PNG with transparency (or the source's
    /// own for a rebuilt animated GIF or SVG).
    public var fallback: ImageFormat { variants.last?.format ?? .jpeg }
}

/// The settings the pipeline follows (`site.yml`'s `images:`), in its own terms.
public struct ImageRecipe: Sendable, Hashable {
    public var widths: [Int]
    public var formats: [ImageFormat]
    public var quality: Int
    public var maxPixels: Int

    public init(widths: [Int], formats: [ImageFormat], quality: Int, maxPixels: Int) {
        self.widths = widths.sorted()
        self.formats = formats
        self.quality = quality
        self.maxPixels = maxPixels
    }

    /// The widths made of a photo `width` pixels wide: those below it, and its own in place of
    /// every larger one (a 900 px photo gets 480 and 900; never enlarged).
    public func widths(for width: Int) -> [Int] {
        var result = widths.filter { $0 < width }
        if widths.contains(where: { $0 >= width }) || result.isEmpty { result.append(width) }
        return result
    }

    /// The digest that names the files: the source's bytes and everything that shapes the output.
    public func digest(of bytes: [UInt8]) -> Digest { digest(ofBytesDigest: Digest.of(bytes)) }

    /// `digest(of:)` from `Digest.of(bytes)`, kept from an earlier build: the file is not read again.
    public func digest(ofBytesDigest bytes: Digest) -> Digest {
        var d = Digester()
        d.add("image v1")
        d.add(bytes)
        d.add(widths.count)
        for width in widths { d.add(width) }
        d.add(formats.count)
        for format in formats { d.add(format.rawValue) }
        d.add(quality)
        return d.finalize()
    }
}

/// A cut of a photo to a fixed aspect: social previews (1200×630), cards' thumbnails.
public struct ImageCrop: Sendable, Hashable {
    public var role: String
    /// The box's aspect, and the widths made of it (each never above what the photo allows).
    public var width: Int
    public var height: Int
    public var widths: [Int]
    /// Only the fallback format (a social preview must be a JPEG or PNG every site can read).
    public var fallbackOnly: Bool

    public init(role: String, width: Int, height: Int, widths: [Int], fallbackOnly: Bool = false) {
        self.role = role
        self.width = width
        self.height = height
        self.widths = widths
        self.fallbackOnly = fallbackOnly
    }

    /// The social preview every network shows: 1200×630 (1.91:1), JPEG or PNG.
    public static let socialPreview = ImageCrop(role: "og", width: 1200, height: 630, widths: [1200], fallbackOnly: true)
    /// A card's thumbnail: 3:2, sharp on 2× screens.
    public static let thumbnail = ImageCrop(role: "thumb", width: 3, height: 2, widths: [400, 800])
    /// The ratios Google asks of an article's structured-data `image`: 16:9, 4:3 and 1:1,
    /// 1200 px wide (or the largest box the photo holds), JPEG or PNG.
    public static let structuredData = [
        ImageCrop(role: "16x9", width: 1200, height: 675, widths: [1200], fallbackOnly: true),
        ImageCrop(role: "4x3", width: 1200, height: 900, widths: [1200], fallbackOnly: true),
        ImageCrop(role: "1x1", width: 1200, height: 1200, widths: [1200], fallbackOnly: true),
    ]
}

public enum ImagePipeline {
    /// The crops of a photo (`process` must have accepted it): each box around `focus`
    /// (fractions of the width and height), or around what libvips' attention finds most
    /// interesting. Names carry the crop's role: `<stem>-<digest>-<role>-<width>.<ext>`.
    public static func crops(
        _ bytes: [UInt8], stem: String, recipe: ImageRecipe, header: ImageHeader, crops: [ImageCrop],
        focus: (x: Double, y: Double)?, digest: Digest? = nil
    ) throws(ImageError) -> [ProcessedImage.Variant] {
        guard header.format != .svg, !(header.isAnimated && header.format == .gif) else { return [] }
        var d = Digester()
        d.add("crops v2")
        d.add(digest ?? recipe.digest(of: bytes))
        d.add(focus?.x ?? -1)
        d.add(focus?.y ?? -1)
        for crop in crops {
            d.add(crop.role)
            d.add(crop.width)
            d.add(crop.height)
            for width in crop.widths { d.add(width) }
            d.add(crop.fallbackOnly)
        }
        let tag = String(d.finalize().description.prefix(12))
        let fallback: ImageFormat = header.hasAlpha ? .png : .jpeg
        var variants: [ProcessedImage.Variant] = []
        for crop in crops {
            let formats = crop.fallbackOnly ? [fallback] : recipe.formats.filter { $0 != fallback } + [fallback]
            let made = try crop.widths.map { wanted throws(ImageError) in
                // The box keeps the crop's aspect; a photo smaller than it gets the largest such box it holds.
                let width = max(1, min(wanted, header.width, header.height * crop.width / crop.height))
                let height = max(1, width * crop.height / crop.width)
                if let focus { return try ImageCodec.crop(bytes, width: width, height: height, focus: focus) }
                return try ImageCodec.thumbnail(bytes, width: width, height: height, crop: true)
            }
            // A photo narrower than a width gives the same crop twice: keep one.
            var seen = Set<Int>()
            let pictures = made.filter { seen.insert($0.width).inserted }
            for format in formats {
                for picture in pictures {
                    variants.append(.init(
                        format: format, width: picture.width, height: picture.height,
                        name: "\(stem)-\(tag)-\(crop.role)-\(picture.width).\(format.fileExtension)",
                        bytes: try ImageCodec.encode(picture, as: format, quality: recipe.quality), role: crop.role))
                }
            }
        }
        return variants
    }

    /// `bytes`, the file `stem` (its name without extension, made URL-safe by the caller),
    /// made into every variant the recipe asks for. Nothing is published as it came: an SVG is
    /// rebuilt by `SVGSanitizer` from its allowed elements and attributes; a GIF is rebuilt by
    /// `GIFBlocks` without its comments and application extensions (XMP) and, when animated,
    /// published so; every other image is decoded and encoded again without metadata. Anything
    /// larger than `maxPixels` is refused from its header (a GIF's logical screen and frames too).
    /// `digest`, when the caller has it already, is `recipe.digest(of: bytes)`: a photo is hashed
    /// once; names come from it, the source's digest.
    public static func process(
        _ bytes: [UInt8], stem: String, recipe: ImageRecipe, digest: Digest? = nil
    ) throws(ImageError) -> ProcessedImage {
        let tag = String((digest ?? recipe.digest(of: bytes)).description.prefix(12))
        if SVGCheck.looksLikeSVG(bytes) {
            let clean = try SVGSanitizer.sanitized(bytes)
            let header = ImageHeader(
                format: .svg, width: clean.size?.0 ?? 0, height: clean.size?.1 ?? 0, hasAlpha: true, isAnimated: false)
            return ProcessedImage(header: header, variants: [
                .init(format: .svg, width: header.width, height: header.height, name: "\(stem)-\(tag).svg", bytes: clean.bytes),
            ])
        }
        // A GIF's blocks are checked and rebuilt before libvips reads anything of it.
        let source = GIFBlocks.isGIF(bytes) ? try GIFBlocks.rewrite(bytes, maxPixels: recipe.maxPixels).bytes : bytes
        let header = try ImageCodec.header(source)
        let pixels = header.width.multipliedReportingOverflow(by: header.height)
        guard !pixels.overflow, pixels.partialValue <= recipe.maxPixels else {
            throw tooManyPixels(header.width, header.height, maxPixels: recipe.maxPixels)
        }
        if header.isAnimated && header.format == .gif {
            return ProcessedImage(header: header, variants: [
                .init(format: .gif, width: header.width, height: header.height, name: "\(stem)-\(tag).gif", bytes: source),
            ])
        }
        let fallback: ImageFormat = header.hasAlpha ? .png : .jpeg
        let formats = recipe.formats.filter { $0 != fallback } + [fallback]
        var variants: [ProcessedImage.Variant] = []
        let pictures = try recipe.widths(for: header.width).map { width throws(ImageError) in
            try ImageCodec.thumbnail(source, width: width, height: 100_000)
        }
        for format in formats {
            for picture in pictures {
                let encoded = try ImageCodec.encode(picture, as: format, quality: recipe.quality)
                variants.append(.init(
                    format: format, width: picture.width, height: picture.height,
                    name: "\(stem)-\(tag)-\(picture.width).\(format.fileExtension)", bytes: encoded))
            }
        }
        return ProcessedImage(header: header, variants: variants)
    }

    /// The refusal of an image of `width` × `height` pixels, more than `maxPixels`.
    static func tooManyPixels(_ width: Int, _ height: Int, maxPixels: Int) -> ImageError {
        ImageError("the image is \(width)×\(height) pixels, more than images: maxPixels "
            + "(\(maxPixels)) allows: make it smaller, or raise maxPixels in site.yml if it is meant")
    }
}

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
    }

    /// The source's header (its size as shown, upright).
    public var header: ImageHeader
    /// Every file, grouped by format (modern formats first, the fallback last), narrowest first in each.
    public var variants: [Variant]

    /// The format every browser shows: JPEG for photos, PNG with transparency (or the source's
    /// own for a copied GIF or SVG).
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
    public func digest(of bytes: [UInt8]) -> Digest {
        var d = Digester()
        d.add("image v1")
        d.add(Digest.of(bytes))
        d.add(widths.count)
        for width in widths { d.add(width) }
        d.add(formats.count)
        for format in formats { d.add(format.rawValue) }
        d.add(quality)
        return d.finalize()
    }
}

public enum ImagePipeline {
    /// `bytes`, the file `stem` (its name without extension, made URL-safe by the caller),
    /// made into every variant the recipe asks for. An SVG is checked (`SVGCheck`) and copied;
    /// an animated GIF is copied; anything larger than `maxPixels` is refused from its header.
    public static func process(_ bytes: [UInt8], stem: String, recipe: ImageRecipe) throws(ImageError) -> ProcessedImage {
        let tag = String(recipe.digest(of: bytes).description.prefix(12))
        if SVGCheck.looksLikeSVG(bytes) {
            let problems = SVGCheck.problems(bytes)
            if let first = problems.first { throw ImageError(first) }
            let size = SVGCheck.size(bytes)
            let header = ImageHeader(format: .svg, width: size?.0 ?? 0, height: size?.1 ?? 0, hasAlpha: true, isAnimated: false)
            return ProcessedImage(header: header, variants: [
                .init(format: .svg, width: header.width, height: header.height, name: "\(stem)-\(tag).svg", bytes: bytes),
            ])
        }
        let header = try ImageCodec.header(bytes)
        let pixels = header.width.multipliedReportingOverflow(by: header.height)
        guard !pixels.overflow, pixels.partialValue <= recipe.maxPixels else {
            throw ImageError("the image is \(header.width)×\(header.height) pixels, more than images: maxPixels "
                + "(\(recipe.maxPixels)) allows: make it smaller, or raise maxPixels in site.yml if it is meant")
        }
        if header.isAnimated && header.format == .gif {
            return ProcessedImage(header: header, variants: [
                .init(format: .gif, width: header.width, height: header.height, name: "\(stem)-\(tag).gif", bytes: bytes),
            ])
        }
        let fallback: ImageFormat = header.hasAlpha ? .png : .jpeg
        let formats = recipe.formats.filter { $0 != fallback } + [fallback]
        var variants: [ProcessedImage.Variant] = []
        let pictures = try recipe.widths(for: header.width).map { width throws(ImageError) in
            try ImageCodec.thumbnail(bytes, width: width, height: 100_000)
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
}

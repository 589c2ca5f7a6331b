import CVips
import Foundation

/// The formats sitegen reads and writes.
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    case jpeg, png, webp, gif, avif, svg

    /// The file extension of an output in this format.
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The media type, for `<source type=…>`.
    /// As people write it: `JPEG`, `WebP`, `AVIF`.
    public var displayName: String {
        switch self {
        case .webp: "WebP"
        default: rawValue.uppercased()
        }
    }

    public var mediaType: String { self == .svg ? "image/svg+xml" : "image/\(rawValue)" }
}

/// Why an image could not be read or made, in words for the user.
public struct ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What an image's header says, read without decoding its pixels.
public struct ImageHeader: Sendable, Equatable {
    public var format: ImageFormat
    /// The size as shown: width and height swapped when the EXIF orientation turns the image.
    public var width: Int
    public var height: Int
    public var hasAlpha: Bool
    /// More than one frame: an animated GIF or WebP.
    public var isAnimated: Bool

    public init(format: ImageFormat, width: Int, height: Int, hasAlpha: Bool, isAnimated: Bool) {
        self.format = format
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        self.isAnimated = isAnimated
    }
}

/// libvips, in-process: headers, resizes and crops, encoders. Every call is safe from many
/// threads at once; libvips is started on first use with one worker per image (sitegen runs
/// as many images at once as it has cores) and no operation cache.
public enum ImageCodec {
    /// The formats sitegen takes in (an SVG is never decoded: `SVGSanitizer` rebuilds it).
    public static let inputs: Set<ImageFormat> = [.jpeg, .png, .webp, .gif]

    private static let started: Bool = sg_vips_start("sitegen") == 0

    private static func start() throws(ImageError) {
        guard started else { throw ImageError("libvips could not start: \(takeError())") }
    }

    /// The header of `bytes`: its format, size and alpha. A file no loader recognises, or one
    /// of another format than JPEG, PNG, WebP and GIF, is an error.
    public static func header(_ bytes: [UInt8], accepting formats: Set<ImageFormat> = inputs) throws(ImageError) -> ImageHeader {
        try start()
        var loader: UnsafePointer<CChar>?
        let image = bytes.withUnsafeBytes { sg_header($0.baseAddress, $0.count, &loader) }
        guard let loaderName = loader.map({ String(cString: $0) }) else {
            throw ImageError("not an image: no JPEG, PNG, WebP or GIF decoder recognises its bytes")
        }
        guard let format = format(ofLoader: loaderName), formats.contains(format) else {
            image.map { g_object_unref(UnsafeMutableRawPointer($0)) }
            throw ImageError("unsupported image format (\(loaderName.replacingOccurrences(of: "VipsForeignLoad", with: ""))): use JPEG, PNG, WebP or GIF")
        }
        guard let image else { throw ImageError("cannot read its header: \(takeError())") }
        guard isComplete(bytes, format: format) else {
            g_object_unref(UnsafeMutableRawPointer(image))
            throw ImageError("the \(format.rawValue.uppercased()) file is cut short (truncated): its end marker is missing; export it again")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(image)) }
        var width = Int(vips_image_get_width(image)), height = Int(vips_image_get_height(image))
        if vips_image_get_orientation_swap(image) != 0 { swap(&width, &height) }
        let pages = Int(vips_image_get_n_pages(image))
        if pages > 1, let pageHeight = Optional(Int(vips_image_get_page_height(image))), pageHeight > 0 { height = pageHeight }
        return ImageHeader(
            format: format, width: width, height: height, hasAlpha: vips_image_hasalpha(image) != 0, isAnimated: pages > 1)
    }

    /// Whether the file ends as its format ends: libjpeg decodes a photo cut short with grey
    /// below the cut and only a warning, which libvips' `fail_on` does not turn into an error
    /// through shrink-on-load; the end marker tells at once.
    static func isComplete(_ bytes: [UInt8], format: ImageFormat) -> Bool {
        switch format {
        case .jpeg:
            // The EOI marker, FF D9, perhaps followed by padding.
            var end = bytes.count
            while end > 2, bytes[end - 1] == 0 || bytes[end - 1] == 0x0A { end -= 1 }
            return end >= 2 && bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9
        case .png:
            return bytes.count >= 12 && bytes.suffix(12).elementsEqual([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        case .gif:
            return bytes.last == 0x3B
        case .webp:
            guard bytes.count >= 8 else { return false }
            let size = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
            return bytes.count >= size + 8
        case .avif, .svg:
            return true
        }
    }

    private static func format(ofLoader name: String) -> ImageFormat? {
        let lower = name.lowercased()
        if lower.contains("jpeg") { return .jpeg }
        if lower.contains("png") { return .png }
        if lower.contains("webp") { return .webp }
        if lower.contains("gif") { return .gif }
        if lower.contains("heif") { return .avif }
        return nil
    }

    /// A decoded image, upright and in sRGB, as libvips holds it.
    public final class Picture: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<VipsImage>
        init(_ pointer: UnsafeMutablePointer<VipsImage>) { self.pointer = pointer }
        deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

        public var width: Int { Int(vips_image_get_width(pointer)) }
        public var height: Int { Int(vips_image_get_height(pointer)) }
    }

    /// `bytes` shrunk to fit `width` × `height` (never enlarged); with `crop`, cut to exactly that
    /// box around the most interesting part (vips' attention).
    public static func thumbnail(_ bytes: [UInt8], width: Int, height: Int, crop: Bool = false) throws(ImageError) -> Picture {
        try start()
        let image = bytes.withUnsafeBytes { sg_thumbnail($0.baseAddress, $0.count, Int32(width), Int32(height), crop ? 1 : 0) }
        guard let image else { throw ImageError("cannot decode it: \(takeError())") }
        return Picture(image)
    }

    /// `bytes` cut to the aspect `width`:`height` around the point `focus` (fractions of the
    /// width and height), then shrunk to `width` × `height` (less when the photo is smaller).
    public static func crop(
        _ bytes: [UInt8], width: Int, height: Int, focus: (x: Double, y: Double)
    ) throws(ImageError) -> Picture {
        let header = try header(bytes)
        // The scale at which the photo just covers the box, never above 1.
        let scale = min(1, max(Double(width) / Double(header.width), Double(height) / Double(header.height)))
        let covering = try thumbnail(
            bytes, width: max(1, Int((Double(header.width) * scale).rounded())),
            height: max(1, Int((Double(header.height) * scale).rounded())))
        let boxWidth = min(covering.width, width), boxHeight = min(covering.height, height)
        let left = clamp(Int((focus.x * Double(covering.width)).rounded()) - boxWidth / 2, 0, covering.width - boxWidth)
        let top = clamp(Int((focus.y * Double(covering.height)).rounded()) - boxHeight / 2, 0, covering.height - boxHeight)
        guard let cut = sg_crop(covering.pointer, Int32(left), Int32(top), Int32(boxWidth), Int32(boxHeight)) else {
            throw ImageError("cannot crop it: \(takeError())")
        }
        return Picture(cut)
    }

    /// A picture of `width` × `height` from 8-bit sRGB pixels, three bytes each, row by row
    /// (what `SamplePicture` draws).
    public static func picture(rgb pixels: [UInt8], width: Int, height: Int) throws(ImageError) -> Picture {
        try start()
        guard width > 0, height > 0, pixels.count == width * height * 3 else {
            throw ImageError("\(pixels.count) bytes are not \(width) × \(height) RGB pixels")
        }
        let image = pixels.withUnsafeBytes { sg_rgb_from_memory($0.baseAddress, $0.count, Int32(width), Int32(height)) }
        guard let image else { throw ImageError("cannot make a picture of the pixels: \(takeError())") }
        return Picture(image)
    }

    /// `picture` encoded as `format`, with every piece of metadata stripped (EXIF and its GPS
    /// position, XMP, IPTC).
    public static func encode(_ picture: Picture, as format: ImageFormat, quality: Int) throws(ImageError) -> [UInt8] {
        guard let bare = sg_without_metadata(picture.pointer) else { throw ImageError("cannot copy it: \(takeError())") }
        defer { g_object_unref(UnsafeMutableRawPointer(bare)) }
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32
        switch format {
        case .webp: status = sg_save_webp(bare, &buffer, &length, Int32(quality))
        case .jpeg: status = sg_save_jpeg(bare, &buffer, &length, Int32(quality))
        case .png: status = sg_save_png(bare, &buffer, &length)
        case .avif: status = sg_save_avif(bare, &buffer, &length, Int32(quality))
        case .gif, .svg: throw ImageError("sitegen does not encode \(format.rawValue)")
        }
        guard status == 0, let buffer else { throw ImageError("cannot encode it as \(format.rawValue): \(takeError())") }
        defer { g_free(buffer) }
        let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: length))
        return format == .webp ? WebPChunks.strippingMetadata(bytes) : bytes
    }

    /// The modern formats this libvips can write, found once by encoding a small picture in
    /// each: AVIF needs libheif with an AV1 encoder (Debian's links libaom), which another
    /// build of libheif may lack.
    public static let encodableFormats: Set<ImageFormat> = {
        guard (try? start()) != nil, let blank = sg_blank(16, 16) else { return [] }
        let picture = Picture(blank)
        return Set([ImageFormat.webp, .avif, .jpeg, .png].filter { (try? encode(picture, as: $0, quality: 50)) != nil })
    }()

    private static func takeError() -> String {
        guard let message = sg_take_error() else { return "unknown libvips error" }
        defer { g_free(message) }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "; ")
    }

    private static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { max(low, min(high, value)) }
}

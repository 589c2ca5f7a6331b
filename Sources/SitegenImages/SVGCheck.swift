/// What the pipeline asks of a file before it sanitises it as an SVG (`SVGSanitizer`): whether
/// it is one, and the size its root declares.
public enum SVGCheck {
    /// Whether the bytes are an SVG document (after a BOM, white space, an XML declaration, comments).
    public static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let svg = head.range(of: "<svg") else { return false }
        let before = head[..<svg.lowerBound]
        return !before.contains("<html") && !before.contains("<body")
    }

    /// The width and height its root element declares in plain numbers (or px), else from its
    /// viewBox; nil when neither does, or when it is not an SVG that parses.
    public static func size(_ bytes: [UInt8]) -> (Int, Int)? {
        SVGSanitizer.size(bytes)
    }
}

/// The safety check of an SVG from content: it is copied as it is, never rasterised, and is
/// served from the site's own origin, where script in it would run with the site's rights (and
/// an SVG opened on its own is a document). So anything that can run script or pull in other
/// documents is refused, with what and where: `<script>`, event handler attributes (`onload=`),
/// `<foreignObject>` (arbitrary HTML), `javascript:`/`data:` links, `<iframe>`/`<embed>`/`<object>`,
/// animations that rewrite a link (`<set attributeName="href">`), and DTD entity declarations
/// (the "billion laughs" and external entities).
public enum SVGCheck {
    /// Whether the bytes are an SVG document (after a BOM, white space, an XML declaration, comments).
    public static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let svg = head.range(of: "<svg") else { return false }
        let before = head[..<svg.lowerBound]
        return !before.contains("<html") && !before.contains("<body")
    }

    /// Every reason to refuse the file, first by position; empty when it is safe to publish.
    public static func problems(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let lower = text.lowercased()
        var found: [(Int, String)] = []
        func line(_ index: String.Index) -> Int { lower[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
        func flag(_ pattern: some RegexComponent, _ message: (String) -> String) {
            for match in lower.matches(of: pattern) {
                let at = match.range.lowerBound
                found.append((lower.distance(from: lower.startIndex, to: at), "line \(line(at)): " + message(String(lower[match.range]))))
            }
        }
        flag(/<\s*(?:[a-z0-9_-]+:)?script\b/) { _ in "the SVG has a <script>, which would run on the site's own pages" }
        flag(/<\s*(?:[a-z0-9_-]+:)?foreignobject\b/) { _ in "the SVG has a <foreignObject>, which can hold any HTML, script included" }
        flag(/<\s*(?:[a-z0-9_-]+:)?(?:iframe|embed|object)\b/) { tag in "the SVG has \(tag)>, which loads another document" }
        flag(/[\s"'\/]on[a-z]+\s*=/) { attribute in
            let name = attribute.drop { !$0.isLetter }.prefix { $0.isLetter }
            return "the SVG has an event handler attribute (\(name)=), which runs script"
        }
        flag(/(?:href|src|action|formaction|from|to|values)\s*=\s*["']?\s*(?:javascript|vbscript|data)\s*:/) { _ in
            "the SVG links to a javascript:, vbscript: or data: URL"
        }
        flag(/<\s*(?:set|animate)\b[^>]*attributename\s*=\s*["']?\s*(?:xlink:)?href/) { _ in
            "the SVG animates a link (<set> or <animate> on href), which can turn it into script"
        }
        flag(/<!entity/) { _ in "the SVG declares XML entities, which can expand without bound or read other files" }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The width and height its root element declares in plain numbers (or px), else from its viewBox.
    public static func size(_ bytes: [UInt8]) -> (Int, Int)? {
        let text = String(decoding: bytes.prefix(8192), as: UTF8.self)
        guard let root = text.firstMatch(of: /<svg\b[^>]*>/) else { return nil }
        let tag = String(root.output)
        func number(_ name: String) -> Double? {
            guard let match = tag.firstMatch(of: try! Regex("\\s\(name)\\s*=\\s*[\"']\\s*([0-9.]+)\\s*(?:px)?\\s*[\"']")),
                  let value = match.output[1].substring else { return nil }
            return Double(value)
        }
        if let width = number("width"), let height = number("height"), width > 0, height > 0 {
            return (Int(width.rounded()), Int(height.rounded()))
        }
        guard let box = tag.firstMatch(of: /viewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)/),
              let width = Double(box.output.1), let height = Double(box.output.2), width > 0, height > 0 else { return nil }
        return (Int(width.rounded()), Int(height.rounded()))
    }
}

import Foundation

/// `absolute_urls(base)`: the HTML with every link and image URL made absolute against `base`
/// (the page's own absolute URL), for feeds, whose readers often ignore `xml:base`.
///
/// Rewrites the values of `href`, `src`, `srcset`, `poster` and `data-embed-src` attributes.
/// The input is markup sitegen wrote (attribute values quoted with `"`, a `"` inside text
/// escaped), so the attributes are found by their ` name="` spelling; URLs with a scheme are
/// left as they are, root paths take the base's origin, fragments and relative paths resolve
/// against the base as a browser would.
enum AbsoluteURLs {
    private static let attributes: [(name: [UInt8], isList: Bool)] = [
        (Array(" href=\"".utf8), false), (Array(" src=\"".utf8), false), (Array(" srcset=\"".utf8), true),
        (Array(" poster=\"".utf8), false), (Array(" data-embed-src=\"".utf8), false),
    ]

    private static let http = Array("http://".utf8), https = Array("https://".utf8)
    /// The first letters of the attributes rewritten (`href`, `src`, `srcset`, `poster`, `data-embed-src`).
    private static let firstLetters: Set<UInt8> = [UInt8(ascii: "h"), UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "d")]

    static func rewrite(_ html: String, base: String) -> String {
        let bytes = Array(html.utf8)
        guard let baseURL = URL(string: base), baseURL.scheme != nil else { return html }
        let origin = originOf(base)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var i = 0
        var copied = 0
        var inTag = false
        while i < bytes.count {
            // Text between tags is skipped whole; in markup sitegen wrote, `<` and `>` inside
            // attribute values are escaped, so a tag ends at the first `>`.
            if !inTag {
                guard let open = bytes[i...].firstIndex(of: UInt8(ascii: "<")) else { break }
                inTag = true
                i = open + 1
                continue
            }
            let b = bytes[i]
            if b == UInt8(ascii: ">") {
                inTag = false
                i += 1
                continue
            }
            guard b == UInt8(ascii: " "), i + 1 < bytes.count, Self.firstLetters.contains(bytes[i + 1]),
                  let attribute = attributes.first(where: { matches($0.name, bytes, at: i) }) else {
                i += 1
                continue
            }
            let start = i + attribute.name.count
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            // Most links of a news article are to other sites: skipped without making a string.
            if !attribute.isList, matches(Self.http, bytes, at: start) || matches(Self.https, bytes, at: start) {
                i = end + 1
                continue
            }
            let value = String(decoding: bytes[start..<end], as: UTF8.self)
            let rewritten = attribute.isList
                ? value.split(separator: ",", omittingEmptySubsequences: false).map { candidate in
                    let trimmed = candidate.drop(while: { $0 == " " })
                    let url = trimmed.prefix(while: { $0 != " " })
                    return (candidate.count > trimmed.count ? " " : "") + absolute(String(url), base: baseURL, origin: origin)
                        + trimmed.dropFirst(url.count)
                }.joined(separator: ",")
                : absolute(value, base: baseURL, origin: origin)
            if rewritten != value {
                out += bytes[copied..<start]
                out += Array(rewritten.utf8)
                copied = end
            }
            i = end + 1
        }
        if copied == 0 { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    private static func matches(_ name: [UInt8], _ bytes: [UInt8], at i: Int) -> Bool {
        guard i + name.count <= bytes.count else { return false }
        for k in 0..<name.count where bytes[i + k] != name[k] { return false }
        return true
    }

    /// `https://example.org` of `https://example.org/news/articles/x/`.
    private static func originOf(_ base: String) -> String {
        guard let scheme = base.range(of: "://") else { return "" }
        let rest = base[scheme.upperBound...]
        return String(base[..<(rest.firstIndex(of: "/") ?? base.endIndex)])
    }

    /// One URL as written in an attribute (entities as `&amp;`, which URL resolution keeps as they are).
    static func absolute(_ url: String, base: URL, origin: String) -> String {
        if url.isEmpty || hasScheme(url) { return url }
        if url.hasPrefix("//") { return (base.scheme ?? "https") + ":" + url }
        if url.hasPrefix("/") { return origin + url }
        return URL(string: url, relativeTo: base)?.absoluteString ?? url
    }

    private static func hasScheme(_ url: String) -> Bool {
        var sawLetter = false
        for c in url.utf8 {
            switch c {
            case UInt8(ascii: ":"): return sawLetter
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if !sawLetter { return false }
            default: return false
            }
        }
        return false
    }
}

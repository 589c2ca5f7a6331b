/// Escaping for the HTML the stages write themselves: the links sitegen adds around source
/// names, the sitemap index, the preview server's error overlay. (Templates escape with their
/// own engine, which depends on nothing.)
public enum HTMLEscape {
    /// `text` with `&`, `<`, `>` and `"` written as entities: safe as element text and as a
    /// double-quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

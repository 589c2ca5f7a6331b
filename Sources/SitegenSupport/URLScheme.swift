/// The scheme a URL starts with, as RFC 3986 spells one: a letter, then letters, digits, `+`,
/// `-` or `.`, then `:`.
public enum URLScheme {
    /// The lower-cased scheme of `url` (`https`, `mailto`), or nil when it starts with none.
    public static func of(_ url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return scheme.lowercased()
    }
}

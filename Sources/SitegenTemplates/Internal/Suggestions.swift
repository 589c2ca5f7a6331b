import SitegenSupport

/// The `did you mean …?` of an unknown variable, attribute, key or filter: the known name it is a
/// slip of, by the rule sitegen uses for every misspelt name (`Typos.knownKey`: the same but for
/// case, one edit from a name of up to five letters, two from a longer one).
enum Suggestions {
    /// `: did you mean 'title'?` when `name` is a slip of one of `known` (tried in order, the
    /// first of the nearest wins), or "" when none is that close.
    static func didYouMean(_ name: String, in known: [String]) -> String {
        Typos.knownKey(near: name, in: known).map { ": did you mean '\($0)'?" } ?? ""
    }

    /// The names other template languages give filters sitegen has under another name, so a
    /// habit from Liquid, Jinja, Jekyll or Hugo is answered with the filter meant.
    static let filterSynonyms: [String: String] = [
        "upcase": "upper", "downcase": "lower", "strip": "trim", "strip_html": "striptags",  // Liquid
        "size": "length", "count": "length", "e": "escape", "d": "default", "tojson": "json",  // Liquid, Jinja
        "jsonify": "json", "xml_escape": "xml", "uri_escape": "urlencode", "url_escape": "urlencode",  // Jekyll, Liquid
        "number_of_words": "wordcount", "raw": "safe", "relURL": "relative_url", "absURL": "absolute_url",  // Jekyll, Twig, Hugo
    ]

    /// The did-you-mean of an unknown filter: its synonym among `known` (`upcase` → `upper`), else
    /// the filter it is a slip of.
    static func filter(_ name: String, in known: [String]) -> String {
        if let synonym = filterSynonyms[name], known.contains(synonym) { return ": did you mean '\(synonym)'?" }
        return didYouMean(name, in: known)
    }
}

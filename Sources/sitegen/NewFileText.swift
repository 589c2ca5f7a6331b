import Foundation

/// The text `sitegen new` writes: front-matter, then a body skeleton the editor replaces, and
/// the small parsers and YAML writers it needs.
enum NewFileText {
    /// A file of front-matter keys (each value already YAML) and a body.
    static func file(_ keys: [(String, String)], body: String) -> String {
        (["---"] + keys.map { "\($0.0): \($0.1)" } + ["---", "", body]).joined(separator: "\n")
    }

    /// An article's skeleton: a lead paragraph, ending with an attribution to `sources` when
    /// there are any (so `sitegen check` finds each declared source cited), and one section.
    static func articleBody(sources: [String]) -> String {
        let attribution = sources.isEmpty ? "" : " (\(sources.joined(separator: "; ")))"
        return """
            Replace this lead paragraph with the story's first: what happened, who, when and where.\(attribution)

            ## Replace this section heading

            Replace this paragraph with the section's text; add sections as the story needs.

            """
    }

    /// A page's skeleton: an opening paragraph and one section.
    static let pageBody = """
        Replace this opening paragraph with what the page is for.

        ## Replace this section heading

        Replace this paragraph with the section's text; add sections as the page needs.

        """

    // MARK: - YAML

    /// The names of a comma-separated list, trimmed, empty ones dropped.
    static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A YAML double-quoted scalar: safe for any title, colon, quote or `#` included.
    static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` as it is when YAML reads it back as that string (a file name such as
    /// `crew-11.jpg` or `images/lead.png`), else double-quoted.
    static func scalar(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
        }
        let first = text.utf8.first ?? 0
        let looksLikeData = first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39)
            || ["true", "false", "yes", "no", "on", "off", "null"].contains(text.lowercased())
        return plain && !text.isEmpty && !looksLikeData ? text : yamlString(text)
    }

    // MARK: - Dates

    static func today(in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

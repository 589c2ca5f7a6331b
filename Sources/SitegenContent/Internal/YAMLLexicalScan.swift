import Yams

/// Small readings of YAML text that Yams cannot give: where an alias or a repeated key is written,
/// whether a line is indented with a tab, and a cheap upper bound of nesting before Yams recurses into it.
enum YAMLLexicalScan {
    struct Place: Equatable {
        var line: Int
        var column: Int
    }

    /// The lines of `text` as arrays of Unicode scalars (columns count scalars, as libyaml does).
    static func lines(_ text: String) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" { result.append([]) } else if scalar != "\r" { result[result.count - 1].append(scalar) }
        }
        return result
    }

    /// A tab in the leading whitespace of `line` or the line above it (libyaml may trip over it one line late).
    static func tabInIndentation(line: Int, in text: String) -> Place? {
        let all = lines(text)
        for index in [line - 1, line - 2] where index >= 0 && index < all.count {
            for (offset, scalar) in all[index].enumerated() {
                if scalar == "\t" { return Place(line: index + 1, column: offset + 1) }
                if scalar != " " { break }
            }
        }
        return nil
    }

    /// Where `*name` is first written.
    static func firstAlias(named name: String, in text: String) -> Place? {
        let needle = Array(("*" + name).unicodeScalars)
        for (index, line) in lines(text).enumerated() where line.count >= needle.count {
            for start in 0...(line.count - needle.count) where Array(line[start..<start + needle.count]) == needle {
                let end = start + needle.count
                if end == line.count || !Anchor.is_cyamlAlpha(String(line[end])) {
                    return Place(line: index + 1, column: start + 1)
                }
            }
        }
        return nil
    }

    /// The next line below `first` that sets `key` at the same column, within the same block mapping.
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> Place? {
        let all = lines(text)
        let column = first.column - 1
        let keyScalars = Array(key.unicodeScalars)
        var index = first.line
        while index < all.count {
            let line = all[index]
            index += 1
            let indent = line.prefix(while: { $0 == " " }).count
            if indent == line.count || line[indent] == "#" { continue }
            if indent < column { return nil }
            guard indent == column, line.count >= column + keyScalars.count,
                  Array(line[column..<column + keyScalars.count]) == keyScalars else { continue }
            let rest = line[(column + keyScalars.count)...].drop(while: { $0 == " " })
            if rest.first == ":" { return Place(line: index, column: column + 1) }
        }
        return nil
    }

    /// What the pre-scan refuses before Yams composes the text.
    enum Refusal: Equatable {
        /// Nesting may exceed the limit here.
        case tooDeep
        /// A key that is not a plain scalar (`? `, `[a]: `, `*a : `). Yams hashes keys to find duplicates;
        /// an alias or collection key can expand exponentially during that hashing, before any check of ours.
        case complexKey
    }

    /// The first thing the pre-scan refuses: nesting past `limit` (indentation, leading `- `/`? ` and open flow
    /// brackets add up, which overestimates: fine for a bound far above real front-matter), or a key that is
    /// not a plain name. Quoted text, comments and block scalars (`|`, `>`) are skipped.
    static func firstRefusal(depthLimit limit: Int, in text: String) -> (Place, Refusal)? {
        var flowDepth = 0
        var blockScalarIndent: Int?
        for (index, line) in lines(text).enumerated() {
            var column = 0
            var blockDepth = 0
            while column < line.count, line[column] == " " { column += 1; blockDepth += 1 }
            if let parent = blockScalarIndent {
                if column == line.count || column > parent { continue }
                blockScalarIndent = nil
            }
            let lineIndent = column
            while column < line.count, line[column] == "-" || line[column] == "?",
                  column + 1 == line.count || line[column + 1] == " " {
                if line[column] == "?" { return (Place(line: index + 1, column: column + 1), .complexKey) }
                column += 2
                blockDepth += 1
            }
            if blockDepth + flowDepth > limit { return (Place(line: index + 1, column: column + 1), .tooDeep) }
            var quote: Unicode.Scalar?
            var previous: Unicode.Scalar = " "
            var lastSignificant: Unicode.Scalar = " "
            while column < line.count {
                let c = line[column]
                let next: Unicode.Scalar = column + 1 < line.count ? line[column + 1] : " "
                if let q = quote {
                    if c == "\\" && q == "\"" { column += 1 } else if c == q { quote = nil }
                } else if c == "#" && (previous == " " || previous == "\t") {
                    break
                } else if (c == "'" || c == "\"") && " \t[{,:-?".unicodeScalars.contains(previous) {
                    quote = c
                } else if c == "[" || c == "{" {
                    flowDepth += 1
                    if blockDepth + flowDepth > limit { return (Place(line: index + 1, column: column + 1), .tooDeep) }
                } else if c == "]" || c == "}" {
                    flowDepth = max(0, flowDepth - 1)
                    if Self.isFollowedByValueIndicator(line, after: column) {
                        return (Place(line: index + 1, column: column + 1), .complexKey)
                    }
                } else if c == "?" && flowDepth > 0 && (next == " " || next == "\t") && "[{,".unicodeScalars.contains(lastSignificant) {
                    return (Place(line: index + 1, column: column + 1), .complexKey)
                } else if c == "*" && " \t[{,".unicodeScalars.contains(previous) {
                    var end = column + 1
                    while end < line.count, Anchor.is_cyamlAlpha(String(line[end])) { end += 1 }
                    if end > column + 1, Self.isFollowedByValueIndicator(line, after: end - 1) {
                        return (Place(line: index + 1, column: column + 1), .complexKey)
                    }
                }
                if c != " " && c != "\t" { lastSignificant = c }
                previous = c
                column += 1
            }
            if quote == nil, Self.endsWithBlockScalarIndicator(line) { blockScalarIndent = lineIndent }
        }
        return nil
    }

    /// Whether spaces then `:` and a space, a flow indicator or the end of the line follow `column`.
    private static func isFollowedByValueIndicator(_ line: [Unicode.Scalar], after column: Int) -> Bool {
        var i = column + 1
        while i < line.count, line[i] == " " { i += 1 }
        guard i < line.count, line[i] == ":" else { return false }
        return i + 1 == line.count || " \t,]}".unicodeScalars.contains(line[i + 1])
    }

    /// Whether a line ends with `|` or `>` and optional chomping and indentation indicators (and a comment).
    private static func endsWithBlockScalarIndicator(_ line: [Unicode.Scalar]) -> Bool {
        var end = line.count
        if let hash = line.indices.first(where: { line[$0] == "#" && ($0 == 0 || line[$0 - 1] == " ") }) { end = hash }
        var i = end - 1
        while i >= 0, line[i] == " " || line[i] == "\t" { i -= 1 }
        while i >= 0, line[i] == "-" || line[i] == "+" || (line[i].value >= 0x31 && line[i].value <= 0x39) { i -= 1 }
        guard i >= 0, line[i] == "|" || line[i] == ">" else { return false }
        return i == 0 || line[i - 1] == " "
    }
}

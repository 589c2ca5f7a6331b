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

    /// The first place where nesting may exceed `limit`: indentation, leading `- `/`? ` and open flow
    /// brackets all add up. This overestimates, which is fine for a bound far above any real front-matter.
    static func firstPlaceDeeperThan(_ limit: Int, in text: String) -> Place? {
        var flowDepth = 0
        for (index, line) in lines(text).enumerated() {
            var column = 0
            var blockDepth = 0
            while column < line.count, line[column] == " " { column += 1; blockDepth += 1 }
            while column + 1 < line.count, line[column] == "-" || line[column] == "?", line[column + 1] == " " {
                column += 2
                blockDepth += 1
            }
            if blockDepth + flowDepth > limit { return Place(line: index + 1, column: column + 1) }
            var quote: Unicode.Scalar?
            var previous: Unicode.Scalar = " "
            while column < line.count {
                let c = line[column]
                if let q = quote {
                    if c == "\\" && q == "\"" { column += 1 } else if c == q { quote = nil }
                } else if c == "#" && (previous == " " || previous == "\t") {
                    break
                } else if (c == "'" || c == "\"") && " \t[{,:-?".unicodeScalars.contains(previous) {
                    quote = c
                } else if c == "[" || c == "{" {
                    flowDepth += 1
                    if blockDepth + flowDepth > limit { return Place(line: index + 1, column: column + 1) }
                } else if c == "]" || c == "}" {
                    flowDepth = max(0, flowDepth - 1)
                }
                previous = c
                column += 1
            }
        }
        return nil
    }
}

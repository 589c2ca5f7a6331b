/// The commonest slips an editor makes in front-matter, recognised from libyaml's error and the text,
/// so the message names the line to fix and how: a colon inside an unquoted value, a key without
/// its colon, a quote that never closes, a list item without a space after `-`.
///
/// libyaml reports where it gave up, which is often a line or more after the slip; each rule
/// here moves the position back to the line the editor must change.
enum YAMLHints {
    struct Hint: Equatable {
        var message: String
        var place: YAMLLexicalScan.Place
    }

    /// What libyaml said: its problem, the context it was in (with the context's place), and where.
    struct Failure {
        var problem: String
        var context: String?
        var contextPlace: YAMLLexicalScan.Place?
        var place: YAMLLexicalScan.Place
    }

    /// A hint for the failure, or nil; `lineOffset` turns a line of `text` into a line of its file.
    static func hint(for failure: Failure, in text: String, lineOffset: Int = 0) -> Hint? {
        let lines = YAMLLexicalScan.lines(text)
        if let quote = unclosedQuote(for: failure, lines: lines, lineOffset: lineOffset) { return quote }
        if let flow = unclosedFlow(for: failure, lineOffset: lineOffset) { return flow }
        if let apostrophe = apostropheInSingleQuotes(line: failure.place.line, lines: lines) { return apostrophe }
        for place in [failure.contextPlace, failure.place].compactMap({ $0 }) {
            if let item = listItemWithoutSpace(line: place.line, lines: lines) { return item }
        }
        if failure.context == "while scanning a simple key", failure.problem == "could not find expected ':'",
           let key = failure.contextPlace, let hint = missingColon(at: key, lines: lines) {
            return hint
        }
        if failure.problem == "mapping values are not allowed in this context",
           let hint = colonInValue(at: failure.place, lines: lines) {
            return hint
        }
        return nil
    }

    // MARK: - The rules

    /// `title: Mayor: we will rebuild` → quote the value.
    private static func colonInValue(at place: YAMLLexicalScan.Place, lines: [[Unicode.Scalar]]) -> Hint? {
        guard let line = line(place.line, of: lines), let (key, value) = keyAndPlainValue(line) else { return nil }
        return Hint(
            message: "a colon followed by a space inside a value: put the value in quotes: \(key): \(quoted(value))",
            place: place)
    }

    /// `author Jane Doe` → add the colon; libyaml notices only on the next line.
    private static func missingColon(at place: YAMLLexicalScan.Place, lines: [[Unicode.Scalar]]) -> Hint? {
        guard let line = line(place.line, of: lines) else { return nil }
        let text = String(String.UnicodeScalarView(line.dropFirst(place.column - 1)))
        let trimmed = text.drop(while: { $0 == " " })
        guard let space = trimmed.firstIndex(of: " ") else {
            return Hint(message: "'\(trimmed)' has no ':' after it: write '\(trimmed): value'", place: place)
        }
        let key = trimmed[..<space], value = trimmed[space...].drop(while: { $0 == " " })
        return Hint(message: "missing ':' after the key '\(key)': write '\(key): \(value)'", place: place)
    }

    /// `-NASA` under `topics:` → `- NASA`.
    private static func listItemWithoutSpace(line number: Int, lines: [[Unicode.Scalar]]) -> Hint? {
        guard let line = line(number, of: lines) else { return nil }
        let indent = line.prefix(while: { $0 == " " }).count
        guard let item = itemWithoutSpace(line.dropFirst(indent)) else { return nil }
        return Hint(
            message: "a list item needs a space after '-': write '- \(item)'",
            place: YAMLLexicalScan.Place(line: number, column: indent + 1))
    }

    /// The item of `-NASA` (not `---`, `-5` or `-.5`, which mean other things), or nil.
    static func itemWithoutSpace<S: Collection<Unicode.Scalar>>(_ text: S) -> String? {
        guard text.first == "-", let second = text.dropFirst().first else { return nil }
        if second == " " || second == "\t" || second == "-" || second == "." || second.properties.numericType != nil {
            return nil
        }
        return String(String.UnicodeScalarView(text.dropFirst()))
    }

    /// A quote that never closes, or closes only on a later line, where libyaml then trips.
    private static func unclosedQuote(for failure: Failure, lines: [[Unicode.Scalar]], lineOffset: Int) -> Hint? {
        let spans = quotedSpans(lines)
        if failure.context == "while scanning a quoted scalar", let open = failure.contextPlace {
            let mark = spans.first { $0.open == open }?.mark ?? "\""
            return Hint(message: "this value opens with \(mark) but never closes: end it with \(mark) on this line", place: open)
        }
        guard let span = spans.last(where: {
            $0.open.line < failure.place.line && ($0.close?.line ?? Int.max) >= failure.place.line
        }) else { return nil }
        return Hint(
            message: "this value opens with \(span.mark) but does not close on this line, so YAML reads on "
                + "to line \(failure.place.line + lineOffset): end it with \(span.mark) on this line",
            place: span.open)
    }

    /// `topics: [NASA, SpaceX` with no `]`: libyaml trips on the next line; the list opened here.
    private static func unclosedFlow(for failure: Failure, lineOffset: Int) -> Hint? {
        let kinds = ["while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")]
        guard let context = failure.context, let (open, close) = kinds[context], let start = failure.contextPlace,
              start.line < failure.place.line, failure.problem.hasPrefix("did not find expected ','") else { return nil }
        return Hint(
            message: "this opens with '\(open)' but does not close on this line, so YAML reads on to line "
                + "\(failure.place.line + lineOffset): end it with '\(close)' on this line",
            place: start)
    }

    /// `title: 'Mayor's office'`: the apostrophe ends the value, and libyaml trips on the rest.
    private static func apostropheInSingleQuotes(line number: Int, lines: [[Unicode.Scalar]]) -> Hint? {
        guard let line = line(number, of: lines),
              let open = line.indices.first(where: { line[$0] == "'" && ($0 == 0 || quoteOpeners.contains(line[$0 - 1])) })
        else { return nil }
        var i = open + 1
        while i < line.count {
            if line[i] == "'" {
                if i + 1 < line.count, line[i + 1] == "'" { i += 2; continue }
                guard i + 1 < line.count, line[i + 1].properties.isAlphabetic,
                      let last = line.lastIndex(of: "'"), last > i else { return nil }
                let value = String(String.UnicodeScalarView(line[(open + 1)..<last]))
                return Hint(
                    message: "an apostrophe ends a value in single quotes: write it twice, "
                        + "'\(value.replacingOccurrences(of: "'", with: "''"))', or use double quotes, \(quoted(value))",
                    place: YAMLLexicalScan.Place(line: number, column: open + 1))
            }
            i += 1
        }
        return nil
    }

    // MARK: - Reading lines

    /// What a quote may follow to open a quoted value: white space, a flow indicator, `:` or `-`.
    static let quoteOpeners = Set(" \t[\u{7B},:-".unicodeScalars)

    struct QuotedSpan {
        var mark: Unicode.Scalar
        var open: YAMLLexicalScan.Place
        var close: YAMLLexicalScan.Place?
    }

    /// The quoted values that span more than one line, as libyaml reads them: a quote opens after
    /// white space or a flow indicator; `\"` and `''` do not close one. Comments are skipped.
    static func quotedSpans(_ lines: [[Unicode.Scalar]]) -> [QuotedSpan] {
        var spans: [QuotedSpan] = []
        var open: QuotedSpan?
        for (index, line) in lines.enumerated() {
            var column = 0
            var previous: Unicode.Scalar = " "
            while column < line.count {
                let c = line[column]
                if let span = open {
                    if c == "\\" && span.mark == "\"" {
                        column += 1
                    } else if c == "'" && span.mark == "'" && column + 1 < line.count && line[column + 1] == "'" {
                        column += 1
                    } else if c == span.mark {
                        if span.open.line != index + 1 {
                            spans.append(QuotedSpan(mark: c, open: span.open, close: .init(line: index + 1, column: column + 1)))
                        }
                        open = nil
                    }
                } else if c == "#" && (previous == " " || previous == "\t") {
                    break
                } else if (c == "'" || c == "\"") && (quoteOpeners.contains(previous) || previous == "?") {
                    open = QuotedSpan(mark: c, open: .init(line: index + 1, column: column + 1))
                }
                previous = c
                column += 1
            }
        }
        if let open { spans.append(open) }
        return spans
    }

    private static func line(_ number: Int, of lines: [[Unicode.Scalar]]) -> [Unicode.Scalar]? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// `key: value` where the value is written plain (no quote, bracket or block indicator first).
    private static func keyAndPlainValue(_ line: [Unicode.Scalar]) -> (String, String)? {
        var text = String(String.UnicodeScalarView(line))
        text = String(text.drop(while: { $0 == " " }))
        if text.hasPrefix("- ") { text = String(text.dropFirst(2)) }
        guard let colon = text.range(of: ": ") else { return nil }
        let key = String(text[..<colon.lowerBound])
        var value = String(text[colon.upperBound...]).trimmingSpaces()
        if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]).trimmingSpaces() }
        guard !key.isEmpty, !key.contains(" "), let first = value.first, !"\"'[{|>&*!%@`".contains(first) else {
            return nil
        }
        return (key, value)
    }

    /// A YAML double-quoted scalar, or single-quoted when the value has double quotes in it.
    static func quoted(_ value: String) -> String {
        if value.contains("\"") && !value.contains("'") { return "'\(value)'" }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

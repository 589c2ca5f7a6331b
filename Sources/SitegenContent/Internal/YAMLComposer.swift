import SitegenSupport
import Yams

/// A block of YAML inside a file, and where its first line sits in that file.
struct YAMLSource {
    var text: String
    var path: String
    /// The 1-based file line of the text's first line.
    var firstLine: Int

    /// The file position of a Yams mark (Yams counts lines within `text`).
    func position(_ mark: Mark?) -> SourcePosition {
        guard let mark else { return SourcePosition(path: path, line: firstLine, column: 1) }
        return position(line: mark.line, column: mark.column)
    }

    /// The file position of a 1-based line and column within `text`.
    func position(line: Int, column: Int) -> SourcePosition {
        SourcePosition(path: path, line: firstLine + line - 1, column: column)
    }
}

/// Composes YAML to a Yams node tree, turning every Yams error into a diagnostic at its file position,
/// and refusing what would make later stages slow or crash: aliases (the "billion laughs") and deep nesting.
enum YAMLComposer {
    /// The deepest nesting of lists and maps accepted.
    static let maxDepth = 64
    /// A cheap textual bound checked before Yams sees the text, whose composer recurses once per level.
    static let maxEstimatedDepth = 256

    /// The root node, or nil for an empty document.
    static func compose(_ source: YAMLSource) throws(DiagnosticsError) -> Node? {
        if let (place, refusal) = YAMLLexicalScan.firstRefusal(depthLimit: maxEstimatedDepth, in: source.text) {
            let position = source.position(line: place.line, column: place.column)
            switch refusal {
            case .tooDeep:
                throw DiagnosticsError([.error("YAML nests deeper than \(maxDepth) levels", at: position)])
            case .complexKey:
                throw DiagnosticsError([.error(
                    "keys must be plain names: lists, maps, aliases and '? ' keys are not supported here", at: position)])
            }
        }
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: source.text, resolver: .basic, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw DiagnosticsError([diagnostic(for: error, in: source)])
        } catch {
            throw DiagnosticsError([.error("invalid YAML: \(error)", at: source.position(nil))])
        }
        guard let root else { return nil }
        var anchors = Set<ObjectIdentifier>()
        try withExtendedLifetime(parser) { () throws(DiagnosticsError) in
            try check(root, depth: 0, anchors: &anchors, in: source)
        }
        return root
    }

    // MARK: - Aliases and depth

    /// Anchors live as long as the parser; a node whose anchor was met before is the copy an alias made.
    private static func check(
        _ node: Node, depth: Int, anchors: inout Set<ObjectIdentifier>, in source: YAMLSource
    ) throws(DiagnosticsError) {
        if depth > maxDepth {
            throw DiagnosticsError([.error("YAML nests deeper than \(maxDepth) levels", at: source.position(node.mark))])
        }
        if let anchor = node.anchor, !anchors.insert(ObjectIdentifier(anchor)).inserted {
            let place = YAMLLexicalScan.firstAlias(named: anchor.rawValue, in: source.text)
            let position = place.map { source.position(line: $0.line, column: $0.column) } ?? source.position(node.mark)
            throw DiagnosticsError([.error(
                "YAML aliases such as '*\(anchor.rawValue)' are not supported here; write the value out in full",
                at: position)])
        }
        switch node {
        case .scalar, .alias: break
        case .sequence(let sequence):
            for child in sequence { try check(child, depth: depth + 1, anchors: &anchors, in: source) }
        case .mapping(let mapping):
            for (key, value) in mapping {
                try check(key, depth: depth + 1, anchors: &anchors, in: source)
                try check(value, depth: depth + 1, anchors: &anchors, in: source)
            }
        }
    }

    // MARK: - Yams errors

    private static func diagnostic(for error: YamlError, in source: YAMLSource) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if let tab = YAMLLexicalScan.tabInIndentation(line: mark.line, in: source.text) {
                return .error(
                    "tab character used for indentation: YAML indents with spaces only",
                    at: source.position(line: tab.line, column: tab.column))
            }
            let failure = YAMLHints.Failure(
                problem: problem, context: context?.text,
                contextPlace: context.map { .init(line: $0.mark.line, column: $0.mark.column) },
                place: .init(line: mark.line, column: mark.column))
            if let hint = YAMLHints.hint(for: failure, in: source.text, lineOffset: source.firstLine - 1) {
                return .error(
                    "invalid YAML: " + hint.message, at: source.position(line: hint.place.line, column: hint.place.column))
            }
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " \(context.text) at line \(source.position(context.mark).line)"
            }
            return .error(message, at: source.position(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKey(duplicates.first ?? "?", firstMark: context.mark, in: source)
        case .reader(let problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: source.position(nil))
        default:
            return .error("invalid YAML: \(error)", at: source.position(nil))
        }
    }

    /// Yams names the first occurrence only; the error belongs on the second, found by reading the lines below.
    private static func duplicateKey(_ key: String, firstMark: Mark, in source: YAMLSource) -> Diagnostic {
        if let second = YAMLLexicalScan.repeatedKey(key, after: firstMark, in: source.text) {
            return .error(
                "duplicate key '\(key)': it is already set on line \(source.position(firstMark).line); keep one of them",
                at: source.position(line: second.line, column: second.column))
        }
        return .error("duplicate key '\(key)' in this mapping; keep one of them", at: source.position(firstMark))
    }
}

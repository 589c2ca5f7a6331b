import Foundation
import SitegenSupport
import Yams

/// Typed reads of Yams nodes that report every mismatch at the value's file position.
struct NodeReader {
    let source: YAMLSource
    let timeZone: TimeZone
    var diagnostics: [Diagnostic] = []

    init(source: YAMLSource, timeZone: TimeZone) {
        self.source = source
        self.timeZone = timeZone
    }

    func position(_ node: Node) -> SourcePosition { source.position(node.mark) }

    mutating func error(_ message: String, at node: Node) {
        diagnostics.append(.error(message, at: position(node)))
    }

    /// The pairs of a mapping with string keys; a non-string key is reported and skipped.
    mutating func pairs(_ mapping: Node.Mapping) -> [(key: String, keyNode: Node, value: Node)] {
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error("keys must be plain names, not \(Self.describe(key))", at: key)
                continue
            }
            result.append((scalar.string, key, value))
        }
        return result
    }

    // MARK: - Scalars

    /// Whether a scalar was written without quotes, so that `true`, `3` or `~` mean what YAML says they mean.
    static func isPlain(_ scalar: Node.Scalar) -> Bool { scalar.style == .plain || scalar.style == .any }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, isPlain(scalar) else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A few words naming what kind of value a node is, for "must be a string, not …".
    static func describe(_ node: Node) -> String {
        switch node {
        case .sequence: return "a list"
        case .mapping: return "a map"
        case .alias: return "an alias"
        case .scalar(let scalar):
            guard isPlain(scalar) else { return "a string" }
            switch resolve(scalar.string, in: TimeZone(secondsFromGMT: 0)!) {
            case .null: return "empty"
            case .bool: return "a boolean"
            case .int, .double: return "a number"
            case .date: return "a date"
            default: return "a string"
            }
        }
    }

    /// A string value; anything else is reported (`'summary' must be a string, not a list`).
    mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("'\(key)' must be a string, not \(Self.describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        if case .scalar(let scalar) = node, Self.isPlain(scalar),
           case .bool(let value) = Self.resolve(scalar.string, in: timeZone) {
            return value
        }
        error("'\(key)' must be true or false, not \(Self.describe(node))" + Self.boolHint(node, key: key), at: node)
        return nil
    }

    /// The fix for a yes/no word (YAML 1.1's booleans, text in YAML 1.2) or a quoted `"true"`.
    static func boolHint(_ node: Node, key: String) -> String {
        guard case .scalar(let scalar) = node else { return "" }
        let word = scalar.string.trimmingCharacters(in: .whitespaces).lowercased()
        let value: Bool? = switch word {
        case "yes", "y", "on", "true": true
        case "no", "n", "off", "false": false
        default: nil
        }
        guard let value else { return "" }
        let quoted = !isPlain(scalar) ? " (without quotes)" : ""
        return ": write '\(key): \(value)'\(quoted)"
    }

    mutating func int(_ node: Node, key: String) -> Int? {
        if case .scalar(let scalar) = node, Self.isPlain(scalar),
           case .int(let value) = Self.resolve(scalar.string, in: timeZone) {
            return value
        }
        error("'\(key)' must be a whole number, not \(Self.describe(node))", at: node)
        return nil
    }

    /// `'topics' must be a list …`, with the fix when the value is list items written without a space (`-NASA`).
    mutating func notAList(_ node: Node, key: String, example: String) {
        if case .scalar(let scalar) = node, Self.isPlain(scalar),
           let item = YAMLHints.itemWithoutSpace(scalar.string.unicodeScalars.prefix(while: { $0 != " " })) {
            error("'\(key)' must be a list, and a list item needs a space after '-': write '- \(item)'", at: node)
            return
        }
        error("'\(key)' must be a list of strings, like \(example)", at: node)
    }

    /// A key of a settings map (`images:`, `image:`) that is not one of `known`: there, every key is
    /// sitegen's, so any other is an error, with the key it is a slip of.
    mutating func unknownKey(_ key: String, at keyNode: Node, in map: String, known: [String]) {
        let near = Typos.knownKey(near: key, in: known)
        error("unknown key '\(key)' in '\(map)'" + (near.map { ": did you mean '\($0)'?" } ?? "")
            + " (the keys are \(known.joined(separator: ", ")))", at: keyNode)
    }

    /// `image: crew.jpg`, or `{src: crew.jpg, alt: "…", caption: "…", credit: "…", focus: [0.5, 0.3]}`.
    mutating func leadImage(_ node: Node) -> LeadImage? {
        if case .scalar = node {
            guard let src = string(node, key: "image"), !src.isEmpty else { return nil }
            return LeadImage(src: src, position: position(node))
        }
        guard case .mapping(let mapping) = node else {
            error("'image' must be a file name, like crew.jpg, or {src: crew.jpg, alt: \"…\"}, not \(Self.describe(node))", at: node)
            return nil
        }
        var image = LeadImage(src: "", position: position(node))
        for (key, keyNode, value) in pairs(mapping) {
            switch key {
            case "src":
                image.src = string(value, key: "image: src") ?? ""
                image.position = position(value)
            case "alt": image.alt = string(value, key: "image: alt")
            case "caption": image.caption = string(value, key: "image: caption")
            case "credit": image.credit = string(value, key: "image: credit")
            case "focus":
                guard case .sequence(let items) = value, items.count == 2,
                      let x = fraction(items[0]), let y = fraction(items[1]) else {
                    error("'focus' must be two fractions of the width and height, like [0.5, 0.3] (the subject's place)", at: value)
                    continue
                }
                image.focus = LeadImage.FocusPoint(x: x, y: y)
            default:
                unknownKey(key, at: keyNode, in: "image", known: LeadImage.keys)
            }
        }
        guard !image.src.isEmpty else {
            error("'image' needs 'src:', the file: {src: crew.jpg, alt: \"…\"}", at: node)
            return nil
        }
        return image
    }

    /// A number from 0 to 1.
    private func fraction(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node, Self.isPlain(scalar) else { return nil }
        switch Self.resolve(scalar.string, in: timeZone) {
        case .int(let i) where (0...1).contains(i): return Double(i)
        case .double(let d) where (0...1).contains(d): return d
        default: return nil
        }
    }

    /// A list of strings; null is the empty list.
    mutating func strings(_ node: Node, key: String, example: String) -> [String]? {
        if Self.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            notAList(node, key: key, example: example)
            return nil
        }
        var result: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !Self.isNull(item) else {
                error("each of '\(key)' must be a string, not \(Self.describe(item))", at: item)
                continue
            }
            result.append(scalar.string)
        }
        return result
    }

    /// A date or date-time; the instant and the text as written.
    mutating func date(_ node: Node, key: String) -> (date: Date, text: String)? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            error("'\(key)' must be a date such as 2025-07-31, not \(Self.describe(node))", at: node)
            return nil
        }
        do {
            return (try ContentDate.parse(scalar.string, in: timeZone), scalar.string)
        } catch {
            self.error("invalid date '\(scalar.string)': \(error.reason)", at: node)
            return nil
        }
    }

    // MARK: - Neutral values

    /// Any node as a `ParamValue`: plain scalars are typed as YAML 1.2 reads them, quoted ones are strings.
    mutating func param(_ node: Node) -> ParamValue {
        switch node {
        case .scalar(let scalar):
            return Self.isPlain(scalar) ? Self.resolve(scalar.string, in: timeZone) : .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map { param($0) })
        case .mapping(let mapping):
            var map: [String: ParamValue] = [:]
            for pair in pairs(mapping) { map[pair.key] = param(pair.value) }
            return .map(map)
        case .alias:
            return .null
        }
    }

    /// The YAML 1.2 core schema, and dates in this stage's own strict form.
    static func resolve(_ text: String, in timeZone: TimeZone) -> ParamValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) else { return .string(text) }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return .int(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return .int(value) }
        if bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }),
           let value = Int(text) {
            return .int(value)
        }
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), let date = try? ContentDate.parse(text, in: timeZone) {
            return .date(date, text: text)
        }
        if bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ".-+eE".utf8.contains($0) }), let value = Double(text) {
            return .double(value)
        }
        return .string(text)
    }
}

extension NodeReader {
    /// A key front-matter or site.yml does not know: a parameter of the site's own, or, when it
    /// is a slip of one of `known` (`Typos.knownKey`), an error at the key naming the key meant.
    mutating func parameter(_ key: String, _ keyNode: Node, _ value: Node, known: [String], into params: inout [String: ParamValue]) {
        if let near = Typos.knownKey(near: key, in: known) {
            error("unknown key '\(key)': did you mean '\(near)'? (a parameter of your own with that name goes under 'params:')", at: keyNode)
        } else {
            params[key] = param(value)
        }
    }

    /// `params:`, a mapping of parameters of one's own (where a name close to a known key goes).
    mutating func params(_ value: Node, into params: inout [String: ParamValue]) {
        if NodeReader.isNull(value) { return }
        guard case .mapping(let mapping) = value else {
            error("'params' must map names to values, like {kicker: Breaking}, not \(NodeReader.describe(value))", at: value)
            return
        }
        for pair in pairs(mapping) { params[pair.key] = param(pair.value) }
    }
}

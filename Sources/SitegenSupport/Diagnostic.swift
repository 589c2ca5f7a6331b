/// A place in a source file: a path as the user wrote it, and a 1-based line and column.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One problem found in the user's input, reported as `path:line:column: severity: message`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var position: SourcePosition
    public var severity: Severity
    public var message: String
    /// Extra lines printed under the diagnostic (a source excerpt with a caret, a hint).
    public var notes: [String]

    public init(_ severity: Severity = .error, at position: SourcePosition, _ message: String, notes: [String] = []) {
        self.position = position
        self.severity = severity
        self.message = message
        self.notes = notes
    }

    public static func error(_ message: String, at position: SourcePosition, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, at: position, message, notes: notes)
    }

    public static func warning(_ message: String, at position: SourcePosition, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, at: position, message, notes: notes)
    }

    /// The one-line form: `path:line:column: error: message`.
    public var description: String { "\(position): \(severity.rawValue): \(message)" }

    /// The one-line form followed by any notes, each on its own line.
    public var rendered: String { ([description] + notes).joined(separator: "\n") }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.position, a.severity, a.message) < (b.position, b.severity, b.message)
    }
}

/// Every problem a stage found, thrown together so that all of them are reported at once.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    public var description: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}

extension Diagnostic {
    /// The same diagnostic with other notes.
    /// What a problem met on many pages adds to its message: ` (on /)`, ` (on 9 pages, such as /)`.
    public static func onPages(_ count: Int, first: String) -> String {
        count == 1 ? " (on \(first))" : " (on \(count) pages, such as \(first))"
    }

    /// The same problem as an error (a warning under `--strict`).
    public var asError: Diagnostic {
        var d = self
        d.severity = .error
        return d
    }

    public func with(notes: [String]) -> Diagnostic {
        var copy = self
        copy.notes = notes
        return copy
    }
}

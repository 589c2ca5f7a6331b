/// One problem in a template, at `path:line:column`, with the offending line and a caret.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template's path as the loader shows it, e.g. `Templates/partials/nav.html`.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int
    /// What went wrong, e.g. `unknown filter 'nope'`.
    public var message: String
    /// The source line and a caret under the column: `["  12 | {{ foo | nope }}", "     |          ^"]`.
    public var excerpt: [String]

    /// Makes an error, cutting the excerpt from `source`.
    public init(path: String, line: Int, column: Int, message: String, source: String?) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.excerpt = source.map { TemplateError.excerpt(of: $0, line: line, column: column) } ?? []
    }

    /// `path:line:column: message` followed by the excerpt.
    public var description: String {
        ([("\(path):\(line):\(column): \(message)")] + excerpt).joined(separator: "\n")
    }

    static func excerpt(of source: String, line: Int, column: Int) -> [String] {
        var current = 1
        var text: Substring?
        for candidate in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line { text = candidate; break }
            current += 1
        }
        guard var lineText = text else { return [] }
        if lineText.hasSuffix("\r") { lineText = lineText.dropLast() }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count + 2)
        var caret = ""
        for (i, scalar) in lineText.unicodeScalars.enumerated() where i < column - 1 {
            caret.append(scalar == "\t" ? "\t" : " ")
        }
        let pad = max(0, column - 1 - lineText.unicodeScalars.count)
        caret += String(repeating: " ", count: pad)
        return ["  \(number) | \(lineText)", "\(gutter) | \(caret)^"]
    }
}

/// Everything wrong with a set of templates, found while loading them, sorted by position.
public struct TemplateLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem, sorted by path, line and column.
    public var errors: [TemplateError]
    public init(errors: [TemplateError]) {
        self.errors = errors.sorted { ($0.path, $0.line, $0.column, $0.message) < ($1.path, $1.line, $1.column, $1.message) }
    }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A problem met while rendering, with the chain of includes and extends that led to it.
public struct TemplateRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var error: TemplateError
    /// How rendering got there, innermost first, e.g. `included from Templates/base.html:4:3`.
    public var trace: [String]

    public init(error: TemplateError, trace: [String] = []) {
        self.error = error
        self.trace = trace
    }

    public var path: String { error.path }
    public var line: Int { error.line }
    public var column: Int { error.column }
    public var message: String { error.message }
    public var description: String { ([error.description] + trace.map { "  " + $0 }).joined(separator: "\n") }
}

/// The error a filter throws; the renderer adds the position.
public struct FilterError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

import SitegenSupport

/// A content file cut in two: the YAML between the `---` lines, and the Markdown body after them.
public struct SplitDocument: Sendable, Hashable {
    /// The YAML text, without the `---` lines.
    public var yaml: String
    /// The 1-based line of the file on which `yaml` starts.
    public var yamlLine: Int
    public var body: String
    /// The 1-based line of the file on which `body` starts.
    public var bodyLine: Int
}

/// Splits a content file into front-matter and body with a cursor over its UTF-8 bytes.
///
/// Accepts an optional UTF-8 byte-order mark, LF or CRLF line ends, and trailing spaces after either `---`.
public enum FrontMatterSplitter {
    static let howTo = "the file must start with a line '---', then YAML keys such as 'title:' and 'date:', then a line '---'"

    /// Splits `bytes`, read from `path`; throws every problem as a `DiagnosticsError`.
    public static func split(_ bytes: [UInt8], path: String) throws(DiagnosticsError) -> SplitDocument {
        let start = SourcePosition(path: path, line: 1, column: 1)
        if bytes.isEmpty {
            throw DiagnosticsError([.error("empty file: \(howTo)", at: start)])
        }
        if let bad = UTF8Validator.firstInvalidByte(in: bytes) {
            throw DiagnosticsError([UTF8Validator.diagnostic(for: bad, in: bytes, path: path)])
        }
        var cursor = ByteCursor(bytes)
        cursor.skipByteOrderMark()
        guard cursor.readFenceLine() else {
            throw DiagnosticsError([.error("no front-matter: \(howTo)", at: start)])
        }
        let yamlStart = cursor.offset
        let yamlLine = cursor.line
        while !cursor.isAtEnd {
            let lineStart = cursor.offset
            let line = cursor.line
            if cursor.readFenceLine() {
                return SplitDocument(
                    yaml: String(decoding: bytes[yamlStart..<lineStart], as: UTF8.self),
                    yamlLine: yamlLine,
                    body: String(decoding: bytes[cursor.offset...], as: UTF8.self),
                    bodyLine: line + 1
                )
            }
            cursor.skipLine()
        }
        throw DiagnosticsError([.error(
            "unclosed front-matter: add a line '---' after the last YAML key, before the Markdown text", at: start)])
    }
}

/// A position in a byte buffer that knows its line; copying it is backtracking.
struct ByteCursor {
    let bytes: [UInt8]
    private(set) var offset = 0
    private(set) var line = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    /// Reads `---`, trailing spaces or tabs, and the line end (or the end of input); rewinds if the line is anything else.
    mutating func readFenceLine() -> Bool {
        var copy = self
        for _ in 0..<3 {
            guard copy.peek == UInt8(ascii: "-") else { return false }
            copy.offset += 1
        }
        while copy.peek == UInt8(ascii: " ") || copy.peek == UInt8(ascii: "\t") { copy.offset += 1 }
        guard copy.readLineEnd() else { return false }
        self = copy
        return true
    }

    /// Moves past the rest of this line and its line end.
    mutating func skipLine() {
        while let b = peek, b != UInt8(ascii: "\n") { offset += 1 }
        if !isAtEnd { offset += 1; line += 1 }
    }

    private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func readLineEnd() -> Bool {
        switch peek {
        case nil: return true
        case UInt8(ascii: "\n"):
            offset += 1; line += 1; return true
        case UInt8(ascii: "\r") where offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\n"):
            offset += 2; line += 1; return true
        default: return false
        }
    }
}

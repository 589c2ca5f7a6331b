/// Where a token or node starts: the template it belongs to and a 1-based line and column.
struct Location: Sendable, Equatable {
    var file: Int32
    var line: Int32
    var column: Int32
}

/// A token of template source. Text keeps its bytes; tags are split into expression tokens.
enum TokenKind: Sendable, Equatable {
    case text([UInt8])
    case printOpen, printClose, tagOpen, tagClose
    case name(String)
    case string(String)
    case int(Int)
    case double(Double)
    case symbol(String)
    case end
}

struct Token: Sendable, Equatable {
    var kind: TokenKind
    var location: Location
}

/// A lexing or parsing problem before it is given a path and excerpt.
struct SyntaxProblem: Error, Sendable {
    var location: Location
    var message: String
}

/// A hand-written cursor over the template's UTF-8 bytes.
struct Lexer {
    private let bytes: [UInt8]
    private let file: Int32
    private var index = 0
    private var line: Int32 = 1
    private var column: Int32 = 1
    private var tokens: [Token] = []
    private var trimNextText = false

    init(source: String, file: Int32) {
        self.bytes = Array(source.utf8)
        self.file = file
    }

    /// Splits the whole source into tokens, ending with `.end`, or stops at the first problem.
    static func tokenize(_ source: String, file: Int32 = 0) throws(SyntaxProblem) -> [Token] {
        var lexer = Lexer(source: source, file: file)
        try lexer.run()
        return lexer.tokens
    }

    private var here: Location { Location(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func advance() {
        let b = bytes[index]
        index += 1
        if b == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func advance(_ n: Int) { for _ in 0..<n { advance() } }

    private mutating func run() throws(SyntaxProblem) {
        var textStart = index
        var textLocation = here
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), let next = peek(1),
                next == UInt8(ascii: "{") || next == UInt8(ascii: "%") || next == UInt8(ascii: "#")
            else {
                advance()
                continue
            }
            let trimBefore = peek(2) == UInt8(ascii: "-")
            emitText(from: textStart, to: index, at: textLocation, trimEnd: trimBefore)
            let open = here
            advance(trimBefore ? 3 : 2)
            switch next {
            case UInt8(ascii: "#"): try skipComment(openedAt: open)
            case UInt8(ascii: "{"):
                tokens.append(Token(kind: .printOpen, location: open))
                try lexTag(closer: UInt8(ascii: "}"), openedAt: open, opener: "{{")
            default:
                tokens.append(Token(kind: .tagOpen, location: open))
                try lexTag(closer: UInt8(ascii: "%"), openedAt: open, opener: "{%")
            }
            textStart = index
            textLocation = here
        }
        emitText(from: textStart, to: index, at: textLocation, trimEnd: false)
        tokens.append(Token(kind: .end, location: here))
    }

    private mutating func emitText(from start: Int, to end: Int, at location: Location, trimEnd: Bool) {
        var lower = start
        var upper = end
        if trimNextText { while lower < upper, isSpace(bytes[lower]) { lower += 1 } }
        if trimEnd { while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 } }
        trimNextText = false
        guard lower < upper else { return }
        tokens.append(Token(kind: .text(Array(bytes[lower..<upper])), location: location))
    }

    private mutating func skipComment(openedAt open: Location) throws(SyntaxProblem) {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "#"), peek(2) == UInt8(ascii: "}") {
                advance(3)
                trimNextText = true
                return
            }
            if bytes[index] == UInt8(ascii: "#"), peek(1) == UInt8(ascii: "}") {
                advance(2)
                return
            }
            advance()
        }
        throw SyntaxProblem(location: open, message: "unclosed comment (expected '#}')")
    }

    /// Reads expression tokens up to `}}` or `%}` (optionally preceded by `-`).
    private mutating func lexTag(closer: UInt8, openedAt open: Location, opener: String) throws(SyntaxProblem) {
        let closeText = closer == UInt8(ascii: "}") ? "}}" : "%}"
        let closeKind: TokenKind = closer == UInt8(ascii: "}") ? .printClose : .tagClose
        while true {
            while let b = peek(), isSpace(b) { advance() }
            guard let b = peek() else {
                throw SyntaxProblem(location: open, message: "unclosed '\(opener)' (expected '\(closeText)')")
            }
            let start = here
            if b == UInt8(ascii: "-"), peek(1) == closer, peek(2) == UInt8(ascii: "}") {
                advance(3)
                trimNextText = true
                tokens.append(Token(kind: closeKind, location: start))
                return
            }
            if b == closer, peek(1) == UInt8(ascii: "}") {
                advance(2)
                tokens.append(Token(kind: closeKind, location: start))
                return
            }
            if b == UInt8(ascii: "{"), let n = peek(1), n == UInt8(ascii: "{") || n == UInt8(ascii: "%") {
                throw SyntaxProblem(location: open, message: "unclosed '\(opener)' (expected '\(closeText)')")
            }
            if isNameStart(b) {
                let s = index
                while let c = peek(), isNameStart(c) || isDigit(c) { advance() }
                tokens.append(Token(kind: .name(String(decoding: bytes[s..<index], as: UTF8.self)), location: start))
            } else if isDigit(b) {
                try lexNumber(at: start)
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                try lexString(quote: b, at: start)
            } else {
                try lexSymbol(b, at: start)
            }
        }
    }

    private mutating func lexNumber(at start: Location) throws(SyntaxProblem) {
        let s = index
        while let c = peek(), isDigit(c) || c == UInt8(ascii: "_") { advance() }
        var isFloat = false
        if peek() == UInt8(ascii: "."), let d = peek(1), isDigit(d) {
            isFloat = true
            advance()
            while let c = peek(), isDigit(c) { advance() }
        }
        let text = String(decoding: bytes[s..<index], as: UTF8.self).replacingUnderscores()
        if isFloat, let d = Double(text) {
            tokens.append(Token(kind: .double(d), location: start))
        } else if let i = Int(text) {
            tokens.append(Token(kind: .int(i), location: start))
        } else {
            throw SyntaxProblem(location: start, message: "number '\(text)' is out of range")
        }
    }

    private mutating func lexString(quote: UInt8, at start: Location) throws(SyntaxProblem) {
        advance()
        var out: [UInt8] = []
        while let b = peek() {
            if b == quote {
                advance()
                tokens.append(Token(kind: .string(String(decoding: out, as: UTF8.self)), location: start))
                return
            }
            if b == UInt8(ascii: "\\"), let e = peek(1) {
                advance(2)
                switch e {
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                default: out.append(e)
                }
                continue
            }
            out.append(b)
            advance()
        }
        throw SyntaxProblem(location: start, message: "unclosed string literal")
    }

    private static let twoByteSymbols: Set<String> = ["==", "!=", "<=", ">=", "//"]

    private mutating func lexSymbol(_ b: UInt8, at start: Location) throws(SyntaxProblem) {
        if let n = peek(1) {
            let pair = String(decoding: [b, n], as: UTF8.self)
            if Lexer.twoByteSymbols.contains(pair) {
                advance(2)
                tokens.append(Token(kind: .symbol(pair), location: start))
                return
            }
        }
        switch b {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"),
            UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: "|"), UInt8(ascii: "."),
            UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "="), UInt8(ascii: ":"):
            advance()
            tokens.append(Token(kind: .symbol(String(UnicodeScalar(b))), location: start))
        default:
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let char = String(decoding: bytes[index..<end], as: UTF8.self)
            throw SyntaxProblem(location: start, message: "unexpected character '\(char)'")
        }
    }
}

@inline(__always) func isSpace(_ b: UInt8) -> Bool {
    b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
}
@inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
@inline(__always) private func isNameStart(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        || b == UInt8(ascii: "_")
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

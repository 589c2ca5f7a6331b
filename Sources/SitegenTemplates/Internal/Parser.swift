/// Turns tokens into a tree, recording every problem it can recover from.
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private let filters: [String: Filter]
    private let templateIDs: [String: Int]
    private(set) var problems: [SyntaxProblem] = []
    private(set) var extends: (name: String, location: Location)?
    private(set) var includes: [(name: String, location: Location)] = []
    private(set) var blocks: [String: Block] = [:]
    private var blockNames: [String] = []
    private var sawContent = false

    init(tokens: [Token], filters: [String: Filter], templateIDs: [String: Int] = [:]) {
        self.tokens = tokens
        self.filters = filters
        self.templateIDs = templateIDs
    }

    /// Parses a whole template.
    mutating func parseTemplate() -> [Node] {
        let (nodes, _) = parseBody(until: [], opener: nil)
        return nodes
    }

    // MARK: - Cursor

    private var current: Token { tokens[index] }

    private mutating func next() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private var lookahead: TokenKind { index + 1 < tokens.count ? tokens[index + 1].kind : .end }

    private func isSymbol(_ s: String) -> Bool {
        if case .symbol(s) = current.kind { return true }
        return false
    }

    private func isName(_ s: String) -> Bool {
        if case .name(s) = current.kind { return true }
        return false
    }

    private mutating func expectSymbol(_ s: String) throws(SyntaxProblem) {
        guard isSymbol(s) else { throw SyntaxProblem(location: current.location, message: "expected '\(s)', found \(describe(current))") }
        _ = next()
    }

    private mutating func expectName(_ what: String) throws(SyntaxProblem) -> String {
        guard case .name(let n) = current.kind else {
            throw SyntaxProblem(location: current.location, message: "expected \(what), found \(describe(current))")
        }
        _ = next()
        return n
    }

    private mutating func expectClose(_ kind: TokenKind) throws(SyntaxProblem) {
        guard current.kind == kind else {
            let closer = kind == .tagClose ? "%}" : "}}"
            throw SyntaxProblem(location: current.location, message: "expected '\(closer)', found \(describe(current))")
        }
        _ = next()
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .text: return "text"
        case .printOpen: return "'{{'"
        case .printClose: return "'}}'"
        case .tagOpen: return "'{%'"
        case .tagClose: return "'%}'"
        case .name(let n): return "'\(n)'"
        case .string(let s): return "string \"\(s)\""
        case .int(let i): return "'\(i)'"
        case .double(let d): return "'\(d)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of template"
        }
    }

    /// Records a problem and skips to the end of the current tag, so parsing can go on.
    private mutating func recover(_ problem: SyntaxProblem) {
        problems.append(problem)
        while true {
            switch current.kind {
            case .tagClose, .printClose:
                _ = next()
                return
            case .end, .text, .tagOpen, .printOpen:
                return
            default:
                _ = next()
            }
        }
    }

    // MARK: - Statements

    private static let endTags: Set<String> = ["endif", "endfor", "endblock", "elif", "else"]

    /// Parses nodes until one of `terminators` opens a tag; returns that tag's keyword (nil at the end).
    private mutating func parseBody(until terminators: Set<String>, opener: (keyword: String, location: Location)?)
        -> ([Node], String?)
    {
        var nodes: [Node] = []
        while true {
            let token = next()
            switch token.kind {
            case .end:
                if let opener {
                    let closer = opener.keyword == "if" ? "endif" : opener.keyword == "for" ? "endfor" : "endblock"
                    problems.append(SyntaxProblem(
                        location: opener.location,
                        message: "unclosed '\(opener.keyword)' (expected '{% \(closer) %}')"))
                }
                return (nodes, nil)
            case .text(let bytes):
                if bytes.contains(where: { !isSpace($0) }) { sawContent = true }
                nodes.append(.text(bytes))
            case .printOpen:
                sawContent = true
                if isName("super"), case .symbol("(") = lookahead {
                    let location = current.location
                    _ = next()
                    _ = next()
                    do throws(SyntaxProblem) {
                        try expectSymbol(")")
                        try expectClose(.printClose)
                        if blockNames.isEmpty {
                            problems.append(SyntaxProblem(location: location, message: "super() outside a block"))
                        }
                        nodes.append(.superBlock(location))
                    } catch { recover(error) }
                    continue
                }
                let location = current.location
                let expr = expressionUntilClose(.printClose)
                nodes.append(.output(expr, location))
            case .tagOpen:
                let keywordToken = current
                guard case .name(let keyword) = keywordToken.kind else {
                    recover(SyntaxProblem(location: keywordToken.location, message: "expected a tag name, found \(describe(keywordToken))"))
                    continue
                }
                if terminators.contains(keyword) {
                    _ = next()
                    return (nodes, keyword)
                }
                if Parser.endTags.contains(keyword) {
                    let message: String
                    if let opener {
                        message = "'\(keyword)' does not close '\(opener.keyword)' opened at \(opener.location.line):\(opener.location.column)"
                    } else {
                        message = "unexpected '\(keyword)' with no open tag"
                    }
                    recover(SyntaxProblem(location: keywordToken.location, message: message))
                    continue
                }
                _ = next()
                if keyword != "extends" && keyword != "set" { sawContent = true }
                parseTag(keyword, at: keywordToken.location, into: &nodes)
            default:
                // Expression tokens only occur inside tags.
                problems.append(SyntaxProblem(location: token.location, message: "unexpected \(describe(token))"))
            }
        }
    }

    private mutating func parseTag(_ keyword: String, at location: Location, into nodes: inout [Node]) {
        switch keyword {
        case "if": parseIf(at: location, into: &nodes)
        case "for": parseFor(at: location, into: &nodes)
        case "set": parseSet(at: location, into: &nodes)
        case "include": parseInclude(at: location, into: &nodes)
        case "extends": parseExtends(at: location, into: &nodes)
        case "block": parseBlock(at: location, into: &nodes)
        default: recover(SyntaxProblem(location: location, message: "unknown tag '\(keyword)'"))
        }
    }

    /// `{% if %}` … `{% elif %}` … `{% else %}` … `{% endif %}`.
    private mutating func parseIf(at location: Location, into nodes: inout [Node]) {
        var branches: [(condition: Expr, body: [Node])] = []
        var condition = expressionUntilClose(.tagClose)
        var otherwise: [Node] = []
        while true {
            let (body, end) = parseBody(until: ["elif", "else", "endif"], opener: ("if", location))
            branches.append((condition, body))
            if end == "elif" {
                condition = expressionUntilClose(.tagClose)
                continue
            }
            if end == "else" {
                closeTag()
                let (elseBody, _) = parseBody(until: ["endif"], opener: ("if", location))
                otherwise = elseBody
            }
            if end != nil { closeTag() }
            break
        }
        nodes.append(.branches(branches, otherwise: otherwise))
    }

    /// `{% for x in xs %}` (or `k, v in d`) … `{% else %}` … `{% endfor %}`.
    private mutating func parseFor(at location: Location, into nodes: inout [Node]) {
        var keyName: String?
        var valueName = "_"
        var sequence = Expr.literal(.list([]))
        do throws(SyntaxProblem) {
            valueName = try expectName("a loop variable name")
            if isSymbol(",") {
                _ = next()
                keyName = valueName
                valueName = try expectName("a second loop variable name")
            }
            guard isName("in") else {
                throw SyntaxProblem(location: current.location, message: "expected 'in', found \(describe(current))")
            }
            _ = next()
            sequence = expressionUntilClose(.tagClose)
        } catch { recover(error) }
        let (body, end) = parseBody(until: ["else", "endfor"], opener: ("for", location))
        var emptyBody: [Node] = []
        if end == "else" {
            closeTag()
            emptyBody = parseBody(until: ["endfor"], opener: ("for", location)).0
        }
        if end != nil { closeTag() }
        nodes.append(.forLoop(ForLoop(keyName: keyName, valueName: valueName, sequence: sequence,
                                      body: body, emptyBody: emptyBody, location: location)))
    }

    /// `{% set name = expression %}`.
    private mutating func parseSet(at location: Location, into nodes: inout [Node]) {
        do throws(SyntaxProblem) {
            let name = try expectName("a variable name")
            try expectSymbol("=")
            nodes.append(.set(name: name, value: expressionUntilClose(.tagClose)))
        } catch { recover(error) }
    }

    /// The quoted template name of `include` and `extends`, and where it stands.
    private mutating func expectTemplateName() throws(SyntaxProblem) -> (String, Location) {
        guard case .string(let name) = current.kind else {
            throw SyntaxProblem(location: current.location, message: "expected a template name in quotes, found \(describe(current))")
        }
        let location = current.location
        _ = next()
        return (name, location)
    }

    /// `{% include "name" %}`, or `{% include "name" cached_by key %}`.
    private mutating func parseInclude(at location: Location, into nodes: inout [Node]) {
        do throws(SyntaxProblem) {
            let (name, nameLocation) = try expectTemplateName()
            var cacheKey: Expr?
            if isName("cached_by") {
                _ = next()
                cacheKey = expressionUntilClose(.tagClose)
            } else {
                try expectClose(.tagClose)
            }
            includes.append((name, nameLocation))
            nodes.append(.include(id: templateIDs[name] ?? -1, name: name, location: location, cacheKey: cacheKey))
        } catch { recover(error) }
    }

    /// `{% extends "name" %}`: first in the template, once.
    private mutating func parseExtends(at location: Location, into nodes: inout [Node]) {
        do throws(SyntaxProblem) {
            let (name, nameLocation) = try expectTemplateName()
            try expectClose(.tagClose)
            if extends != nil {
                problems.append(SyntaxProblem(location: location, message: "a template can extend only one template"))
            } else if sawContent || !blockNames.isEmpty {
                problems.append(SyntaxProblem(location: location, message: "'extends' must come first in the template"))
            } else {
                extends = (name, nameLocation)
                nodes.append(.extends)
            }
        } catch { recover(error) }
    }

    /// `{% block name %}` … `{% endblock %}` (or `endblock name`).
    private mutating func parseBlock(at location: Location, into nodes: inout [Node]) {
        var name = "_"
        do throws(SyntaxProblem) {
            name = try expectName("a block name")
            try expectClose(.tagClose)
        } catch { recover(error) }
        if blocks[name] != nil {
            problems.append(SyntaxProblem(location: location, message: "block '\(name)' is defined twice"))
        }
        blockNames.append(name)
        let (body, end) = parseBody(until: ["endblock"], opener: ("block", location))
        blockNames.removeLast()
        if end != nil {
            if case .name(let closing) = current.kind {
                if closing != name {
                    problems.append(SyntaxProblem(location: current.location,
                        message: "'endblock \(closing)' does not close block '\(name)'"))
                }
                _ = next()
            }
            closeTag()
        }
        let block = Block(name: name, body: body, location: location)
        if blocks[name] == nil { blocks[name] = block }
        nodes.append(.block(block))
    }

    private mutating func closeTag() {
        do throws(SyntaxProblem) { try expectClose(.tagClose) } catch { recover(error) }
    }

    /// An expression followed by its closing delimiter; on a problem, records it and yields null.
    private mutating func expressionUntilClose(_ close: TokenKind) -> Expr {
        do throws(SyntaxProblem) {
            let e = try parseExpression()
            try expectClose(close)
            return e
        } catch {
            recover(error)
            return .literal(.null)
        }
    }

    // MARK: - Expressions

    mutating func parseExpression() throws(SyntaxProblem) -> Expr { try parseOr() }

    private mutating func parseOr() throws(SyntaxProblem) -> Expr {
        var left = try parseAnd()
        while isName("or") {
            _ = next()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(SyntaxProblem) -> Expr {
        var left = try parseNot()
        while isName("and") {
            _ = next()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(SyntaxProblem) -> Expr {
        if isName("not") {
            _ = next()
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(SyntaxProblem) -> Expr {
        var left = try parseConcat()
        while true {
            let location = current.location
            let op: BinaryOperator
            switch current.kind {
            case .symbol("=="): op = .equal
            case .symbol("!="): op = .notEqual
            case .symbol("<"): op = .less
            case .symbol("<="): op = .lessOrEqual
            case .symbol(">"): op = .greater
            case .symbol(">="): op = .greaterOrEqual
            case .name("in"): op = .contains
            case .name("not") where lookahead == .name("in"):
                _ = next()
                op = .notContains
            default: return left
            }
            _ = next()
            left = .binary(op, left, try parseConcat(), location)
        }
    }

    private mutating func parseConcat() throws(SyntaxProblem) -> Expr {
        var left = try parseAdditive()
        while isSymbol("~") {
            let location = next().location
            left = .binary(.concatenate, left, try parseAdditive(), location)
        }
        return left
    }

    private mutating func parseAdditive() throws(SyntaxProblem) -> Expr {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            if isSymbol("+") { op = .add } else if isSymbol("-") { op = .subtract } else { return left }
            let location = next().location
            left = .binary(op, left, try parseMultiplicative(), location)
        }
    }

    private mutating func parseMultiplicative() throws(SyntaxProblem) -> Expr {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            if isSymbol("*") { op = .multiply } else if isSymbol("/") { op = .divide }
            else if isSymbol("//") { op = .floorDivide } else if isSymbol("%") { op = .remainder } else { return left }
            let location = next().location
            left = .binary(op, left, try parseUnary(), location)
        }
    }

    private mutating func parseUnary() throws(SyntaxProblem) -> Expr {
        if isSymbol("-") {
            let location = next().location
            return .negate(try parseUnary(), location)
        }
        return try parseFiltered()
    }

    /// Postfix lookups, then `| filter(...)` and `is [not] test`, which bind tighter than arithmetic.
    private mutating func parseFiltered() throws(SyntaxProblem) -> Expr {
        var expr = try parsePostfix()
        while true {
            if isSymbol("|") {
                _ = next()
                let location = current.location
                let name = try expectName("a filter name")
                var arguments: [Expr] = []
                var named: [(String, Expr)] = []
                if isSymbol("(") {
                    _ = next()
                    while !isSymbol(")") {
                        if case .name(let argName) = current.kind, case .symbol("=") = lookahead {
                            _ = next()
                            _ = next()
                            named.append((argName, try parseExpression()))
                        } else {
                            arguments.append(try parseExpression())
                        }
                        if isSymbol(",") { _ = next() } else { break }
                    }
                    try expectSymbol(")")
                }
                if name == "default" {
                    let fallback = arguments.first ?? named.first(where: { $0.0 == "value" })?.1 ?? .literal(.string(""))
                    expr = .defaultFilter(expr, fallback: fallback, location)
                } else if let filter = filters[name] {
                    expr = .filter(expr, FilterCall(name: name, filter: filter, arguments: arguments, named: named, location: location))
                } else {
                    // Not fatal to parsing: keep going to find more problems.
                    let known = (Array(filters.keys) + ["default"]).sorted()
                    problems.append(SyntaxProblem(location: location,
                        message: "unknown filter '\(name)'" + Suggestions.filter(name, in: known)))
                }
            } else if isName("is") {
                let location = next().location
                var negated = false
                if isName("not") {
                    _ = next()
                    negated = true
                }
                let testLocation = current.location
                let name = try expectName("a test name")
                guard let test = TestKind(rawValue: name == "null" ? "none" : name) else {
                    throw SyntaxProblem(location: testLocation, message: "unknown test '\(name)'")
                }
                expr = .test(expr, test, negated: negated, location)
            } else {
                return expr
            }
        }
    }

    private mutating func parsePostfix() throws(SyntaxProblem) -> Expr {
        var expr = try parsePrimary()
        while true {
            if isSymbol(".") {
                _ = next()
                let location = current.location
                switch current.kind {
                case .name(let n):
                    _ = next()
                    expr = .attribute(expr, n, location)
                case .int(let i):
                    _ = next()
                    expr = .index(expr, .literal(.int(i)), location)
                default:
                    throw SyntaxProblem(location: location, message: "expected an attribute name, found \(describe(current))")
                }
            } else if isSymbol("[") {
                let location = next().location
                let key = try parseExpression()
                try expectSymbol("]")
                expr = .index(expr, key, location)
            } else {
                return expr
            }
        }
    }

    private mutating func parsePrimary() throws(SyntaxProblem) -> Expr {
        let token = current
        switch token.kind {
        case .string(let s):
            _ = next()
            return .literal(.string(s))
        case .int(let i):
            _ = next()
            return .literal(.int(i))
        case .double(let d):
            _ = next()
            return .literal(.double(d))
        case .name(let n):
            _ = next()
            switch n {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None", "null": return .literal(.null)
            case "super" where isSymbol("("):
                throw SyntaxProblem(location: token.location, message: "super() must be printed on its own: {{ super() }}")
            default:
                if isSymbol("(") {
                    throw SyntaxProblem(location: token.location, message: "unknown function '\(n)'")
                }
                return .variable(n, token.location)
            }
        case .symbol("("):
            _ = next()
            let e = try parseExpression()
            try expectSymbol(")")
            return e
        case .symbol("["):
            _ = next()
            var elements: [Expr] = []
            while !isSymbol("]") {
                elements.append(try parseExpression())
                if isSymbol(",") { _ = next() } else { break }
            }
            try expectSymbol("]")
            if elements.allSatisfy({ if case .literal = $0 { true } else { false } }) {
                return .literal(.list(elements.map { if case .literal(let v) = $0 { v } else { .null } }))
            }
            return .list(elements)
        default:
            throw SyntaxProblem(location: token.location, message: "expected an expression, found \(describe(token))")
        }
    }
}

/// A parsed template: its tree, and what it extends, includes and defines.
final class ParsedTemplate: Sendable {
    let name: String
    let path: String
    let source: String
    let nodes: [Node]
    let extends: (name: String, location: Location)?
    let includes: [(name: String, location: Location)]
    /// Every block the template defines, at any depth.
    let blocks: [String: Block]
    /// Whether parsing it found a problem: its tree and blocks may then be incomplete, so what
    /// its children's blocks expect of it (a block for `super()`) is not checked.
    let hasProblems: Bool

    init(name: String, path: String, source: String, nodes: [Node],
         extends: (name: String, location: Location)?, includes: [(name: String, location: Location)],
         blocks: [String: Block], hasProblems: Bool) {
        self.name = name
        self.path = path
        self.source = source
        self.nodes = nodes
        self.extends = extends
        self.includes = includes
        self.blocks = blocks
        self.hasProblems = hasProblems
    }
}

/// A `{% block %}`; sections own their children.
final class Block: Sendable {
    let name: String
    let body: [Node]
    let location: Location
    init(name: String, body: [Node], location: Location) {
        self.name = name
        self.body = body
        self.location = location
    }
}

/// A `{% for %}` loop.
final class ForLoop: Sendable {
    let keyName: String?
    let valueName: String
    let sequence: Expr
    let body: [Node]
    let emptyBody: [Node]
    let location: Location
    init(keyName: String?, valueName: String, sequence: Expr, body: [Node], emptyBody: [Node], location: Location) {
        self.keyName = keyName
        self.valueName = valueName
        self.sequence = sequence
        self.body = body
        self.emptyBody = emptyBody
        self.location = location
    }
}

enum Node: Sendable {
    case text([UInt8])
    case output(Expr, Location)
    case branches([(condition: Expr, body: [Node])], otherwise: [Node])
    case forLoop(ForLoop)
    case set(name: String, value: Expr)
    /// `id` is the included template's index, resolved at parse time (-1 if it does not exist);
    /// `cacheKey` is the expression after `cached_by`, if any.
    case include(id: Int, name: String, location: Location, cacheKey: Expr?)
    case block(Block)
    case superBlock(Location)
    /// `{% extends %}`: kept in the tree only so a template without blocks still knows its parent.
    case extends
}

enum BinaryOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case contains = "in", notContains = "not in"
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%"
    case concatenate = "~"
}

enum TestKind: String, Sendable {
    case defined, empty, none
}

/// A filter application, resolved to its implementation when the template is parsed.
struct FilterCall: Sendable {
    let name: String
    let filter: Filter
    let arguments: [Expr]
    let named: [(String, Expr)]
    let location: Location
}

indirect enum Expr: Sendable {
    case literal(Value)
    case variable(String, Location)
    case attribute(Expr, String, Location)
    case index(Expr, Expr, Location)
    case list([Expr])
    case not(Expr)
    case negate(Expr, Location)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case binary(BinaryOperator, Expr, Expr, Location)
    case filter(Expr, FilterCall)
    case defaultFilter(Expr, fallback: Expr, Location)
    case test(Expr, TestKind, negated: Bool, Location)

    var location: Location? {
        switch self {
        case .variable(_, let l), .attribute(_, _, let l), .index(_, _, let l), .negate(_, let l),
            .binary(_, _, _, let l), .defaultFilter(_, _, let l), .test(_, _, _, let l):
            return l
        case .filter(_, let call): return call.location
        case .not(let e): return e.location
        case .and(let a, _), .or(let a, _): return a.location
        case .literal, .list: return nil
        }
    }

    /// `page.author.name` for plain lookups, used to name what is missing.
    var pathDescription: String? {
        switch self {
        case .variable(let name, _): return name
        case .attribute(let base, let name, _): return base.pathDescription.map { "\($0).\(name)" }
        case .index(let base, .literal(.string(let key)), _): return base.pathDescription.map { "\($0)[\"\(key)\"]" }
        case .index(let base, .literal(.int(let i)), _): return base.pathDescription.map { "\($0)[\(i)]" }
        default: return nil
        }
    }
}

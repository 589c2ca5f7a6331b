import Foundation

/// A rendering problem before it is given a path and excerpt.
struct RenderFailure: Error {
    var location: Location
    var message: String
    var trace: [String] = []
}

/// One link of the scope chain. Frames are immutable for `set`; a loop frame is the one exception:
/// it is updated in place between iterations, since nothing outlives an iteration, to avoid an
/// allocation per item.
final class Frame {
    let parent: Frame?
    let name: String
    var value: Value
    let keyName: String?
    var key: Value = .null
    let isLoop: Bool
    var index0 = 0
    let length: Int

    init(parent: Frame?, name: String, value: Value) {
        self.parent = parent
        self.name = name
        self.value = value
        self.keyName = nil
        self.isLoop = false
        self.length = 0
    }

    init(loopParent parent: Frame?, name: String, keyName: String?, length: Int) {
        self.parent = parent
        self.name = name
        self.value = .null
        self.keyName = keyName
        self.isLoop = true
        self.length = length
    }
}

enum Lookup {
    case value(Value)
    case loop(Frame)
    case missing
}

/// Walks a template tree, appending to `out`.
struct Renderer {
    let storage: EnvironmentStorage
    let globals: [String: Value]
    var out: [UInt8] = []
    private var blocks: [String: [Block]] = [:]
    private var blockStack: [(name: String, level: Int)] = []
    private var includeDepth = 0
    /// Loop iterations so far in this render (`RenderLimits.loopIterations`).
    private var iterations = 0

    /// Where `{% include … cached_by key %}` output is kept for the other pages of this pass.
    let cache: RenderCache?

    init(storage: EnvironmentStorage, globals: [String: Value], cache: RenderCache? = nil) {
        self.storage = storage
        self.globals = globals
        self.cache = cache
    }

    mutating func renderTemplate(_ id: Int) throws(RenderFailure) {
        let plan = storage.plans[id]
        blocks = plan.blocks
        blockStack = []
        do {
            _ = try render(plan.rootNodes, nil)
        } catch var failure {
            if plan.lineage.count > 1 {
                let names = plan.lineage.map { storage.templates[$0].path }
                failure.trace.append("rendering \(names[0]), which extends \(names.dropFirst().joined(separator: " → "))")
            }
            throw failure
        }
    }

    // MARK: - Nodes

    /// Renders nodes and returns the scope after them, so `set` reaches the following siblings.
    private mutating func render(_ nodes: [Node], _ scope: Frame?) throws(RenderFailure) -> Frame? {
        // Nodes are read in place through the buffer, not copied out one by one (a copy retains
        // each node's payload and releases it again).
        try nodes.withUnsafeBufferPointer { (nodes) throws(RenderFailure) -> Frame? in
            try render(nodes, scope)
        }
    }

    private mutating func render(_ nodes: UnsafeBufferPointer<Node>, _ scope: Frame?) throws(RenderFailure) -> Frame? {
        var scope = scope
        for i in nodes.indices {
            switch nodes[i] {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .output(let expr, let location):
                if case .filter(let input, let call) = expr, let escapes = call.filter.escapes,
                   call.arguments.isEmpty, call.named.isEmpty {
                    try writeEscaped(try eval(input, scope), escapes, call, scope, at: location)
                } else {
                    try write(try eval(expr, scope), at: expr.location ?? location)
                }
            case .branches(let branches, let otherwise):
                var taken = false
                for branch in branches where try eval(branch.condition, scope).isTruthy {
                    scope = try render(branch.body, scope)
                    taken = true
                    break
                }
                if !taken { scope = try render(otherwise, scope) }
            case .forLoop(let loop):
                try renderLoop(loop, scope)
            case .set(let name, let value):
                scope = Frame(parent: scope, name: name, value: try eval(value, scope))
            case .include(let id, let name, let location, nil):
                try renderInclude(id, name, at: location, scope)
            case .include(let id, let name, let location, let cacheKey?):
                // The key is checked even with no cache, so a bad one is an error everywhere.
                let key = RenderCache.Key(template: id, value: try cacheKeyText(try eval(cacheKey, scope), cacheKey, location))
                if let cache, let bytes = cache.bytes(for: key) {
                    out.append(contentsOf: bytes)
                } else {
                    let start = out.count
                    try renderInclude(id, name, at: location, scope)
                    cache?.store(out[start...], for: key)
                }
            case .block(let block):
                if let chain = blocks[block.name], !chain.isEmpty {
                    blockStack.append((block.name, 0))
                    _ = try render(chain[0].body, scope)
                    blockStack.removeLast()
                } else {
                    _ = try render(block.body, scope)
                }
            case .superBlock(let location):
                guard let (name, level) = blockStack.last, let chain = blocks[name], level + 1 < chain.count else {
                    throw RenderFailure(location: location, message: "super() has no parent block")
                }
                blockStack.append((name, level + 1))
                _ = try render(chain[level + 1].body, scope)
                blockStack.removeLast()
            case .extends:
                break
            }
        }
        return scope
    }

    private mutating func renderLoop(_ loop: ForLoop, _ scope: Frame?) throws(RenderFailure) {
        let sequence = try eval(loop.sequence, scope)
        var items: [Value]
        var keys: [Value]?
        switch sequence {
        case .list(let list):
            if loop.keyName != nil {
                throw RenderFailure(location: loop.location, message: "'for \(loop.keyName!), \(loop.valueName)' needs a dictionary, got a list")
            }
            items = list
        case .dictionary(let dictionary):
            let sortedKeys = dictionary.keys.sorted()
            if loop.keyName != nil {
                keys = sortedKeys.map { .string($0) }
                items = sortedKeys.map { dictionary[$0]! }
            } else {
                items = sortedKeys.map { .string($0) }
            }
        default:
            let what = loop.sequence.pathDescription.map { "'\($0)' is a \(sequence.kindName)" } ?? "got a \(sequence.kindName)"
            throw RenderFailure(location: loop.sequence.location ?? loop.location, message: "cannot loop over a \(sequence.kindName): \(what)")
        }
        if items.isEmpty {
            _ = try render(loop.emptyBody, scope)
            return
        }
        let frame = Frame(loopParent: scope, name: loop.valueName, keyName: loop.keyName, length: items.count)
        let limits = storage.limits
        for i in items.indices {
            iterations += 1
            if iterations > limits.loopIterations {
                throw limitFailure(loop.location, "this page runs more than \(Self.grouped(limits.loopIterations)) loop iterations",
                                   key: "loopIterations")
            }
            if out.count > limits.outputBytes { throw outputFailure(loop.location) }
            frame.index0 = i
            frame.value = items[i]
            if let keys { frame.key = keys[i] }
            _ = try render(loop.body, frame)
        }
        items = []
    }

    /// A `cached_by` key as text: a string, number, boolean or null, or a list of them.
    private func cacheKeyText(_ value: Value, _ expr: Expr, _ location: Location) throws(RenderFailure) -> String {
        var text = ""
        func append(_ value: Value, nested: Bool) -> Bool {
            switch value {
            case .string(let s): text += "s" + s
            case .int(let i): text += "i" + String(i)
            case .double(let d): text += "d" + String(d)
            case .bool(let b): text += b ? "t" : "f"
            case .null: text += "n"
            case .list(let items) where !nested:
                for item in items {
                    guard append(item, nested: true) else { return false }
                    text += "\u{1F}"
                }
            default: return false
            }
            return true
        }
        guard append(value, nested: false) else {
            throw RenderFailure(location: expr.location ?? location,
                message: "a cached_by key must be a string, a number, a boolean or a list of them, not a \(value.kindName)")
        }
        return text
    }

    private mutating func renderInclude(_ id: Int, _ name: String, at location: Location, _ scope: Frame?) throws(RenderFailure) {
        guard id >= 0 else {
            throw RenderFailure(location: location, message: "unknown template '\(name)'")
        }
        guard includeDepth < storage.limits.nesting else {
            throw limitFailure(location, "includes nest more than \(storage.limits.nesting) deep", key: "nesting")
        }
        if let nodes = storage.flatNodes[id] {
            // The common partial: no block state to save and restore.
            includeDepth += 1
            defer { includeDepth -= 1 }
            do {
                _ = try render(nodes, scope)
                return
            } catch var failure {
                let from = storage.templates[Int(location.file)].path
                failure.trace.append("included from \(from):\(location.line):\(location.column)")
                throw failure
            }
        }
        let plan = storage.plans[id]
        let savedBlocks = blocks
        let savedStack = blockStack
        blocks = plan.blocks
        blockStack = []
        includeDepth += 1
        defer {
            includeDepth -= 1
            blocks = savedBlocks
            blockStack = savedStack
        }
        do {
            _ = try render(plan.rootNodes, scope)
        } catch var failure {
            let from = storage.templates[Int(location.file)].path
            failure.trace.append("included from \(from):\(location.line):\(location.column)")
            throw failure
        }
    }

    // MARK: - Output

    /// The failure for a limit crossed at `location`, naming the key that raises it.
    private func limitFailure(_ location: Location, _ what: String, key: String) -> RenderFailure {
        RenderFailure(location: location, message: "\(what): raise \(storage.limits.raisedBy) \(key) if this is meant")
    }

    private func outputFailure(_ location: Location) -> RenderFailure {
        limitFailure(location, "this page is more than \(Self.megabytes(storage.limits.outputBytes)) of output", key: "pageBytes")
    }

    /// `value` when it is within `RenderLimits.valueBytes` (times `allowance`), else the failure
    /// at `location`. A filter's result gets an allowance of 4: escaping a long article body for
    /// JSON or XML makes a value several times its input, and only repetition (a value added or
    /// joined to itself, a `replace` applied again and again) grows without bound.
    private func bounded(_ value: Value, _ location: Location, allowance: Int = 1) throws(RenderFailure) -> Value {
        let size: Int
        switch value {
        case .string(let s): size = s.utf8.count
        case .html(let h): size = h.deferred == nil ? h.markup.utf8.count : 0  // deferred: a body kept by the cache, not made here
        case .list(let l): size = l.count * 16
        case .dictionary(let d): size = d.count * 48
        default: return value
        }
        let limit = storage.limits.valueBytes.multipliedReportingOverflow(by: allowance)
        guard !limit.overflow, size > limit.partialValue else { return value }
        throw limitFailure(location, "this makes a value of more than \(Self.megabytes(limit.partialValue))", key: "valueBytes")
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(grouped(bytes)) bytes"
    }

    private mutating func write(_ value: Value, at location: Location?) throws(RenderFailure) {
        if out.count > storage.limits.outputBytes, let location { throw outputFailure(location) }
        switch value {
        case .string(let s):
            Escaping.appendHTML(s, to: &out)
        case .html(let h):
            var markup = h.markup
            markup.withUTF8 { out.append(contentsOf: $0) }
        case .int(let i):
            appendInt(i)
        case .null:
            break
        case .list, .dictionary:
            throw RenderFailure(location: location ?? Location(file: 0, line: 1, column: 1),
                message: "cannot print a \(value.kindName); loop over it or use a filter such as 'join' or 'json'")
        default:
            Escaping.appendHTML(value.plainText(timeZone: storage.timeZone) ?? "", to: &out)
        }
    }

    /// `{{ x | escape }}` and `{{ x | xml }}` without the escaped string in between: a body of
    /// several kilobytes in every feed entry is escaped once, into the page.
    private mutating func writeEscaped(
        _ input: Value, _ escapes: Filter.Escapes, _ call: FilterCall, _ scope: Frame?, at location: Location
    ) throws(RenderFailure) {
        switch (input, escapes) {
        case (.string, _), (.html, .keepingMarkup):
            try write(input, at: location)  // printing a string escapes it; markup is already safe
        case (.html(let h), .markupToo):
            Escaping.appendHTML(h.markup, to: &out)
        default:
            try write(try applyFilter(call, to: input, scope), at: location)
        }
    }

    private mutating func appendInt(_ i: Int) {
        if i >= 0 && i < 10 {
            out.append(UInt8(ascii: "0") + UInt8(i))
            return
        }
        out.append(contentsOf: String(i).utf8)
    }

    // MARK: - Expressions

    private func lookup(_ name: String, _ scope: Frame?) -> Lookup {
        // The chain is walked without retaining each frame: `scope` keeps all of it alive.
        var frame = scope.map { Unmanaged.passUnretained($0) }
        while let current = frame {
            let found: Lookup? = current._withUnsafeGuaranteedRef { f in
                if f.name == name { return .value(f.value) }
                if f.isLoop {
                    if let k = f.keyName, k == name { return .value(f.key) }
                    if name == "loop" { return .loop(f) }
                }
                return nil
            }
            if let found { return found }
            frame = current._withUnsafeGuaranteedRef { $0.parent.map { Unmanaged.passUnretained($0) } }
        }
        if let v = globals[name] { return .value(v) }
        return .missing
    }

    private func loopValue(_ f: Frame) -> Value {
        .dictionary([
            "index": .int(f.index0 + 1), "index0": .int(f.index0), "first": .bool(f.index0 == 0),
            "last": .bool(f.index0 == f.length - 1), "length": .int(f.length),
            "revindex": .int(f.length - f.index0), "revindex0": .int(f.length - f.index0 - 1),
        ])
    }

    /// What `loop` has, in the order of the docs.
    private static let loopAttributes = ["index", "index0", "first", "last", "length", "revindex", "revindex0"]

    private func loopAttribute(_ f: Frame, _ name: String) -> Value? {
        switch name {
        case "index": return .int(f.index0 + 1)
        case "index0": return .int(f.index0)
        case "first": return .bool(f.index0 == 0)
        case "last": return .bool(f.index0 == f.length - 1)
        case "length": return .int(f.length)
        case "revindex": return .int(f.length - f.index0)
        case "revindex0": return .int(f.length - f.index0 - 1)
        default: return nil
        }
    }

    func eval(_ expr: Expr, _ scope: Frame?) throws(RenderFailure) -> Value {
        switch expr {
        case .literal(let v):
            return v
        case .variable(let name, let location):
            switch lookup(name, scope) {
            case .value(let v): return v
            case .loop(let f): return loopValue(f)
            case .missing: throw unknownVariable(name, at: location, scope)
            }
        case .attribute(let base, let name, let location):
            if case .variable(let variable, let variableLocation) = base {
                switch lookup(variable, scope) {
                case .value(let v): return try attribute(name, of: v, base, location)
                case .loop(let f):
                    if let v = loopAttribute(f, name) { return v }
                    throw RenderFailure(location: location,
                        message: "unknown attribute '\(name)' of 'loop'" + Suggestions.didYouMean(name, in: Self.loopAttributes))
                case .missing: throw unknownVariable(variable, at: variableLocation, scope)
                }
            }
            return try attribute(name, of: try eval(base, scope), base, location)
        case .index(let base, let key, let location):
            return try index(try eval(base, scope), base, try eval(key, scope), location)
        case .list(let elements):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for e in elements { values.append(try eval(e, scope)) }
            return .list(values)
        case .not(let e):
            return .bool(!(try eval(e, scope).isTruthy))
        case .and(let a, let b):
            // Like Jinja, `and` and `or` give back an operand: `{{ title or "Untitled" }}`.
            let left = try eval(a, scope)
            return left.isTruthy ? try eval(b, scope) : left
        case .or(let a, let b):
            let left = try eval(a, scope)
            return left.isTruthy ? left : try eval(b, scope)
        case .negate(let e, let location):
            switch try eval(e, scope) {
            case .int(let i): return .int(-i)
            case .double(let d): return .double(-d)
            case let other: throw RenderFailure(location: location, message: "cannot negate a \(other.kindName)")
            }
        case .binary(let op, let a, let b, let location):
            let result = try binary(op, try eval(a, scope), try eval(b, scope), location)
            return op == .add || op == .concatenate ? try bounded(result, location) : result
        case .filter(let input, let call):
            return try bounded(try applyFilter(call, to: try eval(input, scope), scope), call.location, allowance: 4)
        case .defaultFilter(let input, let fallback, _):
            if let v = try evalIfDefined(input, scope), v != .null { return v }
            return try eval(fallback, scope)
        case .test(let input, let test, let negated, let location):
            let result: Bool
            switch test {
            case .defined:
                result = try evalIfDefined(input, scope) != nil
            case .none:
                result = try eval(input, scope) == .null
            case .empty:
                switch try eval(input, scope) {
                case .string(let s): result = s.isEmpty
                case .html(let h): result = h.isEmpty
                case .list(let l): result = l.isEmpty
                case .dictionary(let d): result = d.isEmpty
                case .null: result = true
                case let other: throw RenderFailure(location: location, message: "a \(other.kindName) cannot be empty")
                }
            }
            return .bool(result != negated)
        }
    }

    /// Like `eval`, but a missing variable, attribute or key anywhere in a lookup gives nil.
    private func evalIfDefined(_ expr: Expr, _ scope: Frame?) throws(RenderFailure) -> Value? {
        switch expr {
        case .variable(let name, _):
            switch lookup(name, scope) {
            case .value(let v): return v
            case .loop(let f): return loopValue(f)
            case .missing: return nil
            }
        case .attribute(let base, let name, _):
            guard let b = try evalIfDefined(base, scope) else { return nil }
            if case .dictionary(let d) = b { return d[name] }
            return nil
        case .index(let base, let key, let location):
            guard let b = try evalIfDefined(base, scope) else { return nil }
            let k = try eval(key, scope)
            switch (b, k) {
            case (.dictionary(let d), .string(let s)): return d[s]
            case (.list(let l), .int(let i)):
                let j = i < 0 ? l.count + i : i
                return l.indices.contains(j) ? l[j] : nil
            default: return try index(b, base, k, location)
            }
        default:
            return try eval(expr, scope)
        }
    }

    /// `unknown variable 'artcle': did you mean 'article'?`, the candidates being every name in
    /// scope: `set` and loop variables from the innermost out, then the context's names.
    private func unknownVariable(_ name: String, at location: Location, _ scope: Frame?) -> RenderFailure {
        var names: [String] = []
        var frame = scope
        while let f = frame {
            names.append(f.name)
            if f.isLoop { names += (f.keyName.map { [$0] } ?? []) + ["loop"] }
            frame = f.parent
        }
        names += globals.keys.sorted()
        return RenderFailure(location: location, message: "unknown variable '\(name)'" + Suggestions.didYouMean(name, in: names))
    }

    /// A dictionary's entry; a name it lacks is an error, with the key it is a slip of (its
    /// candidates are this value's keys: a field absent from this page's value is suggested nowhere).
    private func attribute(_ name: String, of value: Value, _ base: Expr, _ location: Location) throws(RenderFailure) -> Value {
        if case .dictionary(let d) = value {
            if let v = d[name] { return v }
            let of = base.pathDescription.map { " of '\($0)'" } ?? ""
            throw RenderFailure(location: location,
                message: "unknown attribute '\(name)'\(of)" + Suggestions.didYouMean(name, in: d.keys.sorted()))
        }
        let what = base.pathDescription.map { "'\($0)' is a \(value.kindName)" } ?? "a \(value.kindName)"
        throw RenderFailure(location: location, message: "\(what), it has no attribute '\(name)'")
    }

    private func index(_ value: Value, _ base: Expr, _ key: Value, _ location: Location) throws(RenderFailure) -> Value {
        let described = base.pathDescription.map { "'\($0)'" } ?? "the \(value.kindName)"
        switch (value, key) {
        case (.list(let l), .int(let i)):
            let j = i < 0 ? l.count + i : i
            guard l.indices.contains(j) else {
                throw RenderFailure(location: location, message: "index \(i) is out of range for \(described) (\(l.count) elements)")
            }
            return l[j]
        case (.dictionary(let d), .string(let s)):
            guard let v = d[s] else { throw RenderFailure(location: location, message: "unknown key \"\(s)\" in \(described)") }
            return v
        case (.string(let s), .int(let i)):
            let chars = Array(s)
            let j = i < 0 ? chars.count + i : i
            guard chars.indices.contains(j) else {
                throw RenderFailure(location: location, message: "index \(i) is out of range for \(described) (\(chars.count) characters)")
            }
            return .string(String(chars[j]))
        default:
            throw RenderFailure(location: location, message: "cannot index \(described) (a \(value.kindName)) with a \(key.kindName)")
        }
    }

    private func applyFilter(_ call: FilterCall, to input: Value, _ scope: Frame?) throws(RenderFailure) -> Value {
        var arguments = FilterArguments()
        if !call.arguments.isEmpty {
            arguments.positional.reserveCapacity(call.arguments.count)
            for a in call.arguments { arguments.positional.append(try eval(a, scope)) }
        }
        for (name, e) in call.named { arguments.named[name] = try eval(e, scope) }
        do {
            return try call.filter.apply(input, arguments)
        } catch let error as FilterError {
            throw RenderFailure(location: call.location, message: "filter '\(call.name)': \(error.message)")
        } catch {
            throw RenderFailure(location: call.location, message: "filter '\(call.name)': \(error)")
        }
    }

    private func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ location: Location) throws(RenderFailure) -> Value {
        func fail() -> RenderFailure {
            RenderFailure(location: location, message: "cannot apply '\(op.rawValue)' to \(a.kindName) and \(b.kindName)")
        }
        switch op {
        case .equal: return .bool(Comparison.equal(a, b))
        case .notEqual: return .bool(!Comparison.equal(a, b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = Comparison.order(a, b) else { throw fail() }
            switch op {
            case .less: return .bool(order == .orderedAscending)
            case .lessOrEqual: return .bool(order != .orderedDescending)
            case .greater: return .bool(order == .orderedDescending)
            default: return .bool(order != .orderedAscending)
            }
        case .contains, .notContains:
            guard let found = Self.contains(b, a) else { throw fail() }
            return .bool(found == (op == .contains))
        case .concatenate:
            guard let x = a.plainText(timeZone: storage.timeZone), let y = b.plainText(timeZone: storage.timeZone) else { throw fail() }
            switch (a, b) {
            case (.html, .html): return .html(HTML(x + y))
            case (.html, _): return .html(HTML(x + Escaping.html(y)))
            case (_, .html): return .html(HTML(Escaping.html(x) + y))
            default: return .string(x + y)
            }
        case .add:
            switch (a, b) {
            case (.string(let x), .string(let y)): return .string(x + y)
            case (.list(let x), .list(let y)): return .list(x + y)
            default: return try Self.arithmetic(op, a, b, location, fail: fail)
            }
        case .subtract, .multiply, .divide, .floorDivide, .remainder:
            return try Self.arithmetic(op, a, b, location, fail: fail)
        }
    }

    /// `a in b`: an item of a list, a key of a dictionary, a substring of a string; nil when `b`
    /// cannot hold `a`.
    private static func contains(_ b: Value, _ a: Value) -> Bool? {
        switch b {
        case .list(let l): return l.contains { Comparison.equal($0, a) }
        case .dictionary(let d): return a.stringValue.map { d[$0] != nil }
        case .string, .html:
            guard let needle = a.stringValue, let hay = b.stringValue else { return nil }
            return needle.isEmpty || containsBytes(hay, needle)
        default: return nil
        }
    }

    /// Whether `needle`'s UTF-8 occurs in `hay`'s: Foundation's `contains` compares UTF-16 through
    /// NSString, and a theme asking whether a page's body holds a marker did that for every page.
    private static func containsBytes(_ hay: String, _ needle: String) -> Bool {
        var hay = hay, needle = needle
        return hay.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first, n.count <= h.count, let base = h.baseAddress else { return n.isEmpty }
                var start = 0
                let last = h.count - n.count
                while start <= last {
                    guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return false }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return true }
                    start = at + 1
                }
                return false
            }
        }
    }

    /// `+ - * / // %` on numbers: on two integers an integer (overflow is an error; `/` gives a
    /// double, `//` floors, `%` takes the divisor's sign), else on doubles.
    private static func arithmetic(
        _ op: BinaryOperator, _ a: Value, _ b: Value, _ location: Location, fail: () -> RenderFailure
    ) throws(RenderFailure) -> Value {
        let ints: (Int, Int)?
        if case .int(let x) = a, case .int(let y) = b { ints = (x, y) } else { ints = nil }
        let doubles: (Double, Double)
        switch (a, b) {
        case (.int(let x), .int(let y)): doubles = (Double(x), Double(y))
        case (.int(let x), .double(let y)): doubles = (Double(x), y)
        case (.double(let x), .int(let y)): doubles = (x, Double(y))
        case (.double(let x), .double(let y)): doubles = (x, y)
        default: throw fail()
        }
        if (op == .divide || op == .floorDivide || op == .remainder) && doubles.1 == 0 {
            throw RenderFailure(location: location, message: "division by zero")
        }
        if let (x, y) = ints {
            let result: (Int, Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            case .floorDivide: return .int(Int((Double(x) / Double(y)).rounded(.down)))
            case .remainder: return .int(((x % y) + y) % y)
            default: return .double(Double(x) / Double(y))
            }
            if result.1 { throw RenderFailure(location: location, message: "integer overflow") }
            return .int(result.0)
        }
        let (x, y) = doubles
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide: return .double(x / y)
        case .floorDivide: return .double((x / y).rounded(.down))
        default: return .double(x.truncatingRemainder(dividingBy: y))
        }
    }
}

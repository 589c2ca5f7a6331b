import Foundation
import SitegenSupport

/// Settings an environment is created with.
public struct TemplateOptions: Sendable {
    /// The zone dates are shown in by `date` and when printed.
    public var timeZone: TimeZone
    /// The site's base URL, e.g. `https://example.org/news/`; `absolute_url` and `relative_url` honour its path.
    public var baseURL: String
    /// Filters added by the host, or replacing built-ins of the same name (e.g. `slugify`).
    public var filters: [String: Filter]
    /// The bounds of one render (`RenderLimits`).
    public var limits: RenderLimits

    public init(
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, baseURL: String = "/", filters: [String: Filter] = [:],
        limits: RenderLimits = .init()
    ) {
        self.timeZone = timeZone
        self.baseURL = baseURL
        self.filters = filters
        self.limits = limits
    }
}

/// The bounds of rendering one template, so that no theme can hang a build or exhaust the
/// machine (a triple loop over 1,000 items, `{% set l = l + l %}` forty times): past any of
/// them the render stops with an error at the template position that crossed it.
public struct RenderLimits: Sendable, Hashable {
    /// Loop iterations in one render.
    public var loopIterations = 10_000_000
    /// Bytes one render writes.
    public var outputBytes = 32 << 20
    /// Bytes of any one value an expression makes (roughly: a list counts 16 bytes an item).
    public var valueBytes = 16 << 20
    /// How deep includes nest.
    public var nesting = 64
    /// How a user raises a limit, named in each message with the limit's key: `site.yml's limits:`
    /// gives "raise site.yml's limits: loopIterations if this is meant".
    public var raisedBy = "the render limits"

    public init(loopIterations: Int = 10_000_000, outputBytes: Int = 32 << 20, valueBytes: Int = 16 << 20, nesting: Int = 64,
                raisedBy: String = "the render limits") {
        self.loopIterations = loopIterations
        self.outputBytes = outputBytes
        self.valueBytes = valueBytes
        self.nesting = nesting
        self.raisedBy = raisedBy
    }
}

/// Every template of a site, parsed and checked once; immutable and safe to render from many threads.
public struct TemplateEnvironment: Sendable {
    let storage: EnvironmentStorage

    /// Loads and parses every template, reporting all problems of all templates at once.
    public init(loader: TemplateLoader, options: TemplateOptions = .init()) throws(TemplateLoadError) {
        storage = try EnvironmentStorage(sources: try loader.load(), options: options)
    }

    /// Template names, sorted: `base.html`, `partials/nav.html`, ….
    public var templateNames: [String] { storage.templates.map(\.name) }

    /// Whether a template of that name was loaded.
    public func hasTemplate(_ name: String) -> Bool { storage.byName[name] != nil }

    /// A block a template defines at its top level that no template it extends defines: it is
    /// never rendered (most often, an override of the parent dropped it).
    public struct UnplacedBlock: Sendable, Equatable {
        public var template: String
        /// The template's path as errors show it, and the block's place in it.
        public var position: SourcePosition
        public var block: String
        /// The templates it extends, nearest first (`base.html`).
        public var ancestors: [String]
    }

    /// Every unplaced block of every template that extends another, in template order.
    public var unplacedBlocks: [UnplacedBlock] {
        var found: [UnplacedBlock] = []
        for (id, t) in storage.templates.enumerated() where t.extends != nil {
            let ancestors = storage.plans[id].lineage.dropFirst().map { storage.templates[$0] }
            // A parent with problems of its own is reported as itself; its blocks may be incomplete.
            guard !ancestors.isEmpty, !ancestors.contains(where: \.hasProblems) else { continue }
            for node in t.nodes {
                guard case .block(let block) = node, !ancestors.contains(where: { $0.blocks[block.name] != nil }) else { continue }
                found.append(UnplacedBlock(
                    template: t.name,
                    position: SourcePosition(path: t.path, line: Int(block.location.line), column: Int(block.location.column)),
                    block: block.name, ancestors: ancestors.map(\.name)))
            }
        }
        return found
    }

    /// Renders a template to a string.
    public func render(_ name: String, context: [String: Value]) throws(TemplateRenderError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(storage.capacityHint)
        try render(name, context: context, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Renders a template, appending to a string.
    public func render(_ name: String, context: [String: Value], into string: inout String) throws(TemplateRenderError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(storage.capacityHint)
        try render(name, context: context, into: &bytes)
        string += String(decoding: bytes, as: UTF8.self)
    }

    /// Renders a template, appending UTF-8 bytes to `buffer` (the fastest form: reuse the buffer).
    /// With a `cache`, each `{% include … cached_by key %}` is rendered once per key and template
    /// for all the renders sharing that cache (see `RenderCache`).
    public func render(
        _ name: String, context: [String: Value], into buffer: inout [UInt8], cache: RenderCache? = nil
    ) throws(TemplateRenderError) {
        guard let id = storage.byName[name] else {
            throw TemplateRenderError(error: TemplateError(path: name, line: 1, column: 1,
                message: "unknown template '\(name)'", source: nil))
        }
        var renderer = Renderer(storage: storage, globals: context, cache: cache)
        swap(&renderer.out, &buffer)
        defer { swap(&renderer.out, &buffer) }
        do {
            try renderer.renderTemplate(id)
        } catch {
            throw storage.describe(error)
        }
    }
}

/// What rendering a template means once inheritance is resolved: the root's nodes and, for each
/// block name, the definitions from the most derived template to the root.
struct RenderPlan: Sendable {
    let rootNodes: [Node]
    let blocks: [String: [Block]]
    let lineage: [Int]
    /// No blocks and no parent: an include can render the nodes without touching block state.
    var isFlat: Bool { lineage.count == 1 && blocks.isEmpty }
}

final class EnvironmentStorage: Sendable {
    let templates: [ParsedTemplate]
    let byName: [String: Int]
    let plans: [RenderPlan]
    /// For each template, its nodes if its plan is flat.
    let flatNodes: [[Node]?]
    let timeZone: TimeZone
    let capacityHint: Int
    let limits: RenderLimits

    /// Parses every template, links their `extends` and `include`s (unknown names, cycles), and
    /// plans each one's inheritance; every problem found on the way is in the error thrown.
    init(sources: [TemplateSource], options: TemplateOptions) throws(TemplateLoadError) {
        let sorted = sources.sorted { $0.name < $1.name }
        var filters = BuiltinFilters.make(timeZone: options.timeZone, baseURL: options.baseURL)
        filters.merge(options.filters) { _, host in host }
        var errors: [TemplateError] = []
        var byName: [String: Int] = [:]
        for (i, source) in sorted.enumerated() { byName[source.name] = i }
        let templates = Self.parse(sorted, filters: filters, byName: byName, errors: &errors)
        Self.link(templates, byName: byName, errors: &errors)
        let plans = Self.plan(templates, byName: byName, errors: &errors)
        if !errors.isEmpty { throw TemplateLoadError(errors: errors) }
        self.templates = templates
        self.byName = byName
        self.plans = plans
        self.flatNodes = plans.map { $0.isFlat ? $0.rootNodes : nil }
        self.timeZone = options.timeZone
        self.limits = options.limits
        self.capacityHint = max(4096, (templates.map { $0.source.utf8.count }.max() ?? 0) * 4)
    }

    private static func report(_ template: ParsedTemplate, _ location: Location, _ message: String, to errors: inout [TemplateError]) {
        errors.append(TemplateError(path: template.path, line: Int(location.line), column: Int(location.column),
                                    message: message, source: template.source))
    }

    /// Each source tokenized and parsed (one with a syntax error still has its place, empty).
    private static func parse(
        _ sorted: [TemplateSource], filters: [String: Filter], byName: [String: Int], errors: inout [TemplateError]
    ) -> [ParsedTemplate] {
        var templates: [ParsedTemplate] = []
        for (i, source) in sorted.enumerated() {
            func report(_ p: SyntaxProblem) {
                errors.append(TemplateError(path: source.path, line: Int(p.location.line), column: Int(p.location.column),
                                            message: p.message, source: source.text))
            }
            do throws(SyntaxProblem) {
                let tokens = try Lexer.tokenize(source.text, file: Int32(i))
                var parser = Parser(tokens: tokens, filters: filters, templateIDs: byName)
                let nodes = parser.parseTemplate()
                parser.problems.forEach(report)
                templates.append(ParsedTemplate(name: source.name, path: source.path, source: source.text, nodes: nodes,
                    extends: parser.extends, includes: parser.includes, blocks: parser.blocks,
                    hasProblems: !parser.problems.isEmpty))
            } catch {
                report(error)
                templates.append(ParsedTemplate(name: source.name, path: source.path, source: source.text, nodes: [],
                    extends: nil, includes: [], blocks: [:], hasProblems: true))
            }
        }
        return templates
    }

    /// Reports targets of `extends` and `include` that do not exist, then cycles through them,
    /// each cycle once at its first edge.
    private static func link(_ templates: [ParsedTemplate], byName: [String: Int], errors: inout [TemplateError]) {
        for t in templates {
            if let e = t.extends, byName[e.name] == nil { report(t, e.location, "unknown template '\(e.name)'", to: &errors) }
            for inc in t.includes where byName[inc.name] == nil {
                report(t, inc.location, "unknown template '\(inc.name)'", to: &errors)
            }
        }
        var state = [UInt8](repeating: 0, count: templates.count)  // 0 new, 1 on stack, 2 done
        var stack: [(id: Int, viaInclude: Bool, location: Location)] = []
        func visit(_ id: Int) {
            state[id] = 1
            let t = templates[id]
            var edges: [(Int, Bool, Location)] = []
            if let e = t.extends, let target = byName[e.name] { edges.append((target, false, e.location)) }
            for inc in t.includes { if let target = byName[inc.name] { edges.append((target, true, inc.location)) } }
            for (target, viaInclude, location) in edges {
                stack.append((id, viaInclude, location))
                if state[target] == 1, let start = stack.firstIndex(where: { $0.id == target }) {
                    let cycle = stack[start...]
                    let names = cycle.map { templates[$0.id].name } + [templates[target].name]
                    let kind = cycle.contains(where: \.viaInclude) ? "include" : "extends"
                    let first = cycle.first!
                    report(templates[first.id], first.location, "\(kind) cycle: " + names.joined(separator: " → "), to: &errors)
                } else if state[target] == 0 {
                    visit(target)
                }
                stack.removeLast()
            }
            state[id] = 2
        }
        for id in templates.indices where state[id] == 0 { visit(id) }
    }

    /// Each template's inheritance: its lineage up to its root (stopping at anything broken),
    /// and each block's definitions from the most derived up; a `super()` with nothing above is
    /// reported, but only when the lineage is whole: a parent that is missing, in a cycle or has
    /// problems of its own is reported once, at itself, not again in every child that extends it.
    private static func plan(_ templates: [ParsedTemplate], byName: [String: Int], errors: inout [TemplateError]) -> [RenderPlan] {
        var plans: [RenderPlan] = []
        for (id, t) in templates.enumerated() {
            var lineage = [id]
            var current = t
            while let e = current.extends, let parent = byName[e.name], !lineage.contains(parent) {
                lineage.append(parent)
                current = templates[parent]
            }
            var blocks: [String: [Block]] = [:]
            for member in lineage {
                for (name, block) in templates[member].blocks { blocks[name, default: []].append(block) }
            }
            let isWhole = templates[lineage.last!].extends == nil && !lineage.dropFirst().contains { templates[$0].hasProblems }
            for (name, block) in t.blocks where isWhole {
                checkSuper(in: block.body, level: 0, chainLength: blocks[name]?.count ?? 1) { location in
                    report(t, location, "super() in block '\(name)', but no parent template defines '\(name)'", to: &errors)
                }
            }
            plans.append(RenderPlan(rootNodes: templates[lineage.last!].nodes, blocks: blocks, lineage: lineage))
        }
        return plans
    }

    /// Reports `super()` calls directly in a block (not in blocks nested inside it) with nothing above.
    private static func checkSuper(in nodes: [Node], level: Int, chainLength: Int, report: (Location) -> Void) {
        for node in nodes {
            switch node {
            case .superBlock(let location) where chainLength <= level + 1: report(location)
            case .branches(let branches, let otherwise):
                for b in branches { checkSuper(in: b.body, level: level, chainLength: chainLength, report: report) }
                checkSuper(in: otherwise, level: level, chainLength: chainLength, report: report)
            case .forLoop(let loop):
                checkSuper(in: loop.body, level: level, chainLength: chainLength, report: report)
                checkSuper(in: loop.emptyBody, level: level, chainLength: chainLength, report: report)
            default: break
            }
        }
    }

    func describe(_ failure: RenderFailure) -> TemplateRenderError {
        let t = templates[Int(failure.location.file)]
        return TemplateRenderError(
            error: TemplateError(path: t.path, line: Int(failure.location.line), column: Int(failure.location.column),
                                 message: failure.message, source: t.source),
            trace: failure.trace)
    }
}

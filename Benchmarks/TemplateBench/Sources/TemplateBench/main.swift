import Foundation
import Mustache
import SitegenTemplates
import Stencil

// MARK: - Contexts, one per engine, built before timing

func sitegenContext(page: Bool) -> [String: SitegenTemplates.Value] {
    func topic(_ t: Topic) -> SitegenTemplates.Value { ["name": .string(t.name), "url": .string(t.url)] }
    let site: SitegenTemplates.Value = [
        "title": .string(Data.site.title), "description": .string(Data.site.description),
        "menu": .list(Data.site.menu.map { ["name": .string($0.0), "url": .string($0.1)] }),
    ]
    if page {
        let a = Data.article
        return ["site": site, "page": [
            "title": .string(a.title), "date": .string(a.date), "author": .string(a.author),
            "topics": .list(a.topics.map(topic)), "body": .html(HTML(a.body)),
        ]]
    }
    return ["site": site, "term": [
        "name": .string(Data.termName),
        "articles": .list(Data.termArticles.map { a in
            ["title": .string(a.title), "url": .string(a.url), "date": .string(a.date),
             "summary": .html(HTML(a.summary)), "topics": .list(a.topics.map(topic))]
        }),
    ]]
}

func anyContext(page: Bool) -> [String: Any] {
    func topic(_ t: Topic) -> [String: Any] { ["name": t.name, "url": t.url] }
    let site: [String: Any] = [
        "title": Data.site.title, "description": Data.site.description,
        "menu": Data.site.menu.map { ["name": $0.0, "url": $0.1] },
    ]
    if page {
        let a = Data.article
        return ["site": site, "page": [
            "title": a.title, "date": a.date, "author": a.author, "topics": a.topics.map(topic), "body": a.body,
        ] as [String: Any]]
    }
    return ["site": site, "term": [
        "name": Data.termName,
        "articles": Data.termArticles.map { a -> [String: Any] in
            ["title": a.title, "url": a.url, "date": a.date, "summary": a.summary, "topics": a.topics.map(topic)]
        },
    ] as [String: Any]]
}

// MARK: - Engines

let ours = try TemplateEnvironment(loader: .memory(Pages.sitegen, displayPrefix: "Bench"))

var mustacheLibrary = MustacheLibrary()
for (name, text) in Pages.mustache { try mustacheLibrary.register(text, named: name) }

let stencilExtension = Extension()
stencilExtension.registerFilter("escape") { (value: Any?) -> Any? in
    guard let value else { return "" }
    var out = ""
    for c in "\(value)" {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
let stencil = Stencil.Environment(loader: DictionaryLoader(templates: Pages.stencil), extensions: [stencilExtension])

struct Case {
    var label: String
    var sitegen: String, mustache: String, stencil: String
    var page: Bool
}
let cases = [
    Case(label: "article page (base + article + 2 partials, 20 topics, 6 KB body)",
         sitegen: "article.html", mustache: "article", stencil: "article.html", page: true),
    Case(label: "term page (20 article summaries, 3 topics each)",
         sitegen: "term.html", mustache: "term", stencil: "term.html", page: false),
]

// MARK: - Equivalence: same visible content once whitespace between tags is ignored

func normalize(_ html: String) -> String {
    var s = html.replacingOccurrences(of: "&#x27;", with: "&#39;")
    s = s.replacingOccurrences(of: "&#34;", with: "&quot;")
    s = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    s = s.replacingOccurrences(of: "> <", with: "><")
    return s
}

var failed = false
for c in cases {
    let a = try ours.render(c.sitegen, context: sitegenContext(page: c.page))
    let b = mustacheLibrary.render(anyContext(page: c.page), withTemplate: c.mustache) ?? "<nil>"
    let d = try stencil.renderTemplate(name: c.stencil, context: anyContext(page: c.page))
    let (na, nb, nd) = (normalize(a), normalize(b), normalize(d))
    if na != nb || na != nd {
        failed = true
        print("OUTPUTS DIFFER for \(c.label)")
        for (name, text) in [("sitegen", na), ("mustache", nb), ("stencil", nd)] {
            try text.write(toFile: "/tmp/bench-\(c.mustache)-\(name).html", atomically: true, encoding: .utf8)
        }
    } else {
        print("equivalent output (\(a.utf8.count) bytes): \(c.label)")
    }
}
if failed {
    print("see /tmp/bench-*.html")
    exit(1)
}

// MARK: - Timing

func measure(_ seconds: Double = 1.5, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<50 { try body() }  // warm up
    let clock = ContinuousClock()
    var iterations = 0
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < .milliseconds(Int(seconds * 1000)) {
        for _ in 0..<20 { try body() }
        iterations += 20
        elapsed = clock.now - start
    }
    let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(iterations) / s
}

func format(_ rate: Double) -> String {
    let n = Int(rate.rounded())
    var digits = Array(String(n))
    var i = digits.count - 3
    while i > 0 { digits.insert(",", at: i); i -= 3 }
    return String(digits).padding(toLength: 10, withPad: " ", startingAt: 0)
}

var sink = 0
if ProcessInfo.processInfo.environment["BENCH_PROFILE"] != nil {
    // Only our engine, long enough for `perf record`.
    let ctx = sitegenContext(page: true)
    let rate = try measure(5) { sink &+= try ours.render("article.html", context: ctx).utf8.count }
    print("sitegen article pages/s: \(format(rate))")
    exit(0)
}
for c in cases {
    let ctx = sitegenContext(page: c.page)
    let any = anyContext(page: c.page)
    print("\n\(c.label) — pages/second, one thread")
    var buffer: [UInt8] = []
    buffer.reserveCapacity(64 * 1024)
    let bytes = try measure {
        buffer.removeAll(keepingCapacity: true)
        try ours.render(c.sitegen, context: ctx, into: &buffer)
        sink &+= buffer.count
    }
    let string = try measure { sink &+= try ours.render(c.sitegen, context: ctx).utf8.count }
    let m = measure { sink &+= mustacheLibrary.render(any, withTemplate: c.mustache)?.utf8.count ?? 0 }
    let s = try measure(0.5) { sink &+= try stencil.renderTemplate(name: c.stencil, context: any).utf8.count }
    print("  sitegen (into reused [UInt8])  \(format(bytes))")
    print("  sitegen (-> String)            \(format(string))")
    print("  swift-mustache 2.x             \(format(m))   sitegen is \(String(format: "%.1f", string / m))x")
    print("  Stencil 0.15                   \(format(s))   sitegen is \(String(format: "%.1f", string / s))x")
}
if sink == 42 { print("") }

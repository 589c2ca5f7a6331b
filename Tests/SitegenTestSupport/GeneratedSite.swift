import Foundation

// A seeded random news site for the build cache's property tests (Tests/SitegenCLITests/
// BuildCacheTests.swift through the real binary, Tests/SitegenSiteTests/BuildSessionPropertyTests.swift
// in-process): every file it has, made from a few fields, and random edits of them.
// Test targets use it with `@testable import SitegenTestSupport`.


/// SplitMix64: a small deterministic generator, so a failing seed fails the same way every time.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// Up to `count` distinct items, in the pool's order.
    mutating func some<T: Equatable>(_ pool: [T], _ count: Int) -> [T] {
        var chosen: [T] = []
        for _ in 0..<count {
            let item = pick(pool)
            if !chosen.contains(item) { chosen.append(item) }
        }
        return pool.filter { chosen.contains($0) }
    }
}

let topicPool = ["NASA", "SpaceX", "Moon", "Mars", "ISS", "Rockets", "Crew\u{2011}11", "Artemis", "Año Espacial"]
let sourcePool = ["Reuters", "AP News", "AFP", "BBC"]
let wordPool = [
    "the", "crew", "capsule", "docked", "station", "launch", "delay", "weather", "orbit", "agency",
    "officials", "said", "mission", "engine", "test", "landing", "pad", "booster", "astronauts", "module",
]

struct GeneratedArticle {
    var stem: String            // file name without .md; the default slug drops a leading date
    var title: String
    var date: String
    var slug: String?
    var topics: [String]
    var sources: [String]
    var draft = false
    var aliases: [String] = []
    var kicker: String?
    var paragraphs: [String]

    var text: String {
        var lines = ["---", "title: \"\(title)\"", "date: \(date)"]
        if let slug { lines.append("slug: \(slug)") }
        if !topics.isEmpty { lines.append("topics: [\(topics.joined(separator: ", "))]") }
        // A source a paragraph cites is declared too: an undeclared one is a build warning (tested
        // on its own), and the sites made here build without any.
        let cited = sourcePool.filter { name in !sources.contains(name) && paragraphs.contains { $0.hasSuffix("(\(name))") } }
        if !(sources + cited).isEmpty { lines.append("sources: [\((sources + cited).joined(separator: ", "))]") }
        if draft { lines.append("draft: true") }
        if !aliases.isEmpty { lines.append("aliases: [\(aliases.joined(separator: ", "))]") }
        if let kicker { lines.append("kicker: \"\(kicker)\"") }
        lines.append("---")
        lines.append("")
        return lines.joined(separator: "\n") + "\n" + paragraphs.joined(separator: "\n\n") + "\n"
    }
}

struct GeneratedPage {
    var stem: String
    var title: String
    var summary: String?
    var body: String

    var text: String {
        var lines = ["---", "title: \"\(title)\""]
        if let summary { lines.append("summary: \"\(summary)\"") }
        lines += ["---", "", body]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The theme files the generator edits, as the repository has them.
enum Theme {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates")
    static func original(_ path: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }
    static let base = original("base.html")
    static let card = original("partials/article-card.html")
    static let style = original("assets/style.css")
}

/// A news site as data: every file it has, made from a few fields, and random edits of them.
struct GeneratedSite {
    enum Mark: Equatable, CustomStringConvertible {
        case comment(Int)
        case visible(Int)

        var description: String {
            switch self {
            case .comment(let n): "comment \(n)"
            case .visible(let n): "visible text \(n)"
            }
        }
    }

    /// How many kinds of edit `edit(kind:)` knows.
    static let editKinds = 26

    var rng: SplitMix64
    var counter = 0
    var title = "Orbit Test Desk"
    var perPage = 5
    var basePath = "/"
    var articles: [Int: GeneratedArticle] = [:]
    var pages: [Int: GeneratedPage] = [:]
    var baseMark: Mark?
    var cardMark: Mark?
    var unusedPartial: Int?
    var styleMark: Int?
    var extraAsset: Int?

    init(seed: UInt64, articles count: Int = 25) {
        rng = SplitMix64(seed: seed)
        for _ in 0..<count { addArticle() }
        pages[next()] = GeneratedPage(stem: "about", title: "About", summary: "Who we are.", body: "We report on space.")
        pages[next()] = GeneratedPage(stem: "contact", title: "Contact", summary: nil, body: "Write to the [desk](/about/).")
    }

    mutating func next() -> Int {
        counter += 1
        return counter
    }

    // MARK: Files

    /// Every file the generator owns, by path relative to the site's folder.
    var files: [String: String] {
        var files: [String: String] = [:]
        files["Content/site.yml"] = """
            title: \(title)
            description: A generated site for build cache tests.
            author: Test Staff
            baseURL: https://example.org\(basePath)
            perPage: \(perPage)
            taxonomies: [topics, sources]

            """
        for article in articles.values { files["Content/articles/\(article.stem).md"] = article.text }
        for page in pages.values { files["Content/pages/\(page.stem).md"] = page.text }
        switch baseMark {
        case nil: files["Templates/base.html"] = Theme.base
        case .comment(let n): files["Templates/base.html"] = Theme.base + "{# edit \(n) #}\n"
        case .visible(let n):
            files["Templates/base.html"] = Theme.base.replacingOccurrences(
                of: "<p class=\"copyright\">", with: "<p class=\"copyright\">Edition \(n) · ")
        }
        switch cardMark {
        case nil: files["Templates/partials/article-card.html"] = Theme.card
        case .comment(let n): files["Templates/partials/article-card.html"] = "{# card edit \(n) #}" + Theme.card
        case .visible(let n):
            files["Templates/partials/article-card.html"] = Theme.card.replacingOccurrences(
                of: "<article class=\"card\">", with: "<article class=\"card\" data-edition=\"\(n)\">")
        }
        if let n = unusedPartial {
            files["Templates/partials/unused-\(n).html"] = "<p>Never included {{ site.title }} \(n)</p>\n"
        }
        files["Templates/assets/style.css"] = styleMark.map { Theme.style + "/* revision \($0) */\n" } ?? Theme.style
        if let n = extraAsset { files["Templates/assets/extra-\(n).txt"] = "extra asset \(n)\n" }
        return files
    }

    // MARK: Random parts

    mutating func sentence() -> String {
        let words = (0..<rng.int(in: 6...14)).map { _ in rng.pick(wordPool) }
        return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }

    mutating func paragraph(attributedTo sources: [String]) -> String {
        var text = (0..<rng.int(in: 1...3)).map { _ in sentence() }.joined(separator: " ")
        if rng.chance(15) { text += " See the [latest](/) or the [feed](/feed.xml)." }
        if rng.chance(40) {
            // An attribution to one of the article's sources, or to another (which `text` declares).
            text += " (\(sources.isEmpty || rng.chance(25) ? rng.pick(sourcePool) : rng.pick(sources)))"
        }
        return text
    }

    mutating func date() -> String {
        let day = String(format: "%04d-%02d-%02d", rng.pick([2024, 2025]), rng.int(in: 1...12), rng.int(in: 1...28))
        return rng.chance(20) ? day + String(format: "T%02d:30:00+02:00", rng.int(in: 0...23)) : day
    }

    mutating func articleTitle(_ n: Int) -> String {
        rng.pick(["Story \(n)", "Launch & landing \(n)", "Año \(n): the crew’s view", "Story \(n) <update>"])
            + " rev \(rng.int(in: 10...99))"
    }

    mutating func addArticle() {
        let n = next()
        let date = date()
        let sources = rng.some(sourcePool, rng.int(in: 0...2))
        var article = GeneratedArticle(
            stem: "\(date.prefix(10))-story-\(n)", title: articleTitle(n), date: date, slug: nil,
            topics: rng.some(topicPool, rng.int(in: 0...4)), sources: sources, paragraphs: [])
        article.paragraphs = (0..<rng.int(in: 1...4)).map { _ in paragraph(attributedTo: sources) }
        if rng.chance(20) { article.paragraphs.insert("## Part \(n)", at: min(1, article.paragraphs.count)) }
        if rng.chance(15) { article.slug = "custom-\(next())" }
        if rng.chance(15) { article.aliases = ["/old/\(next())/"] }
        if rng.chance(10) { article.kicker = "Kicker \(n)" }
        if rng.chance(8) { article.draft = true }
        articles[n] = article
    }

    mutating func someArticle() -> Int { rng.pick(articles.keys.sorted()) }
    mutating func somePage() -> Int { rng.pick(pages.keys.sorted()) }

    /// One edit, of the kind given or a random one; returns what it did, for failure messages.
    mutating func edit(kind: Int? = nil) -> String {
        switch kind ?? rng.int(Self.editKinds) {
        case 0, 1:
            addArticle()
            return "add article \(counter)"
        case 2:
            guard articles.count > 15 else { return edit() }
            let n = someArticle()
            articles[n] = nil
            return "delete article \(n)"
        case 3:
            let n = someArticle()
            let suffix = "-r\(next())"
            articles[n]!.stem += suffix
            return "rename article \(n) to \(articles[n]!.stem)"
        case 4, 5:
            let n = someArticle()
            let title = articleTitle(n)  // often the same length: a same-size rewrite
            articles[n]!.title = title
            return "retitle article \(n)"
        case 6:
            let n = someArticle()
            let date = date()
            articles[n]!.date = date
            return "redate article \(n)"
        case 7:
            let n = someArticle()
            let slug = articles[n]!.slug == nil ? "custom-\(next())" : nil
            articles[n]!.slug = slug
            return "slug of article \(n): \(articles[n]!.slug ?? "default")"
        case 8:
            let n = someArticle()
            let topics = rng.some(topicPool, rng.int(in: 0...4))
            articles[n]!.topics = topics
            return "topics of article \(n)"
        case 9:
            let n = someArticle()
            let sources = rng.some(sourcePool, rng.int(in: 0...3))
            articles[n]!.sources = sources
            return "sources of article \(n)"
        case 10:
            let n = someArticle()
            articles[n]!.draft.toggle()
            return "draft of article \(n): \(articles[n]!.draft)"
        case 11:
            let n = someArticle()
            if articles[n]!.aliases.isEmpty || rng.chance(50) {
                let alias = "/old/\(next())/"
                articles[n]!.aliases.append(alias)
            } else {
                articles[n]!.aliases.removeFirst()
            }
            return "aliases of article \(n)"
        case 12, 13:
            let n = someArticle()
            let p = paragraph(attributedTo: articles[n]!.sources)
            if articles[n]!.paragraphs.count > 1, rng.chance(30) {
                let index = rng.int(articles[n]!.paragraphs.count)
                articles[n]!.paragraphs[index] = p
            } else {
                articles[n]!.paragraphs.append(p)
            }
            return "body of article \(n)"
        case 14:
            let n = someArticle()
            let source = articles[n]!.sources.first ?? "Reuters"
            let paragraph = sentence() + " (\(source))"
            articles[n]!.paragraphs.append(paragraph)
            return "attribution paragraph (\(source)) in article \(n)"
        case 15:
            let n = someArticle()
            let kicker = articles[n]!.kicker == nil ? "Kicker \(next())" : nil
            articles[n]!.kicker = kicker
            return "kicker of article \(n)"
        case 16:
            let n = next()
            let summary = rng.chance(50) ? "Info." : nil
            let body = sentence()
            pages[n] = GeneratedPage(stem: "info-\(n)", title: "Info \(n)", summary: summary, body: body)
            return "add page \(n)"
        case 17:
            guard pages.count > 1 else { return edit() }
            let n = somePage()
            pages[n] = nil
            return "delete page \(n)"
        case 18:
            let n = somePage()
            let body = sentence() + "\n\n" + paragraph(attributedTo: [])
            pages[n]!.body = body
            if rng.chance(50) { pages[n]!.title += "!" }
            return "edit page \(n)"
        case 19:
            let n = somePage()
            let suffix = "-r\(next())"
            pages[n]!.stem += suffix
            return "rename page \(n) to \(pages[n]!.stem)"
        case 20:
            let marks: [Mark?] = [nil, .comment(next()), .visible(next())]
            baseMark = rng.pick(marks)
            return "Templates/base.html: \(baseMark.map(\.description) ?? "original")"
        case 21:
            let marks: [Mark?] = [nil, .comment(next()), .visible(next())]
            cardMark = rng.pick(marks)
            return "Templates/partials/article-card.html: \(cardMark.map(\.description) ?? "original")"
        case 22:
            let partial = unusedPartial == nil ? next() : nil
            unusedPartial = partial
            return "unused partial: \(unusedPartial.map { "partials/unused-\($0).html" } ?? "none")"
        case 23:
            if rng.chance(50) {
                let mark = styleMark == nil || rng.chance(50) ? next() : nil
                styleMark = mark
                return "assets/style.css: \(styleMark.map { "revision \($0)" } ?? "original")"
            }
            let asset = extraAsset == nil || rng.chance(30) ? next() : nil
            extraAsset = asset
            return "extra asset: \(extraAsset.map { "assets/extra-\($0).txt" } ?? "none")"
        case 24:
            if rng.chance(50) {
                let title = "Orbit Test Desk \(next())"
                self.title = title
                return "site title: \(title)"
            }
            perPage = rng.pick([3, 4, 5, 7, 10].filter { $0 != perPage })
            return "perPage: \(perPage)"
        default:
            basePath = rng.pick(["/", "/news/", "/desk/"].filter { $0 != basePath })
            return "baseURL path: \(basePath)"
        }
    }
}


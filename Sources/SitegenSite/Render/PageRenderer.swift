import Foundation
import SitegenContent
import SitegenSupport
import SitegenTemplates

/// Renders routes into files with the theme's templates.
struct PageRenderer: Sendable {
    let model: SiteModel
    let contexts: Contexts
    let templates: TemplateEnvironment
    let routes: [Route]
    /// `cached_by` includes (the cards of list pages, feed entries), shared by every page this renderer makes.
    let cache = RenderCache()
    /// The sitemap's entries, made by the first sitemap route rendered and shared by the others
    /// (a site past 50,000 URLs has one route per part).
    private let sitemap = Once<Value>()

    /// The newest 20 entries go into a feed.
    static let feedSize = 20

    /// The theme's box of an article's corrections. article.html includes it after the body; a
    /// feed reader shows no theme, so sitegen renders it too, with `in_feed` true, at the end of
    /// each feed entry's `content`: one markup of a correction, the theme's.
    static let correctionsPartial = "partials/corrections.html"
    /// Each article's box for feeds, by permalink, made once per build.
    private let feedCorrections = FeedCorrections()

    /// Renders every route on every core; the files come back in route order.
    func renderAll(_ routes: [Route], threads: Int = Parallel.defaultThreads) throws(DiagnosticsError) -> [OutputFile] {
        let results = Parallel.map(routes, threads: threads) { route -> Result<OutputFile, TemplateRenderError> in
            do throws(TemplateRenderError) {
                return .success(try render(route))
            } catch {
                return .failure(error)
            }
        }
        var files: [OutputFile] = []
        files.reserveCapacity(routes.count)
        let problems = RenderProblems()
        for (route, result) in zip(routes, results) {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): problems.add(error, page: model.urls.url(route.path))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems.diagnostics) }
        return files
    }

    func render(_ route: Route) throws(TemplateRenderError) -> OutputFile {
        OutputFile(path: route.file, bytes: try render(route, context: context(for: route)))
    }

    /// A route's bytes from its context: through its template, or, for a sitemap index, built in.
    func render(_ route: Route, context: [String: Value]) throws(TemplateRenderError) -> [UInt8] {
        if case .sitemapIndex(let parts) = route.target { return sitemapIndex(parts: parts) }
        if model.isPreview, route.kind == .robots { return Array(Self.previewRobots.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        let context = route.kind.isFeed ? try withCorrections(context) : context
        try templates.render(route.template, context: context, into: &bytes, cache: cache)
        if model.isPreview, route.file.hasSuffix(".html") { return Self.noindex(bytes) }
        return bytes
    }

    /// A feed's context with each entry's corrections at the end of its `content`, rendered by the
    /// theme's `correctionsPartial` (with `site`, the entry as `article`, and `in_feed` true); the
    /// built-in theme has it, so a site's theme without it falls back to the built-in one.
    func withCorrections(_ context: [String: Value]) throws(TemplateRenderError) -> [String: Value] {
        guard templates.hasTemplate(Self.correctionsPartial),
              case .dictionary(var feed)? = context["feed"], case .list(var entries)? = feed["entries"] else { return context }
        var added = false
        for (i, entry) in entries.enumerated() {
            guard case .dictionary(var fields) = entry, case .list(let corrections)? = fields["corrections"], !corrections.isEmpty,
                  case .html(let content)? = fields["content"], case .string(let permalink)? = fields["permalink"] else { continue }
            let box: String
            if let made = feedCorrections[permalink] {
                box = made
            } else {
                var bytes: [UInt8] = []
                try templates.render(
                    Self.correctionsPartial, context: ["site": context["site"] ?? .null, "article": entry, "in_feed": true],
                    into: &bytes, cache: cache)
                box = String(decoding: bytes, as: UTF8.self)
                feedCorrections[permalink] = box
            }
            fields["content"] = .html(HTML(content.markup + box))
            entries[i] = .dictionary(fields)
            added = true
        }
        guard added else { return context }
        feed["entries"] = .list(entries)
        var context = context
        context["feed"] = .dictionary(feed)
        return context
    }

    /// A preview's `robots.txt`: no crawler may read any of it, whatever the theme's says.
    static let previewRobots = "# A sitegen preview (--drafts or --future): not for search engines.\nUser-agent: *\nDisallow: /\n"

    /// The robots meta element every page of a preview carries, whatever its theme writes.
    static let noindexMeta = "<meta name=\"robots\" content=\"noindex, nofollow\">"

    /// `html` with `noindexMeta` just after its `<head>` tag (or, without one, at its start, where
    /// an HTML parser still reads it as the head's).
    static func noindex(_ html: [UInt8]) -> [UInt8] {
        let meta = Array(noindexMeta.utf8)
        guard let head = headTagEnd(html) else { return meta + html }
        var result = html
        result.insert(contentsOf: meta, at: head)
        return result
    }

    /// The index just past the first `<head>` or `<head …>` tag (any case), or nil.
    private static func headTagEnd(_ html: [UInt8]) -> Int? {
        let lower = { (b: UInt8) in b >= 65 && b <= 90 ? b + 32 : b }
        var i = 0
        while i + 5 < html.count {
            if html[i] == UInt8(ascii: "<"), lower(html[i + 1]) == UInt8(ascii: "h"), lower(html[i + 2]) == UInt8(ascii: "e"),
               lower(html[i + 3]) == UInt8(ascii: "a"), lower(html[i + 4]) == UInt8(ascii: "d"),
               html[i + 5] == UInt8(ascii: ">") || html[i + 5] == UInt8(ascii: " ") || html[i + 5] == UInt8(ascii: "\n") {
                guard let close = html[(i + 5)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                return close + 1
            }
            i += 1
        }
        return nil
    }

    /// The sitemap index: one `<sitemap>` for each part.
    private func sitemapIndex(parts: Int) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in 1...parts {
            let loc = HTMLEscape.escape(model.urls.permalink(SitePaths.sitemapPart(part)))
            xml += "  <sitemap><loc>\(loc)</loc></sitemap>\n"
        }
        xml += "</sitemapindex>\n"
        return Array(xml.utf8)
    }

    func context(for route: Route) -> [String: Value] {
        var reads = EntryReads()
        return context(for: route, reads: &reads)
    }

    /// A route's context, with the entries whose data it holds recorded in `reads`. Every read
    /// of an entry (its card, body, title, date) for a context happens here and is recorded
    /// with it: a build session uses `reads` to know which pages an edited entry can change.
    func context(for route: Route, reads: inout EntryReads) -> [String: Value] {
        var context: [String: Value] = ["site": contexts.site]
        switch route.target {
        case .home(let number): homeContext(number, route: route, reads: &reads, context: &context)
        case .article(let i): articleContext(i, route: route, reads: &reads, context: &context)
        case .page(let i): pageContext(i, route: route, reads: &reads, context: &context)
        case .taxonomy(let t): taxonomyContext(t, route: route, context: &context)
        case .corrections(let number): correctionsContext(number, route: route, reads: &reads, context: &context)
        case .archive(let year, let month, let number):
            archiveContext(year: year, month: month, number, route: route, reads: &reads, context: &context)
        case .term(let t, let k, let number): termContext(t, k, number, route: route, reads: &reads, context: &context)
        case .termFeed(let t, let k, _): termFeedContext(t, k, route: route, reads: &reads, context: &context)
        case .siteFeed: siteFeedContext(route: route, reads: &reads, context: &context)
        case .newsSitemap: newsSitemapContext(reads: &reads, context: &context)
        case .sitemapPart(let range): sitemapPartContext(range, reads: &reads, context: &context)
        case .robots, .notFound: robotsOrNotFoundContext(route: route, context: &context)
        case .alias(let target): aliasContext(target, route: route, context: &context)
        case .sitemap:
            reads.everything = true
            context["entries"] = sitemapEntries()
        case .sitemapIndex(let parts): context["parts"] = .int(parts)
        }
        return context
    }

    /// The home page `number`: a slice of every article's card.
    private func homeContext(_ number: Int, route: Route, reads: inout EntryReads, context: inout [String: Value]) {
        let config = model.config
        let perPage = model.config.perPage
        let total = Pagination.pageCount(items: model.articles.count, perPage: perPage)
        let range = Pagination.slice(model.articles.count, page: number, perPage: perPage)
        let title = number == 1 ? config.title : "\(config.title) — page \(number)"
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: title, description: config.description ?? "", path: route.path,
            feeds: contexts.siteFeeds, structuredData: number == 1 ? StructuredData(model: model).website() : .null)
        reads.articles(range)
        context["paginator"] = contexts.paginator(
            items: Array(contexts.articleCards[range]), number: number, total: total, base: "")
    }

    /// An article's page: the article whole, with its related articles.
    private func articleContext(_ i: Int, route: Route, reads: inout EntryReads, context: inout [String: Value]) {
        reads.article(i)
        reads.articles(model.related[i])
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: model.articles[i].title, description: model.articles[i].summary, path: route.path,
            feeds: contexts.siteFeeds, card: contexts.articleCards[i],
            structuredData: StructuredData(model: model, siteImage: contexts.siteImage).article(i, card: contexts.articleCards[i]))
        context["article"] = contexts.fullArticle(i)
    }

    /// A standalone page.
    private func pageContext(_ i: Int, route: Route, reads: inout EntryReads, context: inout [String: Value]) {
        reads.page(i)
        let entry = model.pages[i]
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: entry.title, description: entry.summary, path: route.path,
            feeds: contexts.siteFeeds, card: contexts.pageCards[i])
        context["article"] = contexts.fullPage(i)
    }

    /// A taxonomy's index of its terms.
    private func taxonomyContext(_ t: Int, route: Route, context: inout [String: Value]) {
        let config = model.config
        let taxonomy = model.taxonomies[t]
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: taxonomy.title,
            description: "\(taxonomy.title) on \(config.title)", path: route.path, feeds: contexts.siteFeeds)
        context["taxonomy"] = contexts.taxonomies[t]
    }

    /// Page `number` of `/corrections/`: every correction, newest first, each with its article's card.
    private func correctionsContext(_ number: Int, route: Route, reads: inout EntryReads, context: inout [String: Value]) {
        let config = model.config
        let total = Pagination.pageCount(items: model.corrections.count, perPage: config.perPage)
        let range = Pagination.slice(model.corrections.count, page: number, perPage: config.perPage)
        let refs = model.corrections[range]
        reads.articles(refs.map(\.article))
        let items = refs.map { ref -> Value in
            let correction = model.articles[ref.article].frontMatter.corrections[ref.index]
            return CorrectionObject(
                date: correction.date, hasTime: ContentDate.hasTime(correction.dateText), text: correction.text,
                article: contexts.articleCards[ref.article]
            ).templateValue
        }
        let title = number == 1 ? "Corrections" : "Corrections — page \(number)"
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: title, description: "Every correction \(config.title) has published, newest first",
            path: route.path, feeds: contexts.siteFeeds)
        context["paginator"] = contexts.paginator(items: items, number: number, total: total, base: SitePaths.corrections)
    }

    /// The date archive: every year with its months (`/archive/`), a year's months, or page
    /// `number` of a month's articles; a year or month links its newer and older neighbours.
    private func archiveContext(
        year: Int?, month: Int?, _ number: Int, route: Route, reads: inout EntryReads, context: inout [String: Value]
    ) {
        let config = model.config
        let archive = model.archive
        var object: ArchiveObject
        var description: String
        if let year, let y = archive.firstIndex(where: { $0.year == year }) {
            if let month, let m = archive[y].months.firstIndex(where: { $0.month == month }) {
                // Months newest first across years: the neighbours of month m of year y.
                let all = archive.flatMap(\.months)
                let at = all.firstIndex { $0.year == year && $0.month == month }!
                let entry = archive[y].months[m]
                object = contexts.archiveMonth(entry)
                if at > 0 { object.newer = contexts.archiveMonth(all[at - 1]).templateValue }
                if at + 1 < all.count { object.older = contexts.archiveMonth(all[at + 1]).templateValue }
                let perPage = config.perPage
                let total = Pagination.pageCount(items: entry.articles.count, perPage: perPage)
                let range = Pagination.slice(entry.articles.count, page: number, perPage: perPage)
                reads.articles(entry.articles[range])
                context["paginator"] = contexts.paginator(
                    items: entry.articles[range].map { contexts.articleCards[$0] }, number: number, total: total, base: entry.path)
                description = "Articles of \(object.name) on \(config.title)"
            } else {
                object = contexts.archiveYear(archive[y], withMonths: true)
                if y > 0 { object.newer = contexts.archiveYear(archive[y - 1], withMonths: false).templateValue }
                if y + 1 < archive.count { object.older = contexts.archiveYear(archive[y + 1], withMonths: false).templateValue }
                description = "Articles of \(year) on \(config.title), month by month"
            }
        } else {
            object = ArchiveObject(
                name: "Archive", year: nil, month: nil, date: nil, url: model.urls.url(SitePaths.archive()),
                count: model.articles.count, years: archive.map { contexts.archiveYear($0, withMonths: true).templateValue })
            description = "Every article on \(config.title), by year and month"
        }
        let title = number == 1 ? object.name : "\(object.name) — page \(number)"
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: title, description: description, path: route.path, feeds: contexts.siteFeeds)
        context["archive"] = object.templateValue
    }

    /// A term's page `number`: a slice of its articles' cards (a source's with its citations).
    private func termContext(_ t: Int, _ k: Int, _ number: Int, route: Route, reads: inout EntryReads, context: inout [String: Value]) {
        let config = model.config
        let perPage = model.config.perPage
        let taxonomy = model.taxonomies[t]
        let term = taxonomy.terms[k]
        let total = Pagination.pageCount(items: term.articles.count, perPage: perPage)
        let range = Pagination.slice(term.articles.count, page: number, perPage: perPage)
        reads.articles(term.articles[range])
        let items = term.articles[range].map { index -> Value in
            let card = contexts.articleCards[index]
            guard model.config.isAttributionTaxonomy(taxonomy.name) else { return card }
            return ArticleObject.adding(to: card, citations: term.citations[index] ?? 0)
        }
        let title = number == 1 ? term.name : "\(term.name) — page \(number)"
        let feeds = FeedLinkObject.all(title: "\(term.name) — \(config.title)", base: term.path, urls: model.urls) + contexts.siteFeeds
        if taxonomy.isAuthors {
            authorContext(t, k, number, route: route, title: title, feeds: feeds, context: &context)
        } else {
            context["page"] = contexts.page(
                kind: route.kind.pageKind, title: title, description: "\(taxonomy.title): \(term.name) on \(config.title)",
                path: route.path, feeds: feeds, structuredData: StructuredData(model: model).term(t, k))
        }
        // The taxonomy without its terms: a term page shows one term, and what a page does
        // not hold cannot make it render again when another term changes (see BuildSession).
        context["taxonomy"] = contexts.taxonomySummaries[t]
        context["term"] = contexts.terms[t][k]
        context["paginator"] = contexts.paginator(items: items, number: number, total: total, base: term.path)
    }

    /// An author's page: a term page's context, with `author` and its `page` (described by the
    /// author file, a `ProfilePage` in structured data).
    private func authorContext(
        _ t: Int, _ k: Int, _ number: Int, route: Route, title: String, feeds: [Value], context: inout [String: Value]
    ) {
        let config = model.config
        let term = model.taxonomies[t].terms[k]
        let profile = term.profile.map { model.authors[$0] }
        let about = profile.map { $0.summary.isEmpty ? ($0.frontMatter.role ?? "") : $0.summary } ?? ""
        let author = contexts.author(t, k)
        context["author"] = author
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: title,
            description: about.isEmpty ? "Articles by \(term.name) on \(config.title)" : about,
            path: route.path, feeds: feeds, card: author,
            structuredData: StructuredData(model: model).author(t, k, author: author, first: number == 1))
    }

    /// A term's feed, in one format: its newest articles.
    private func termFeedContext(_ t: Int, _ k: Int, route: Route, reads: inout EntryReads, context: inout [String: Value]) {
        let config = model.config
        let term = model.taxonomies[t].terms[k]
        reads.articles(term.articles.prefix(Self.feedSize))
        context["feed"] = feed(
            title: "\(term.name) — \(config.title)", description: "\(term.name) on \(config.title)", path: route.path,
            htmlPath: term.path, entries: Array(term.articles.prefix(Self.feedSize)))
    }

    /// The site's feed, in one format: the newest articles.
    private func siteFeedContext(route: Route, reads: inout EntryReads, context: inout [String: Value]) {
        let config = model.config
        reads.articles(model.articles.indices.prefix(Self.feedSize))
        context["feed"] = feed(
            title: config.title, description: config.description ?? config.title, path: route.path, htmlPath: "",
            entries: Array(model.articles.indices.prefix(Self.feedSize)))
    }

    /// The news sitemap: the articles of the 48 hours before the clock. The clock itself is not
    /// in the context (nor in its key): only the set it picks.
    private func newsSitemapContext(reads: inout EntryReads, context: inout [String: Value]) {
        let articles = model.newsArticles
        reads.articles(articles)
        reads.clock = true
        context["publication"] = PublicationObject(name: model.config.title, language: model.config.language.newsLanguage).templateValue
        context["articles"] = .list(articles.map { contexts.articleCards[$0] })
    }

    /// One part of a sitemap split past the protocol's limit.
    private func sitemapPartContext(_ range: Range<Int>, reads: inout EntryReads, context: inout [String: Value]) {
        reads.everything = true
        guard case .list(let all) = sitemapEntries() else { return }
        context["entries"] = .list(Array(all[range.clamped(to: all.indices)]))
    }

    /// `robots.txt` and the 404 page.
    private func robotsOrNotFoundContext(route: Route, context: inout [String: Value]) {
        let config = model.config
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: "Page not found",
            description: config.description ?? "", path: route.path, feeds: contexts.siteFeeds)
    }

    /// An alias: a page that sends the reader to `target`.
    private func aliasContext(_ target: String, route: Route, context: inout [String: Value]) {
        context["page"] = contexts.page(
            kind: route.kind.pageKind, title: "Moved", description: "", path: route.path, feeds: [])
        context["target"] = AliasTargetObject(url: model.urls.url(target), permalink: model.urls.permalink(target)).templateValue
    }

    private func feed(title: String, description: String, path: String, htmlPath: String, entries: [Int]) -> Value {
        let urls = model.urls
        let updated = entries.map { model.articles[$0].updated }.max()
            ?? model.articles.first?.updated ?? Date(timeIntervalSince1970: 0)
        return FeedObject(
            title: title, description: description, url: urls.permalink(path), link: urls.permalink(htmlPath), id: urls.permalink(path),
            updated: updated, entries: entries.map { contexts.feedEntry($0) }
        ).templateValue
    }

    /// Every listed page with its absolute URL and last change, sorted by URL.
    func sitemapEntries() -> Value {
        sitemap.value { makeSitemapEntries() }
    }

    private func makeSitemapEntries() -> Value {
        let newest = model.articles.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var entries: [(String, Date?)] = []
        for route in routes where route.isListed {
            let lastmod: Date?
            switch route.target {
            case .article(let i): lastmod = model.articles[i].updated
            case .page(let i):
                let dated = model.pages[i].isDated || model.pages[i].frontMatter.updated != nil
                lastmod = dated ? model.pages[i].updated : nil
            case .term(let t, let k, _):
                lastmod = model.taxonomies[t].terms[k].articles.first.map { model.articles[$0].updated } ?? newest
            case .corrections:
                lastmod = model.corrections.first.map { model.articles[$0.article].frontMatter.corrections[$0.index].date } ?? newest
            case .archive(let year?, let month, _):
                let months = model.archive.first { $0.year == year }?.months.filter { month == nil || $0.month == month } ?? []
                lastmod = months.flatMap(\.articles).map { model.articles[$0].updated }.max() ?? newest
            default: lastmod = newest
            }
            entries.append((model.urls.permalink(route.path), lastmod))
        }
        entries.sort { $0.0 < $1.0 }
        return .list(entries.map { SitemapEntryObject(permalink: $0.0, lastmod: $0.1).templateValue })
    }
}

/// The entries a route's context holds data of (see `PageRenderer.context(for:reads:)`).
struct EntryReads: Sendable {
    var articleIndexes: [Int] = []
    var pageIndexes: [Int] = []
    /// Every entry (the sitemap reads each one's date).
    var everything = false
    /// The build's clock (the news sitemap): looked at again in every build.
    var clock = false

    mutating func article(_ i: Int) { articleIndexes.append(i) }
    mutating func articles<S: Sequence>(_ indexes: S) where S.Element == Int { articleIndexes += indexes }
    mutating func page(_ i: Int) { pageIndexes.append(i) }

    /// Whether any of the entries read is among the changed ones.
    func touches(articles: Set<Int>, pages: Set<Int>) -> Bool {
        everything || clock || articleIndexes.contains(where: articles.contains) || pageIndexes.contains(where: pages.contains)
    }
}

/// The corrections box of each article in feeds, by permalink: one build's, shared by every thread.
final class FeedCorrections: @unchecked Sendable {
    private var boxes: [String: String] = [:]
    private let lock = NSLock()

    subscript(permalink: String) -> String? {
        get { lock.withLock { boxes[permalink] } }
        set { lock.withLock { boxes[permalink] = newValue } }
    }
}

/// A value made once, by the first caller, and shared by every caller after it, on any thread.
final class Once<T>: @unchecked Sendable {
    private var made: T?
    private let lock = NSLock()

    func value(_ make: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}

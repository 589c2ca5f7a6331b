import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// Builds the template values of docs/page-contexts.md from the site model.
///
/// The parts every page shares (the `site` object, each article's card, each term) are made once
/// and reused: a value is copy-on-write, so a list page holds references, not copies.
struct Contexts: Sendable {
    private(set) var model: SiteModel
    let site: Value
    /// Each article without `content` and `related`: what lists show.
    private(set) var articleCards: [Value]
    private(set) var pageCards: [Value]
    /// `terms[t][k]`: term k of taxonomy t.
    let terms: [[Value]]
    let taxonomies: [Value]
    /// Each taxonomy without its `terms` and `byCount`: what `site.taxonomies` and term pages hold.
    let taxonomySummaries: [Value]
    let siteFeeds: [Value]
    /// `cardTerms[t][k]`: term k of taxonomy t as cards list it, shared by every card.
    let cardTerms: [[Value]]

    init(model: SiteModel) {
        self.model = model
        let urls = model.urls
        let termsByTaxonomy = model.taxonomies.map { taxonomy in
            taxonomy.terms.map { Contexts.term($0, urls: urls, config: model.config) }
        }
        terms = termsByTaxonomy
        let taxonomyValues = model.taxonomies.enumerated().map { t, taxonomy in
            Contexts.taxonomy(taxonomy, terms: termsByTaxonomy[t], urls: urls)
        }
        taxonomies = taxonomyValues
        let summaries = taxonomyValues.map { taxonomy -> Value in
            guard case .dictionary(var d) = taxonomy else { return taxonomy }
            d["terms"] = nil
            d["byCount"] = nil
            return .dictionary(d)
        }
        taxonomySummaries = summaries
        siteFeeds = [["title": .string(model.config.title), "url": .string(urls.url(SitePaths.siteFeed))]]
        site = Contexts.site(model, taxonomies: summaries)
        let termIndex = model.taxonomies.map { taxonomy in
            Dictionary(uniqueKeysWithValues: taxonomy.terms.enumerated().map { ($1.slug, $0) })
        }
        let cardTerms = Contexts.cardTerms(model)
        self.cardTerms = cardTerms
        articleCards = Parallel.map(model.articles) { Contexts.card($0, model: model, termIndex: termIndex, cardTerms: cardTerms) }
        pageCards = model.pages.map { Contexts.card($0, model: model, termIndex: termIndex, cardTerms: cardTerms) }
    }

    /// These contexts for `model`, whose shape (order, terms, sources) is the one they were made
    /// for: the cards of entries for which `unchanged` is false are made again, every other value
    /// is shared.
    func replacingCards(of model: SiteModel, unchanged: (Int) -> Bool, unchangedPage: (Int) -> Bool) -> Contexts {
        let termIndex = model.taxonomies.map { taxonomy in
            Dictionary(uniqueKeysWithValues: taxonomy.terms.enumerated().map { ($1.slug, $0) })
        }
        var copy = self
        copy.model = model
        for i in model.articles.indices where !unchanged(i) {
            copy.articleCards[i] = Contexts.card(model.articles[i], model: model, termIndex: termIndex, cardTerms: cardTerms)
        }
        for i in model.pages.indices where !unchangedPage(i) {
            copy.pageCards[i] = Contexts.card(model.pages[i], model: model, termIndex: termIndex, cardTerms: cardTerms)
        }
        return copy
    }

    // MARK: - Shared objects

    private static func site(_ model: SiteModel, taxonomies: [Value]) -> Value {
        let config = model.config
        let urls = model.urls
        var params: [String: Value] = [:]
        for (key, value) in config.params { params[key] = Contexts.value(value) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        let year = model.articles.first.map { calendar.component(.year, from: $0.date) }
        return [
            "title": .string(config.title),
            "description": .string(config.description ?? ""),
            "author": .string(config.author ?? ""),
            "language": .string(config.language),
            "baseURL": .string(urls.baseURL),
            "url": .string(urls.basePath),
            "feedURL": .string(urls.url(SitePaths.siteFeed)),
            "taxonomies": .list(taxonomies),
            "pages": .list(model.pages.map { ["title": .string($0.title), "url": .string(urls.url($0.path))] }),
            "params": .dictionary(params),
            "year": year.map { .int($0) } ?? .null,
        ]
    }

    private static func term(_ term: Term, urls: SiteURLs, config: SiteConfig) -> Value {
        var d: [String: Value] = [
            "name": .string(term.name),
            "slug": .string(term.slug),
            "url": .string(urls.url(term.path)),
            "feedURL": .string(urls.url(SitePaths.feed(of: term.path))),
            "count": .int(term.articles.count),
            "taxonomy": .string(term.taxonomy),
        ]
        if let homepage = term.homepage { d["homepage"] = .string(homepage) }
        if config.isAttributionTaxonomy(term.taxonomy) { d["citations"] = .int(term.totalCitations) }
        return .dictionary(d)
    }

    private static func taxonomy(_ taxonomy: Taxonomy, terms: [Value], urls: SiteURLs) -> Value {
        let byCount = taxonomy.terms.indices.sorted { a, b in
            let (x, y) = (taxonomy.terms[a], taxonomy.terms[b])
            return x.articles.count != y.articles.count ? x.articles.count > y.articles.count : x.slug < y.slug
        }
        return [
            "name": .string(taxonomy.name),
            "title": .string(taxonomy.title),
            "url": .string(urls.url(taxonomy.path)),
            "count": .int(taxonomy.terms.count),
            "terms": .list(terms),
            "byCount": .list(byCount.map { terms[$0] }),
        ]
    }

    /// An article or page as lists show it.
    /// `cardTerms(model)[t][k]`: term k of taxonomy t as a card lists it; made once, shared by every card.
    private static func cardTerms(_ model: SiteModel) -> [[Value]] {
        model.taxonomies.map { taxonomy in
            taxonomy.terms.map { term in
                var t: [String: Value] = [
                    "name": .string(term.name), "slug": .string(term.slug),
                    "url": .string(model.urls.url(term.path)), "feedURL": .string(model.urls.url(SitePaths.feed(of: term.path))),
                ]
                if let homepage = term.homepage { t["homepage"] = .string(homepage) }
                return .dictionary(t)
            }
        }
    }

    private static func card(_ entry: Entry, model: SiteModel, termIndex: [[String: Int]], cardTerms: [[Value]]) -> Value {
        let urls = model.urls
        let fm = entry.frontMatter
        var d: [String: Value] = [
            "title": .string(entry.title),
            "summary": .string(entry.summary),
            "author": .string(fm.author ?? model.config.author ?? ""),
            "date": .date(entry.date),
            "updated": .date(entry.updated),
            "url": .string(urls.url(entry.path)),
            "permalink": .string(urls.permalink(entry.path)),
            "slug": .string(entry.slug),
            "toc": .list(entry.markdown.headings.filter { $0.level <= 3 }.map {
                ["level": .int($0.level), "text": .string($0.text), "id": .string($0.id)]
            }),
            "wordCount": .int(entry.markdown.wordCount),
            "readingTime": .int(entry.markdown.readingMinutes),
        ]
        d.reserveCapacity(d.count + 2 + model.taxonomies.count)  // params, attributions, each taxonomy: one growth, not several
        var params: [String: Value] = [:]
        for (key, value) in fm.params { params[key] = Contexts.value(value) }
        d["params"] = .dictionary(params)
        for (t, taxonomy) in model.taxonomies.enumerated() {
            let refs = entry.termSlugs[taxonomy.name] ?? []
            d[taxonomy.name] = .list(refs.compactMap { slug in termIndex[t][slug].map { cardTerms[t][$0] } })
        }
        // An article names the same few sources in paragraph after paragraph: each is made once.
        var sources: [String: Value] = [:]
        let attributionTaxonomy = model.config.attributionTaxonomy
        let declaredSources = attributionTaxonomy.flatMap { entry.termSlugs[$0] } ?? []
        d["attributions"] = .list(entry.markdown.attributions.map { attribution in
            [
                "paragraph": .int(attribution.paragraphIndex),
                "sources": .list(attribution.sources.map { name in
                    if let made = sources[name] { return made }
                    let slug = model.config.termSlug(name)
                    let declared = slug.map { declaredSources.contains($0) } ?? false
                    let made: Value = [
                        "name": .string(name),
                        "url": declared ? .string(urls.url(SitePaths.term(attributionTaxonomy!, slug!))) : .null,
                    ]
                    sources[name] = made
                    return made
                }),
            ]
        })
        return .dictionary(d)
    }

    /// A front-matter or `site.yml` value as a template value.
    static func value(_ param: ParamValue) -> Value {
        switch param {
        case .string(let s): .string(s)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .bool(let b): .bool(b)
        case .date(let date, _): .date(date)
        case .list(let items): .list(items.map(value))
        case .map(let entries): .dictionary(entries.mapValues(value))
        case .null: .null
        }
    }

    // MARK: - Per page

    /// The article's own page: its card with `content` and `related`.
    func fullArticle(_ index: Int) -> Value {
        guard case .dictionary(var d) = articleCards[index] else { return articleCards[index] }
        d["content"] = .html(model.articles[index].content)
        d["related"] = .list(model.related[index].map { articleCards[$0] })
        return .dictionary(d)
    }

    func fullPage(_ index: Int) -> Value {
        guard case .dictionary(var d) = pageCards[index] else { return pageCards[index] }
        d["content"] = .html(model.pages[index].content)
        d["related"] = .list([])
        return .dictionary(d)
    }

    /// A card with `content`, for feeds.
    func feedEntry(_ index: Int) -> Value {
        guard case .dictionary(var d) = articleCards[index] else { return articleCards[index] }
        d["content"] = .html(model.articles[index].content)
        return .dictionary(d)
    }

    func page(kind: String, title: String, description: String, path: String, feeds: [Value]) -> Value {
        [
            "kind": .string(kind),
            "title": .string(title),
            "description": .string(description),
            "url": .string(model.urls.url(path)),
            "permalink": .string(model.urls.permalink(path)),
            "feeds": .list(feeds),
        ]
    }

    func paginator(items: [Value], number: Int, total: Int, base: String) -> Value {
        let urls = model.urls
        return [
            "items": .list(items),
            "number": .int(number),
            "total": .int(total),
            "previous": number > 1 ? .string(urls.url(Pagination.path(base, page: number - 1))) : .null,
            "next": number < total ? .string(urls.url(Pagination.path(base, page: number + 1))) : .null,
            "first": .string(urls.url(base)),
            "last": .string(urls.url(Pagination.path(base, page: total))),
        ]
    }
}

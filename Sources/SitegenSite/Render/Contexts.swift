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
    /// `site.image`: the social preview of a page without a lead image.
    let siteImage: Value

    init(model: SiteModel) {
        self.model = model
        let urls = model.urls
        let termsByTaxonomy = model.taxonomies.map { taxonomy in
            taxonomy.terms.map { Contexts.term($0, model: model) }
        }
        terms = termsByTaxonomy
        let taxonomyObjects = model.taxonomies.enumerated().map { t, taxonomy in
            Contexts.taxonomy(taxonomy, terms: termsByTaxonomy[t], urls: urls)
        }
        taxonomies = taxonomyObjects.map(\.templateValue)
        let summaries = taxonomyObjects.map(\.summary)
        taxonomySummaries = summaries
        siteFeeds = FeedLinkObject.all(title: model.config.title, base: "", urls: urls)
        siteImage = model.siteImage.map { ImageMarkup(urls: urls, images: [:]).object(for: $0).templateValue } ?? .null
        site = Contexts.site(model, taxonomies: summaries, image: siteImage)
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

    private static func site(_ model: SiteModel, taxonomies: [Value], image: Value) -> Value {
        let config = model.config
        let urls = model.urls
        var params: [String: Value] = [:]
        for (key, value) in config.params { params[key] = Contexts.value(value) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        let year = model.articles.first.map { calendar.component(.year, from: $0.date) }
        return SiteObject(
            title: config.title, description: config.description ?? "", author: config.author ?? "",
            language: config.language.tag, locale: config.language.openGraphLocale, direction: config.language.direction, baseURL: urls.baseURL, url: urls.basePath, feedURL: urls.url(SitePaths.siteFeed),
            taxonomies: taxonomies, pages: model.pages.map { LinkObject(title: $0.title, url: urls.url($0.path)) },
            params: params, year: year, image: image, logo: logo(config.logo, urls: urls),
            archiveURL: model.archive.isEmpty ? nil : urls.url(SitePaths.archive()),
            correctionsURL: model.corrections.isEmpty ? nil : urls.url(SitePaths.corrections),
            preview: model.isPreview
        ).templateValue
    }

    /// `site.yml`'s `logo:` for a page's `<img>` and `<link rel="icon">`: a URL as written, a
    /// site path (`/images/logo.svg`, or without its `/`, as structured data reads it) with the
    /// base URL's path; nil when unset.
    static func logo(_ logo: String?, urls: SiteURLs) -> String? {
        guard let logo = logo?.trimmingCharacters(in: .whitespaces), !logo.isEmpty else { return nil }
        return logo.contains("://") || logo.hasPrefix("//") ? logo : urls.url(logo)
    }

    private static func term(_ term: Term, model: SiteModel) -> Value {
        let urls = model.urls
        let profile = term.profile.map { model.authors[$0] }
        return TermObject(
            name: term.name, slug: term.slug, url: urls.url(term.path), feedURL: urls.url(SitePaths.feed(of: term.path)),
            count: term.articles.count, taxonomy: term.taxonomy, homepage: term.homepage,
            citations: model.config.isAttributionTaxonomy(term.taxonomy) ? term.totalCitations : nil,
            role: profile?.frontMatter.role, image: profile?.leadImage.map { ImageMarkup(urls: urls, images: [:]).object(for: $0).templateValue }
        ).templateValue
    }

    /// An author's page object: the term, with their author file's role, portrait, links and biography.
    func author(_ t: Int, _ k: Int) -> Value {
        let term = model.taxonomies[t].terms[k]
        let urls = model.urls
        let profile = term.profile.map { model.authors[$0] }
        let bio = profile.flatMap { $0.content.isEmpty ? nil : $0.content }
        return AuthorObject(
            name: term.name, slug: term.slug, url: urls.url(term.path), permalink: urls.permalink(term.path),
            feedURL: urls.url(SitePaths.feed(of: term.path)), count: term.articles.count, role: profile?.frontMatter.role,
            bio: bio, image: profile?.leadImage.map { ImageMarkup(urls: urls, images: [:]).object(for: $0).templateValue } ?? .null,
            links: profile?.frontMatter.links.map { LinkObject(title: $0.title, url: $0.url) } ?? []
        ).templateValue
    }

    private static func taxonomy(_ taxonomy: Taxonomy, terms: [Value], urls: SiteURLs) -> TaxonomyObject {
        let byCount = taxonomy.terms.indices.sorted { a, b in
            let (x, y) = (taxonomy.terms[a], taxonomy.terms[b])
            return x.articles.count != y.articles.count ? x.articles.count > y.articles.count : x.slug < y.slug
        }
        return TaxonomyObject(
            name: taxonomy.name, title: taxonomy.title, url: urls.url(taxonomy.path), count: taxonomy.terms.count,
            terms: terms, byCount: byCount.map { terms[$0] })
    }

    /// An article or page as lists show it.
    /// `cardTerms(model)[t][k]`: term k of taxonomy t as a card lists it; made once, shared by every card.
    private static func cardTerms(_ model: SiteModel) -> [[Value]] {
        model.taxonomies.map { taxonomy in
            taxonomy.terms.map { term in
                CardTermObject(
                    name: term.name, slug: term.slug, url: model.urls.url(term.path),
                    feedURL: model.urls.url(SitePaths.feed(of: term.path)), homepage: term.homepage
                ).templateValue
            }
        }
    }

    private static func card(_ entry: Entry, model: SiteModel, termIndex: [[String: Int]], cardTerms: [[Value]]) -> Value {
        let urls = model.urls
        let fm = entry.frontMatter
        var params: [String: Value] = [:]
        for (key, value) in fm.params { params[key] = Contexts.value(value) }
        let taxonomyFields = model.taxonomies.enumerated().filter { !$0.element.isAuthors }.map { t, taxonomy in
            (taxonomy.name, (entry.termSlugs[taxonomy.name] ?? []).compactMap { slug in termIndex[t][slug].map { cardTerms[t][$0] } })
        }
        // The byline name by name: a person links their page, under the name it shows.
        let authorTaxonomy = model.taxonomies.firstIndex(where: \.isAuthors)
        // Two spellings of one person ("Jane Doe", "jane doe") are one byline, named once.
        var bylineNames: [String] = []
        var named: Set<String> = []
        let bylines = fm.authors.compactMap { ref -> Value? in
            guard let t = authorTaxonomy, let slug = model.bylineSlugs[ref.name], let k = termIndex[t][slug] else {
                guard named.insert(TermIdentity.key(ref.name)).inserted else { return nil }
                bylineNames.append(ref.name)
                return BylineObject(name: ref.name, organization: model.config.isOrganization(ref.name)).templateValue
            }
            guard named.insert(slug).inserted else { return nil }
            let term = model.taxonomies[t].terms[k]
            bylineNames.append(term.name)
            return BylineObject(
                name: term.name, slug: slug, url: urls.url(term.path), permalink: urls.permalink(term.path),
                organization: model.config.isOrganization(term.name)
            ).templateValue
        }
        return ArticleObject(
            title: entry.title, summary: entry.summary,
            author: Byline.display(bylineNames) ?? fm.author ?? model.config.author ?? "",
            date: entry.date, updated: entry.updated,
            hasTime: ContentDate.hasTime(fm.dateText), updatedHasTime: ContentDate.hasTime(fm.revised?.text ?? fm.dateText),
            url: urls.url(entry.path), permalink: urls.permalink(entry.path),
            slug: entry.slug,
            toc: entry.markdown.headings.filter { $0.level <= 3 }.map { ArticleObject.Heading(level: $0.level, text: $0.text, id: $0.id) },
            wordCount: entry.markdown.wordCount, readingTime: entry.markdown.readingMinutes, params: params,
            taxonomyFields: taxonomyFields, attributions: attributions(of: entry, model: model),
            image: entry.leadImage.map { ImageMarkup(urls: urls, images: [:]).object(for: $0) },
            scheduled: entry.kind == .article && entry.date > model.now, draft: entry.kind == .article && fm.draft, authors: bylines,
            corrections: fm.corrections.map { CorrectionObject(date: $0.date, hasTime: ContentDate.hasTime($0.dateText), text: $0.text).templateValue }
        ).templateValue
    }


    /// An entry's attributed paragraphs; a source links its page when the entry declares it.
    private static func attributions(of entry: Entry, model: SiteModel) -> [ArticleObject.Attribution] {
        // An article names the same few sources in paragraph after paragraph: each is made once.
        var sources: [String: Value] = [:]
        let attributionTaxonomy = model.config.attributionTaxonomy
        let declaredSources = attributionTaxonomy.flatMap { entry.termSlugs[$0] } ?? []
        return entry.markdown.attributions.map { attribution in
            ArticleObject.Attribution(paragraph: attribution.paragraphIndex, sources: attribution.sources.map { name in
                if let made = sources[name] { return made }
                let slug = model.config.termSlug(name)
                let declared = slug.map { declaredSources.contains($0) } ?? false
                let made: Value = [
                    "name": .string(name),
                    "url": declared ? .string(model.urls.url(SitePaths.term(attributionTaxonomy!, slug!))) : .null,
                ]
                sources[name] = made
                return made
            })
        }
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
        ArticleObject.adding(
            to: articleCards[index], content: model.articles[index].content,
            related: model.related[index].map { articleCards[$0] })
    }

    func fullPage(_ index: Int) -> Value {
        ArticleObject.adding(to: pageCards[index], content: model.pages[index].content, related: [])
    }

    /// A feed's entry: the card with its body. Its corrections join the body when the feed
    /// renders, from the theme's own box (`PageRenderer.withCorrections`).
    func feedEntry(_ index: Int) -> Value {
        ArticleObject.adding(to: articleCards[index], content: model.articles[index].content)
    }

    /// `page`; `card` is the card of the article or page it shows, whose lead image (its
    /// `image`, made once with the card) stands for it. An empty
    /// description falls back to the site's, then to its title: no `content=""` in meta tags.
    func page(
        kind: String, title: String, description: String, path: String, feeds: [Value], card: Value? = nil,
        structuredData: Value = .null
    ) -> Value {
        var image: Value?
        // A card without a picture (an author with no portrait) falls back to the site's, as every page does.
        if case .dictionary(let d)? = card, let own = d["image"], own != .null { image = own }
        let siteDescription = model.config.description.flatMap { $0.isEmpty ? nil : $0 } ?? model.config.title
        return PageObject(
            kind: kind, title: title, description: description.isEmpty ? siteDescription : description, url: model.urls.url(path),
            permalink: model.urls.permalink(path), feeds: feeds, image: image ?? siteImage, structuredData: structuredData
        ).templateValue
    }

    /// The archive's periods: a month of `model.archive`, a year (with its months when
    /// `withMonths`), or the whole archive.
    func archiveMonth(_ month: ArchiveMonth) -> ArchiveObject {
        ArchiveObject(
            name: "\(monthName(month.month)) \(month.year)", year: month.year, month: month.month,
            date: archiveCalendar.date(from: DateComponents(year: month.year, month: month.month, day: 1)),
            url: model.urls.url(month.path), count: month.articles.count)
    }

    func archiveYear(_ year: ArchiveYear, withMonths: Bool) -> ArchiveObject {
        ArchiveObject(
            name: String(year.year), year: year.year, month: nil,
            date: archiveCalendar.date(from: DateComponents(year: year.year, month: 1, day: 1)),
            url: model.urls.url(year.path), count: year.count,
            months: withMonths ? year.months.map { archiveMonth($0).templateValue } : [])
    }

    private var archiveCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = model.config.timeZone
        return calendar
    }

    func paginator(items: [Value], number: Int, total: Int, base: String) -> Value {
        let urls = model.urls
        return PaginatorObject(
            items: items, number: number, total: total,
            previous: number > 1 ? urls.url(Pagination.path(base, page: number - 1)) : nil,
            next: number < total ? urls.url(Pagination.path(base, page: number + 1)) : nil,
            first: urls.url(base), last: urls.url(Pagination.path(base, page: total))
        ).templateValue
    }
}

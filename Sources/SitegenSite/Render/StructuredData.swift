import Foundation
import SitegenContent
import SitegenTemplates

/// The schema.org JSON-LD of pages (`page.structuredData`, printed by the theme with the
/// `json` filter, which is safe inside `<script>`): `NewsArticle` and a `BreadcrumbList` on
/// article pages, a `BreadcrumbList` on term pages, `WebSite` on the home page.
///
/// Values follow Google's article guidelines: absolute URLs, dates with their offset, the
/// lead image's (else the site's image's) 16:9, 4:3 and 1:1 crops, a headline of at most 110 characters. A value the
/// site does not have is left out, never written empty.
struct StructuredData {
    let model: SiteModel
    /// `site.image` (an `ImageObject` value, or null): the image of an article without its own.
    var siteImage: Value = .null

    static let context = "https://schema.org"
    /// Google truncates a longer headline in rich results.
    static let headlineLimit = 110

    /// `NewsArticle` and the breadcrumb of article `index`, whose card is `card`.
    func article(_ index: Int, card: Value) -> Value {
        let entry = model.articles[index]
        let config = model.config
        let urls = model.urls
        let permalink = urls.permalink(entry.path)
        var article: [String: Value] = [
            "@context": .string(Self.context), "@type": "NewsArticle",
            "headline": .string(Self.headline(entry.title)),
            "datePublished": .date(entry.date), "dateModified": .date(entry.updated),
            "mainEntityOfPage": ["@type": "WebPage", "@id": .string(permalink)],
            "url": .string(permalink),
            "inLanguage": .string(config.language.tag),
            "isAccessibleForFree": true,
            "publisher": publisher,
        ]
        if !entry.summary.isEmpty { article["description"] = .string(entry.summary) }
        if case .list(let bylines)? = Self.field(card, "authors"), !bylines.isEmpty {
            article["author"] = .list(bylines.compactMap { byline in
                Self.field(byline, "name")?.stringValue.map { name in
                    party(name, organization: Self.field(byline, "organization") == .bool(true),
                          page: Self.field(byline, "permalink")?.stringValue)
                }
            })
        } else if let author = Self.nonEmpty(config.author) {
            article["author"] = .list([party(author, organization: true)])  // the site's own byline
        }
        // The crops' URLs as the card holds them (its `image`, else the site's): made once, read here.
        let crops = Self.cropURLs(Self.field(card, "image") ?? siteImage)
        if !crops.isEmpty { article["image"] = .list(crops) }
        let topics = terms(card, "topics")
        if let first = topics.first { article["articleSection"] = .string(first.name) }
        if !topics.isEmpty { article["keywords"] = .list(topics.map { .string($0.name) }) }
        if let attribution = config.attributionTaxonomy {
            let sources = terms(card, attribution)
            if !sources.isEmpty {
                article["citation"] = .list(sources.map { source in
                    ["@type": "CreativeWork", "name": .string(source.name),
                     "url": .string(source.homepage ?? urls.origin + source.url)]
                })
            }
        }
        // schema.org's `correction`: each published correction, oldest first, as the page shows them.
        let corrections = entry.frontMatter.corrections
        if !corrections.isEmpty {
            article["correction"] = .list(corrections.map { correction in
                ["@type": "CorrectionComment", "text": .string(correction.text), "datePublished": .date(correction.date)]
            })
        }
        var crumbs: [(String, String)] = [(config.title, urls.permalink(""))]
        if let first = topics.first { crumbs.append((first.name, urls.origin + first.url)) }
        crumbs.append((entry.title, permalink))
        return .list([.dictionary(article), breadcrumbs(crumbs)])
    }

    /// The breadcrumb of a term's page: Home › Topics › NASA.
    func term(_ t: Int, _ k: Int) -> Value {
        let taxonomy = model.taxonomies[t]
        let term = taxonomy.terms[k]
        let urls = model.urls
        return .list([breadcrumbs([
            (model.config.title, urls.permalink("")), (taxonomy.title, urls.permalink(taxonomy.path)),
            (term.name, urls.permalink(term.path)),
        ])])
    }

    /// The home page's `WebSite`.
    func website() -> Value {
        let config = model.config
        var site: [String: Value] = [
            "@context": .string(Self.context), "@type": "WebSite", "name": .string(config.title),
            "url": .string(model.urls.permalink("")), "inLanguage": .string(config.language.tag),
        ]
        if let description = Self.nonEmpty(config.description) { site["description"] = .string(description) }
        return .list([.dictionary(site)])
    }

    /// The site's organisation: its name, URL and, when `site.yml` names one, its logo.
    private var publisher: Value {
        var organization: [String: Value] = [
            "@type": "Organization", "name": .string(model.config.title), "url": .string(model.urls.permalink("")),
        ]
        if let logo = Self.nonEmpty(model.config.logo) {
            organization["logo"] = ["@type": "ImageObject", "url": .string(model.urls.absolute(logo))]
        }
        return .dictionary(organization)
    }

    /// A byline: an organisation (`organizations:`, the site's title or its `author`) is an
    /// `Organization` at the site's URL, a person a `Person` at their author page.
    private func party(_ name: String, organization: Bool, page: String? = nil) -> Value {
        var party: [String: Value] = ["@type": organization ? "Organization" : "Person", "name": .string(name)]
        if let url = organization ? model.urls.permalink("") : page { party["url"] = .string(url) }
        return .dictionary(party)
    }

    /// An author's page: a `ProfilePage` about the `Person` (on the first page) and the breadcrumb.
    func author(_ t: Int, _ k: Int, author: Value, first: Bool) -> Value {
        let crumbs = term(t, k)
        guard first, case .list(var items) = crumbs else { return crumbs }
        // An organisation's byline with an author file (`organizations:`) is an Organization.
        let organization = model.config.isOrganization(model.taxonomies[t].terms[k].name)
        var person: [String: Value] = [
            "@type": organization ? "Organization" : "Person", "name": Self.field(author, "name") ?? .null,
            "url": Self.field(author, "permalink") ?? .null,
        ]
        if !organization, let role = Self.field(author, "role")?.stringValue, !role.isEmpty { person["jobTitle"] = .string(role) }
        if let image = Self.field(author, "image"), let url = Self.field(image, "permalink") { person["image"] = url }
        if case .list(let links)? = Self.field(author, "links"), !links.isEmpty {
            person["sameAs"] = .list(links.compactMap { Self.field($0, "url") })
        }
        let profile: Value = [
            "@context": .string(Self.context), "@type": "ProfilePage", "url": Self.field(author, "permalink") ?? .null,
            "mainEntity": .dictionary(person),
        ]
        items.insert(profile, at: 0)
        return .list(items)
    }

    private func breadcrumbs(_ items: [(name: String, url: String)]) -> Value {
        [
            "@context": .string(Self.context), "@type": "BreadcrumbList",
            "itemListElement": .list(items.enumerated().map { i, item in
                ["@type": "ListItem", "position": .int(i + 1), "name": .string(item.name), "item": .string(item.url)]
            }),
        ]
    }

    private static func field(_ value: Value, _ key: String) -> Value? {
        guard case .dictionary(let d) = value else { return nil }
        return d[key]
    }

    /// The `url` of each of an `ImageObject` value's `crops`.
    private static func cropURLs(_ image: Value) -> [Value] {
        guard case .list(let crops)? = field(image, "crops") else { return [] }
        return crops.compactMap { field($0, "url") }
    }

    /// The terms a card lists under a taxonomy: name, site URL and a source's homepage.
    private func terms(_ card: Value, _ taxonomy: String) -> [(name: String, url: String, homepage: String?)] {
        guard case .dictionary(let d) = card, case .list(let items)? = d[taxonomy] else { return [] }
        return items.compactMap { item in
            guard case .dictionary(let t) = item, let name = t["name"]?.stringValue, let url = t["url"]?.stringValue else { return nil }
            return (name, url, t["homepage"]?.stringValue)
        }
    }

    /// The title cut at a word to at most 110 characters, an ellipsis included.
    static func headline(_ title: String) -> String {
        guard title.count > headlineLimit else { return title }
        let room = title.prefix(headlineLimit - 1)
        let cut = room.lastIndex(of: " ").map { room[..<$0] } ?? room
        return cut.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return s
    }
}

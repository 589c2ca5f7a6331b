import Foundation
import SitegenTemplates

/// An object of a page context (docs/page-contexts.md): a Swift type with one stored property a
/// field, made into a template value by `templateValue`. `fields` lists every field the value
/// can hold; a test checks it against the values the build makes and against the reference
/// tables of docs/page-contexts.md, so neither can drift from the code unnoticed.
protocol ContextObject: ValueConvertible {
    /// Its heading in docs/page-contexts.md (`site`, `article`…).
    static var name: String { get }
    /// Every field its value may hold, in the order of its docs table.
    static var fields: [String] { get }
}

/// A `{title, url}` link: `site.pages`, `page.feeds`.
struct LinkObject: ValueConvertible {
    var title: String
    var url: String
    var templateValue: Value { ["title": .string(title), "url": .string(url)] }
}

/// A feed of a page (`page.feeds`' items): `{title, url, type}`, one for each format.
struct FeedLinkObject: ValueConvertible {
    var title: String
    var url: String
    var format: FeedFormat
    var templateValue: Value {
        ["title": .string(title), "url": .string(url), "type": .string(format.mediaType), "format": .string(format.displayName)]
    }

    /// The feeds of the list at `base` (`""` for the site's), in every format.
    static func all(title: String, base: String, urls: SiteURLs) -> [Value] {
        FeedFormat.allCases.map { FeedLinkObject(title: title, url: urls.url(SitePaths.feed(of: base, format: $0)), format: $0).templateValue }
    }
}

/// `site`: on every page.
struct SiteObject: ContextObject {
    static let name = "site"
    static let fields = [
        "title", "description", "author", "language", "locale", "direction", "baseURL", "url", "feedURL", "taxonomies", "pages", "params", "year",
        "image", "logo", "archiveURL", "correctionsURL", "preview",
    ]

    var title: String
    var description: String
    var author: String
    /// The BCP 47 tag of `site.yml`'s `language:`, in canonical case (`en-US`, `zh-Hant`).
    var language: String
    /// The language as Open Graph writes a locale: `en_US` for `en`, `pt_BR` for `pt-BR`,
    /// `zh_TW` for `zh-Hant`; empty when sitegen knows no territory for it (`LanguageTag.openGraphLocale`).
    var locale: String
    /// `rtl` for a language written right to left (Arabic, Hebrew, Persian, Urdu, …), else `ltr`.
    var direction: String
    var baseURL: String
    var url: String
    var feedURL: String
    /// Each taxonomy as `TaxonomyObject.summary`.
    var taxonomies: [Value]
    var pages: [LinkObject]
    var params: [String: Value]
    var year: Int?
    /// `site.yml`'s `image:`.
    var image: Value
    /// `site.yml`'s `logo:` as pages link it (a site path with the base URL's path), or nil.
    var logo: String?
    /// The date archive (`/archive/`), when the site has an article.
    var archiveURL: String?
    /// `/corrections/`, when an article has a correction.
    var correctionsURL: String?
    /// Whether the build is a preview (`--drafts` or `--future`; `BuildOptions.isPreview`).
    var preview = false

    var templateValue: Value {
        [
            "preview": .bool(preview), "image": image, "logo": logo.templateValue, "archiveURL": archiveURL.templateValue, "correctionsURL": correctionsURL.templateValue,
            "title": .string(title), "description": .string(description), "author": .string(author),
            "language": .string(language), "locale": .string(locale), "direction": .string(direction), "baseURL": .string(baseURL), "url": .string(url), "feedURL": .string(feedURL),
            "taxonomies": .list(taxonomies), "pages": .list(pages.map(\.templateValue)), "params": .dictionary(params),
            "year": year.templateValue,
        ]
    }
}

/// `page`: on every page, what it is (`kind`), its title and URLs.
struct PageObject: ContextObject {
    static let name = "page"
    static let fields = ["kind", "title", "description", "url", "permalink", "feeds", "image", "structuredData"]

    var kind: String
    var title: String
    var description: String
    var url: String
    var permalink: String
    /// `LinkObject` values (the site's feed is shared by every page).
    var feeds: [Value]
    /// The image that stands for the page when it is shared (`ImageObject`): the article's lead
    /// image, else the site's `image:`, else null.
    var image: Value
    /// The page's schema.org JSON-LD (`StructuredData`): a list of objects, or null.
    var structuredData: Value = .null

    var templateValue: Value {
        [
            "kind": .string(kind), "title": .string(title), "description": .string(description),
            "url": .string(url), "permalink": .string(permalink), "feeds": .list(feeds), "image": image,
            "structuredData": structuredData,
        ]
    }
}

/// `article`: an article or page as a card (every item of a list), plus `content` and
/// `related` on its own page (`content` in feeds), plus `citations` on a source's page. Its
/// terms are one field a taxonomy, named after it (`topics`, `sources`): `taxonomyFields`.
struct ArticleObject: ContextObject {
    static let name = "article"
    static let fields = [
        "title", "summary", "author", "date", "updated", "hasTime", "updatedHasTime", "url", "permalink", "slug", "content",
        "toc", "wordCount", "readingTime", "attributions", "related", "params", "citations", "image", "scheduled", "draft", "authors", "corrections",
    ]

    /// `toc`'s items.
    struct Heading: ValueConvertible {
        var level: Int
        var text: String
        var id: String
        var templateValue: Value { ["level": .int(level), "text": .string(text), "id": .string(id)] }
    }

    /// `attributions`' items: a paragraph's index and its sources, each `{name, url}` (url null
    /// when the article does not declare that source).
    struct Attribution: ValueConvertible {
        var paragraph: Int
        var sources: [Value]
        var templateValue: Value { ["paragraph": .int(paragraph), "sources": .list(sources)] }
    }

    var title: String
    var summary: String
    var author: String
    var date: Date
    var updated: Date
    /// Whether the front-matter's `date:` (and `updated:`, or `date:` when it has none) gives a time of day.
    var hasTime: Bool
    var updatedHasTime: Bool
    var url: String
    var permalink: String
    var slug: String
    var toc: [Heading]
    var wordCount: Int
    var readingTime: Int
    var params: [String: Value]
    /// Each taxonomy's name, with the card terms of this entry in it.
    var taxonomyFields: [(String, [Value])]
    var attributions: [Attribution]
    /// The lead image, when the article has one.
    var image: ImageObject?
    /// Whether it is dated after the build's clock (built only with `--future`).
    var scheduled = false
    /// Whether it is a draft (built only with `--drafts`).
    var draft = false
    /// The byline, name by name (`BylineObject` values), organisations too. It takes the place
    /// of the bylines' taxonomy field (which would list only the people).
    var authors: [Value] = []
    /// Its corrections, oldest first (`CorrectionObject` values without `article`).
    var corrections: [Value] = []

    var templateValue: Value {
        var d: [String: Value] = [
            "title": .string(title), "summary": .string(summary), "author": .string(author),
            "date": .date(date), "updated": .date(updated), "hasTime": .bool(hasTime), "updatedHasTime": .bool(updatedHasTime),
            "url": .string(url), "permalink": .string(permalink),
            "slug": .string(slug), "toc": .list(toc.map(\.templateValue)), "wordCount": .int(wordCount),
            "readingTime": .int(readingTime), "scheduled": .bool(scheduled), "draft": .bool(draft),
        ]
        d.reserveCapacity(d.count + 2 + taxonomyFields.count)  // params, attributions, each taxonomy: one growth
        d["params"] = .dictionary(params)
        for (name, terms) in taxonomyFields { d[name] = .list(terms) }
        d["attributions"] = .list(attributions.map(\.templateValue))
        d["authors"] = .list(authors)
        d["corrections"] = .list(corrections)
        if let image { d["image"] = image.templateValue }
        return .dictionary(d)
    }

    /// `card` (a card's value) with the fields only an article's own page, a feed or a source's
    /// page adds.
    static func adding(to card: Value, content: HTML? = nil, related: [Value]? = nil, citations: Int? = nil) -> Value {
        guard case .dictionary(var d) = card else { return card }
        if let content { d["content"] = .html(content) }
        if let related { d["related"] = .list(related) }
        if let citations { d["citations"] = .int(citations) }
        return .dictionary(d)
    }
}

/// A term as a card lists it (`article.topics`' items): `{name, slug, url, feedURL}`, and a
/// source's `homepage`.
struct CardTermObject: ValueConvertible {
    var name: String
    var slug: String
    var url: String
    var feedURL: String
    var homepage: String?

    var templateValue: Value {
        var t: [String: Value] = ["name": .string(name), "slug": .string(slug), "url": .string(url), "feedURL": .string(feedURL)]
        if let homepage { t["homepage"] = .string(homepage) }
        return .dictionary(t)
    }
}

/// One name of a byline (`article.authors`' items): `{name, slug, url, permalink, organization}`;
/// an organisation's byline ("Staff") has no page, so its `slug`, `url` and `permalink` are null.
struct BylineObject: ContextObject {
    static let name = "byline"
    static let fields = ["name", "slug", "url", "permalink", "organization"]

    var name: String
    var slug: String? = nil
    var url: String? = nil
    var permalink: String? = nil
    /// An organisation's byline (`organizations:`, the site's own): plain text, unless it has an author file.
    var organization: Bool

    var templateValue: Value {
        [
            "name": .string(name), "slug": slug.templateValue, "url": url.templateValue, "permalink": permalink.templateValue,
            "organization": .bool(organization),
        ]
    }
}

/// `author`: on an author's pages (`/authors/<slug>/`), from their author file when there is one.
struct AuthorObject: ContextObject {
    static let name = "author"
    static let fields = ["name", "slug", "url", "permalink", "feedURL", "count", "role", "bio", "image", "links"]

    var name: String
    var slug: String
    var url: String
    var permalink: String
    var feedURL: String
    var count: Int
    /// The author file's `title:` ("Science editor").
    var role: String?
    /// The author file's body: the biography, as HTML.
    var bio: HTML?
    /// The author file's `image:`, a portrait (`ImageObject`).
    var image: Value
    /// `{title, url}` each.
    var links: [LinkObject]

    var templateValue: Value {
        [
            "name": .string(name), "slug": .string(slug), "url": .string(url), "permalink": .string(permalink),
            "feedURL": .string(feedURL), "count": .int(count), "role": role.templateValue,
            "bio": bio.map { .html($0) } ?? .null, "image": image, "links": .list(links.map(\.templateValue)),
        ]
    }
}

/// A correction: each item of `article.corrections` (oldest first), and of `/corrections/`'s
/// `paginator.items` (newest first, with the `article` it corrects, as a card).
struct CorrectionObject: ContextObject {
    static let name = "correction"
    static let fields = ["date", "hasTime", "text", "article"]

    var date: Date
    var hasTime: Bool
    var text: String
    var article: Value?

    var templateValue: Value {
        var d: [String: Value] = ["date": .date(date), "hasTime": .bool(hasTime), "text": .string(text)]
        if let article { d["article"] = article }
        return .dictionary(d)
    }
}

/// `archive`: on the date archive's pages, and each item of its `years`, `months`, `newer` and
/// `older`: a period (all time, a year, a month) with its article count.
struct ArchiveObject: ContextObject {
    static let name = "archive"
    static let fields = ["name", "year", "month", "date", "url", "count", "years", "months", "newer", "older"]

    /// `Archive`, `2025`, `July 2025`.
    var name: String
    var year: Int?
    var month: Int?
    /// The period's first instant in the site's time zone (null for the whole archive), for `| date("%B %Y")`.
    var date: Date?
    var url: String
    var count: Int
    var years: [Value] = []
    var months: [Value] = []
    var newer: Value = .null
    var older: Value = .null

    var templateValue: Value {
        [
            "name": .string(name), "year": year.templateValue, "month": month.templateValue, "date": date.map { .date($0) } ?? .null,
            "url": .string(url), "count": .int(count), "years": .list(years), "months": .list(months), "newer": newer, "older": older,
        ]
    }
}

/// `term`: on a term's pages, and each item of `taxonomy.terms`.
struct TermObject: ContextObject {
    static let name = "term"
    static let fields = ["name", "slug", "url", "feedURL", "count", "taxonomy", "homepage", "citations", "role", "image"]

    var name: String
    var slug: String
    var url: String
    var feedURL: String
    var count: Int
    var taxonomy: String
    var homepage: String?
    /// For the attribution taxonomy's terms: attributed paragraphs across all articles.
    var citations: Int?
    /// For an author with an author file: its role and portrait (`ImageObject`).
    var role: String?
    var image: Value?

    var templateValue: Value {
        var d: [String: Value] = [
            "name": .string(name), "slug": .string(slug), "url": .string(url), "feedURL": .string(feedURL),
            "count": .int(count), "taxonomy": .string(taxonomy),
        ]
        if let homepage { d["homepage"] = .string(homepage) }
        if let citations { d["citations"] = .int(citations) }
        if let role { d["role"] = .string(role) }
        if let image { d["image"] = image }
        return .dictionary(d)
    }
}

/// `taxonomy`: on its index page whole; on term pages and in `site.taxonomies` as its
/// `summary` (without `terms` and `byCount`).
struct TaxonomyObject: ContextObject {
    static let name = "taxonomy"
    static let fields = ["name", "title", "url", "count", "terms", "byCount"]

    var name: String
    var title: String
    var url: String
    var count: Int
    /// `TermObject` values, by slug.
    var terms: [Value]
    /// The same, most articles first.
    var byCount: [Value]

    var templateValue: Value {
        [
            "name": .string(name), "title": .string(title), "url": .string(url), "count": .int(count),
            "terms": .list(terms), "byCount": .list(byCount),
        ]
    }

    var summary: Value { ["name": .string(name), "title": .string(title), "url": .string(url), "count": .int(count)] }
}

/// `paginator`: the home's and each term's pages.
struct PaginatorObject: ContextObject {
    static let name = "paginator"
    static let fields = ["items", "number", "total", "previous", "next", "first", "last"]

    var items: [Value]
    var number: Int
    var total: Int
    var previous: String?
    var next: String?
    var first: String
    var last: String

    var templateValue: Value {
        [
            "items": .list(items), "number": .int(number), "total": .int(total), "previous": previous.templateValue,
            "next": next.templateValue, "first": .string(first), "last": .string(last),
        ]
    }
}

/// `feed`: `feed.xml`, `rss.xml` and `feed.json`, the site's and each term's.
struct FeedObject: ContextObject {
    static let name = "feed"
    static let fields = ["title", "description", "url", "link", "id", "updated", "entries"]

    var title: String
    /// Never empty (RSS requires one): the site's description, else its title.
    var description: String
    var url: String
    var link: String
    var id: String
    var updated: Date
    /// Cards with `content`.
    var entries: [Value]

    var templateValue: Value {
        [
            "title": .string(title), "description": .string(description), "url": .string(url), "link": .string(link),
            "id": .string(id), "updated": .date(updated), "entries": .list(entries),
        ]
    }
}

/// `publication` (news-sitemap.xml): the site as Google News names it.
struct PublicationObject: ContextObject {
    static let name = "publication"
    static let fields = ["name", "language"]

    var name: String
    /// The ISO 639 code (`en` for `en-US`), or `zh-cn` and `zh-tw`.
    var language: String

    var templateValue: Value { ["name": .string(name), "language": .string(language)] }
}

/// `entries`' items (sitemap.xml): every listed page.
struct SitemapEntryObject: ContextObject {
    static let name = "entries"
    static let fields = ["permalink", "lastmod"]

    var permalink: String
    var lastmod: Date?

    var templateValue: Value { ["permalink": .string(permalink), "lastmod": lastmod.templateValue] }
}

/// `target` (alias.html): where an old URL now lives.
struct AliasTargetObject: ContextObject {
    static let name = "target"
    static let fields = ["url", "permalink"]

    var url: String
    var permalink: String

    var templateValue: Value { ["url": .string(url), "permalink": .string(permalink)] }
}

/// `article.image`: the lead image (front-matter `image:`), made by the image stage.
struct ImageObject: ContextObject {
    static let name = "image"
    static let fields = [
        "url", "permalink", "type", "length", "alt", "caption", "credit", "width", "height", "html", "thumbnail", "social",
        "crops",
    ]

    /// One of `crops`: a cut to a ratio, `{ratio, url, width, height}`, the URL absolute.
    struct Crop: Sendable {
        var ratio: String
        var url: String
        var width: Int
        var height: Int
        var templateValue: Value {
            ["ratio": .string(ratio), "url": .string(url), "width": .int(width), "height": .int(height)]
        }
    }

    /// The fallback file at the widest width up to 1200 px: its URL, absolute URL, media type and size in bytes.
    var url: String
    var permalink: String
    var type: String
    var length: Int
    var alt: String
    var caption: String?
    var credit: String?
    var width: Int
    var height: Int
    /// The `<picture>` of the article's own page: not lazy, `fetchpriority="high"`.
    var html: String
    /// A card's 3:2 `<picture>`, lazy.
    var thumbnail: String?
    /// The 1200×630 preview for `og:image`: `{url, width, height}`, the URL absolute.
    var social: (url: String, width: Int, height: Int)?
    /// The 16:9, 4:3 and 1:1 crops structured data lists (Google's ratios for an article's image).
    var crops: [Crop] = []

    var templateValue: Value {
        var d: [String: Value] = [
            "url": .string(url), "permalink": .string(permalink), "type": .string(type), "length": .int(length),
            "alt": .string(alt), "caption": caption.templateValue, "credit": credit.templateValue,
            "width": .int(width), "height": .int(height), "html": .html(HTML(html)),
            "thumbnail": thumbnail.map { .html(HTML($0)) } ?? .null,
        ]
        d["social"] = social.map { ["url": .string($0.url), "width": .int($0.width), "height": .int($0.height)] } ?? .null
        d["crops"] = .list(crops.map(\.templateValue))
        return .dictionary(d)
    }
}

/// Every context object, for the test that checks them against the docs.
let contextObjects: [any ContextObject.Type] = [
    SiteObject.self, PageObject.self, ArticleObject.self, PaginatorObject.self, TaxonomyObject.self, TermObject.self,
    FeedObject.self, SitemapEntryObject.self, AliasTargetObject.self, ImageObject.self, PublicationObject.self,
    BylineObject.self, AuthorObject.self, ArchiveObject.self, CorrectionObject.self,
]

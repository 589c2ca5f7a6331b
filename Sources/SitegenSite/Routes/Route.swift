import SitegenSupport

/// One output file of the site: a kind, a site path, and what it renders.
///
/// Pagination, feeds and templates all go through routes, so every page kind is made the same way.
public struct Route: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case home, article, page, taxonomy, term, termFeed, siteFeed, termRSS, siteRSS, termJSONFeed, siteJSONFeed
        /// The bylines' index (`/authors/`) and an author's pages (`/authors/<slug>/`).
        case authors, author
        /// The date archive: `/archive/`, a year, a month's articles.
        case archive
        /// `/corrections/`: every correction, newest first.
        case corrections
        case sitemap, newsSitemap, robots, notFound, alias

        /// The template that renders this kind of page.
        public var template: String {
            switch self {
            case .home: "index.html"
            case .article: "article.html"
            case .page: "page.html"
            case .taxonomy: "taxonomy.html"
            case .term: "term.html"
            case .authors: "authors.html"
            case .author: "author.html"
            case .archive: "archive.html"
            case .corrections: "corrections.html"
            case .termFeed, .siteFeed: FeedFormat.atom.template
            case .termRSS, .siteRSS: FeedFormat.rss.template
            case .termJSONFeed, .siteJSONFeed: FeedFormat.json.template
            case .sitemap: "sitemap.xml"
            case .newsSitemap: "news-sitemap.xml"
            case .robots: "robots.txt"
            case .notFound: "404.html"
            case .alias: "alias.html"
            }
        }

        /// What templates see as `page.kind` (feeds and sitemaps have no `page`).
        public var pageKind: String { self == .notFound ? "404" : rawValue }

        /// A feed of a term or of the site, in `format`.
        static func feed(_ format: FeedFormat, ofTerm: Bool) -> Kind {
            switch format {
            case .atom: ofTerm ? .termFeed : .siteFeed
            case .rss: ofTerm ? .termRSS : .siteRSS
            case .json: ofTerm ? .termJSONFeed : .siteJSONFeed
            }
        }

        /// Whether it is a feed, in any format.
        var isFeed: Bool {
            switch self {
            case .termFeed, .siteFeed, .termRSS, .siteRSS, .termJSONFeed, .siteJSONFeed: true
            default: false
            }
        }
    }

    enum Target: Sendable {
        case home(page: Int)
        case article(Int)
        case page(Int)
        case taxonomy(Int)
        /// The archive's index (no year), a year (no month), or page `page` of a month.
        case archive(year: Int?, month: Int?, page: Int)
        /// Page `page` of `/corrections/`.
        case corrections(page: Int)
        case term(taxonomy: Int, term: Int, page: Int)
        case termFeed(taxonomy: Int, term: Int, format: FeedFormat)
        case siteFeed(FeedFormat)
        case sitemap, robots, notFound
        /// `news-sitemap.xml`: the articles of the 48 hours before the build's clock.
        case newsSitemap
        /// Past 50,000 URLs: `sitemap.xml` is an index of `sitemap-N.xml` parts (the protocol's limit).
        case sitemapIndex(parts: Int)
        /// One part of a split sitemap: the range of its entries in URL order.
        case sitemapPart(Range<Int>)
        /// An old URL of an article or page that redirects to its site path.
        case alias(to: String)
    }

    public var kind: Kind
    /// The site path of the page (`topics/nasa/page/2/`, `feed.xml`); `""` is the home page.
    public var path: String
    /// The file it is written to below the output folder: `<path>index.html` for a folder path.
    public var file: String { SitePaths.file(path) }
    /// Where it comes from, for errors about two routes sharing one file.
    public var origin: SourcePosition?
    var target: Target

    /// The template that renders this kind of page.
    public var template: String { kind.template }

    /// Whether the page is listed in the sitemap.
    var isListed: Bool {
        switch kind {
        case .home, .article, .page, .taxonomy, .term, .authors, .author, .archive, .corrections: true
        default: false
        }
    }
}

/// The formats every feed is written in: Atom (`feed.xml`), RSS 2.0 (`rss.xml`) and JSON Feed 1.1 (`feed.json`).
public enum FeedFormat: String, Sendable, CaseIterable {
    case atom, rss, json

    /// Its file name, which is also its template's.
    public var file: String {
        switch self {
        case .atom: "feed.xml"
        case .rss: "rss.xml"
        case .json: "feed.json"
        }
    }

    var template: String { file }

    /// Its media type, for `<link rel="alternate" type=…>`.
    public var mediaType: String {
        switch self {
        case .atom: "application/atom+xml"
        case .rss: "application/rss+xml"
        case .json: "application/feed+json"
        }
    }

    /// Its name as readers know it.
    public var displayName: String {
        switch self {
        case .atom: "Atom"
        case .rss: "RSS"
        case .json: "JSON Feed"
        }
    }
}

/// The site paths of paginated lists: page 1 at the list's path, page N at `<path>page/N/`.
enum Pagination {
    static func path(_ base: String, page: Int) -> String { SitePaths.paginated(base, page: page) }

    static func pageCount(items: Int, perPage: Int) -> Int {
        max(1, (items + perPage - 1) / perPage)
    }

    static func slice(_ count: Int, page: Int, perPage: Int) -> Range<Int> {
        let start = min(count, (page - 1) * perPage)
        return start..<min(count, start + perPage)
    }
}

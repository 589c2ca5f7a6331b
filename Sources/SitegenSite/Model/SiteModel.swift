import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// One article or standalone page, with everything read off its front-matter and its Markdown.
///
/// A value with copy-on-write storage: the pipeline copies every entry several times a build
/// (records, model, cards), and a copy is one reference, not a retain of each field.
public struct Entry: Sendable {
    /// An article, a standalone page, or an author file (`Content/authors/<slug>.md`: its
    /// `title` is the author's name, its body the biography).
    public enum Kind: Sendable { case article, page, author }

    private final class Storage: @unchecked Sendable {
        var kind: Kind
        var sourcePath: String
        var frontMatter: FrontMatter
        var title: String
        var slug: String
        var path: String
        var date: Date
        var isDated: Bool
        var updated: Date
        var summary: String
        var markdown: RenderedMarkdown
        var termSlugs: [String: [String]]
        var content: HTML
        /// The processed lead image (front-matter `image:`), set by the image stage each build.
        var leadImage: LeadImageFiles?

        init(kind: Kind, sourcePath: String, frontMatter: FrontMatter, title: String, slug: String, path: String, date: Date, isDated: Bool, updated: Date, summary: String, markdown: RenderedMarkdown, termSlugs: [String: [String]], content: HTML) {
            self.kind = kind
            self.sourcePath = sourcePath
            self.frontMatter = frontMatter
            self.title = title
            self.slug = slug
            self.path = path
            self.date = date
            self.isDated = isDated
            self.updated = updated
            self.summary = summary
            self.markdown = markdown
            self.termSlugs = termSlugs
            self.content = content
        }

        func copy() -> Storage {
            let copy = Storage(kind: kind, sourcePath: sourcePath, frontMatter: frontMatter, title: title, slug: slug, path: path, date: date, isDated: isDated, updated: updated, summary: summary, markdown: markdown, termSlugs: termSlugs, content: content)
            copy.leadImage = leadImage
            return copy
        }
    }

    private var storage: Storage

    public init(
        kind: Kind,
        sourcePath: String,
        frontMatter: FrontMatter,
        title: String,
        slug: String,
        path: String,
        date: Date,
        isDated: Bool,
        updated: Date,
        summary: String,
        markdown: RenderedMarkdown,
        termSlugs: [String: [String]],
        content: HTML
    ) {
        storage = Storage(kind: kind, sourcePath: sourcePath, frontMatter: frontMatter, title: title, slug: slug, path: path, date: date, isDated: isDated, updated: updated, summary: summary, markdown: markdown, termSlugs: termSlugs, content: content)
    }

    /// The storage, copied first if another value shares it.
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// The processed lead image, when the front-matter names one and it was made.
    public var leadImage: LeadImageFiles? {
        get { storage.leadImage }
        set { unique.leadImage = newValue }
    }

    public var kind: Kind {
        get { storage.kind }
        set { unique.kind = newValue }
        _modify { yield &unique.kind }
    }
    /// The source file, as the user would write its path.
    public var sourcePath: String {
        get { storage.sourcePath }
        set { unique.sourcePath = newValue }
        _modify { yield &unique.sourcePath }
    }
    public var frontMatter: FrontMatter {
        get { storage.frontMatter }
        set { unique.frontMatter = newValue }
        _modify { yield &unique.frontMatter }
    }
    public var title: String {
        get { storage.title }
        set { unique.title = newValue }
        _modify { yield &unique.title }
    }
    public var slug: String {
        get { storage.slug }
        set { unique.slug = newValue }
        _modify { yield &unique.slug }
    }
    /// The site path of its page: `articles/<slug>/`, or `<slug>/` for a page.
    public var path: String {
        get { storage.path }
        set { unique.path = newValue }
        _modify { yield &unique.path }
    }
    public var date: Date {
        get { storage.date }
        set { unique.date = newValue }
        _modify { yield &unique.date }
    }
    /// Whether the front-matter gave a date (a page may have none).
    public var isDated: Bool {
        get { storage.isDated }
        set { unique.isDated = newValue }
        _modify { yield &unique.isDated }
    }
    public var updated: Date {
        get { storage.updated }
        set { unique.updated = newValue }
        _modify { yield &unique.updated }
    }
    public var summary: String {
        get { storage.summary }
        set { unique.summary = newValue }
        _modify { yield &unique.summary }
    }
    public var markdown: RenderedMarkdown {
        get { storage.markdown }
        set { unique.markdown = newValue }
        _modify { yield &unique.markdown }
    }
    /// Term slugs by taxonomy, in front-matter order, without repeats.
    public var termSlugs: [String: [String]] {
        get { storage.termSlugs }
        set { unique.termSlugs = newValue }
        _modify { yield &unique.termSlugs }
    }
    /// The body as HTML: `markdown.html` when the Markdown was just rendered, or the build
    /// cache's copy, fetched when a page prints it (`markdown.html` is then empty).
    public var content: HTML {
        get { storage.content }
        set { unique.content = newValue }
        _modify { yield &unique.content }
    }
}

/// One term of a taxonomy ("NASA" in topics): every spelling of it folds to one slug.
public struct Term: Sendable {
    public var taxonomy: String
    /// The spelling used most; ties go to the earliest article's.
    public var name: String
    public var slug: String
    /// The site path of its page: `topics/nasa/`.
    public var path: String
    /// Indexes into `SiteModel.articles`, newest first.
    public var articles: [Int]
    /// For sources: attributed paragraphs per article index (only articles that cite it).
    public var citations: [Int: Int]
    /// A source's own homepage, from `{name, url}` in front-matter (the first one given).
    public var homepage: String?
    /// For an author: the index of their author file in `SiteModel.authors`, when there is one.
    public var profile: Int?

    public var totalCitations: Int { citations.values.reduce(0, +) }
}

/// A taxonomy named in `site.yml`, with its terms sorted by slug.
public struct Taxonomy: Sendable {
    public var name: String
    public var terms: [Term]

    public var title: String { name.prefix(1).uppercased() + name.dropFirst() }
    /// Whether it is the bylines' taxonomy (`/authors/`), which sitegen makes itself.
    public var isAuthors: Bool { name == SiteConfig.authorsTaxonomy }
    public var path: String { "\(name)/" }
}

/// One correction of `SiteModel.corrections`: article `article`'s correction `index` (in
/// `FrontMatter.corrections`, oldest first).
public struct CorrectionRef: Sendable, Hashable {
    public var article: Int
    public var index: Int
}

/// A month of the date archive (`/archive/2025/07/`): its articles, newest first, by the
/// calendar of the site's time zone.
public struct ArchiveMonth: Sendable {
    public var year: Int
    public var month: Int
    /// Indexes into `SiteModel.articles`, newest first.
    public var articles: [Int]
    public var path: String { SitePaths.archive(year: year, month: month) }
}

/// A year of the date archive (`/archive/2025/`): its months, newest first.
public struct ArchiveYear: Sendable {
    public var year: Int
    public var months: [ArchiveMonth]
    public var count: Int { months.reduce(0) { $0 + $1.articles.count } }
    public var path: String { SitePaths.archive(year: year) }

    /// The archive of `articles` (newest first): every year and month that has one, newest
    /// first, each article in the month its date falls in where the site is (`calendar`).
    static func archive(_ articles: [Entry], calendar: Calendar) -> [ArchiveYear] {
        var years: [ArchiveYear] = []
        for (index, article) in articles.enumerated() {
            let parts = calendar.dateComponents([.year, .month], from: article.date)
            let (year, month) = (parts.year!, parts.month!)
            if years.last?.year != year { years.append(ArchiveYear(year: year, months: [])) }
            if years[years.count - 1].months.last?.month != month {
                years[years.count - 1].months.append(ArchiveMonth(year: year, month: month, articles: []))
            }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].articles.append(index)
        }
        return years
    }
}

/// The whole site as data: what every route renders from.
public struct SiteModel: Sendable {
    public var config: SiteConfig
    public var urls: SiteURLs
    /// Articles newest first, ties by slug.
    public var articles: [Entry]
    /// Standalone pages, by slug.
    public var pages: [Entry]
    public var taxonomies: [Taxonomy]
    /// The author files (`Content/authors/<slug>.md`), by slug: each author's name, role,
    /// portrait, links and biography (`Term.profile` points here).
    public var authors: [Entry] = []
    /// Each spelling of a person's byline, to their author page's slug (organisations, which
    /// have no page, are absent): what cards and structured data link bylines by.
    public var bylineSlugs: [String: String] = [:]
    /// The date archive: every year with an article, newest first (empty without articles).
    public var archive: [ArchiveYear] = []
    /// Every article's corrections, newest first (ties: the newer article first, then the later
    /// one written): what `/corrections/` lists.
    public var corrections: [CorrectionRef] = []
    /// Up to five related article indexes for each article.
    public var related: [[Int]]
    /// `site.yml`'s `image:`: the social preview of pages without a lead image.
    public var siteImage: LeadImageFiles?
    /// The build's clock (`--now`, else the real time when the build began). No page shows it:
    /// it decides which articles the news sitemap holds.
    public var now = Date(timeIntervalSince1970: 0)
    /// Articles the clock leaves out (dated after it without `--future`, or expired), with why:
    /// a link to one is a 404 today, and `check` says so.
    public var unpublished: [Unpublished] = []
    /// Whether the build is a preview (`--drafts` or `--future`): its pages carry `noindex`, its
    /// `robots.txt` disallows everything, and it has no sitemaps (see `BuildOptions.isPreview`).
    public var isPreview = false
    /// What a preview shows that production leaves out: drafts and scheduled articles, with why.
    public var previewOnly: [Unpublished] = []

    public struct Unpublished: Sendable {
        public var entry: Entry
        /// `is scheduled for 2025-08-01T06:00:00Z`, `expired at …`.
        public var reason: String
    }

    /// How long an article stays in the news sitemap (Google News reads two days).
    public static let newsWindow: TimeInterval = 48 * 3600

    /// The articles of the news sitemap: published in the 48 hours up to the clock, newest first,
    /// at most 1,000 (Google's limit for one news sitemap).
    public var newsArticles: [Int] {
        let start = now.addingTimeInterval(-Self.newsWindow)
        return Array(articles.indices.lazy.filter { articles[$0].date <= now && articles[$0].date > start }.prefix(1000))
    }

    /// The taxonomy whose shared terms make articles related (`topics`, or the first one).
    static func relatedTaxonomy(_ names: [String]) -> String? {
        names.contains("topics") ? "topics" : names.first
    }
}

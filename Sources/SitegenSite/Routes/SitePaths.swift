/// Every URL shape of a site, relative to its base URL (`articles/<slug>/`, `page/N/`,
/// `feed.xml`): the one place they are spelled. `EntryMaker`, `SiteModelBuilder`,
/// `RoutePlanner`, the contexts, the checker and the preview server all ask here.
public enum SitePaths {
    /// An article's page.
    public static func article(_ slug: String) -> String { "articles/\(slug)/" }
    /// A standalone page, at the top level.
    public static func page(_ slug: String) -> String { "\(slug)/" }
    /// A taxonomy's index of its terms: `topics/`.
    public static func taxonomy(_ name: String) -> String { "\(name)/" }
    /// A term's first page: `topics/nasa/`.
    public static func term(_ taxonomy: String, _ slug: String) -> String { "\(taxonomy)/\(slug)/" }
    /// Page `number` of the list at `base` (`""` is the home page): `base` itself for the first,
    /// `<base>page/N/` for the others.
    public static func paginated(_ base: String, page number: Int) -> String {
        number == 1 ? base : "\(base)page/\(number)/"
    }
    /// The feed of the list at `base`: `feed.xml` for the site, `topics/nasa/feed.xml` for a term.
    public static func feed(of base: String, format: FeedFormat = .atom) -> String { base + format.file }
    public static let siteFeed = feed(of: "")
    /// The date archive: `archive/`, a year's `archive/2025/`, a month's `archive/2025/07/`.
    public static func archive(year: Int? = nil, month: Int? = nil) -> String {
        guard let year else { return "archive/" }
        guard let month else { return "archive/\(year)/" }
        return "archive/\(year)/\(month < 10 ? "0" : "")\(month)/"
    }
    /// Every correction of the site, newest first.
    public static let corrections = "corrections/"
    public static let sitemap = "sitemap.xml"
    /// The Google News sitemap: the articles of the last 48 hours.
    public static let newsSitemap = "news-sitemap.xml"
    /// Part `number` of a sitemap split past the protocol's 50,000 URLs.
    public static func sitemapPart(_ number: Int) -> String { "sitemap-\(number).xml" }
    public static let robots = "robots.txt"
    public static let notFound = "404.html"
    /// A folder path's file.
    public static let index = "index.html"

    /// The file a site path is written to below the output folder: `<path>index.html` for a
    /// folder path (and the home page, `""`), the path itself otherwise.
    public static func file(_ path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + index : path
    }

    /// The site path a file is served at: its folder for an `index.html`, itself otherwise.
    public static func path(ofFile file: String) -> String {
        if file == index { return "" }
        if file.hasSuffix("/" + index) { return String(file.dropLast(index.count)) }
        return file
    }
}

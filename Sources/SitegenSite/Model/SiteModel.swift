import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// One article or standalone page, with everything read off its front-matter and its Markdown.
public struct Entry: Sendable {
    public enum Kind: Sendable { case article, page }

    public var kind: Kind
    /// The source file, as the user would write its path.
    public var sourcePath: String
    public var frontMatter: FrontMatter
    public var title: String
    public var slug: String
    /// The site path of its page: `articles/<slug>/`, or `<slug>/` for a page.
    public var path: String
    public var date: Date
    /// Whether the front-matter gave a date (a page may have none).
    public var isDated: Bool
    public var updated: Date
    public var summary: String
    public var markdown: RenderedMarkdown
    /// Term slugs by taxonomy, in front-matter order, without repeats.
    public var termSlugs: [String: [String]]
    /// The body as HTML: `markdown.html` when the Markdown was just rendered, or the build
    /// cache's copy, fetched when a page prints it (`markdown.html` is then empty).
    public var content: HTML
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

    public var totalCitations: Int { citations.values.reduce(0, +) }
}

/// A taxonomy named in `site.yml`, with its terms sorted by slug.
public struct Taxonomy: Sendable {
    public var name: String
    public var terms: [Term]

    public var title: String { name.prefix(1).uppercased() + name.dropFirst() }
    public var path: String { "\(name)/" }
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
    /// Up to five related article indexes for each article.
    public var related: [[Int]]

    /// The taxonomy whose shared terms make articles related (`topics`, or the first one).
    static func relatedTaxonomy(_ names: [String]) -> String? {
        names.contains("topics") ? "topics" : names.first
    }
}

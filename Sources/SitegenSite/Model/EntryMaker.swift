import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// Makes entries from decoded content files: runs the Markdown stage and settles slugs.
struct EntryMaker: Sendable {
    let config: SiteConfig
    let urls: SiteURLs
    /// Threads for the Markdown stage (cmark-gfm runs in parallel: see SitegenMarkdown's SpecialCharacters).
    var threads = Parallel.defaultThreads

    struct Made {
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
    }

    func makeArticles(_ articles: [Article]) -> Made {
        let results = Parallel.map(articles, threads: threads) { article -> (Entry?, [Diagnostic]) in
            var diagnostics: [Diagnostic] = []
            let entry = make(.article, path: article.path, frontMatter: article.frontMatter, date: article.date,
                             body: article.body, bodyLine: article.bodyLine, diagnostics: &diagnostics)
            return (entry, diagnostics)
        }
        var made = Made()
        made.entries.reserveCapacity(articles.count)
        for (entry, diagnostics) in results {
            if let entry { made.entries.append(entry) }
            made.diagnostics += diagnostics
        }
        return made
    }

    func makePages(_ pages: [Page], kind: Entry.Kind = .page) -> Made {
        var made = Made()
        for page in pages {
            let date = page.frontMatter.date ?? Date(timeIntervalSince1970: 0)
            if let entry = make(kind, path: page.path, frontMatter: page.frontMatter, date: date,
                                body: page.body, bodyLine: page.bodyLine, diagnostics: &made.diagnostics) {
                made.entries.append(entry)
            }
        }
        return made
    }

    /// A front-matter summary as text: Markdown in it (`*word*`, `[link](url)`) is read, not shown.
    /// Raw HTML in it stays text (`<` is read as a character), and a summary that is not one
    /// paragraph of Markdown (a `# heading`, a list) is kept as written.
    static func plainText(_ summary: String) -> String {
        guard summary.utf8.contains(where: { "*_[]`\\~".utf8.contains($0) }) else { return summary }
        let text = Markdown.render(summary.replacingOccurrences(of: "<", with: "&lt;")).summary
        return text.isEmpty ? summary : text
    }

    /// The slug an entry gets: its front-matter's (`slug:`, else from the file name) made URL-safe;
    /// nil when it has no letters or digits.
    static func slug(of frontMatter: FrontMatter) -> String? {
        Slug.make(frontMatter.slug)
    }

    private func make(
        _ kind: Entry.Kind, path: String, frontMatter fm: FrontMatter, date: Date, body: String, bodyLine: Int,
        diagnostics: inout [Diagnostic]
    ) -> Entry? {
        guard let slug = Self.slug(of: fm) else {
            diagnostics.append(.error(
                "'\(fm.slug)' gives no usable slug (a URL needs letters or digits): set 'slug:' in the front-matter",
                at: fm.slugPosition))
            return nil
        }
        for alias in fm.aliases where !RoutePlanner.isSafeAlias(alias) {
            diagnostics.append(.error(
                "alias '\(alias)' must be a path inside the site, like /2024/old-url/ (no '..', '.', backslashes or control characters)",
                at: fm.position(of: "aliases")))
        }
        // Each name's slug, in order, without repeats; a name with none is an error at it.
        func slugs(_ refs: [TermRef], named what: String, for purpose: String = "") -> [String] {
            var slugs: [String] = []
            for ref in refs {
                guard let termSlug = config.termSlug(ref.name) else {
                    diagnostics.append(.error(
                        "the \(what) name '\(ref.name)' gives no usable slug\(purpose): "
                            + "add it to termSlugs in \(config.path), e.g. termSlugs: {\"\(ref.name)\": your-slug}",
                        at: ref.position))
                    continue
                }
                if !slugs.contains(termSlug) { slugs.append(termSlug) }
            }
            return slugs
        }
        var termSlugs: [String: [String]] = [:]
        for taxonomy in config.taxonomies { termSlugs[taxonomy] = slugs(fm.terms[taxonomy] ?? [], named: taxonomy) }
        // Bylines: each one's slug (the model leaves out organisations', which have no page).
        let authorSlugs = slugs(fm.authors, named: "author", for: " for its page")
        if !authorSlugs.isEmpty { termSlugs[SiteConfig.authorsTaxonomy] = authorSlugs }
        let attributionTaxonomy = config.attributionTaxonomy
        let declaredSources = Set(attributionTaxonomy.flatMap { termSlugs[$0] } ?? [])
        let markdown = Markdown.render(
            body, options: MarkdownOptions(unsafeHTML: config.unsafeHTML, basePath: urls.basePath), path: path, lineOffset: bodyLine - 1,
            isDeclaredSource: { [config] name in config.termSlug(name).map(declaredSources.contains) ?? false },
            attributionLink: { [config, urls] name in
                guard let taxonomy = attributionTaxonomy, let slug = config.termSlug(name), declaredSources.contains(slug) else {
                    return nil
                }
                return urls.url(SitePaths.term(taxonomy, slug))
            })
        for omitted in markdown.omittedHTML {
            diagnostics.append(.warning(
                "raw HTML was left out of the page: sitegen omits HTML written in Markdown unless site.yml sets 'unsafeHTML: true'"
                    + (omitted.isVideoFrame
                        ? "; for a YouTube or Vimeo video, put its link alone in a paragraph instead (it becomes a click-to-load player)"
                        : ""),
                at: omitted.position))
        }
        return Entry(
            kind: kind, sourcePath: path, frontMatter: fm, title: fm.title, slug: slug,
            path: kind == .article ? SitePaths.article(slug) : kind == .author ? SitePaths.term(SiteConfig.authorsTaxonomy, slug) : SitePaths.page(slug),
            date: date, isDated: fm.date != nil, updated: fm.revised?.date ?? date, summary: fm.summary.map(Self.plainText) ?? markdown.summary,
            markdown: markdown, termSlugs: termSlugs, content: HTML(markdown.html))
    }
}

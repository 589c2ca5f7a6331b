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
            let fm = kind == .author ? authorFrontMatter(page.frontMatter, path: page.path, diagnostics: &made.diagnostics)
                : page.frontMatter
            if let entry = make(kind, path: page.path, frontMatter: fm, date: date,
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

    /// An author file's front-matter with the slug its `name:` gives (the page a byline of that
    /// name links), never its file name's; a file name or `slug:` that says otherwise is a
    /// warning, since nothing reads it. A name with no usable slug keeps the file's.
    private func authorFrontMatter(_ fm: FrontMatter, path: String, diagnostics: inout [Diagnostic]) -> FrontMatter {
        guard let slug = config.termSlug(fm.title), Slug.make(fm.slug) != slug else { return fm }
        var fm = fm
        let page = urls.url(SitePaths.term(SiteConfig.authorsTaxonomy, slug))
        if fm.hasExplicitSlug {
            diagnostics.append(.warning(
                "'slug: \(fm.slug)' is not used: an author's page is named after 'name: \(fm.title)' (\(page)), "
                    + "so every byline of that name links it; remove 'slug:', or give the name its own slug with termSlugs in \(config.path)",
                at: fm.slugPosition))
        } else {
            let bundle = path.hasSuffix("/index.md")
            let file = bundle ? String(path.dropLast("/index.md".count)) : path
            let name = file.split(separator: "/").last.map(String.init) ?? file
            diagnostics.append(.warning(
                "this author file is named '\(name)' but describes '\(fm.title)', whose page is \(page) "
                    + "(author files are matched to bylines by 'name:'): rename it to '\(slug)\(bundle ? "" : ".md")'",
                at: fm.position(of: "name")))
        }
        fm.slug = slug
        return fm
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
        // Each name's slug, in order, without repeats; a name with none is an error at it. Two
        // names of one taxonomy with one slug but not one spelling ("C++" and "C") would merge
        // into one term: the same error as across two files (bylines fold, with the model's warning).
        func slugs(_ refs: [TermRef], named what: String, for purpose: String = "", taxonomy: String? = nil) -> [String] {
            var slugs: [String] = []
            var firstUse: [String: TermRef] = [:]
            for ref in refs {
                guard let termSlug = config.termSlug(ref.name) else {
                    diagnostics.append(.error(
                        "the \(what) name '\(ref.name)' gives no usable slug\(purpose): "
                            + "add it to termSlugs in \(config.path), e.g. termSlugs: {\"\(ref.name)\": your-slug}",
                        at: ref.position))
                    continue
                }
                if let first = firstUse[termSlug] {
                    if let taxonomy, TermIdentity.key(first.name) != TermIdentity.key(ref.name) {
                        diagnostics.append(EntryRules.termCollision(
                            taxonomy, ref: ref, slug: termSlug, first: (first.name, first.position), urls: urls))
                    }
                    continue
                }
                firstUse[termSlug] = ref
                slugs.append(termSlug)
            }
            return slugs
        }
        var termSlugs: [String: [String]] = [:]
        for taxonomy in config.taxonomies {
            termSlugs[taxonomy] = slugs(fm.terms[taxonomy] ?? [], named: taxonomy, taxonomy: taxonomy)
        }
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
            if let tag = omitted.filteredTag {
                diagnostics.append(.warning(
                    "<\(tag)> is shown as text, not run: GFM's tag filter escapes <title>, <textarea>, <style>, <xmp>, "
                        + "<iframe>, <noembed>, <noframes>, <script> and <plaintext> even with 'unsafeHTML: true'"
                        + (omitted.isVideoFrame
                            ? "; for a YouTube or Vimeo video, put its link alone in a paragraph instead (it becomes a click-to-load player)"
                            : ""),
                    at: omitted.position))
                continue
            }
            diagnostics.append(.warning(
                "raw HTML was left out of the page: sitegen omits HTML written in Markdown unless site.yml sets 'unsafeHTML: true'"
                    + (omitted.isVideoFrame
                        ? "; for a YouTube or Vimeo video, put its link alone in a paragraph instead (it becomes a click-to-load player)"
                        : ""),
                at: omitted.position))
        }
        // What check also reports, in the same words: a link cmark-gfm empties, a paragraph
        // credited to a source the article does not declare.
        diagnostics += markdown.links.compactMap { EntryRules.unsafeLink($0, unsafeHTML: config.unsafeHTML) }
        if kind == .article {
            diagnostics += EntryRules.undeclaredSources(markdown.attributions, frontMatter: fm, config: config, severity: .warning)
        }
        return Entry(
            kind: kind, sourcePath: path, frontMatter: fm, title: fm.title, slug: slug,
            path: kind == .article ? SitePaths.article(slug) : kind == .author ? SitePaths.term(SiteConfig.authorsTaxonomy, slug) : SitePaths.page(slug),
            date: date, isDated: fm.date != nil, updated: fm.revised?.date ?? date, summary: fm.summary.map(Self.plainText) ?? markdown.summary,
            markdown: markdown, termSlugs: termSlugs, content: HTML(markdown.html))
    }
}

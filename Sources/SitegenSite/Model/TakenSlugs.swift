import Foundation
import SitegenContent
import SitegenSupport

/// The slugs and URLs a site already uses, as the build computes them: what `sitegen new` must
/// not give a new file.
///
/// - Every article's and page's slug: its front-matter's `slug:`, else its file name less `.md`
///   and any leading `YYYY-MM-DD-`, made URL-safe as `EntryMaker` does (drafts included; a file
///   that does not decode keeps the slug of its name). A new article and a new page are both
///   refused any of them: their URLs differ (`/articles/<slug>/`, `/<slug>/`), but one slug
///   naming two things is a trap for editors and links.
/// - Every URL an alias takes (`aliases: [/articles/old/]`).
/// - The top-level folders the site writes itself, which a page's `/<slug>/` would land in:
///   each taxonomy's index (`/topics/`), the home page's later pages (`/page/2/`), the
///   articles (`/articles/`) and the theme's files (`/assets/`).
public struct TakenSlugs: Sendable {
    /// What the new file is: it says which URL a slug gives.
    public enum Kind: Sendable {
        case article, page

        /// The site path a slug gives this kind of file.
        func path(_ slug: String) -> String {
            self == .article ? SitePaths.article(slug) : SitePaths.page(slug)
        }
    }

    /// The file that holds each slug (the first by path when several do).
    private var files: [String: String] = [:]
    /// Who holds each site path that is not an entry's own: an alias, or the site itself.
    private var paths: [String: String] = [:]

    /// The slugs of the site under `sourceDirectory` (its `Content/`), read with `ContentLoader`.
    /// Problems in the files are not reported: `sitegen build` does that.
    public static func load(sourceDirectory: String) -> TakenSlugs {
        let loader = ContentLoader(sourceDirectory: sourceDirectory)
        let content = loader.load()
        var taken = TakenSlugs()
        let decoded = content.articles.map { ($0.path, $0.frontMatter) } + content.pages.map { ($0.path, $0.frontMatter) }
        for (path, frontMatter) in decoded {
            if let slug = EntryMaker.slug(of: frontMatter) { taken.claim(slug, by: path) }
            for alias in frontMatter.aliases where RoutePlanner.isSafeAlias(alias) {
                let sitePath = RoutePlanner.sitePath(alias)
                if taken.paths[sitePath] == nil { taken.paths[sitePath] = "the alias /\(sitePath) of \(path)" }
            }
        }
        let decodedPaths = Set(decoded.map(\.0))
        let files = loader.articleFiles() + loader.pageFiles()
        for path in files where !decodedPaths.contains(path) {
            if let slug = Slug.make(FrontMatter.slug(fromPath: path)) { taken.claim(slug, by: path) }
        }
        taken.reserveSiteFolders(taxonomies: content.config.taxonomies)
        return taken
    }

    /// Who already uses `slug` for a new file of `kind`, as a message names it (a file's path,
    /// an alias, a folder of the site's own), or nil when it is free.
    public func owner(of slug: String, as kind: Kind) -> String? {
        files[slug] ?? paths[kind.path(slug)]
    }

    /// The first of `<slug>-2`, `<slug>-3`, … that no one uses and `isFree` accepts (say, the
    /// file it would be written to does not exist yet).
    public func freeSlug(after slug: String, as kind: Kind, isFree: (String) -> Bool = { _ in true }) -> String {
        var number = 2
        while true {
            let candidate = "\(slug)-\(number)"
            if owner(of: candidate, as: kind) == nil, isFree(candidate) { return candidate }
            number += 1
        }
    }

    // MARK: - Building

    private mutating func claim(_ slug: String, by path: String) {
        if files[slug] == nil { files[slug] = path }
    }

    private mutating func reserveSiteFolders(taxonomies: [String]) {
        for taxonomy in taxonomies {
            paths[SitePaths.taxonomy(taxonomy)] = "the site's \(taxonomy) index, /\(SitePaths.taxonomy(taxonomy))"
        }
        paths[SitePaths.page("page")] = "the home page's later pages, /\(SitePaths.paginated("", page: 2))…"
        paths[SitePaths.page("articles")] = "the site's articles, /\(SitePaths.article("<slug>"))"
        paths[SitePaths.page("assets")] = "the theme's files, /assets/ (from Templates/assets/)"
        for folder in SiteConfig.reservedFolders {
            paths[SitePaths.page(folder)] = "sitegen's \(SiteConfig.reservedPurpose(folder)), /\(folder)/"
        }
    }
}

import Dispatch
import Foundation
import SitegenSupport

/// Everything under `Content/`, decoded: the settings, the articles and pages, and every problem found.
public struct LoadedContent: Sendable {
    /// The settings; defaults stand in for values `site.yml` got wrong (see `diagnostics`).
    public var config: SiteConfig
    /// Articles that decoded, drafts included, sorted by path.
    public var articles: [Article]
    /// Pages that decoded, sorted by path.
    public var pages: [Page]
    /// Every problem in every file, sorted by position.
    public var diagnostics: [Diagnostic]

    public init(config: SiteConfig, articles: [Article], pages: [Page], diagnostics: [Diagnostic]) {
        self.config = config
        self.articles = articles
        self.pages = pages
        self.diagnostics = diagnostics.sorted()
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads `Content/site.yml`, `Content/articles/**/*.md` and `Content/pages/*.md` under a source directory,
/// decoding the files in parallel.
public struct ContentLoader: Sendable {
    /// The directory holding `Content/`, as the user wrote it (`.` by default).
    public var sourceDirectory: String
    /// A base URL that replaces `site.yml`'s (from `--base-url`).
    public var baseURL: String?

    public init(sourceDirectory: String = ".", baseURL: String? = nil) {
        self.sourceDirectory = sourceDirectory
        self.baseURL = baseURL
    }

    /// Loads and decodes everything; problems are collected in the result, never thrown.
    public func load() -> LoadedContent {
        var diagnostics: [Diagnostic] = []
        let configPath = displayPath("Content/site.yml")
        let config: SiteConfig
        switch configBytes() {
        case nil:
            config = SiteConfig.fallback(path: configPath, baseURL: baseURL)
        case .success(let bytes)?:
            let decoded = SiteConfig.decode(from: bytes, path: configPath, baseURL: baseURL)
            config = decoded.0
            diagnostics += decoded.1
        case .failure(let problem)?:
            config = SiteConfig.fallback(path: configPath, baseURL: baseURL)
            diagnostics.append(.error(
                "cannot read the site configuration (\(problem.reason)): create it with 'title:' and 'baseURL:' keys",
                at: SourcePosition(path: configPath)))
        }

        let listed = listing()
        diagnostics += listed.problems
        let articlePaths = listed.articles
        let pagePaths = listed.pages
        enum Decoded: Sendable {
            case article(Article)
            case page(Page)
            case failed([Diagnostic])
        }
        let jobs = articlePaths.map { ($0, true) } + pagePaths.map { ($0, false) }
        let results = Parallel.map(jobs) { path, isArticle -> Decoded in
            do throws(DiagnosticsError) {
                let bytes: [UInt8]
                switch FileReader.read(path) {
                case .success(let read): bytes = read
                case .failure(let problem):
                    return .failed([.error("cannot read file: \(problem.reason)", at: SourcePosition(path: path))])
                }
                return isArticle
                    ? .article(try Article.make(from: bytes, path: path, config: config))
                    : .page(try Page.make(from: bytes, path: path, config: config))
            } catch {
                return .failed(error.diagnostics)
            }
        }
        var articles: [Article] = []
        var pages: [Page] = []
        for result in results {
            switch result {
            case .article(let article): articles.append(article)
            case .page(let page): pages.append(page)
            case .failed(let problems): diagnostics += problems
            }
        }
        return LoadedContent(config: config, articles: articles, pages: pages, diagnostics: diagnostics)
    }

    // MARK: - Paths

    /// A path under the source directory as the user would write it: `Content/x.md` for `.`, `site/Content/x.md` for `site/`.
    func displayPath(_ relative: String) -> String {
        DisplayPath.join(sourceDirectory, relative)
    }

    /// The confinement of `Content/`: every content file is read only if it really lies inside it.
    public var confinement: Confinement { Confinement(root: displayPath("Content")) }

    /// The Markdown files of a folder (and its subfolders if `recursive`), as display paths sorted byte-wise;
    /// hidden files and folders are skipped, and so are links that lead out of `Content/` (`linkProblems` names them).
    public func markdownFiles(under folder: String, recursive: Bool) -> [String] {
        confinement.files(under: displayPath(folder), suffix: ".md", recursive: recursive).files
    }

    /// The content files a build reads, found in one pass, and every link among them that leads
    /// out of `Content/`, as an error at its path: such a file is never read (an article linked
    /// to a file elsewhere with front-matter would otherwise be published, its text in the home
    /// page and the feeds).
    public struct Listing: Sendable {
        public var articles: [String] = []
        public var pages: [String] = []
        public var authors: [String] = []
        public var problems: [Diagnostic] = []
    }

    public func listing() -> Listing {
        let confinement = self.confinement
        var listing = Listing()
        func report(_ escapes: [DirectoryListing.Escape]) {
            listing.problems += escapes.map { $0.diagnostic(folder: "Content") }
        }
        if let target = confinement.escape(of: displayPath("Content/site.yml")) {
            listing.problems.append(.error(Confinement.message(folder: "Content", target: target, isFolder: false),
                                           at: SourcePosition(path: displayPath("Content/site.yml"))))
        }
        let articles = confinement.files(under: displayPath("Content/articles"), suffix: ".md", recursive: true)
        listing.articles = Self.withoutBundleResources(articles.files)
        // A link inside a bundle is one of its resources, not an article: images check their own.
        let read = Set(Self.withoutBundleResources(
            (articles.files + articles.escapes.map(\.path)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }))
        report(articles.escapes.filter { $0.isFolder || read.contains($0.path) })
        for folder in ["Content/pages", "Content/authors"] {
            let found = confinement.files(under: displayPath(folder), suffix: ".md", recursive: true)
            let flat = flatFiles(found.files, under: folder)
            if folder == "Content/pages" { listing.pages = flat } else { listing.authors = flat }
            report(found.escapes.filter { isFlatFile($0.path, under: folder) || $0.isFolder && depth($0.path, under: folder) == 1 })
        }
        listing.problems.sort()
        return listing
    }

    /// `site.yml`'s bytes; nil when it is a link out of `Content/` (`listing()` reports it).
    public func configBytes() -> Result<[UInt8], FileReader.Problem>? {
        let path = displayPath("Content/site.yml")
        if confinement.escape(of: path) != nil { return nil }
        return FileReader.read(path)
    }

    /// The articles: every Markdown file below `Content/articles/`, but in a page bundle (a
    /// folder with an `index.md`) only that `index.md`; the bundle's other files, Markdown
    /// included, are its resources.
    public func articleFiles() -> [String] {
        Self.withoutBundleResources(markdownFiles(under: "Content/articles", recursive: true))
    }

    /// The pages: each `Content/pages/<name>.md`, and each bundle `Content/pages/<name>/index.md`.
    public func pageFiles() -> [String] {
        flatFiles(markdownFiles(under: "Content/pages", recursive: true), under: "Content/pages")
    }

    /// The author files: each `Content/authors/<slug>.md`, and each bundle `Content/authors/<slug>/index.md`.
    public func authorFiles() -> [String] {
        flatFiles(markdownFiles(under: "Content/authors", recursive: true), under: "Content/authors")
    }

    /// Whether a content file (a display path) is an author file.
    public func isAuthorFile(_ path: String) -> Bool { path.hasPrefix(displayPath("Content/authors") + "/") }

    /// How many folders deep `path` lies below `folder` (1 for `folder/x.md`).
    private func depth(_ path: String, under folder: String) -> Int {
        path.dropFirst(displayPath(folder).count + 1).split(separator: "/").count
    }

    /// Whether `path` is a `<folder>/<name>.md` or a bundle's `<folder>/<name>/index.md`.
    private func isFlatFile(_ path: String, under folder: String) -> Bool {
        let rest = path.dropFirst(displayPath(folder).count + 1).split(separator: "/")
        return rest.count == 1 || (rest.count == 2 && rest[1] == "index.md")
    }

    /// Of `files` (every Markdown file below `folder`, sorted), each `<folder>/<name>.md` and
    /// each bundle `<folder>/<name>/index.md`, sorted byte-wise.
    private func flatFiles(_ files: [String], under folder: String) -> [String] {
        files.filter { isFlatFile($0, under: folder) }
    }

    /// `paths` (sorted) less the files inside a bundle folder other than its own `index.md`.
    static func withoutBundleResources(_ paths: [String]) -> [String] {
        let bundles = Set(paths.filter { $0.hasSuffix("/index.md") }.map { String($0.dropLast("index.md".count)) })
        guard !bundles.isEmpty else { return paths }
        return paths.filter { path in
            var folder = Substring(path)
            while let slash = folder.dropLast().lastIndex(of: "/") {
                folder = folder[...slash]
                // An enclosing bundle owns this file, unless the file is that bundle's index.md.
                if bundles.contains(String(folder)), path != folder + "index.md" { return false }
            }
            return true
        }
    }
}

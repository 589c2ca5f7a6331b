import Dispatch
import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One build of an `IncrementalBuilder`: the site, and what this build had to redo.
public struct IncrementalBuild: Sendable {
    public var site: BuiltSite
    /// Source files decoded (and put through Markdown) by this build, as display paths, sorted.
    public var reparsed: [String]
    /// Output files whose route was rendered by this build, sorted.
    public var rendered: [String]
    /// Output files that are new or whose bytes differ from the previous good build, sorted.
    public var changed: [String]
    /// Output files of the previous good build that this one no longer has, sorted.
    public var removed: [String]
    /// Whether `site.yml` changed (or this is the first build), so everything was rebuilt.
    public var configReloaded: Bool
    /// Whether the templates were reloaded, so every page was rendered again.
    public var templatesReloaded: Bool
}

/// Builds a site again and again, redoing only what changed since the last build.
///
/// It keeps each source file's decoded front-matter and rendered Markdown, the templates, and
/// each route's context and bytes. A changed file is decoded again alone; a template change
/// reloads the templates without touching Markdown; a `site.yml` change starts over. The model
/// and routes are then rebuilt (cheap), and a route is rendered again only when its context or
/// the templates changed, so the result is byte-identical to `SiteBuilder.buildInMemory`.
/// When only articles changed, and not in date, updated, slug, draft flag, aliases, terms or cited
/// sources, the last model and routes are kept with those entries replaced in place, and only the
/// routes that show them (their pages, pages listing them as related, home and term pages and
/// feeds holding them) are rendered again.
///
/// Not reentrant: calls to `build` are serialised by a lock.
public final class IncrementalBuilder: @unchecked Sendable {
    public let options: BuildOptions
    private let lock = NSLock()

    // Content
    private var configBytes: [UInt8]?
    private var config: SiteConfig?
    private var configDiagnostics: [Diagnostic] = []
    private var sources: [String: SourceFile] = [:]

    // Theme
    private var templatesDigest: Int?
    private var templates: TemplateEnvironment?
    private var templateDiagnostics: [Diagnostic] = []
    private var templatesGeneration = 0
    private var assetsDigest: Int?
    private var assets: [OutputFile] = []
    private var assetDiagnostics: [Diagnostic] = []

    // The last good build
    private var renderedRoutes: [String: RenderedRoute] = [:]
    private var renderedGeneration = -1
    private var previousFiles: [String: [UInt8]] = [:]
    private var previousContexts: Contexts?
    private var assetsGeneration = 0
    /// The last good build's model and routes, for edits that keep the model's shape.
    private var lastBuild: LastBuild?

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the site, redoing what changed.
    ///
    /// `changed` lists paths relative to the site's folder (`Content/articles/x.md`,
    /// `Templates/base.html`, a folder) that a watcher saw change; with `nil` every content
    /// file's size, times and inode are compared with the last build's instead.
    public func build(changed: Set<String>? = nil) throws(DiagnosticsError) -> IncrementalBuild {
        lock.lock()
        defer { lock.unlock() }
        var timings = StageTimings()
        var clock = Stopwatch()
        // Kept only by a build that succeeds.
        let last = lastBuild
        lastBuild = nil

        // Load: site.yml, then the content files that changed, then the theme.
        let configPath = options.displayPath("Content/site.yml")
        let newConfigBytes: [UInt8]? = try? FileReader.read(configPath).get()
        var reparsed: [String] = []
        let configReloaded = config == nil || configBytes != newConfigBytes
        if configReloaded {
            configBytes = newConfigBytes
            reparsed = loadEverything(configPath: configPath)
        } else {
            reparsed = update(changed: changed)
        }
        let config = self.config!
        let urls = SiteURLs(baseURL: config.baseURL)
        let templatesReloaded = loadTheme(config: config, urls: urls, force: configReloaded)
        timings.load = clock.lap()

        var diagnostics = configDiagnostics
        let paths = sources.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var articleCount = 0
        var draftsSkipped = 0
        for path in paths {
            switch sources[path]!.decoded {
            case .failed(let problems): diagnostics += problems
            case .article(let article):
                articleCount += 1
                if !options.includeDrafts && article.isDraft { draftsSkipped += 1 }
            case .page: break
            }
        }
        diagnostics.sort()
        diagnostics += templateDiagnostics + assetDiagnostics
        try Self.stopOnErrors(diagnostics)

        // Only articles changed, and not in their place or terms: the last model keeps its shape.
        var fastEdits: [(index: Int, entry: Entry)]?
        if !configReloaded, !templatesReloaded, let last, renderedGeneration == templatesGeneration,
           last.templatesGeneration == templatesGeneration, last.assetsGeneration == assetsGeneration,
           previousContexts != nil {
            fastEdits = shapeKeepingEdits(last, reparsed: reparsed)
        }

        // Markdown was done as each file was decoded; here the entries are gathered in path order.
        var articleEntries: [Entry] = []
        var pageEntries: [Entry] = []
        var pageDiagnostics: [Diagnostic] = []
        articleEntries.reserveCapacity(articleCount)
        for path in paths {
            let source = sources[path]!
            guard let made = source.made else { continue }
            if case .page = source.decoded {
                pageEntries += made.entries
                pageDiagnostics += made.diagnostics
            } else {
                if fastEdits == nil { articleEntries += made.entries }
                diagnostics += made.diagnostics
            }
        }
        diagnostics += pageDiagnostics
        timings.markdown = clock.lap()

        if let fastEdits, var last {
            return try buildInPlace(
                last: &last, edits: fastEdits, diagnostics: diagnostics, timings: timings, clock: clock,
                reparsed: reparsed, draftsSkipped: draftsSkipped)
        }

        // Model and routes, from scratch: they are cheap next to Markdown and rendering.
        let (model, modelDiagnostics) = SiteModelBuilder(config: config, urls: urls)
            .build(articles: articleEntries, pages: pageEntries)
        articleEntries = []
        diagnostics += modelDiagnostics
        let (routes, routeDiagnostics) = RoutePlanner(model: model, sitemapLimit: options.sitemapLimit).plan()
        diagnostics += routeDiagnostics
        timings.model = clock.lap()
        try Self.stopOnErrors(diagnostics)
        let shapeDiagnostics = modelDiagnostics + routeDiagnostics

        // Render the routes whose context or templates changed; reuse the rest.
        let templates = self.templates!
        let contexts = reuseUnchanged(Contexts(model: model))
        previousContexts = contexts
        let renderer = PageRenderer(model: model, contexts: contexts, templates: templates, routes: routes)
        let reusable = renderedGeneration == templatesGeneration ? renderedRoutes : [:]
        let pages = try Self.render(routes, with: renderer, reusing: reusable)
        var newRoutes: [String: RenderedRoute] = [:]
        newRoutes.reserveCapacity(routes.count)
        var files: [OutputFile] = []
        files.reserveCapacity(routes.count + assets.count)
        var rendered: [String] = []
        for (route, (page, fresh)) in zip(routes, pages) {
            newRoutes[route.file] = page
            files.append(OutputFile(path: route.file, bytes: page.bytes))
            if fresh { rendered.append(route.file) }
        }
        files += assets
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }

        // What a server must swap: files that are new or differ, and files that are gone.
        let freshlyRendered = Set(rendered)
        var changedFiles: [String] = []
        var newFiles: [String: [UInt8]] = [:]
        newFiles.reserveCapacity(files.count)
        for file in files {
            newFiles[file.path] = file.bytes
            let mayDiffer = freshlyRendered.contains(file.path) || file.path.hasPrefix("assets/") || newRoutes[file.path] == nil
            if mayDiffer || previousFiles[file.path] == nil, previousFiles[file.path] != file.bytes {
                changedFiles.append(file.path)
            }
        }
        let removed = previousFiles.keys.filter { newFiles[$0] == nil }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        renderedRoutes = newRoutes
        renderedGeneration = templatesGeneration
        previousFiles = newFiles
        lastBuild = LastBuild(
            model: model, routes: routes, shapeDiagnostics: shapeDiagnostics, files: files,
            fileIndex: Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a }),
            routeIndex: Dictionary(routes.enumerated().map { ($1.file, $0) }, uniquingKeysWith: { a, _ in a }),
            articleIndex: Dictionary(model.articles.enumerated().map { ($1.sourcePath, $0) }, uniquingKeysWith: { a, _ in a }),
            sourceCount: sources.count, templatesGeneration: templatesGeneration, assetsGeneration: assetsGeneration)
        timings.render = clock.lap()

        let site = BuiltSite(
            model: model, routes: routes, files: files,
            warnings: diagnostics.filter { $0.severity == .warning }, timings: timings, draftsSkipped: draftsSkipped)
        return IncrementalBuild(
            site: site, reparsed: reparsed.sorted(), rendered: rendered.sorted(), changed: changedFiles, removed: removed,
            configReloaded: configReloaded, templatesReloaded: templatesReloaded)
    }

    // MARK: - Edits that keep the model's shape

    private struct LastBuild {
        var model: SiteModel
        var routes: [Route]
        /// The model's and routes' diagnostics (warnings: errors stop a build).
        var shapeDiagnostics: [Diagnostic]
        /// Every output file, sorted by path.
        var files: [OutputFile]
        var fileIndex: [String: Int]
        /// Route index by output file.
        var routeIndex: [String: Int]
        /// Index in `model.articles` by source path.
        var articleIndex: [String: Int]
        var sourceCount: Int
        var templatesGeneration: Int
        var assetsGeneration: Int
    }

    /// The changed articles as (index in the last model, new entry), when every file decoded again
    /// is an article of the last model whose date, updated, slug, draft flag, aliases, terms and
    /// cited sources are unchanged, and no file came or went; otherwise nil.
    private func shapeKeepingEdits(_ last: LastBuild, reparsed: [String]) -> [(index: Int, entry: Entry)]? {
        guard sources.count == last.sourceCount else { return nil }
        var edits: [(index: Int, entry: Entry)] = []
        for path in reparsed {
            guard let index = last.articleIndex[path], let source = sources[path], case .article = source.decoded,
                  let made = source.made, made.entries.count == 1 else { return nil }
            let old = last.model.articles[index]
            let new = made.entries[0]
            guard old.kind == new.kind, old.date == new.date, old.updated == new.updated, old.isDated == new.isDated,
                  old.slug == new.slug, old.path == new.path, old.sourcePath == new.sourcePath,
                  old.frontMatter.draft == new.frontMatter.draft, old.frontMatter.aliases == new.frontMatter.aliases,
                  old.termSlugs == new.termSlugs,
                  Self.termNames(old) == Self.termNames(new),
                  old.markdown.attributions.map(\.sources) == new.markdown.attributions.map(\.sources)
            else { return nil }
            edits.append((index, new))
        }
        return edits
    }

    /// Each taxonomy's term names and URLs as the front-matter gives them (what term names and homepages come from).
    private static func termNames(_ entry: Entry) -> [String: [[String?]]] {
        entry.frontMatter.terms.mapValues { refs in refs.map { [$0.name, $0.url] } }
    }

    /// A build from the last one, for edits that keep the model's shape: the changed entries
    /// replace the old ones in place, and only the routes that show them are rendered again.
    private func buildInPlace(
        last: inout LastBuild, edits: [(index: Int, entry: Entry)], diagnostics: [Diagnostic], timings: StageTimings,
        clock: Stopwatch, reparsed: [String], draftsSkipped: Int
    ) throws(DiagnosticsError) -> IncrementalBuild {
        var timings = timings
        var clock = clock
        let diagnostics = diagnostics + last.shapeDiagnostics
        try Self.stopOnErrors(diagnostics)
        var model = last.model
        last.model.articles = []
        for (index, entry) in edits { model.articles[index] = entry }
        var routes = last.routes
        last.routes = []
        let edited = Set(edits.map(\.index))
        var targets = Set<Int>()
        func mark(_ path: String) {
            if let r = last.routeIndex[Self.file(of: path)] { targets.insert(r) }
        }
        let perPage = model.config.perPage
        for (index, entry) in edits {
            // Where a route came from follows the front-matter, for later diagnostics.
            if let r = last.routeIndex[Self.file(of: entry.path)] { routes[r].origin = entry.frontMatter.slugPosition }
            for alias in entry.frontMatter.aliases where RoutePlanner.isSafeAlias(alias) {
                if let r = last.routeIndex[Self.file(of: RoutePlanner.sitePath(alias))], case .alias = routes[r].target {
                    routes[r].origin = entry.frontMatter.position(of: "aliases")
                }
            }
            mark(entry.path)
            mark(Pagination.path("", page: index / perPage + 1))
            if index < PageRenderer.feedSize { mark("feed.xml") }
            for taxonomy in model.taxonomies {
                for term in taxonomy.terms {
                    guard let position = Self.position(of: index, in: term.articles) else { continue }
                    mark(Pagination.path(term.path, page: position / perPage + 1))
                    if position < PageRenderer.feedSize { mark(term.path + "feed.xml") }
                }
            }
        }
        for (j, related) in model.related.enumerated() where related.contains(where: edited.contains) {
            mark(model.articles[j].path)
        }
        let contexts = previousContexts!.replacingArticleCards(edits.map(\.index), model: model)
        previousContexts = contexts
        timings.model = clock.lap()

        let templates = self.templates!
        let renderer = PageRenderer(model: model, contexts: contexts, templates: templates, routes: routes)
        let targeted = targets.sorted().map { routes[$0] }
        let fresh = try Self.render(targeted, with: renderer, reusing: renderedRoutes)
            .enumerated().filter(\.element.fresh).map { (targeted[$0.offset], $0.element.page) }

        var files = last.files
        last.files = []
        var rendered: [String] = []
        var changedFiles: [String] = []
        for (route, page) in fresh {
            let file = route.file
            rendered.append(file)
            if previousFiles[file] != page.bytes { changedFiles.append(file) }
            renderedRoutes[file] = page
            previousFiles[file] = page.bytes
            if let f = last.fileIndex[file] { files[f].bytes = page.bytes }
        }
        rendered.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        changedFiles.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        last.model = model
        last.routes = routes
        last.files = files
        lastBuild = last
        timings.render = clock.lap()

        let site = BuiltSite(
            model: model, routes: routes, files: files,
            warnings: diagnostics.filter { $0.severity == .warning }, timings: timings, draftsSkipped: draftsSkipped)
        return IncrementalBuild(
            site: site, reparsed: reparsed.sorted(), rendered: rendered, changed: changedFiles, removed: [],
            configReloaded: false, templatesReloaded: false)
    }

    /// The output file of a site path (see `Route.file`).
    private static func file(of path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    /// Where `index` is in `sorted`, an ascending list.
    private static func position(of index: Int, in sorted: [Int]) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == index ? low : nil
    }

    // MARK: - Contexts

    /// The new shared template values, with each one that equals last build's replaced by that
    /// very value. Arrays and dictionaries compare by identity first, so a route's context that
    /// did not change then compares in a few pointer checks instead of walking every term and card.
    private func reuseUnchanged(_ new: Contexts) -> Contexts {
        guard let old = previousContexts else { return new }
        func same(_ value: Value, _ previous: Value?) -> Value {
            if let previous, previous == value { return previous }
            return value
        }
        let oldCards = Dictionary(zip(old.model.articles.map(\.path), old.articleCards), uniquingKeysWith: { a, _ in a })
        let oldPageCards = Dictionary(zip(old.model.pages.map(\.path), old.pageCards), uniquingKeysWith: { a, _ in a })
        var oldTerms: [String: Value] = [:]
        for (t, taxonomy) in old.model.taxonomies.enumerated() {
            for (k, term) in taxonomy.terms.enumerated() { oldTerms[term.path] = old.terms[t][k] }
        }
        let oldTaxonomies = Dictionary(
            zip(old.model.taxonomies.map(\.name), old.taxonomies), uniquingKeysWith: { a, _ in a })
        return Contexts(
            model: new.model,
            site: same(new.site, old.site),
            articleCards: zip(new.model.articles, new.articleCards).map { same($1, oldCards[$0.path]) },
            pageCards: zip(new.model.pages, new.pageCards).map { same($1, oldPageCards[$0.path]) },
            terms: zip(new.model.taxonomies, new.terms).map { taxonomy, values in
                zip(taxonomy.terms, values).map { same($1, oldTerms[$0.path]) }
            },
            taxonomies: zip(new.model.taxonomies, new.taxonomies).map { same($1, oldTaxonomies[$0.name]) },
            siteFeeds: new.siteFeeds == old.siteFeeds ? old.siteFeeds : new.siteFeeds)
    }

    // MARK: - Content

    private enum Decoded: Sendable {
        case article(Article)
        case page(Page)
        case failed([Diagnostic])
    }

    private struct SourceFile: Sendable {
        var signature: FileSignature?
        /// A hash of the bytes, when this builder read them itself.
        var digest: Int?
        var decoded: Decoded
        /// The entry and its Markdown diagnostics; nil for files that failed and for skipped drafts.
        var made: EntryMaker.Made?
    }

    private struct RenderedRoute: @unchecked Sendable {
        var template: String
        var context: [String: Value]
        var bytes: [UInt8]
    }

    /// Loads `site.yml` and every content file from scratch, as `sitegen build` does.
    private func loadEverything(configPath: String) -> [String] {
        let loader = ContentLoader(sourceDirectory: options.sourceDirectory, baseURL: options.baseURL)
        var signatures: [String: FileSignature] = [:]
        for path in listSources() { signatures[path] = FileSignature(path) }
        let content = loader.load()
        config = content.config
        configDiagnostics = content.diagnostics.filter { $0.position.path == configPath }
        var failed: [String: [Diagnostic]] = [:]
        for diagnostic in content.diagnostics where diagnostic.position.path != configPath {
            failed[diagnostic.position.path, default: []].append(diagnostic)
        }
        var loaded: [String: SourceFile] = [:]
        for article in content.articles {
            loaded[article.path] = SourceFile(signature: signatures[article.path], decoded: .article(article))
        }
        for page in content.pages {
            loaded[page.path] = SourceFile(signature: signatures[page.path], decoded: .page(page))
        }
        for (path, problems) in failed {
            loaded[path] = SourceFile(signature: signatures[path], decoded: .failed(problems))
        }
        let paths = Array(loaded.keys)
        let maker = EntryMaker(config: content.config, urls: SiteURLs(baseURL: content.config.baseURL))
        let decoded = paths.map { loaded[$0]!.decoded }
        let made = Parallel.map(decoded) { [options] decoded in
            Self.makeEntry(decoded, maker: maker, includeDrafts: options.includeDrafts)
        }
        for (path, entry) in zip(paths, made) { loaded[path]!.made = entry }
        sources = loaded
        return paths
    }

    /// Decodes again the content files that changed, appeared or went since the last build.
    private func update(changed: Set<String>?) -> [String] {
        var candidates: [String] = []
        var needsListing = changed == nil
        for relative in changed ?? [] where relative.hasPrefix("Content/") && relative != "Content/site.yml" {
            let path = options.displayPath(relative)
            if sources[path] != nil {
                if FileReader.isRegularFile(path) { candidates.append(path) } else { needsListing = true }
            } else if FileReader.isRegularFile(path) {
                // A new file; temporary and hidden files of editors are not content.
                if relative.hasSuffix(".md") && !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    needsListing = true
                }
            } else if FileReader.isDirectory(path) || sources.keys.contains(where: { $0.hasPrefix(path + "/") }) {
                needsListing = true
            }
        }
        var hinted = Set(candidates)
        if needsListing {
            let listed = listSources()
            let listedSet = Set(listed)
            for path in sources.keys where !listedSet.contains(path) { sources[path] = nil }
            for path in listed {
                if let known = sources[path] {
                    if known.signature == nil || known.signature != FileSignature(path) { hinted.insert(path) }
                } else {
                    hinted.insert(path)
                }
            }
        }
        let paths = Array(hinted)
        let config = self.config!
        let maker = EntryMaker(config: config, urls: SiteURLs(baseURL: config.baseURL))
        let old = sources
        let articlesFolder = options.displayPath("Content/articles") + "/"
        let results = Parallel.map(paths) { [options] path -> (SourceFile, Bool) in
            let signature = FileSignature(path)
            let decoded: Decoded
            var digest: Int?
            switch FileReader.read(path) {
            case .failure(let problem):
                decoded = .failed([.error("cannot read file: \(problem.reason)", at: SourcePosition(path: path))])
            case .success(let bytes):
                digest = Self.digest(bytes)
                if var known = old[path], let oldDigest = known.digest, oldDigest == digest {
                    known.signature = signature
                    return (known, false)
                }
                do throws(DiagnosticsError) {
                    decoded = path.hasPrefix(articlesFolder)
                        ? .article(try Article.make(from: bytes, path: path, config: config))
                        : .page(try Page.make(from: bytes, path: path, config: config))
                } catch {
                    decoded = .failed(error.diagnostics)
                }
            }
            let made = Self.makeEntry(decoded, maker: maker, includeDrafts: options.includeDrafts)
            return (SourceFile(signature: signature, digest: digest, decoded: decoded, made: made), true)
        }
        var reparsed: [String] = []
        for (path, (source, decodedAgain)) in zip(paths, results) {
            if decodedAgain { reparsed.append(path) }
            sources[path] = source
        }
        return reparsed
    }

    private static func makeEntry(_ decoded: Decoded, maker: EntryMaker, includeDrafts: Bool) -> EntryMaker.Made? {
        switch decoded {
        case .failed: return nil
        case .article(let article):
            return includeDrafts || !article.isDraft ? maker.makeArticles([article]) : nil
        case .page(let page):
            return maker.makePages([page])
        }
    }

    /// The content files `ContentLoader` reads, as display paths, sorted byte-wise.
    private func listSources() -> [String] {
        let loader = ContentLoader(sourceDirectory: options.sourceDirectory)
        return (loader.markdownFiles(under: "Content/articles", recursive: true)
            + loader.markdownFiles(under: "Content/pages", recursive: false))
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: - Theme

    /// Reloads the templates and assets when their bytes changed; returns whether the templates were.
    private func loadTheme(config: SiteConfig, urls: SiteURLs, force: Bool) -> Bool {
        var templateHasher = Hasher()
        var assetHasher = Hasher()
        let root = options.displayPath("Templates")
        if let walker = FileManager.default.enumerator(atPath: root) {
            var entries: [String] = []
            while let relative = walker.nextObject() as? String { entries.append(relative) }
            entries.sort()
            for relative in entries where FileReader.isRegularFile(root + "/" + relative) {
                let bytes = (try? FileReader.read(root + "/" + relative).get()) ?? []
                if relative.hasPrefix("assets/") {
                    assetHasher.combine(relative)
                    assetHasher.combine(bytes)
                } else {
                    templateHasher.combine(relative)
                    templateHasher.combine(bytes)
                }
            }
        } else {
            templateHasher.combine("no Templates/")
        }
        let newTemplates = templateHasher.finalize()
        let newAssets = assetHasher.finalize()
        var reloaded = false
        if force || newTemplates != templatesDigest || templates == nil {
            var problems: [Diagnostic] = []
            templates = SiteBuilder.loadTemplates(options, config: config, urls: urls, diagnostics: &problems)
            templateDiagnostics = problems
            templatesDigest = newTemplates
            templatesGeneration += 1
            reloaded = true
        }
        if force || newAssets != assetsDigest {
            var problems: [Diagnostic] = []
            assets = SiteBuilder.loadAssets(options, diagnostics: &problems)
            assetDiagnostics = problems
            assetsDigest = newAssets
            assetsGeneration += 1
        }
        return reloaded
    }

    // MARK: - Files

    /// What `stat` says of a file: enough to notice a write, a replacement or a rename onto it.
    struct FileSignature: Equatable {
        var size: Int64
        var inode: UInt64
        var modified: timespec
        var changed: timespec

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            size = Int64(info.st_size)
            inode = UInt64(info.st_ino)
            modified = info.st_mtim
            changed = info.st_ctim
        }

        static func == (a: FileSignature, b: FileSignature) -> Bool {
            a.size == b.size && a.inode == b.inode
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    private static func digest(_ bytes: [UInt8]) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes)
        return hasher.finalize()
    }

    /// Renders the routes whose context or template changed since `reusable`, on every core;
    /// the others keep their bytes. Results come in route order, with whether each was rendered
    /// afresh; every template error is thrown together.
    private static func render(
        _ routes: [Route], with renderer: PageRenderer, reusing reusable: [String: RenderedRoute]
    ) throws(DiagnosticsError) -> [(page: RenderedRoute, fresh: Bool)] {
        let results = Parallel.map(routes) { route -> Result<(page: RenderedRoute, fresh: Bool), TemplateRenderError> in
            let context = renderer.context(for: route)
            if let old = reusable[route.file], old.template == route.template, old.context == context {
                return .success((old, false))
            }
            do throws(TemplateRenderError) {
                let bytes = try renderer.render(route, context: context)
                return .success((RenderedRoute(template: route.template, context: context, bytes: bytes), true))
            } catch {
                return .failure(error)
            }
        }
        var pages: [(page: RenderedRoute, fresh: Bool)] = []
        pages.reserveCapacity(results.count)
        var problems = Set<Diagnostic>()
        for result in results {
            switch result {
            case .success(let page): pages.append(page)
            case .failure(let error): problems.insert(error.diagnostic)
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(Array(problems)) }
        return pages
    }

    private static func stopOnErrors(_ diagnostics: [Diagnostic]) throws(DiagnosticsError) {
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticsError(diagnostics)
        }
    }
}


extension Contexts {
    /// Contexts from parts already made (see `IncrementalBuilder.reuseUnchanged`).
    init(model: SiteModel, site: Value, articleCards: [Value], pageCards: [Value], terms: [[Value]],
         taxonomies: [Value], siteFeeds: [Value]) {
        self.model = model
        self.site = site
        self.articleCards = articleCards
        self.pageCards = pageCards
        self.terms = terms
        self.taxonomies = taxonomies
        self.siteFeeds = siteFeeds
    }
}

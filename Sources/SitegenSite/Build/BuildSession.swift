import Dispatch
import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// What a build of a session did, and what it could take from the memo.
public struct SessionBuild: Sendable {
    /// The site; `files` holds every output file (sorted by path) when built in memory, and is
    /// empty when written to a folder.
    public var site: BuiltSite
    /// The write to the output folder; nil when built in memory.
    public var write: WriteReport?
    /// Content files decoded and put through Markdown by this build (display paths, sorted).
    public var reparsed: [String]
    /// How many content files the site has.
    public var contentFiles: Int
    /// Output files rendered by this build (sorted); the others came from the memo.
    public var rendered: [String]
    /// Output files that are new or differ from the session's previous good build (sorted).
    public var changed: [String]
    /// Output files of the previous good build that this one no longer has (sorted).
    public var removed: [String]
    /// Files in the output, and how many of them are assets.
    public var fileCount: Int
    public var assetCount: Int
    /// Images made by this build, and those taken as they were from the memo.
    public var imagesEncoded = 0
    public var imagesReused = 0

    /// Whether the build took nothing from the memo: it parsed every content file, rendered
    /// every page and made every image (a first build, `--no-cache`, a damaged or outdated
    /// cache, or a change every file depends on).
    public var reusedNothing: Bool {
        reparsed.count == contentFiles && rendered.count == site.routes.count && imagesReused == 0
    }

    /// The report's line on the memo: `Reused: parsed 1 of 10,001 content files; rendered 1,279
    /// of 13,847 pages; wrote 1,279 files, 12,568 unchanged` (what was done; the rest was reused),
    /// or `Full build (nothing reused): parsed 2 of 2 content files; …` when nothing was.
    public var reuseLine: String {
        let pages = site.routes.count
        var line = (reusedNothing ? "Full build (nothing reused): " : "Reused: ")
            + "parsed \(Self.number(reparsed.count)) of \(Self.number(contentFiles)) content files; "
            + "rendered \(Self.number(rendered.count)) of \(Self.number(pages)) pages"
        if let write {
            line += "; wrote \(Self.number(write.written)) files, \(Self.number(write.unchanged)) unchanged"
            if write.removed > 0 { line += ", \(Self.number(write.removed)) removed" }
        }
        if imagesEncoded + imagesReused > 0 {
            line += "; images: \(Self.number(imagesEncoded)) encoded, \(Self.number(imagesReused)) reused"
        }
        return line
    }

    static func number(_ n: Int) -> String {
        var digits = String(n)
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: i))
            i -= 3
        }
        return digits
    }
}

/// The one build pipeline of `build`, `serve` and `check`: load → Markdown → model → routes →
/// render → write, each stage taking what it can from the memo of earlier builds.
///
/// - A content file's outcome (its decoded front-matter, Markdown facts, body and diagnostics)
///   is kept by the digest of its bytes, its path, the digest of the sitegen binary and the
///   settings the stage reads (`contentKey`); a file whose `stat` stamp is unchanged is not
///   even read.
/// - A page is kept by the digest of its template set and of every value of its context
///   (`ValueDigester`): a page is rendered again exactly when something it could print
///   changed. Nothing lists which pages show which article.
/// - The output folder is trusted from the memo: a file whose stamp (size, inode, modification
///   time) and digest are those the last build left is not read back.
///
/// A session keeps its memo in memory between builds (`serve`); with a cache folder it loads
/// it from disk at its first build and saves it after every good build (`build`, `check`).
/// A failed build changes neither the output nor the saved cache. Not reentrant: builds of one
/// session are serialised.
public final class BuildSession: @unchecked Sendable {
    public let options: BuildOptions
    private let lock = NSLock()
    private var memo = BuildMemo()
    private var loaded = false
    private let blobs: BlobStore
    private var theme: (digest: Digest, templates: TemplateEnvironment?, diagnostics: [Diagnostic], anchors: AnchorSet?)?
    /// The output digests of the last good build, by path (what `changed` and `removed` compare with).
    private var lastOutputs: [String: Digest] = [:]
    /// Content files whose cached body was found damaged (each is reported once).
    private let damagedBodies = LockedSet()
    /// Whether the last model is kept for the next build (a session that builds again: serve).
    private let keepsModel: Bool
    private var lastModel: LastModel?
    /// In a session that keeps its model, the last listing of content files and the content
    /// settings it was made under (see `watchedListing`).
    private var lastListing: (files: [(String, Bool)], inputs: Digest, problems: [Diagnostic])?
    /// In a session that keeps its model, each entry's part of the model's shape, by record key.
    private var entryShapes: [Digest: Digest] = [:]

    private struct LastModel {
        var shape: Digest
        var siteDigest: Digest
        var model: SiteModel
        var diagnostics: [Diagnostic]
        var contexts: Contexts
        var digester: ValueDigester
        /// Each entry's key (`entryKey`) when the model was made, by source path.
        var keys: [String: Digest]
        /// The last good build's routes (files), template set, and per route its outcome and the
        /// entries its context read: a route that read no changed entry is taken as it was.
        var routeFiles: [String] = []
        var templateDigest: Digest = .zero
        var outcomes: [PagePlan.Outcome] = []
        var reads: [EntryReads] = []
        /// The last good build's routes, for a build with the same model shape and settings.
        var routes: [Route]?
    }

    /// A session; `keepInMemory` keeps every page's bytes for the next build (the preview server
    /// serves them from memory).
    /// Built in memory, `site.files` holds only the files that differ from the previous good
    /// build of this session (those in `changed`): what a server that keeps the last files needs.
    public var changedFilesOnly = false

    public init(options: BuildOptions, keepInMemory: Bool = false) {
        self.options = options
        blobs = BlobStore(directory: options.cacheDirectory, keepInMemory: keepInMemory)
        keepsModel = keepInMemory
    }

    /// Builds the site into `outputPath` (atomically), or in memory when it is nil. `changed`
    /// names files (relative to the site's folder) a watcher saw change: they are read again
    /// whatever their `stat` says.
    public func build(writingTo outputPath: String? = nil, changed: Set<String>? = nil) throws -> SessionBuild {
        lock.lock()
        defer { lock.unlock() }
        var cacheLock: (descriptor: Int32, created: Bool)?
        if let directory = options.cacheDirectory {
            cacheLock = BuildCache(directory: directory, notice: options.notice).lock()
        }
        defer { if let cacheLock { Posix.close(cacheLock.descriptor) } }
        let persistent = options.cacheDirectory != nil && cacheLock != nil
        var loadClock = Stopwatch()
        var cacheLoad = 0.0
        if !loaded, persistent, let directory = options.cacheDirectory {
            let cache = BuildCache(directory: directory, notice: options.notice)
            memo = cache.load(binary: BinaryIdentity.digest, threads: options.threads, content: deferredBody)
            dropMissingPacks(in: directory)
            blobs.adopt(index: memo.blobs, segments: memo.segments)
            loaded = true
            cacheLoad = loadClock.lap()
        }
        do {
            var result = try run(writingTo: outputPath, changed: changed)
            result.site.timings.cacheLoad = cacheLoad
            if persistent, let directory = options.cacheDirectory {
                var clock = Stopwatch()
                save(in: directory)
                result.site.timings.cache = clock.lap()
            }
            return result
        } catch {
            blobs.discardNewSegment()
            if let cacheLock, cacheLock.created, let directory = options.cacheDirectory {
                BuildCache(directory: directory, notice: options.notice).removeEmpty()
            }
            throw error
        }
    }

    /// Builds the site in memory; every problem, of the input or of the cache folder's lock, is a diagnostic.
    public func buildInMemory(changed: Set<String>? = nil) throws(DiagnosticsError) -> SessionBuild {
        do {
            return try build(changed: changed)
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([.error("\(error)", at: SourcePosition(path: options.sourceDirectory))])
        }
    }

    // MARK: - The pipeline

    private func run(writingTo outputPath: String?, changed hinted: Set<String>?) throws -> SessionBuild {
        var timings = StageTimings()
        var clock = Stopwatch()

        // Load: site.yml, then each content file that changed (decoded and put through Markdown
        // at once, on every core), then the theme.
        let loaded = loadContent(hinted: hinted)
        let (templates, themeDiagnostics, assets) = loadTheme(config: loaded.config, urls: loaded.urls)
        let (statics, staticDiagnostics) = loadStatic()
        timings.load = clock.lap()

        // Markdown was done as each file was decoded; here the entries are gathered in path order.
        // The memo keeps every outcome, good or bad: it is keyed by content, so a failed build's
        // work is as good as any for the next build of a session.
        var gathered = gather(loaded)
        memo.content = loaded.content
        // Images named in Markdown: made once per content and settings, the bodies given <picture>.
        let images = ImageStage(options: options, config: loaded.config, urls: loaded.urls, blobs: blobs)
            .run(articles: gathered.articles, pages: gathered.pages + gathered.authors, memo: memo.images, sources: memo.imageSources,
                 suspects: Set((hinted ?? []).map { options.displayPath($0) }))
        gathered.articles = images.articles
        gathered.pages = images.pages.filter { $0.kind == .page }
        gathered.authors = images.pages.filter { $0.kind == .author }
        gathered.siteImage = images.siteImage
        memo.images = images.records
        memo.imageSources = images.sources
        var diagnostics = (loaded.diagnostics + gathered.failures).sorted() + themeDiagnostics + staticDiagnostics
        let loadFailed = diagnostics.contains { $0.severity == .error }
        diagnostics += gathered.entryDiagnostics + gathered.pageDiagnostics + images.diagnostics
        timings.markdown = clock.lap()

        // Model and routes, then the shared template values.
        let modelled = makeModel(loaded, gathered)
        lastModel = nil
        diagnostics += modelled.diagnostics
        diagnostics += EntryRules.dates(of: modelled.model.articles + modelled.model.unpublished.map(\.entry), now: modelled.model.now)
        // The routes are a function of the model's shape and the settings: a session's last
        // good routes (which had no problems) serve again while both are unchanged.
        let (routes, routeDiagnostics) = modelled.reusable.flatMap { $0.siteDigest == modelled.siteDigest ? $0.routes : nil }
            .map { ($0, [Diagnostic]()) }
            ?? RoutePlanner(model: modelled.model, sitemapLimit: options.sitemapLimit).plan()
        diagnostics += routeDiagnostics
        // A preview's folder carries its record, so no production build writes into it (and no preview into production's).
        let record = options.isPreview && outputPath != nil
            ? [PagePlan.OtherFile(path: OutputGuard.previewRecord, content: .bytes(Array(OutputGuard.previewRecordText.utf8),
                                                                   Digest.of(Array(OutputGuard.previewRecordText.utf8))))] : []
        // One collision rule for every output file: the theme's assets, processed images,
        // static/ and the preview's record against the routes and each other.
        let content = options.displayPath("Content")
        let others: [RoutePlanner.OtherOutput] =
            assets.map { .init(file: "assets/" + $0.path, source: "the theme's file Templates/assets/\($0.path)",
                               position: SourcePosition(path: options.displayPath("Templates/assets/" + $0.path))) }
            + images.files.map { .init(file: $0.path, source: "the processed image /\($0.path)", position: SourcePosition(path: content)) }
            + statics.map { .init(file: $0.path, source: "the file static/\($0.path)",
                                  position: SourcePosition(path: options.displayPath("static/" + $0.path))) }
            + record.map { .init(file: $0.path, source: "sitegen's record of a preview", position: SourcePosition(path: content)) }
        diagnostics += RoutePlanner(model: modelled.model).collisions(routes, others: others)
        if diagnostics.contains(where: { $0.severity == .error }) || loadFailed { throw DiagnosticsError(diagnostics) }
        guard let templates else { throw DiagnosticsError(diagnostics) }
        let plan = makePlan(
            modelled, loaded: loaded, routes: routes, templates: templates, assets: assets, files: images.files + statics + record)
        timings.model = clock.lap()

        // Every Markdown link that leads nowhere (an image that names no file is an error, as
        // check says); with --strict, every warning fails the build.
        var brokenLinks = 0
        if options.checksLinks {
            let targets = BuildLinkCheck.targets(model: modelled.model, files: Set(plan.paths), theme: templates.anchors)
            let broken = BuildLinkCheck.problems(
                model: modelled.model, targets: targets, images: images.owned, threads: options.threads)
            brokenLinks = broken.filter { $0.severity == .warning }.count
            diagnostics += broken
        }
        if options.strict, diagnostics.contains(where: { $0.severity == .warning }) {
            throw DiagnosticsError(diagnostics.map { $0.severity == .warning ? $0.asError : $0 })
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticsError(diagnostics) }
        timings.links = clock.lap()

        // Render what changed, write (or gather) every file.
        let (write, files, outcomes) = try produce(plan, writingTo: outputPath)
        timings.render = clock.lap()

        let (rendered, changed, removed) = remember(plan, outcomes, templates: templates)
        let site = BuiltSite(
            model: modelled.model, routes: routes, files: files, warnings: diagnostics.filter { $0.severity == .warning },
            timings: timings, draftsSkipped: gathered.draftsSkipped, brokenLinks: brokenLinks, contentImages: images.owned,
            scheduled: gathered.scheduled, expired: gathered.expired, nextChange: gathered.nextChange)
        return SessionBuild(
            site: site, write: write, reparsed: loaded.reparsed.sorted(by: Self.byPath), contentFiles: loaded.listed.count,
            rendered: rendered, changed: changed, removed: removed, fileCount: plan.paths.count, assetCount: assets.count,
            imagesEncoded: images.encoded, imagesReused: images.reused)
    }

    private static let byPath: @Sendable (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }

    // MARK: - The stages

    /// `site.yml` and the content files, each from the memo when it did not change.
    private struct Loaded {
        var config: SiteConfig
        var urls: SiteURLs
        /// Every content file, sorted, and whether it is an article.
        var listed: [(String, Bool)]
        var inputs: Digest
        var content: [String: ContentRecord]
        var reparsed: [String]
        /// The problems of `site.yml`.
        var diagnostics: [Diagnostic]
    }

    private func loadContent(hinted: Set<String>?) -> Loaded {
        let configPath = options.displayPath("Content/site.yml")
        var diagnostics: [Diagnostic] = []
        let config: SiteConfig
        let loader = ContentLoader(sourceDirectory: options.sourceDirectory)
        switch loader.configBytes() {
        case nil:  // a link out of Content/, reported with the listing
            config = SiteConfig.fallback(path: configPath, baseURL: options.baseURL)
        case .success(let bytes)?:
            let decoded = SiteConfig.decode(from: bytes, path: configPath, baseURL: options.baseURL)
            config = decoded.0
            diagnostics += decoded.1
        case .failure(let problem)?:
            config = SiteConfig.fallback(path: configPath, baseURL: options.baseURL)
            diagnostics.append(.error(
                "cannot read the site configuration (\(problem.reason)): create it with 'title:' and 'baseURL:' keys",
                at: SourcePosition(path: configPath)))
        }
        for (name, slug) in config.termSlugs.sorted(by: { $0.key < $1.key }) where Slug.make(slug) != slug {
            diagnostics.append(.error(
                "termSlugs gives '\(name)' the slug '\(slug)', which is not one: use lower-case ASCII words joined by '-', like '\(Slug.make(slug) ?? "c-plus-plus")'",
                at: config.position(of: "termSlugs")))
        }
        let urls = SiteURLs(baseURL: config.baseURL)
        let inputs = contentInputs(config)
        let maker = EntryMaker(config: config, urls: urls, threads: 1)
        let previous = memo.content
        let suspects = Set((hinted ?? []).map { options.displayPath($0) })
        // A stamp is trusted only for a file older than its file system's clock tick: a file
        // rewritten within the tick it was read in may keep its size and time (as git's index does).
        let racy = Int64(Date().timeIntervalSince1970) - 2
        let load = { (path: String, isArticle: Bool) in
            self.load(path, isArticle: isArticle, inputs: inputs, previous: previous[path], trustStamp: !suspects.contains(path),
                      config: config, maker: maker, racy: racy)
        }
        var reparsed: [String] = []
        // The watcher named only files the last listing has, and they are still files: the
        // others are as they were, so neither listed nor stated again.
        if let listed = watchedListing(hinted: hinted, inputs: inputs) {
            var content = previous
            for (path, isArticle) in listed where suspects.contains(path) {
                let (record, fresh) = load(path, isArticle)
                content[path] = record
                if fresh { reparsed.append(path) }
            }
            return Loaded(config: config, urls: urls, listed: listed, inputs: inputs, content: content,
                          reparsed: reparsed, diagnostics: diagnostics + (lastListing?.problems ?? []))
        }
        let listing = loader.listing()
        let listed = listing.articles.map { ($0, true) } + listing.pages.map { ($0, false) } + listing.authors.map { ($0, false) }
        diagnostics += listing.problems
        let results = Parallel.map(listed, threads: options.threads) { path, isArticle in load(path, isArticle) }
        var content: [String: ContentRecord] = [:]
        content.reserveCapacity(listed.count)
        for ((path, _), (record, fresh)) in zip(listed, results) {
            content[path] = record
            if fresh { reparsed.append(path) }
        }
        if keepsModel { lastListing = (listed, inputs, listing.problems) }
        return Loaded(config: config, urls: urls, listed: listed, inputs: inputs, content: content,
                      reparsed: reparsed, diagnostics: diagnostics)
    }

    /// The last build's listing of content files, when the watcher's hints (`hinted`, relative
    /// to the site's folder) can stand for a new one: a session that keeps its model, the same
    /// content settings, and every hinted path under `Content/` (but `site.yml`, always read)
    /// either a file of that listing that is still a regular file, or a path that is gone and
    /// held none of its files (an editor's temporary file, written and renamed over the
    /// article). Anything else there (a new file, a removed or renamed one, a folder) lists the
    /// content again; so does a batch of lost events (nil hints).
    private func watchedListing(hinted: Set<String>?, inputs: Digest) -> [(String, Bool)]? {
        guard keepsModel, let hinted, let (listed, listedInputs, _) = lastListing, listedInputs == inputs else { return nil }
        let content = hinted.filter { $0.hasPrefix("Content/") && $0 != "Content/site.yml" }
        let known = memo.content
        for path in content {
            let display = options.displayPath(path)
            if known[display] != nil {
                // The file itself, not a link: a file replaced by a link is listed again, by the rule for links.
                guard FileStamp(linkAt: display) != nil else { return nil }
                continue
            }
            guard !FileStamp.exists(display) else { return nil }
            let folder = display + "/"
            if listed.contains(where: { $0.0.hasPrefix(folder) }) { return nil }
        }
        return listed
    }

    /// The entries of the loaded files, in path order, and their problems.
    private struct Gathered {
        var articles: [Entry] = []
        var pages: [Entry] = []
        /// Author files (`Content/authors/`).
        var authors: [Entry] = []
        /// Files that did not decode.
        var failures: [Diagnostic] = []
        var entryDiagnostics: [Diagnostic] = []
        var pageDiagnostics: [Diagnostic] = []
        var draftsSkipped = 0
        /// Articles left out by the clock: dated after it (unless `--future`), or expired.
        var scheduled = 0
        var expired = 0
        var unpublished: [SiteModel.Unpublished] = []
        /// Articles a preview shows and production would not (drafts, and scheduled ones with `--future`).
        var previewOnly: [SiteModel.Unpublished] = []
        /// The build's clock, read once.
        var now = Date()
        /// The next moment the site changes by itself, and why.
        var nextChange: NextChange?
        /// `site.yml`'s `image:`, made by the image stage.
        var siteImage: LeadImageFiles?
    }

    private func gather(_ loaded: Loaded) -> Gathered {
        var gathered = Gathered()
        let now = options.now ?? options.nowAsWritten?.date(in: loaded.config.timeZone) ?? Date()
        gathered.now = now
        var next = NextChange.Finder(now: now)
        gathered.articles.reserveCapacity(loaded.listed.count)
        for (path, isArticle) in loaded.listed {
            switch loaded.content[path]!.outcome {
            case .failed(let problems): gathered.failures += problems
            case .draft: gathered.draftsSkipped += 1
            case .made(let entry, let problems):
                if isArticle {
                    if let entry {
                        // The clock decides what is published; the record (and its cache key) never sees it.
                        let expires = entry.frontMatter.expires
                        if let expires { next.consider(expires, path, "expires") }
                        if entry.date > now {
                            next.consider(entry.date, path, "publishes")
                        } else if expires.map({ $0 > now }) ?? true {
                            next.consider(entry.date.addingTimeInterval(SiteModel.newsWindow), path, "leaves the news sitemap")
                        }
                        if let expires, expires <= now {
                            gathered.expired += 1
                            gathered.unpublished.append(.init(entry: entry, reason: "expired at \(NextChange.timestamp(expires))"))
                        } else if entry.date > now && !options.includeFuture {
                            gathered.scheduled += 1
                            gathered.unpublished.append(.init(entry: entry, reason: "is scheduled for \(NextChange.timestamp(entry.date))"))
                        } else {
                            if entry.frontMatter.draft {
                                gathered.previewOnly.append(.init(entry: entry, reason: "is a draft"))
                            } else if entry.date > now {
                                gathered.previewOnly.append(.init(entry: entry, reason: "is scheduled for \(NextChange.timestamp(entry.date))"))
                            }
                            gathered.articles.append(entry)
                        }
                    }
                    gathered.entryDiagnostics += problems
                } else {
                    if let entry {
                        if entry.kind == .author { gathered.authors.append(entry) } else { gathered.pages.append(entry) }
                    }
                    gathered.pageDiagnostics += problems
                }
            }
        }
        gathered.nextChange = next.found
        return gathered
    }

    /// The model, and (in a session that keeps it) the last one when it can be reused.
    private struct Modelled {
        var model: SiteModel
        var diagnostics: [Diagnostic]
        var reusable: LastModel?
        var shape: Digest?
        var siteDigest: Digest?
    }

    /// A session keeps its last model: when what the model is made of (each entry's place, slug,
    /// terms and cited sources: `modelShape`) is unchanged, only the entries are swapped in.
    private func makeModel(_ loaded: Loaded, _ gathered: Gathered) -> Modelled {
        // Each entry's part of the shape is a function of its record (whose key covers its bytes,
        // path and settings), so it is kept by that key between the builds of a session.
        var shapes: [Digest: Digest] = [:]
        let shape = keepsModel ? Self.modelShape(gathered.articles, gathered.pages, inputs: loaded.inputs) { entry, isPage in
            let key = loaded.content[entry.sourcePath]!.key
            let part = self.entryShapes[key] ?? Self.entryShape(entry, isPage: isPage)
            shapes[key] = part
            return part
        }.combined(with: Self.authorsShape(gathered.authors, loaded)) : nil
        if keepsModel { entryShapes = shapes }
        let siteDigest = keepsModel ? Self.siteDigest(loaded.config, urls: loaded.urls, image: gathered.siteImage) : nil
        guard let reusable = lastModel.flatMap({ $0.shape == shape ? $0 : nil }) else {
            var (model, diagnostics) = SiteModelBuilder(config: loaded.config, urls: loaded.urls, threads: options.threads)
                .build(articles: gathered.articles, pages: gathered.pages, authors: gathered.authors)
            model.siteImage = gathered.siteImage
            model.now = gathered.now
            model.unpublished = gathered.unpublished
            model.isPreview = options.isPreview
            model.previewOnly = gathered.previewOnly
            return Modelled(model: model, diagnostics: diagnostics, shape: shape, siteDigest: siteDigest)
        }
        let articles = Dictionary(gathered.articles.map { ($0.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        let pages = Dictionary(gathered.pages.map { ($0.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        var model = reusable.model
        model.config = loaded.config
        model.siteImage = gathered.siteImage
        model.now = gathered.now
        model.unpublished = gathered.unpublished
        model.isPreview = options.isPreview
        model.previewOnly = gathered.previewOnly
        model.articles = reusable.model.articles.map { articles[$0.sourcePath]! }
        model.pages = reusable.model.pages.map { pages[$0.sourcePath]! }
        let authors = Dictionary(gathered.authors.map { ($0.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
        model.authors = reusable.model.authors.map { authors[$0.sourcePath]! }
        return Modelled(model: model, diagnostics: reusable.diagnostics, reusable: reusable, shape: shape, siteDigest: siteDigest)
    }

    /// The shared template values (the last build's, with the changed entries' cards made again,
    /// when model and settings are the same), their digests, and the render plan.
    private func makePlan(
        _ modelled: Modelled, loaded: Loaded, routes: [Route], templates: LoadedTemplates, assets: [OutputFile],
        files: [PagePlan.OtherFile]
    ) -> PagePlan {
        let model = modelled.model
        let contexts: Contexts
        var digester = ValueDigester()
        var previousPages: PagePlan.Previous?
        let remembered = options.cacheDirectory != nil || keepsModel
        if let reusable = modelled.reusable, reusable.siteDigest == modelled.siteDigest {
            let keys = { (entry: Entry) in Self.entryKey(entry, loaded) }
            // An article's card says whether it is dated after the clock (`scheduled`, only ever
            // true in a `--future` preview): one the clock has passed since is changed too.
            let scheduledThen = { (entry: Entry) in entry.date > reusable.model.now }
            let unchangedArticle = { (i: Int) in
                keys(model.articles[i]) == reusable.keys[model.articles[i].sourcePath]
                    && scheduledThen(model.articles[i]) == (model.articles[i].date > model.now)
            }
            let unchangedPage = { (i: Int) in keys(model.pages[i]) == reusable.keys[model.pages[i].sourcePath] }
            contexts = reusable.contexts.replacingCards(of: model, unchanged: unchangedArticle, unchangedPage: unchangedPage)
            let changedArticles = model.articles.indices.filter { !unchangedArticle($0) }
            let changedPages = model.pages.indices.filter { !unchangedPage($0) }
            if reusable.templateDigest == templates.digest, reusable.routeFiles.elementsEqual(routes.lazy.map(\.file)) {
                previousPages = PagePlan.Previous(
                    outcomes: reusable.outcomes, reads: reusable.reads,
                    changedArticles: Set(changedArticles), changedPages: Set(changedPages))
            }
            digester = reusable.digester
            // The other cards are the same values (the same storage), remembered already.
            digester.remember(changedArticles.map { contexts.articleCards[$0] } + changedPages.map { contexts.pageCards[$0] },
                              threads: options.threads)
        } else {
            contexts = Contexts(model: model)
            if remembered {
                // What many pages share, digested once (only a saving: see ValueDigester).
                digester.remember(contexts.cardTerms.flatMap { $0 }, threads: options.threads)
                digester.remember([contexts.site] + contexts.siteFeeds, threads: options.threads)
                digester.remember(contexts.articleCards + contexts.pageCards, threads: options.threads)
                digester.remember(contexts.terms.flatMap { $0 } + contexts.taxonomies + contexts.taxonomySummaries,
                                  threads: options.threads)
            }
        }
        if keepsModel, let shape = modelled.shape, let siteDigest = modelled.siteDigest {
            lastModel = LastModel(
                shape: shape, siteDigest: siteDigest, model: model, diagnostics: modelled.diagnostics, contexts: contexts,
                digester: digester,
                keys: Dictionary((model.articles + model.pages).compactMap { entry in Self.entryKey(entry, loaded).map { (entry.sourcePath, $0) } },
                                 uniquingKeysWith: { a, _ in a }))
        }
        let renderer = PageRenderer(model: model, contexts: contexts, templates: templates.environment, routes: routes)
        let plan = PagePlan(
            routes: routes, assets: assets, files: files, renderer: renderer, digester: digester,
            templateDigest: templates.digest, memo: memo.pages, blobs: blobs)
        plan.isRemembered = remembered
        plan.previous = previousPages
        return plan
    }

    /// Every file written to `outputPath` (recorded in the memo with its stamp), or gathered in memory.
    private func produce(
        _ plan: PagePlan, writingTo outputPath: String?
    ) throws -> (WriteReport?, [OutputFile], [PagePlan.Outcome]) {
        guard let outputPath else {
            let (files, outcomes) = try plan.gather(threads: options.threads, previous: changedFilesOnly ? lastOutputs : nil)
            return (nil, files, outcomes)
        }
        try OutputGuard.check(outputPath: outputPath, sourceDirectory: options.sourceDirectory)
        try OutputGuard.checkKind(outputPath: outputPath, preview: options.isPreview)
        if let cache = options.cacheDirectory {
            let output = SiteWriter.absolute(outputPath), folder = SiteWriter.absolute(cache)
            if folder == output || folder.hasPrefix(output + "/") {
                throw OutputError("the build cache \(cache) is inside the output folder \(outputPath), which each build replaces: choose a folder outside it (the default is <source>/.sitegen-cache)")
            }
        }
        let writer = SiteWriter(outputPath: outputPath, threads: options.threads)
        let trusted = memo.outputFolder == writer.outputPath ? memo.outputs : [:]
        // The output folder's record when it has no `.record` of its own: the files sitegen made
        // there, from this memo, or from a memo another sitegen binary (or the format before)
        // wrote for the same folder. Asked for only then: it reads the memo again.
        let known = (folder: memo.outputFolder, outputs: memo.outputs), options = self.options, output = writer.outputPath
        let recorded: @Sendable () -> Set<String>? = {
            if known.folder == output { return Set(known.outputs.keys) }
            guard let cache = options.cacheDirectory,
                  let record = BuildCache(directory: cache, notice: options.notice).folderRecord(), record.folder == output else { return nil }
            return record.files
        }
        let (report, stamps) = try plan.write(with: writer, trusted: trusted, recorded: recorded)
        let outcomes = plan.outcomes.map { $0! }
        var outputs: [String: OutputRecord] = [:]
        outputs.reserveCapacity(plan.paths.count)
        for (index, path) in plan.paths.enumerated() {
            if let stamp = stamps[index] { outputs[path] = OutputRecord(stamp: stamp, digest: outcomes[index].digest) }
        }
        memo.outputFolder = writer.outputPath
        memo.outputs = outputs
        return (report, [], outcomes)
    }

    /// Keeps each page's record (and, in a session, what each route read); returns the files
    /// rendered, and those changed and removed since the session's last good build, sorted.
    private func remember(
        _ plan: PagePlan, _ outcomes: [PagePlan.Outcome], templates: LoadedTemplates
    ) -> (rendered: [String], changed: [String], removed: [String]) {
        let routeCount = plan.routes.count
        var pageRecords: [String: PageRecord] = [:]
        pageRecords.reserveCapacity(routeCount)
        var rendered: [String] = []
        var outputs: [String: Digest] = [:]
        outputs.reserveCapacity(plan.paths.count)
        let debug = ProcessInfo.processInfo.environment["SITEGEN_DEBUG_RENDERED"] != nil
        for (index, path) in plan.paths.enumerated() {
            let outcome = outcomes[index]
            outputs[path] = outcome.digest
            guard index < routeCount else { continue }
            pageRecords[path] = PageRecord(key: outcome.key, output: outcome.digest)
            guard outcome.rendered else { continue }
            rendered.append(path)
            if debug {
                let same = memo.pages[path]?.output == outcome.digest
                FileHandle.standardError.write(Data("rendered \(same ? "same" : "new") \(path)\n".utf8))
            }
        }
        memo.pages = pageRecords
        if keepsModel, lastModel != nil {
            lastModel!.routeFiles = plan.paths.prefix(routeCount).map { $0 }
            lastModel!.routes = plan.routes
            lastModel!.templateDigest = templates.digest
            lastModel!.outcomes = Array(outcomes.prefix(routeCount))
            lastModel!.reads = plan.reads
        }
        let changed = outputs.filter { lastOutputs[$0.key] != $0.value }.map(\.key).sorted(by: Self.byPath)
        let removed = lastOutputs.keys.filter { outputs[$0] == nil }.sorted(by: Self.byPath)
        lastOutputs = outputs
        return (rendered.sorted(by: Self.byPath), changed, removed)
    }

    // MARK: - The model's inputs

    /// The digest of everything `SiteModelBuilder` reads: each entry's file, date, slug, path,
    /// aliases, terms as written (names, URLs, positions), term slugs and cited sources, in the
    /// order given, and the settings (`inputs`); and the pages' titles, which the `site` object
    /// holds. Equal shapes make equal models and shared values, but for the entries' other
    /// fields, which only their own cards and pages show.
    static func modelShape(
        _ articles: [Entry], _ pages: [Entry], inputs: Digest, shapeOf: (Entry, Bool) -> Digest = entryShape
    ) -> Digest {
        var d = Digester()
        d.add("model v1")
        d.add(inputs)
        for (isPage, entries) in [(false, articles), (true, pages)] {
            d.add(entries.count)
            for entry in entries { d.add(shapeOf(entry, isPage)) }
        }
        return d.finalize()
    }

    /// The author files' part of the model's shape: each file's record and portrait. An edited
    /// biography makes the model again (author files change seldom; their pages read them whole).
    private static func authorsShape(_ authors: [Entry], _ loaded: Loaded) -> Digest {
        var d = Digester()
        d.add("authors v1")
        // Which bylines are organisations (no author page) reads these.
        d.add(loaded.config.title)
        d.add(loaded.config.author)
        d.add(loaded.config.organizations.count)
        for name in loaded.config.organizations { d.add(name) }
        for author in authors.sorted(by: { $0.sourcePath.utf8.lexicographicallyPrecedes($1.sourcePath.utf8) }) {
            d.add(author.sourcePath)
            d.add(entryKey(author, loaded) ?? .zero)
        }
        return d.finalize()
    }

    /// One entry's part of `modelShape`.
    static func entryShape(_ entry: Entry, isPage: Bool) -> Digest {
        var d = Digester()
        // Every page's title is in `site.pages`, shown on every page.
        if isPage { d.add(entry.title) }
        d.add(entry.sourcePath)
        d.add(entry.date.timeIntervalSinceReferenceDate)
        d.add(entry.updated.timeIntervalSinceReferenceDate)
        d.add(entry.slug)
        d.add(entry.path)
        // Where its route comes from (a collision's message points there).
        d.add(entry.frontMatter.slugPosition.description)
        d.add(entry.frontMatter.aliases.count)
        for alias in entry.frontMatter.aliases { d.add(alias) }
        for taxonomy in entry.frontMatter.terms.keys.sorted() {
            d.add(taxonomy)
            for ref in entry.frontMatter.terms[taxonomy]! {
                d.add(ref.name)
                d.add(ref.url)
                d.add(ref.position.description)
            }
        }
        for taxonomy in entry.termSlugs.keys.sorted() {
            d.add(taxonomy)
            for slug in entry.termSlugs[taxonomy]! { d.add(slug) }
        }
        // `/corrections/` lists every correction in date order (their text is read when rendered).
        d.add(entry.frontMatter.corrections.count)
        for correction in entry.frontMatter.corrections { d.add(correction.date.timeIntervalSinceReferenceDate) }
        d.add(entry.markdown.attributions.count)
        for attribution in entry.markdown.attributions {
            d.add(attribution.sources.count)
            for source in attribution.sources { d.add(source) }
        }
        return d.finalize()
    }

    /// What an entry's template values are made of: its content record (its bytes, path and
    /// settings) and the images the image stage gave it (a photo replaced under the same name
    /// changes the lead image's files and the body's `<picture>`, not the Markdown).
    private static func entryKey(_ entry: Entry, _ loaded: Loaded) -> Digest? {
        guard let record = loaded.content[entry.sourcePath]?.key else { return nil }
        var d = Digester()
        d.add(record)
        d.add(entry.leadImage?.key ?? .zero)
        for part in entry.content.deferred?.key ?? [] { d.add(part) }
        return d.finalize()
    }

    /// The digest of every setting the shared template values read (the `site` object, terms, feeds).
    static func siteDigest(_ config: SiteConfig, urls: SiteURLs, image: LeadImageFiles?) -> Digest {
        var d = Digester()
        d.add(image?.key ?? Digest(high: 0, low: 0))
        if let meta = image?.meta {
            d.add(meta.alt)
            d.add(meta.caption)
            d.add(meta.credit)
        }
        d.add(config.title)
        d.add(config.description)
        d.add(config.author)
        d.add(config.language.tag)
        d.add(urls.baseURL)
        d.add(config.timeZone.identifier)
        d.add(config.perPage)
        d.add(config.organizations.count)
        for name in config.organizations { d.add(name) }
        var params = BinaryWriter()
        params.write(config.params) { $0.write($1) }
        d.add(params.bytes)
        return d.finalize()
    }

    // MARK: - Content

    /// Everything besides a file's bytes and path that its outcome depends on: the sitegen
    /// binary, whether drafts are built, and the settings the decoder and the Markdown stage read.
    private func contentInputs(_ config: SiteConfig) -> Digest {
        var d = Digester()
        d.add("content v1")
        d.add(BinaryIdentity.digest)
        d.add(options.includeDrafts)
        d.add(config.path)
        d.add(config.timeZone.identifier)
        d.add(config.baseURL)
        d.add(config.unsafeHTML)
        d.add(config.limits.terms)
        d.add(config.taxonomies.count)
        for taxonomy in config.taxonomies { d.add(taxonomy) }
        d.add(config.attributionTaxonomy ?? "")
        d.add(config.attributionTaxonomy != nil)
        d.add(config.termSlugs.count)
        for (name, slug) in config.termSlugs.sorted(by: { $0.key < $1.key }) {
            d.add(name)
            d.add(slug)
        }
        return d.finalize()
    }

    private static func contentKey(inputs: Digest, path: String, isArticle: Bool, bytes: Digest) -> Digest {
        var d = Digester()
        d.add(inputs)
        d.add(path)
        d.add(isArticle)
        d.add(bytes)
        return d.finalize()
    }

    /// Whether a content file (a display path) is an author file, `Content/authors/…`.
    private func isAuthorFile(_ path: String) -> Bool {
        ContentLoader(sourceDirectory: options.sourceDirectory).isAuthorFile(path)
    }

    /// One content file's record: the memo's when the file (or its bytes) did not change, else
    /// made anew; with whether it was made anew.
    private func load(
        _ path: String, isArticle: Bool, inputs: Digest, previous: ContentRecord?, trustStamp: Bool, config: SiteConfig,
        maker: EntryMaker, racy: Int64
    ) -> (ContentRecord, Bool) {
        let stamp = FileStamp(path: path).flatMap { $0.newestSeconds < racy ? $0 : nil }
        if trustStamp, let previous, let stamp, previous.stamp == stamp, previous.isArticle == isArticle,
           previous.key == Self.contentKey(inputs: inputs, path: path, isArticle: isArticle, bytes: previous.bytes) {
            return (previous, false)
        }
        let bytes: [UInt8]
        switch FileReader.read(path) {
        case .success(let read): bytes = read
        case .failure(let problem):
            let failed = ContentRecord.Outcome.failed([.error("cannot read file: \(problem.reason)", at: SourcePosition(path: path))])
            return (ContentRecord(isArticle: isArticle, stamp: nil, bytes: .zero, key: .zero, outcome: failed), true)
        }
        let digest = Digest.of(bytes)
        let key = Self.contentKey(inputs: inputs, path: path, isArticle: isArticle, bytes: digest)
        if var previous, previous.key == key {
            previous.stamp = stamp  // the outcome, and so its saved form, stays
            return (previous, false)
        }
        let outcome = Self.decode(bytes, path: path, isArticle: isArticle, isAuthor: !isArticle && isAuthorFile(path),
                                  includeDrafts: options.includeDrafts, config: config, maker: maker)
        var body: Digest?
        if case .made(let entry?, _) = outcome {
            let html = Array(entry.markdown.html.utf8)
            body = Digest.of(html)
            blobs.put(body!, html)
        }
        return (ContentRecord(isArticle: isArticle, stamp: stamp, bytes: digest, key: key, outcome: outcome, body: body), true)
    }

    /// The one rule for what a content file's bytes make: an article (or a draft left out) or a
    /// page, decoded and put through Markdown, or the problems that stopped it.
    private static func decode(
        _ bytes: [UInt8], path: String, isArticle: Bool, isAuthor: Bool, includeDrafts: Bool, config: SiteConfig, maker: EntryMaker
    ) -> ContentRecord.Outcome {
        do throws(DiagnosticsError) {
            let made: EntryMaker.Made
            if isArticle {
                let article = try Article.make(from: bytes, path: path, config: config)
                guard includeDrafts || !article.isDraft else { return .draft }
                made = maker.makeArticles([article])
            } else if isAuthor {
                made = maker.makePages([try Page.makeAuthor(from: bytes, path: path, config: config)], kind: .author)
            } else {
                made = maker.makePages([try Page.make(from: bytes, path: path, config: config)])
            }
            return .made(made.entries.first, made.diagnostics)
        } catch {
            return .failed(error.diagnostics)
        }
    }

    /// An entry's body from the memo: fetched from the blobs when a page prints it. Should the
    /// blob be unreadable (a damaged pack), the file's Markdown is rendered again.
    private func deferredBody(_ body: DeferredBody) -> HTML {
        let (digest, path, isArticle) = (body.digest, body.path, body.isArticle)
        let blobs = self.blobs
        let options = self.options
        let damaged = self.damagedBodies
        return HTML(deferred: DeferredMarkup(key: [digest.high, digest.low], isEmpty: body.isEmpty) {
            if let bytes = blobs.get(digest) { return String(decoding: bytes, as: UTF8.self) }
            if damaged.insert(path) {
                options.notice("sitegen: the build cache's copy of \(path) is damaged; rendering its Markdown again")
            }
            let html = Self.renderBody(path, isArticle: isArticle, options: options)
            let bytes = Array(html.utf8)
            // Kept again (the same bytes, so the same digest), so the next build finds it whole.
            if Digest.of(bytes) == digest { blobs.put(digest, bytes) }
            return html
        })
    }

    private static func renderBody(_ path: String, isArticle: Bool, options: BuildOptions) -> String {
        let configPath = options.displayPath("Content/site.yml")
        guard case .success(let configBytes) = FileReader.read(configPath),
              case .success(let bytes) = FileReader.read(path) else { return "" }
        let config = SiteConfig.decode(from: configBytes, path: configPath, baseURL: options.baseURL).0
        let maker = EntryMaker(config: config, urls: SiteURLs(baseURL: config.baseURL), threads: 1)
        let isAuthor = !isArticle && ContentLoader(sourceDirectory: options.sourceDirectory).isAuthorFile(path)
        guard case .made(let entry?, _) = decode(bytes, path: path, isArticle: isArticle, isAuthor: isAuthor, includeDrafts: true,
                                                config: config, maker: maker) else { return "" }
        return entry.markdown.html
    }

    // MARK: - Theme

    struct LoadedTemplates {
        var environment: TemplateEnvironment
        /// The digest of every template file and of the engine's settings.
        var digest: Digest
        /// The ids the templates write, for the build's link check (nil: any id may exist).
        var anchors: AnchorSet?
    }

    /// `static/` in the site's folder: the site's own files (`ads.txt`, `.well-known/`, a favicon,
    /// `CNAME`, PDFs), copied to the output's root as they are, hidden names included, by the
    /// link rule of every input (a link out of `static/` is an error at its path).
    private func loadStatic() -> ([PagePlan.OtherFile], [Diagnostic]) {
        let root = options.displayPath("static")
        guard FileReader.isDirectory(root) else { return ([], []) }
        let found = Confinement(root: root).files(under: root, suffix: "", recursive: true, hidden: true)
        var diagnostics = found.escapes.map { $0.diagnostic(folder: "static") }
        var files: [PagePlan.OtherFile] = []
        for path in found.files {
            switch FileReader.read(path) {
            case .success(let bytes):
                files.append(PagePlan.OtherFile(path: String(path.dropFirst(root.count + 1)), content: .bytes(bytes, Digest.of(bytes))))
            case .failure(let problem):
                diagnostics.append(.error("cannot read this file: \(problem.reason)", at: SourcePosition(path: path)))
            }
        }
        return (files, diagnostics)
    }

    /// The templates (parsed again only when a file of them changed) and the assets.
    private func loadTheme(config: SiteConfig, urls: SiteURLs) -> (LoadedTemplates?, [Diagnostic], [OutputFile]) {
        // The built-in theme, file by file replaced by the site's Templates/.
        let resolved = SiteTheme(root: options.displayPath("Templates"))
        var diagnostics: [Diagnostic] = resolved.site.linkProblems
        var d = Digester()
        d.add("templates v2")
        d.add(BinaryIdentity.digest)
        d.add(config.timeZone.identifier)
        d.add(urls.baseURL)
        for limit in [config.limits.loopIterations, config.limits.pageBytes, config.limits.valueBytes, config.limits.nesting] {
            d.add(limit)
        }
        var assets: [OutputFile] = []
        var sources: [(name: String, path: String, bytes: [UInt8]?)] = []
        for file in resolved.files {
            if ThemeFiles.isAsset(file.path) {
                if let bytes = file.bytes {
                    assets.append(OutputFile(path: String(file.path.dropFirst("assets/".count)), bytes: bytes))
                } else {
                    diagnostics.append(.error("cannot read this asset", at: SourcePosition(path: file.display)))
                }
            } else if ThemeFiles.isTemplate(file.path) {
                sources.append((file.path, file.display, file.bytes))
                d.add(file.path)
                d.add(file.display)
                if let bytes = file.bytes { d.add(bytes) } else { d.add("unreadable") }
            }
        }
        let digest = d.finalize()
        if theme?.digest != digest {
            var problems: [Diagnostic] = []
            let environment = SiteBuilder.loadTemplates(
                options, config: config, urls: urls, sources: sources, diagnostics: &problems)
            theme = (digest, environment, problems, BuildLinkCheck.themeAnchors(sources.map { ($0.name, $0.bytes) }))
        }
        diagnostics = theme!.diagnostics + diagnostics
        let anchors = theme!.anchors
        return (theme!.templates.map { LoadedTemplates(environment: $0, digest: digest, anchors: anchors) }, diagnostics, assets)
    }

    /// Forgets the blobs of packs that are gone or shorter than the memo says (deleted or
    /// truncated by hand), and the records whose bodies were in them, so those files are simply
    /// parsed again; damage inside a pack is found when a blob is read (its digest is checked).
    private func dropMissingPacks(in directory: String) {
        var lost = Set<Int>()
        for (segment, size) in memo.segments {
            let stamp = FileStamp(path: "\(directory)/blobs-\(segment).pack")
            if stamp == nil || Int(stamp!.size) < size { lost.insert(segment) }
        }
        guard !lost.isEmpty else { return }
        options.notice("sitegen: the build cache in \(directory) lost part of its data; the files it held are parsed again")
        for segment in lost { memo.segments[segment] = nil }
        memo.blobs = memo.blobs.filter { !lost.contains($0.value.segment) }
        memo.content = memo.content.filter { _, record in record.body.map { memo.blobs[$0] != nil } ?? true }
    }

    // MARK: - Saving

    private func save(in directory: String) {
        var live = Set<Digest>()
        for record in memo.content.values { if let body = record.body { live.insert(body) } }
        for page in memo.pages.values { live.insert(page.output) }
        for record in memo.images.values { for variant in record.variants { live.insert(variant.blob) } }
        let (index, segments) = blobs.settle(live: live)
        let cache = BuildCache(directory: directory, notice: options.notice)
        var problem = blobs.writeProblem
        if problem == nil, !blobs.commitNewSegment() {
            problem = "cannot save the build cache's pack in \(directory): \(Posix.errorText)"
        }
        if problem == nil {
            var saved = memo
            saved.blobs = index
            saved.segments = segments
            problem = cache.save(saved, binary: BinaryIdentity.digest, threads: options.threads)
        }
        if let problem {
            blobs.discardNewSegment()
            options.notice("sitegen: warning: the build cache was not saved: \(problem)")
            // What is on disk is still the last memo saved, which this session no longer matches.
            memo.blobs = [:]
            memo.segments = [:]
            loaded = false
            return
        }
        memo.blobs = index
        memo.segments = segments
        blobs.adopt(index: index, segments: segments)
        BlobStore.removeUnlisted(in: directory, keeping: segments)
    }
}

/// A set of strings shared between threads.
final class LockedSet: @unchecked Sendable {
    private var items = Set<String>()
    private let lock = NSLock()

    /// Adds `item`; whether it was not there yet.
    func insert(_ item: String) -> Bool { lock.withLock { items.insert(item).inserted } }
}

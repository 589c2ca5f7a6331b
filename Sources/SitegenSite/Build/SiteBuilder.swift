import Dispatch
import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// What to build: the site's folder and the switches of `sitegen build`.
public struct BuildOptions: Sendable {
    /// The folder holding `Content/` and `Templates/`, as the user wrote it.
    public var sourceDirectory: String
    /// Replaces `baseURL` from `site.yml`.
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Threads for the parallel stages (Markdown, rendering, writing); every core by default.
    public var threads: Int
    /// The most URLs in one sitemap file; a larger site gets `sitemap.xml` as an index of
    /// `sitemap-N.xml` parts. sitemaps.org allows 50,000.
    public var sitemapLimit = 50_000

    public init(
        sourceDirectory: String = ".", baseURL: String? = nil, includeDrafts: Bool = false,
        threads: Int = Parallel.defaultThreads
    ) {
        self.sourceDirectory = sourceDirectory
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.threads = max(1, threads)
    }

    /// A path below the source folder as the user would write it (`Templates/x.html` for `.`).
    func displayPath(_ relative: String) -> String {
        DisplayPath.join(sourceDirectory, relative)
    }
}

/// A site built in memory: every file, and what it took.
public struct BuiltSite: Sendable {
    public var model: SiteModel
    public var routes: [Route]
    /// Every output file, sorted by path: rendered pages, then the copied assets.
    public var files: [OutputFile]
    /// Problems that do not stop the build.
    public var warnings: [Diagnostic]
    public var timings: StageTimings
    public var draftsSkipped: Int
}

/// Seconds spent in each stage of a build.
public struct StageTimings: Sendable {
    public var load = 0.0
    public var markdown = 0.0
    public var model = 0.0
    public var render = 0.0
    public var write = 0.0

    public var total: Double { load + markdown + model + render + write }
}

/// The build as one pure step: the site's folder in, every output file in memory out.
///
/// `build`, `serve` and `check` are adapters around it. Every problem of every stage is
/// collected; the build stops at the end of the first stage that found errors.
public enum SiteBuilder {
    public static func buildInMemory(_ options: BuildOptions) throws(DiagnosticsError) -> BuiltSite {
        var prepared = try prepare(options)
        var clock = Stopwatch()
        var files = try prepared.renderer.renderAll(prepared.routes, threads: options.threads)
        files += prepared.assets
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        prepared.timings.render = clock.lap()
        return prepared.built(files: files)
    }

    /// Builds the site and writes it to `outputPath` atomically; on any error the folder is untouched.
    ///
    /// Pages are written as they are rendered, on every core, so a page's bytes are kept only
    /// until they are on disk: memory stays the size of the model, not of the site.
    public static func build(_ options: BuildOptions, writingTo outputPath: String) throws -> BuildResult {
        var prepared = try prepare(options)
        try OutputGuard.check(outputPath: outputPath, sourceDirectory: options.sourceDirectory)
        var clock = Stopwatch()
        let routes = prepared.routes, assets = prepared.assets, renderer = prepared.renderer
        let problems = RenderProblems()
        let paths = routes.map(\.file) + assets.map(\.path)
        let report: WriteReport
        do {
            report = try SiteWriter(outputPath: outputPath, threads: options.threads).write(paths: paths) { index in
                guard index < routes.count else { return assets[index - routes.count].bytes }
                do throws(TemplateRenderError) {
                    return try renderer.render(routes[index]).bytes
                } catch {
                    problems.add(error)
                    return nil
                }
            }
        } catch is WriteAborted {
            throw DiagnosticsError(problems.diagnostics)
        }
        prepared.timings.render = clock.lap()
        return BuildResult(site: prepared.built(files: []), write: report, outputPath: outputPath,
                           fileCount: paths.count, assetCount: assets.count, renderer: renderer)
    }

    /// A site loaded, parsed and planned, ready to render.
    struct PreparedSite {
        var model: SiteModel
        var routes: [Route]
        var renderer: PageRenderer
        var assets: [OutputFile]
        var warnings: [Diagnostic]
        var timings: StageTimings
        var draftsSkipped: Int

        func built(files: [OutputFile]) -> BuiltSite {
            BuiltSite(model: model, routes: routes, files: files, warnings: warnings, timings: timings,
                      draftsSkipped: draftsSkipped)
        }
    }

    /// Every stage before rendering: load, Markdown, model, routes; throws every problem found.
    static func prepare(_ options: BuildOptions) throws(DiagnosticsError) -> PreparedSite {
        var timings = StageTimings()
        var clock = Stopwatch()

        // Load: site.yml and every content file, decoded in parallel; templates parsed once.
        var content = ContentLoader(sourceDirectory: options.sourceDirectory, baseURL: options.baseURL).load()
        var diagnostics = content.diagnostics
        let config = content.config
        let urls = SiteURLs(baseURL: config.baseURL)
        let templates = loadTemplates(options, config: config, urls: urls, diagnostics: &diagnostics)
        let assets = loadAssets(options, diagnostics: &diagnostics)
        for (name, slug) in config.termSlugs.sorted(by: { $0.key < $1.key }) where Slug.make(slug) != slug {
            diagnostics.append(.error(
                "termSlugs gives '\(name)' the slug '\(slug)', which is not one: use lower-case ASCII words joined by '-', like '\(Slug.make(slug) ?? "c-plus-plus")'",
                at: config.position(of: "termSlugs")))
        }
        timings.load = clock.lap()
        // Go on with what did load, so that one run reports the problems of every stage up to rendering.
        let loadFailed = diagnostics.contains { $0.severity == .error }

        // Markdown: every body through cmark-gfm; facts read off the AST. The bodies are not kept.
        let articles = content.articles.filter { options.includeDrafts || !$0.isDraft }
        let draftsSkipped = content.articles.count - articles.count
        let pageSources = content.pages
        content.articles = []
        content.pages = []
        let entryMaker = EntryMaker(config: config, urls: urls, threads: options.threads)
        var entries = entryMaker.makeArticles(articles)
        let pages = entryMaker.makePages(pageSources)
        diagnostics += entries.diagnostics + pages.diagnostics
        timings.markdown = clock.lap()

        // Model and routes.
        let (model, modelDiagnostics) = SiteModelBuilder(config: config, urls: urls, threads: options.threads)
            .build(articles: entries.entries, pages: pages.entries)
        entries.entries = []
        diagnostics += modelDiagnostics
        let (routes, routeDiagnostics) = RoutePlanner(model: model, sitemapLimit: options.sitemapLimit).plan()
        diagnostics += routeDiagnostics
        try stopOnErrors(diagnostics)
        guard !loadFailed, let templates else { throw DiagnosticsError(diagnostics) }
        let renderer = PageRenderer(model: model, contexts: Contexts(model: model), templates: templates, routes: routes)
        timings.model = clock.lap()

        return PreparedSite(
            model: model, routes: routes, renderer: renderer, assets: assets,
            warnings: diagnostics.filter { $0.severity == .warning }, timings: timings, draftsSkipped: draftsSkipped)
    }

    // MARK: - Stages

    static func loadTemplates(
        _ options: BuildOptions, config: SiteConfig, urls: SiteURLs, diagnostics: inout [Diagnostic]
    ) -> TemplateEnvironment? {
        let directory = URL(fileURLWithPath: options.displayPath("Templates"), isDirectory: true)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            diagnostics.append(.error(
                "no Templates/ folder: a site needs its theme next to Content/",
                at: SourcePosition(path: options.displayPath("Templates"))))
            return nil
        }
        let templateOptions = TemplateOptions(
            timeZone: config.timeZone, baseURL: urls.baseURL,
            filters: ["slugify": Filter.string { Slug.make($0) ?? "" }])
        do {
            let environment = try TemplateEnvironment(
                loader: .directory(directory, displayPrefix: options.displayPath("Templates")), options: templateOptions)
            for kind in Route.Kind.allCases {
                let name = Route(kind: kind, path: "", target: .siteFeed).template
                if !environment.hasTemplate(name) {
                    diagnostics.append(.error(
                        "missing template \(name): every page kind needs one (see docs/page-contexts.md)",
                        at: SourcePosition(path: options.displayPath("Templates/\(name)"))))
                }
            }
            return environment
        } catch {
            diagnostics += error.errors.map(\.diagnostic)
            return nil
        }
    }

    static func loadAssets(_ options: BuildOptions, diagnostics: inout [Diagnostic]) -> [OutputFile] {
        let root = options.displayPath("Templates/assets")
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [OutputFile] = []
        while let relative = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = root + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            if let bytes = try? FileReader.read(path).get() {
                files.append(OutputFile(path: "assets/" + relative, bytes: bytes))
            } else {
                diagnostics.append(.error("cannot read this asset", at: SourcePosition(path: path)))
            }
        }
        return files
    }

    private static func stopOnErrors(_ diagnostics: [Diagnostic]) throws(DiagnosticsError) {
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticsError(diagnostics)
        }
    }
}

extension TemplateRenderError {
    /// The error as a diagnostic, with the template line, a caret and the include chain as notes.
    var diagnostic: Diagnostic { error.diagnostic.with(notes: error.excerpt + trace) }
}

extension TemplateError {
    /// The error as a diagnostic, with the template line and a caret as notes.
    var diagnostic: Diagnostic {
        .error(message, at: SourcePosition(path: path, line: line, column: column), notes: excerpt)
    }
}

/// Template errors met while pages are rendered on several threads, reported together.
final class RenderProblems: @unchecked Sendable {
    private var found = Set<Diagnostic>()
    private let lock = NSLock()

    func add(_ error: TemplateRenderError) {
        let diagnostic = error.diagnostic
        lock.lock()
        found.insert(diagnostic)
        lock.unlock()
    }

    var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return Array(found)
    }
}

/// Wall-clock time between laps.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}

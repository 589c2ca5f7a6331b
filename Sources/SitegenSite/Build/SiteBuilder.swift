import Dispatch
import Foundation
import SitegenContent
import SitegenImages
import SitegenMarkdown
import SitegenSupport
import SitegenTheme
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
    /// The build cache's folder (`<source>/.sitegen-cache` for `sitegen build`); nil builds
    /// without reading or writing one.
    public var cacheDirectory: String?
    /// Where one-line notes about the cache go (a damaged cache ignored, a lock waited for, a
    /// cache that could not be saved): standard error unless told otherwise.
    public var notice: @Sendable (String) -> Void = BuildOptions.standardError
    /// Whether the build checks the links written in Markdown (`sitegen check` does that itself, and more).
    public var checksLinks = true
    /// Whether a warning fails the build, as an error (`--strict`).
    public var strict = false
    /// The image formats that can be written; nil asks libvips (`ImageCodec.encodableFormats`,
    /// once, when a build has images). A format of `images: formats` outside it is skipped with one notice.
    public var encodableImageFormats: Set<ImageFormat>?
    /// The build's clock; nil reads the real time when each build begins (unless `nowAsWritten`
    /// says otherwise). It decides which articles are published and which the news sitemap
    /// holds, and enters the build cache only through those sets.
    public var now: Date?
    /// `--now` as written (`2025-08-01`, `2025-08-01T12:00`, `2025-08-01T12:00:00Z`): read as
    /// front-matter's `date:` is, in the site's time zone when it has no offset, at each build
    /// (a `timezone:` changed while `serve` runs is followed). `now` wins when both are set.
    public var nowAsWritten: ContentDate.Written?
    /// Whether the build's clock is fixed (`--now`, in either form): it does not move between builds.
    public var hasFixedClock: Bool { now != nil || nowAsWritten != nil }
    /// Whether articles dated after the clock are built (`--future`), each with a "Scheduled" badge.
    public var includeFuture = false

    /// A preview: drafts or articles dated after the clock are built. A preview never writes into
    /// a production folder (nor production into a preview's), its pages carry
    /// `<meta name="robots" content="noindex">`, its `robots.txt` disallows everything, it has no
    /// sitemap or news sitemap, and it keeps its own memo in the cache (`preview/`).
    public var isPreview: Bool { includeDrafts || includeFuture }

    public init(
        sourceDirectory: String = ".", baseURL: String? = nil, includeDrafts: Bool = false,
        threads: Int = Parallel.defaultThreads, cacheDirectory: String? = nil
    ) {
        self.sourceDirectory = sourceDirectory
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.threads = max(1, threads)
        self.cacheDirectory = cacheDirectory
    }

    /// The default cache folder of a site: `<source>/.sitegen-cache`.
    public static func defaultCacheDirectory(source: String) -> String {
        DisplayPath.join(source, ".sitegen-cache")
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
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
    /// How many links and images written in Markdown lead nowhere (warnings among `warnings`).
    public var brokenLinks = 0
    /// The Markdown images the image stage made or refused (content files), which link checks leave alone.
    public var contentImages = ContentImages()
    /// Articles the clock left out: dated after it (without `--future`), and expired.
    public var scheduled = 0
    public var expired = 0
    /// The next moment the site changes by itself (a publication, an expiry, an article leaving
    /// the news sitemap), when there is one.
    public var nextChange: NextChange?
}

/// When a site next changes with no edit: the build's clock passing an article's date, its
/// `expires:`, or the end of its 48 hours in the news sitemap.
public struct NextChange: Sendable, Equatable {
    public var date: Date
    /// The file it comes from, as the user writes it, and what happens then.
    public var path: String
    public var event: String

    /// `2025-08-01T06:00:00Z (Content/articles/x.md publishes)`.
    public var description: String {
        "\(Self.timestamp(date)) (\(path) \(event))"
    }

    /// UTC, to the second: what a scheduler reads.
    public static func timestamp(_ date: Date) -> String { rfc3339(date) }

    /// The earliest of the moments it is shown, after `now`; ties go to the first path.
    struct Finder {
        let now: Date
        var found: NextChange?

        mutating func consider(_ date: Date, _ path: String, _ event: String) {
            guard date > now else { return }
            if let found, found.date < date || (found.date == date && found.path <= path) { return }
            found = NextChange(date: date, path: path, event: event)
        }
    }
}

/// Seconds spent in each stage of a build.
public struct StageTimings: Sendable {
    public var load = 0.0
    public var markdown = 0.0
    public var model = 0.0
    /// The check of the links written in Markdown.
    public var links = 0.0
    public var render = 0.0
    public var write = 0.0
    /// Reading the build cache (before the stages), and saving it (after them).
    public var cacheLoad = 0.0
    public var cache = 0.0

    public var total: Double { cacheLoad + load + markdown + model + links + render + write + cache }
}

/// The build as one step: the site's folder in, every output file out (in memory, or written
/// to a folder atomically). Each call is a `BuildSession` of its own, which reads and saves
/// the build cache when `options.cacheDirectory` names one; `serve` keeps a session between
/// builds instead.
public enum SiteBuilder {
    public static func buildInMemory(_ options: BuildOptions) throws(DiagnosticsError) -> BuiltSite {
        try BuildSession(options: options).buildInMemory().site
    }

    /// Builds the site and writes it to `outputPath` atomically; on any error the folder is untouched.
    ///
    /// Pages are written as they are rendered, on every core, so a page's bytes are kept only
    /// until they are on disk: memory stays the size of the model, not of the site.
    public static func build(_ options: BuildOptions, writingTo outputPath: String) throws -> BuildResult {
        let session = try BuildSession(options: options).build(writingTo: outputPath)
        return BuildResult(session: session, outputPath: outputPath)
    }

    // MARK: - Stages

    /// The theme's templates from `sources` (name → bytes, as `ThemeFiles` found them).
    static func loadTemplates(
        _ options: BuildOptions, config: SiteConfig, urls: SiteURLs, sources: [(name: String, path: String, bytes: [UInt8]?)],
        diagnostics: inout [Diagnostic]
    ) -> TemplateEnvironment? {
        let templateOptions = TemplateOptions(
            timeZone: config.timeZone, baseURL: urls.baseURL,
            filters: ["slugify": Filter.string { Slug.make($0) ?? "" }, "image_sizes": ImageMarkup.sizesFilter],
            limits: RenderLimits(
                loopIterations: config.limits.loopIterations, outputBytes: config.limits.pageBytes,
                valueBytes: config.limits.valueBytes, nesting: config.limits.nesting, raisedBy: "site.yml's limits:"))
        do {
            let environment = try TemplateEnvironment(loader: TemplateLoader.sources(sources), options: templateOptions)
            // A site's base.html (or other parent) that lacks a block a built-in child fills:
            // the child's block would silently never show.
            let builtin = Set(sources.filter { $0.path.hasPrefix(BuiltinTheme.displayPath("")) }.map(\.name))
            let paths = Dictionary(sources.map { ($0.name, $0.path) }, uniquingKeysWith: { a, _ in a })
            for unplaced in environment.unplacedBlocks where builtin.contains(unplaced.template) {
                guard let parent = unplaced.ancestors.first(where: { !builtin.contains($0) }) else { continue }
                diagnostics.append(.error(
                    "\(paths[parent] ?? parent) has no block '\(unplaced.block)', which the built-in \(unplaced.template) fills "
                        + "(\(unplaced.position)): add {% block \(unplaced.block) %}{% endblock %} to \(paths[parent] ?? parent), "
                        + "or override \(unplaced.template) too (sitegen theme eject writes the built-in files)",
                    at: SourcePosition(path: paths[parent] ?? parent)))
            }
            var seen: Set<String> = []
            for kind in Route.Kind.allCases {
                let name = kind.template
                if seen.insert(name).inserted, !environment.hasTemplate(name) {
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

/// Template errors met while pages are rendered on several threads, reported together: one
/// diagnostic per position and message, however many pages met it (a slip in `base.html` is met
/// by every page of every template that extends it), saying on how many pages and the first of
/// them by URL, whose excerpt and include chain it shows: `… (on 9 pages, such as /)`, as
/// `sitegen check` counts a theme's problems.
final class RenderProblems: @unchecked Sendable {
    private struct Key: Hashable {
        var position: SourcePosition
        var message: String
    }

    private struct Found {
        var pages: Int
        var firstPage: String
        var diagnostic: Diagnostic
    }

    private var found: [Key: Found] = [:]
    private let lock = NSLock()

    /// Records that rendering the page at `page` (its URL) failed with `error`.
    func add(_ error: TemplateRenderError, page: String) {
        let diagnostic = error.diagnostic
        let key = Key(position: diagnostic.position, message: diagnostic.message)
        lock.withLock {
            guard var known = found[key] else {
                found[key] = Found(pages: 1, firstPage: page, diagnostic: diagnostic)
                return
            }
            known.pages += 1
            if page < known.firstPage { (known.firstPage, known.diagnostic) = (page, diagnostic) }
            found[key] = known
        }
    }

    var isEmpty: Bool { lock.withLock { found.isEmpty } }

    var diagnostics: [Diagnostic] {
        lock.withLock {
            found.values.map { problem in
                var d = problem.diagnostic
                d.message += Diagnostic.onPages(problem.pages, first: problem.firstPage)
                return d
            }
        }
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

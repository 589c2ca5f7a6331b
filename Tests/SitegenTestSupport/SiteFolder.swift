import Foundation
import Glibc
import SitegenSite
import SitegenSupport
import Testing

/// The one throwaway site of the tests: a temporary folder with the repository's real theme
/// and the files given (or a fixture's `Content/`), removed when the value goes away. Build,
/// check, serve and the real binary all run on it; `rebuild()` builds again in a session that
/// keeps its memo and says which pages it rendered (as Hugo's `AssertRenderCountPage`).
///
/// Files can come from one string, Hugo-style, each after a `-- path --` line:
///
///     -- Content/site.yml --
///     title: Test
///     -- Content/articles/a.md --
///     ---
///     title: A
///     ---
///
/// `Templates/` is copied from the repository first, so a file given may replace a template.
final class SiteFolder: @unchecked Sendable {
    /// The repository's folder (its theme, docs and fixtures).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var repoRoot: String { repository.path }

    /// The folder holding the site, for files a test puts beside it.
    let parent: URL
    /// The site's folder (holds `Content/` and `Templates/`).
    let root: URL
    var path: String { root.path }

    /// `files` (relative paths) over the theme; `fixture` is a folder whose `Content/` is copied
    /// first. With `theme: false` the site has no `Templates/` (the built-in theme's site).
    init(files: [String: String] = [:], fixture: URL? = nil, theme: Bool = true) {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        root = parent.appendingPathComponent("site")
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if theme {
            try! FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        }
        if let fixture {
            try! FileManager.default.copyItem(
                at: fixture.appendingPathComponent("Content"), to: root.appendingPathComponent("Content"))
        }
        for (path, content) in files { write(path, content) }
    }

    /// The files of one string (see above).
    convenience init(_ files: String) {
        self.init(files: SiteFolder.parse(files))
    }

    deinit { try? FileManager.default.removeItem(at: parent) }

    // MARK: - Editing

    /// Copies one of the image fixtures (`Tests/SitegenImagesTests/Fixtures/<name>`) to `path` in the site.
    func copyImage(_ name: String, to path: String) {
        let url = root.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("Tests/SitegenImagesTests/Fixtures/\(name)"), to: url)
    }

    /// A bundle, `Content/articles/2025-07-20-photo/` (URL `/articles/photo/`), whose lead image
    /// is `lead.jpg`, and with `bodyImage` a body photo `quay.jpg`: both copies of `photo-900.jpg`.
    func addPhotoStory(bodyImage: Bool = false) {
        write("Content/articles/2025-07-20-photo/index.md", """
            ---
            title: Photo story
            date: 2025-07-20
            image: {src: lead.jpg, alt: The harbour}
            ---
            Text.
            """ + (bodyImage ? "\n\n![The quay](quay.jpg)\n" : "\n"))
        for name in bodyImage ? ["lead", "quay"] : ["lead"] {
            copyImage("photo-900.jpg", to: "Content/articles/2025-07-20-photo/\(name).jpg")
        }
    }

    /// Writes (or replaces) one file of the site (`../x` lands beside it).
    /// A file of the site as text, if it exists.
    func read(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ path: String, _ content: String) {
        let url = root.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(content.utf8).write(to: url)
    }

    /// Writes like an editor that saves to a temporary file and renames it over the original.
    func saveLikeAnEditor(_ path: String, _ content: String) {
        let url = root.appendingPathComponent(path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).swp")
        try! Data(content.utf8).write(to: temp)
        precondition(rename(temp.path, url.path) == 0, "rename \(temp.path): \(errno)")
    }

    func remove(_ path: String) {
        try! FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func move(_ from: String, _ to: String) {
        let target = root.appendingPathComponent(to)
        try! FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! FileManager.default.moveItem(at: root.appendingPathComponent(from), to: target)
    }

    /// The lines of `site.yml` that make a site's structured data complete (a default author and
    /// image), with `addSiteImage()` putting that image in place: `sitegen check --strict` then
    /// has nothing to say of an article that lacks a byline or a photo of its own.
    static let completeSiteLines = "author: Test Desk\nimage: {src: /images/site.jpg, alt: The newsroom}\n"

    /// The site image `completeSiteLines` names.
    func addSiteImage() { copyImage("photo-900.jpg", to: "Content/images/site.jpg") }

    /// Whether a printed diagnostic is one of `check`'s structured-data warnings (no image, no
    /// author, a long headline): the subject of their own tests, left out by those of others.
    static func isStructuredDataWarning(_ line: String) -> Bool {
        line.contains("so its structured data has none") || line.contains("so the structured data's headline is cut")
    }

    /// Every file below a folder of the site, by relative path, with its bytes.
    func snapshot(_ folder: String) -> [String: Data] { folderSnapshot(root.appendingPathComponent(folder).path) }

    // MARK: - Building and checking

    func options(baseURL: String? = nil, drafts: Bool = false) -> BuildOptions {
        BuildOptions(sourceDirectory: path, baseURL: baseURL, includeDrafts: drafts)
    }

    /// Builds in memory, without a cache.
    func build(baseURL: String? = nil, drafts: Bool = false) throws(DiagnosticsError) -> Pages {
        Pages(try SiteBuilder.buildInMemory(options(baseURL: baseURL, drafts: drafts)))
    }

    /// A problem as printed, with the site's folder taken off its path (`Content/articles/a.md:2:1: …`).
    func relative(_ diagnostic: Diagnostic) -> String {
        diagnostic.description.replacingOccurrences(of: path + "/", with: "")
    }

    /// Builds, expecting failure; returns each problem as `path:line:column: error: message`,
    /// with paths relative to the site's folder.
    func errors(baseURL: String? = nil, drafts: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        do {
            let pages = try build(baseURL: baseURL, drafts: drafts)
            Issue.record("the build succeeded; files: \(pages.paths)", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics.map(relative)
        }
    }

    /// `sitegen check`, in memory.
    func check() throws -> CheckReport { try SiteChecker.check(options()) }

    /// Every diagnostic of the check, paths relative to the site's folder, but for the
    /// structured-data warnings unless asked (`isStructuredDataWarning`).
    func diagnostics(structuredData: Bool = false) throws -> [String] {
        try check().diagnostics.map(relative).filter { structuredData || !Self.isStructuredDataWarning($0) }
    }

    /// A build session that keeps its memo in memory, as `sitegen serve` does (made at the first `rebuild`).
    private lazy var session = BuildSession(options: options(), keepInMemory: true)

    /// Builds in the site's session: the pages, and the files this build rendered (the others
    /// came from the session's memo). `changed` names files a watcher saw change.
    func rebuild(changed: Set<String>? = nil) throws(DiagnosticsError) -> (pages: Pages, rendered: [String]) {
        let build = try session.buildInMemory(changed: changed)
        return (Pages(build.site), build.rendered)
    }

    // MARK: - Files from one string

    static func parse(_ text: String) -> [String: String] {
        var files: [String: String] = [:]
        var current: String?
        var lines: [Substring] = []
        func flush() {
            if let current { files[current] = lines.map { $0 + "\n" }.joined() }
            lines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                flush()
                current = String(line.dropFirst(3).dropLast(3))
            } else if current != nil {
                lines.append(line)
            }
        }
        flush()
        return files
    }

    /// A `site.yml` for tests.
    static func config(perPage: Int = 20, baseURL: String = "https://example.org/", extra: String = "") -> String {
        """
        title: Test Desk
        description: A site for tests.
        author: Test Staff
        baseURL: \(baseURL)
        perPage: \(perPage)
        \(extra)
        """
    }

    /// One article file: front-matter lines, then the body.
    static func article(_ title: String, date: String, _ frontMatter: String = "", body: String = "Some text.") -> String {
        "---\ntitle: \"\(title)\"\ndate: \(date)\n\(frontMatter.isEmpty ? "" : frontMatter + "\n")---\n\n\(body)\n"
    }
}

// MARK: - A small news site

extension SiteFolder {
    /// A file that must never be served, beside the site and inside it (outside `Content/`).
    static let secret = "TOP-SECRET-7f3a9c"

    /// A site of `articles` articles (`articlePath(n)`, two topics each, a Reuters attribution),
    /// an about page, perPage 2, and `secret.txt` beside it and in it.
    static func newsSite(articles: Int = 6) -> SiteFolder {
        let site = SiteFolder()
        site.write("../secret.txt", secret)
        site.write("secret.txt", secret)
        site.write("Content/site.yml", """
            title: Test Desk
            description: A test site.
            baseURL: https://example.org/
            perPage: 2
            taxonomies: [topics, sources]

            """)
        site.write("Content/pages/about.md", "---\ntitle: About\n---\nWe test things.\n")
        for n in 1...max(1, articles) where articles > 0 { site.write(articlePath(n), article(n)) }
        return site
    }

    static func articlePath(_ n: Int) -> String { "Content/articles/2025-07-\(String(format: "%02d", n))-story-\(n).md" }

    /// Article `n` of `newsSite`.
    static func article(_ n: Int, title: String? = nil) -> String {
        let topics = n % 2 == 0 ? "[Mars, Moon]" : "[Moon, Rockets \(n % 3)]"
        return """
            ---
            title: "\(title ?? "Story number \(n)")"
            date: 2025-07-\(String(format: "%02d", n))
            topics: \(topics)
            sources: [Reuters]
            ---
            The body of story \(n) says something new. (Reuters)

            ## A heading

            More text for story \(n).

            """
    }
}

/// A site built in memory: every file as text, by path.
struct Pages {
    let site: BuiltSite
    let files: [String: String]

    init(_ site: BuiltSite) {
        self.site = site
        var files: [String: String] = [:]
        for file in site.files { files[file.path] = String(decoding: file.bytes, as: UTF8.self) }
        self.files = files
    }

    subscript(_ path: String) -> String? { files[path] }

    var paths: [String] { files.keys.sorted() }

    var htmlPaths: [String] { paths.filter { $0.hasSuffix(".html") } }
}

// MARK: - Reading pages

extension String {
    /// How many times `part` occurs.
    func count(of part: String) -> Int {
        components(separatedBy: part).count - 1
    }

    /// The values of every `href="…"` and `src="…"` attribute, in order.
    var links: [String] {
        matches(of: /(?:href|src)="([^"]*)"/).map { String($0.output.1) }
    }

    /// The text between the first `start` and the next `end` after it, or "" when absent.
    func between(_ start: String, _ end: String) -> String {
        guard let s = range(of: start), let e = self[s.upperBound...].range(of: end) else { return "" }
        return String(self[s.upperBound..<e.lowerBound])
    }

    /// The `href` of the `<a … rel="…" …>` link with that rel, or nil.
    func relLink(_ rel: String) -> String? {
        for match in matches(of: /<a [^>]*>/) {
            let tag = String(match.output)
            guard tag.contains("rel=\"\(rel)\"") else { continue }
            return tag.firstMatch(of: /href="([^"]*)"/).map { String($0.output.1) }
        }
        return nil
    }

    /// The titles of the article cards on a list page, in order.
    var cardTitles: [String] {
        matches(of: /<h2 class="card-title"><a href="[^"]*">([^<]*)<\/a><\/h2>/).map { String($0.output.1) }
    }
}

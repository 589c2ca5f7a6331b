import Foundation
import SitegenSite
import SitegenSupport
import Testing

/// A site in a temporary folder, made from one string of files, with the repo's real theme.
///
/// Files are written Hugo-style, each after a `-- path --` line:
///
///     -- Content/site.yml --
///     title: Test
///     -- Content/articles/a.md --
///     ---
///     title: A
///     ---
///
/// `Templates/` is copied from the repo first, so a fixture may replace one template.
/// The folder is removed when the value goes away.
final class TestSite: @unchecked Sendable {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The site's folder (holds `Content/` and `Templates/`).
    let root: String

    convenience init(_ files: String) {
        self.init(files: TestSite.parse(files))
    }

    init(files: [String: String]) {
        root = FileManager.default.temporaryDirectory.path + "/sitegen-site-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try! FileManager.default.copyItem(atPath: TestSite.repoRoot + "/Templates", toPath: root + "/Templates")
        for (path, content) in files { write(path, content) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes (or replaces) one file of the site.
    func write(_ path: String, _ content: String) {
        let full = root + "/" + path
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(content.utf8).write(to: URL(fileURLWithPath: full))
    }

    func remove(_ path: String) {
        try! FileManager.default.removeItem(atPath: root + "/" + path)
    }

    func options(baseURL: String? = nil, drafts: Bool = false) -> BuildOptions {
        BuildOptions(sourceDirectory: root, baseURL: baseURL, includeDrafts: drafts)
    }

    /// Builds in memory.
    func build(baseURL: String? = nil, drafts: Bool = false) throws(DiagnosticsError) -> Pages {
        Pages(try SiteBuilder.buildInMemory(options(baseURL: baseURL, drafts: drafts)))
    }

    /// Builds, expecting failure; returns each problem as `path:line:column: error: message`,
    /// with paths relative to the site's folder.
    func errors(baseURL: String? = nil, drafts: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        do {
            let pages = try build(baseURL: baseURL, drafts: drafts)
            Issue.record("the build succeeded; files: \(pages.paths)", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: root + "/", with: "") }
        }
    }

    // MARK: - One string of files

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

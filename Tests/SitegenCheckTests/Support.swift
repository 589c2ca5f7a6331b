import Foundation
import SitegenSite
import SitegenSupport

/// A throwaway site for the checker: the repository's real theme, plus the files given.
final class CheckSite {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    let root: URL

    init(fixture: String? = nil, _ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        if let fixture {
            try FileManager.default.copyItem(
                at: Self.fixtures.appendingPathComponent(fixture).appendingPathComponent("Content"),
                to: root.appendingPathComponent("Content"))
        }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Paths in diagnostics are relative to the site: `Content/articles/a.md`.
    var options: BuildOptions { BuildOptions(sourceDirectory: root.path) }

    func check() throws -> CheckReport {
        try SiteChecker.check(options)
    }

    /// Every diagnostic of the check as printed, with the site's folder taken off the paths.
    func diagnostics() throws -> [String] {
        try check().diagnostics.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") }
    }

    func build() throws -> [String: String] {
        let site = try SiteBuilder.buildInMemory(options)
        return Dictionary(uniqueKeysWithValues: site.files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

let testSiteYML = """
    title: Test News
    baseURL: https://example.org/
    """

/// An article with the given extra front-matter lines and body.
func article(_ title: String, date: String = "2025-08-01", _ frontMatter: String = "", body: String) -> String {
    "---\ntitle: \(title)\ndate: \(date)\n\(frontMatter.isEmpty ? "" : frontMatter + "\n")---\n\n\(body)\n"
}

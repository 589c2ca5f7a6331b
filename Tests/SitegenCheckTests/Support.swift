import Foundation

/// The checker's fixtures: whole sites (`broken-site/Content`) and the fuzzers' inputs (`fuzz/<target>/`).
let checkFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

let testSiteYML = """
    title: Test News
    baseURL: https://example.org/
    """

/// An article with the given extra front-matter lines and body.
func article(_ title: String, date: String = "2025-08-01", _ frontMatter: String = "", body: String) -> String {
    "---\ntitle: \(title)\ndate: \(date)\n\(frontMatter.isEmpty ? "" : frontMatter + "\n")---\n\n\(body)\n"
}

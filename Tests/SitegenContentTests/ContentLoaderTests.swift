import Foundation
import SitegenSupport
import Testing
@testable import SitegenContent

@Suite struct ContentLoaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test func aSiteWithSeveralBadFilesReportsEveryProblemSortedAndLoadsTheRest() {
        let site = Self.fixtures + "/mixed-site"
        let content = ContentLoader(sourceDirectory: site).load()
        let articles = site + "/Content/articles"
        #expect(content.diagnostics.map(\.description) == [
            "\(articles)/2025/bad-title-and-date.md:2:8: error: 'title' must be a string, not a list",
            "\(articles)/2025/bad-title-and-date.md:3:7: error: invalid date '2025-02-30': February 2025 has 28 days",
            "\(articles)/a-no-front-matter.md:1:1: error: no front-matter: \(howTo)",
            "\(articles)/z-topics.md:4:9: error: 'topics' must be a list of strings, like [NASA, SpaceX]",
        ])
        #expect(content.hasErrors)
        #expect(content.articles.map(\.path) == [
            "\(articles)/2025/2025-07-31-crew-11.md",
            "\(articles)/2025/2025-08-01-draft.md",
        ])
        #expect(content.articles.map(\.isDraft) == [false, true])
        #expect(content.articles[0].frontMatter.slug == "crew-11")
        #expect(content.articles[0].date == (try? Date("2025-07-31T04:00:00Z", strategy: .iso8601)))
        #expect(content.pages.map(\.frontMatter.title) == ["About"])
        #expect(content.config.title == "Orbit Notes")
        #expect(content.config.baseURL == "https://example.org/news/")
        #expect(content.config.perPage == 5 && content.config.unsafeHTML)
        #expect(content.config.termSlugs == ["C++": "cpp"])
        #expect(content.config.params["social"] == .map(["mastodon": .string("@orbit@example.social")]))
    }

    @Test(arguments: [
        (".", "Content/articles/x.md"),
        ("./", "Content/articles/x.md"),
        ("", "Content/articles/x.md"),
        ("site", "site/Content/articles/x.md"),
        ("./site/", "site/Content/articles/x.md"),
        ("../site", "../site/Content/articles/x.md"),
        ("/srv/site", "/srv/site/Content/articles/x.md"),
        ("/", "/Content/articles/x.md"),
    ])
    func pathsInDiagnosticsAreWrittenAsTheUserWouldWriteThem(source: String, shown: String) {
        #expect(ContentLoader(sourceDirectory: source).displayPath("Content/articles/x.md") == shown)
    }

    @Test func aMissingSiteYmlIsAnErrorAndArticlesAreStillChecked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-content-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let articles = directory.appendingPathComponent("Content/articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try Data("---\ntitle: A\n---\n".utf8).write(to: articles.appendingPathComponent("a.md"))
        let content = ContentLoader(sourceDirectory: directory.path).load()
        let root = directory.path
        #expect(content.diagnostics.map(\.description) == [
            "\(root)/Content/articles/a.md:1:1: error: missing required key 'date': add a line such as 'date: 2025-07-31'",
            "\(root)/Content/site.yml:1:1: error: cannot read the site configuration (No such file or directory): create it with 'title:' and 'baseURL:' keys",
        ])
    }

    @Test func manyFilesDecodeInParallelInPathOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-content-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let articles = directory.appendingPathComponent("Content/articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try Data("title: T\nbaseURL: https://example.org/\n".utf8).write(to: directory.appendingPathComponent("Content/site.yml"))
        for i in 0..<200 {
            let name = String(format: "%03d-post.md", i)
            let text = i % 50 == 7 ? "---\ntitle: \(i)\n---\n" : "---\ntitle: Post \(i)\ndate: 2025-07-31\n---\nBody \(i)\n"
            try Data(text.utf8).write(to: articles.appendingPathComponent(name))
        }
        let content = ContentLoader(sourceDirectory: directory.path).load()
        #expect(content.articles.count == 196)
        #expect(content.articles.map(\.path) == content.articles.map(\.path).sorted())
        #expect(content.articles.first?.body == "Body 0\n")
        #expect(content.diagnostics.count == 4)
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// The same input always makes the same bytes.
@Suite struct DeterminismTests {
    /// A site with enough pages, terms and attributions that parallel rendering could reorder something.
    static func busySite() -> SiteFolder {
        var files = ["Content/site.yml": SiteFolder.config(perPage: 3)]
        let topics = ["NASA", "Nasa", "ESA", "Crew\u{2011}11", "Mars", "Moon", "Año Espacial", "Москва"]
        for i in 1...30 {
            let mine = (0..<3).map { topics[(i * ($0 + 1)) % topics.count] }
            files["Content/articles/story-\(i).md"] = SiteFolder.article(
                "Story \(i)", date: String(format: "2025-03-%02dT%02d:00:00+02:00", 1 + i % 5, i % 24),
                "topics: [\(mine.joined(separator: ", "))]\nsources: [Reuters, AP News]\naliases: [/old/\(i)/]",
                body: "## One\n\nFirst. (Reuters)\n\n## Two\n\nSecond. (Reuters; AP News)\n\n### Three\n\nThird.")
        }
        files["Content/pages/about.md"] = "---\ntitle: About\n---\n\nUs.\n"
        return SiteFolder(files: files)
    }

    @Test("two builds of the same input are byte-identical")
    func sameBytes() throws {
        let site = Self.busySite()
        let first = try site.build()
        let second = try site.build()
        #expect(first.site.files.count > 100)
        #expect(first.site.files.map(\.path) == second.site.files.map(\.path))
        for (a, b) in zip(first.site.files, second.site.files) where a.bytes != b.bytes {
            Issue.record("\(a.path) differs between two builds")
        }
    }

    @Test("the same input in another folder builds the same bytes")
    func folderDoesNotMatter() throws {
        let one = Self.busySite()
        let two = Self.busySite()
        #expect(try one.build().site.files == two.build().site.files)
    }
}

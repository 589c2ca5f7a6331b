import Foundation
@testable import SitegenTestSupport
import Testing

/// Related articles: those sharing the most topics.
@Suite struct RelatedTests {
    @Test("an article lists up to 5 related articles, most shared topics first, then newest")
    func related() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/main.md --
            \(SiteFolder.article("Main", date: "2025-01-10", "topics: [Mars, Moon, ESA]"))
            -- Content/articles/three.md --
            \(SiteFolder.article("Three shared", date: "2025-01-01", "topics: [ESA, Moon, Mars]"))
            -- Content/articles/two.md --
            \(SiteFolder.article("Two shared", date: "2025-01-02", "topics: [Moon, Mars, Venus]"))
            -- Content/articles/one-a.md --
            \(SiteFolder.article("One shared, newest", date: "2025-01-09", "topics: [ESA]"))
            -- Content/articles/one-b.md --
            \(SiteFolder.article("One shared, newer", date: "2025-01-08", "topics: [Moon]"))
            -- Content/articles/one-c.md --
            \(SiteFolder.article("One shared, older", date: "2025-01-07", "topics: [Mars]"))
            -- Content/articles/one-d.md --
            \(SiteFolder.article("One shared, oldest", date: "2025-01-06", "topics: [Mars]"))
            -- Content/articles/venus.md --
            \(SiteFolder.article("Venus only", date: "2025-01-11", "topics: [Venus]"))
            -- Content/articles/none.md --
            \(SiteFolder.article("No topics", date: "2025-01-12"))
            """)
        let pages = try site.build()
        let titles = try Self.relatedTitles(pages, "main")
        #expect(titles == ["Three shared", "Two shared", "One shared, newest", "One shared, newer", "One shared, older"])
        #expect(pages["articles/main/index.html"]!.contains("<a class=\"related-title\" href=\"/articles/three/\">"))
        // Sharing a topic works both ways; an article that shares nothing has no Related section.
        #expect(try Self.relatedTitles(pages, "one-d") == ["Main", "One shared, older", "Two shared", "Three shared"])
        #expect(try Self.relatedTitles(pages, "venus") == ["Two shared"])
        #expect(!pages["articles/none/index.html"]!.contains("related-list"))
    }

    static func relatedTitles(_ pages: Pages, _ slug: String) throws -> [String] {
        let related = try #require(pages["articles/\(slug)/index.html"]).between("<ul class=\"related-list\">", "</ul>")
        return related.matches(of: /<a class="related-title" href="[^"]*">([^<]*)<\/a>/).map { String($0.output.1) }
    }
}

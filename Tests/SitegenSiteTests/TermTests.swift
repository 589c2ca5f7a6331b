import Foundation
@testable import SitegenTestSupport
import Testing

/// How term names become URLs, and how a big term is paginated.
@Suite struct TermTests {
    @Test("“Crew‑11” with its non-breaking hyphen is at topics/crew-11/, shown as written")
    func nonBreakingHyphen() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-07-31", "topics: [Crew\u{2011}11, Año Espacial, Москва]"))
            """)
        let pages = try site.build()
        let crew = try #require(pages["topics/crew-11/index.html"])
        #expect(crew.contains("<h1>Crew\u{2011}11</h1>"))
        #expect(pages["topics/ano-espacial/index.html"] != nil)
        #expect(pages["topics/moskva/index.html"] != nil)
        #expect(pages["articles/a/index.html"]!.contains("<a class=\"chip\" href=\"/topics/crew-11/\">Crew\u{2011}11</a>"))
    }

    @Test("“NASA” and “Nasa” are one term at topics/nasa/, shown with the spelling used most")
    func caseFolding() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", "topics: [Nasa]"))
            -- Content/articles/b.md --
            \(SiteFolder.article("B", date: "2025-01-02", "topics: [NASA]"))
            -- Content/articles/c.md --
            \(SiteFolder.article("C", date: "2025-01-03", "topics: [NASA]"))
            """)
        let pages = try site.build()
        #expect(pages.paths.filter { $0.hasPrefix("topics/") && $0.hasSuffix("/index.html") }
            == ["topics/index.html", "topics/nasa/index.html"])
        let nasa = try #require(pages["topics/nasa/index.html"])
        #expect(nasa.contains("<h1>NASA</h1>"))
        #expect(nasa.cardTitles == ["C", "B", "A"])
        #expect(pages["topics/index.html"]!.contains("<a href=\"/topics/nasa/\">NASA</a> <span class=\"count\">3<"))
        // Every article links the term by its one name, whatever it wrote.
        #expect(pages["articles/a/index.html"]!.contains("<a class=\"chip\" href=\"/topics/nasa/\">NASA</a>"))
    }

    @Test("the spelling used most wins even when another spelling came first")
    func mostUsedBeatsFirstUsed() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", "topics: [NASA]"))
            -- Content/articles/b.md --
            \(SiteFolder.article("B", date: "2025-01-02", "topics: [Nasa]"))
            -- Content/articles/c.md --
            \(SiteFolder.article("C", date: "2025-01-03", "topics: [Nasa]"))
            """)
        let pages = try site.build()
        #expect(try #require(pages["topics/nasa/index.html"]).contains("<h1>Nasa</h1>"))
    }

    static func bigTerm() -> SiteFolder {
        var files = ["Content/site.yml": SiteFolder.config(perPage: 20)]
        for i in 1...45 {
            let date = String(format: "2025-%02d-%02d", 1 + (i - 1) / 28, 1 + (i - 1) % 28)
            files["Content/articles/mars-\(i).md"] = SiteFolder.article("Mars \(i)", date: date, "topics: [Mars]")
        }
        return SiteFolder(files: files)
    }

    @Test("a term with 45 articles and perPage 20 has three pages with previous and next links")
    func termPagination() throws {
        let pages = try Self.bigTerm().build()
        #expect(pages.paths.filter { $0.hasPrefix("topics/mars/") } == [
            "topics/mars/feed.json", "topics/mars/feed.xml", "topics/mars/index.html", "topics/mars/page/2/index.html",
            "topics/mars/page/3/index.html", "topics/mars/rss.xml",
        ])
        let one = try #require(pages["topics/mars/index.html"])
        let two = try #require(pages["topics/mars/page/2/index.html"])
        let three = try #require(pages["topics/mars/page/3/index.html"])
        #expect(one.cardTitles == (26...45).reversed().map { "Mars \($0)" })
        #expect(two.cardTitles == (6...25).reversed().map { "Mars \($0)" })
        #expect(three.cardTitles == (1...5).reversed().map { "Mars \($0)" })
        #expect(one.relLink("prev") == nil)
        #expect(one.relLink("next") == "/topics/mars/page/2/")
        #expect(two.relLink("prev") == "/topics/mars/")
        #expect(two.relLink("next") == "/topics/mars/page/3/")
        #expect(three.relLink("prev") == "/topics/mars/page/2/")
        #expect(three.relLink("next") == nil)
        #expect(two.contains("Page 2 of 3"))
        // The feed holds the newest 20.
        let feed = try #require(pages["topics/mars/feed.xml"])
        #expect(feed.matches(of: /<entry>/).count == 20)
        #expect(feed.contains("<title>Mars 45</title>") && !feed.contains("<title>Mars 25</title>"))
        // The home page paginates the same way.
        #expect(pages["page/3/index.html"]?.relLink("prev") == "/page/2/")
        #expect(pages["page/4/index.html"] == nil)
    }
}

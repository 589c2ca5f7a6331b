@testable import SitegenTestSupport
import Testing

@Suite struct SummaryTests {
    @Test("a front-matter summary written in Markdown is shown as text, in lists, meta tags and feeds")
    func markdownSummary() throws {
        let pages = try SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", #"summary: "Orbit *some* [agency’s](https://x.org/a) ties & more""#))
            """).build()
        let home = try #require(pages["index.html"])
        #expect(home.contains("Orbit some agency’s ties &amp; more"))
        #expect(!home.contains("*some*"))
        #expect(!home.contains("](https://x.org/a)"))
        let article = try #require(pages["articles/a/index.html"])
        #expect(article.contains("<meta name=\"description\" content=\"Orbit some agency’s ties &amp; more\">"))
        #expect(try #require(pages["feed.xml"]).contains("<summary>Orbit some agency’s ties &amp; more</summary>"))
    }

    @Test("without a summary, the first paragraph is the summary, as text")
    func defaultSummary() throws {
        let pages = try SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", body: "First **bold** [para](/x/).\n\nSecond."))
            """).build()
        #expect(try #require(pages["index.html"]).contains("First bold para."))
    }
}

extension SummaryTests {
    @Test("a summary with HTML or a leading # stays text, escaped")
    func htmlSummary() throws {
        let pages = try SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", #"summary: "<b>Bold</b> *claim* & more""#))
            -- Content/articles/b.md --
            \(SiteFolder.article("B", date: "2025-01-02", ##"summary: "# 1 story""##))
            """).build()
        let home = try #require(pages["index.html"])
        #expect(home.contains("&lt;b&gt;Bold&lt;/b&gt; claim &amp; more"))
        #expect(home.contains("# 1 story"))
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// Source attributions, as a news site needs them.
@Suite struct SourceTests {
    static let files = """
        -- Content/site.yml --
        \(SiteFolder.config())
        -- Content/articles/a.md --
        \(SiteFolder.article("Launch delayed", date: "2025-07-31", """
            sources:
              - Reuters
              - {name: AP News, url: https://apnews.com/}
            """, body: """
            The launch slipped a day. (Reuters)

            Weather was to blame. (Reuters; AP News)

            Officials declined to comment. (Bloomberg)

            Nobody said anything here.

            Another cited paragraph. (Reuters)
            """))
        -- Content/articles/b.md --
        \(SiteFolder.article("Second story", date: "2025-07-30", "sources: [Reuters]", body: "One line. (Reuters)"))
        """

    @Test("each “(Reuters)” on an article page links to /sources/reuters/ with class source")
    func attributionLinks() throws {
        let pages = try SiteFolder(Self.files).build()
        let body = try #require(pages["articles/a/index.html"]).between("<div class=\"article-body prose\">", "</div>")
        let links = body.matches(of: /<a [^>]*>[^<]*<\/a>/).map { String($0.output) }
        let reuters = links.filter { $0.contains("href=\"/sources/reuters/\"") }
        #expect(reuters.count == 3)
        #expect(reuters.allSatisfy { $0.contains("class=\"source\"") && $0.hasSuffix(">Reuters</a>") }, "\(reuters)")
        let ap = links.filter { $0.contains("href=\"/sources/ap-news/\"") }
        #expect(ap.count == 1 && ap.allSatisfy { $0.contains("class=\"source\"") }, "\(ap)")
    }

    @Test("declared sources are attributions whatever their names look like; check is content, and summaries drop them")
    func declaredNamesAreAttributions() throws {
        let files = """
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("Road closed", date: "2025-07-31", "sources: [\"Mayor's office\", police department, the family]", body: """
                The bridge stays shut until Monday. (Mayor's office)

                Two people were hurt. (police department; the family)
                """))
            """
        let site = SiteFolder(files)
        let pages = try site.build()
        let article = try #require(pages["articles/a/index.html"])
        #expect(article.contains("(<a href=\"/sources/mayor-s-office/\" class=\"source\">Mayor’s office</a>)")
            || article.contains("(<a href=\"/sources/mayor-s-office/\" class=\"source\">Mayor's office</a>)"), "\(article)")
        #expect(article.contains("<a href=\"/sources/police-department/\" class=\"source\">police department</a>; "
            + "<a href=\"/sources/the-family/\" class=\"source\">the family</a>)"))
        #expect(try site.diagnostics() == [], "check agrees that every paragraph is attributed and every source cited")
        // The automatic summary, on the home page's card, in the feed and as the meta description.
        #expect(article.contains("<meta name=\"description\" content=\"The bridge stays shut until Monday.\">"))
        let feed = try #require(pages["feed.xml"])
        #expect(feed.contains("The bridge stays shut until Monday.</summary>"), "\(feed)")
        #expect(!feed.contains("(Mayor"))
        #expect(try #require(pages["index.html"]).contains("The bridge stays shut until Monday.</p>"))
    }

    @Test("site.yml's attributions: names the taxonomy that carries sources; its pages link and count citations")
    func attributionTaxonomyByName() throws {
        let files = """
            -- Content/site.yml --
            \(SiteFolder.config(extra: "taxonomies: [topics, outlets]\nattributions: outlets"))
            -- Content/articles/a.md --
            \(SiteFolder.article("Launch delayed", date: "2025-07-31", "outlets: [Reuters]", body: "The launch slipped. (Reuters)"))
            """
        let pages = try SiteFolder(files).build()
        let article = try #require(pages["articles/a/index.html"])
        #expect(article.contains("href=\"/outlets/reuters/\""), "the attribution links the outlet's page")
        #expect(!article.contains("/sources/"))
        let outlet = try #require(pages["outlets/reuters/index.html"])
        #expect(outlet.contains("<span>1 paragraph cited</span>"))
    }

    @Test("attributions: null links no attribution; one that names no taxonomy is an error at its value")
    func attributionTaxonomyOffOrWrong() throws {
        let off = """
            -- Content/site.yml --
            \(SiteFolder.config(extra: "attributions: null"))
            -- Content/articles/a.md --
            \(SiteFolder.article("Launch delayed", date: "2025-07-31", "sources: [Reuters]", body: "The launch slipped. (Reuters)"))
            """
        let page = try #require(try SiteFolder(off).build()["articles/a/index.html"])
        #expect(page.contains("(Reuters)") && !page.contains("href=\"/sources/reuters/\" class"), "no attribution link")
        let wrong = off.replacingOccurrences(of: "attributions: null", with: "attributions: outlets")
        #expect(SiteFolder(wrong).errors() == [
            "Content/site.yml:6:15: error: 'attributions' must name one of the site's taxonomies (topics, sources), or be null; 'outlets' is not one",
        ])
    }

    @Test("an attribution to a source the article does not declare is not linked")
    func undeclaredSource() throws {
        let pages = try SiteFolder(Self.files).build()
        let page = try #require(pages["articles/a/index.html"])
        #expect(page.contains("(Bloomberg)"))
        #expect(!page.contains("/sources/bloomberg/"))
        #expect(pages["sources/bloomberg/index.html"] == nil)
    }

    @Test("a source's page shows how many paragraphs cite it, in all and per article")
    func citationCounts() throws {
        let pages = try SiteFolder(Self.files).build()
        let reuters = try #require(pages["sources/reuters/index.html"])
        #expect(reuters.contains("<span>4 paragraphs cited</span>"))
        #expect(reuters.cardTitles == ["Launch delayed", "Second story"])
        let cited = reuters.matches(of: /<span class="citations">([^<]*)<\/span>/).map { String($0.output.1) }
        #expect(cited == ["3 paragraphs cited", "1 paragraph cited"])
        let ap = try #require(pages["sources/ap-news/index.html"])
        #expect(ap.contains("<span>1 paragraph cited</span>"))
        #expect(ap.contains("<a class=\"external\" href=\"https://apnews.com/\" rel=\"external\">AP News website</a>"))
    }

    @Test("a source's page shows no citations line when no paragraph cites it")
    func declaredButNeverCited() throws {
        let site = SiteFolder(Self.files)
        site.write("Content/articles/c.md", SiteFolder.article("Quiet", date: "2025-07-29", "sources: [NASA TV]"))
        let pages = try site.build()
        let page = try #require(pages["sources/nasa-tv/index.html"])
        #expect(page.contains("1 article") && !page.contains("cited"))
    }
}

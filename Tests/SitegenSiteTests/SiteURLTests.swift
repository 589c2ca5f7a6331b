import Foundation
@testable import SitegenTestSupport
import Testing

/// Every URL of the SPEC's output table, built from one small site.
@Suite struct SiteURLTests {
    static let files = """
        -- Content/site.yml --
        \(SiteFolder.config(perPage: 2))
        -- Content/articles/2025-01-03-alpha.md --
        \(SiteFolder.article("Alpha", date: "2025-01-03", "topics: [NASA, SpaceX]\nsources: [Reuters]\naliases: [/old/alpha/, /2025/alpha.html]"))
        -- Content/articles/beta.md --
        \(SiteFolder.article("Beta", date: "2025-01-02", "topics: [NASA]\nsources: [Reuters, AP News]"))
        -- Content/articles/gamma.md --
        \(SiteFolder.article("Gamma", date: "2025-01-01", "topics: [NASA, Moon]"))
        -- Content/pages/about.md --
        ---
        title: About us
        ---

        We report on space.
        """

    @Test("a small site has every URL the SPEC lists, and nothing else")
    func everyURLExists() throws {
        let site = SiteFolder(Self.files)
        let pages = try site.build()
        let assets = try FileManager.default.subpathsOfDirectory(atPath: SiteFolder.repoRoot + "/Templates/assets")
            .filter { !$0.hasPrefix(".") && !(SiteFolder.repoRoot + "/Templates/assets/" + $0).isDirectory }
            .map { "assets/" + $0 }
        let feeds = { (base: String) in ["feed.xml", "rss.xml", "feed.json"].map { base + $0 } }
        let expected = [
            "index.html", "page/2/index.html",
            "articles/alpha/index.html", "articles/beta/index.html", "articles/gamma/index.html",
            "about/index.html",
            "topics/index.html", "sources/index.html",
            "topics/nasa/index.html", "topics/nasa/page/2/index.html",
            "topics/spacex/index.html",
            "topics/moon/index.html",
            "sources/reuters/index.html",
            "sources/ap-news/index.html",
            "sitemap.xml", "news-sitemap.xml", "robots.txt", "404.html",
            "old/alpha/index.html", "2025/alpha.html",
            // The date archive (issue 17): the whole, the year, the month's two pages.
            "archive/index.html", "archive/2025/index.html", "archive/2025/01/index.html", "archive/2025/01/page/2/index.html",
        ] + ["", "topics/nasa/", "topics/spacex/", "topics/moon/", "sources/reuters/", "sources/ap-news/"].flatMap(feeds)
            + assets
        #expect(pages.paths == expected.sorted())
        #expect(assets.contains("assets/style.css"))
    }

    @Test("the home page lists the newest articles perPage at a time, and page 2 the rest")
    func homePages() throws {
        let pages = try SiteFolder(Self.files).build()
        let home = try #require(pages["index.html"])
        #expect(home.cardTitles == ["Alpha", "Beta"])
        #expect(home.relLink("next") == "/page/2/")
        #expect(home.relLink("prev") == nil)
        let two = try #require(pages["page/2/index.html"])
        #expect(two.cardTitles == ["Gamma"])
        #expect(two.relLink("prev") == "/")
        #expect(two.relLink("next") == nil)
    }

    @Test("an article and a page each have their own page, with title, body and canonical URL")
    func articleAndPage() throws {
        let pages = try SiteFolder(Self.files).build()
        let alpha = try #require(pages["articles/alpha/index.html"])
        #expect(alpha.contains("<h1 class=\"article-title\">Alpha</h1>"))
        #expect(alpha.contains("<p>Some text.</p>"))
        #expect(alpha.contains("<link rel=\"canonical\" href=\"https://example.org/articles/alpha/\">"))
        let about = try #require(pages["about/index.html"])
        #expect(about.contains("<h1 class=\"article-title\">About us</h1>"))
        #expect(about.contains("<p>We report on space.</p>"))
        #expect(about.contains("<link rel=\"canonical\" href=\"https://example.org/about/\">"))
        // Pages are in the site's navigation.
        #expect(pages["index.html"]!.contains("<a href=\"/about/\">About us</a>"))
    }

    @Test("the topics and sources pages list every term with its count")
    func taxonomyLists() throws {
        let pages = try SiteFolder(Self.files).build()
        let topics = try #require(pages["topics/index.html"])
        for (slug, name, count) in [("moon", "Moon", 1), ("nasa", "NASA", 3), ("spacex", "SpaceX", 1)] {
            #expect(topics.contains("<a href=\"/topics/\(slug)/\">\(name)</a> <span class=\"count\">\(count)<"), "\(name)")
        }
        let sources = try #require(pages["sources/index.html"])
        for (slug, name, count) in [("ap-news", "AP News", 1), ("reuters", "Reuters", 2)] {
            #expect(sources.contains("<a href=\"/sources/\(slug)/\">\(name)</a> <span class=\"count\">\(count)<"), "\(name)")
        }
    }

    @Test("a term's pages list its articles newest first, perPage at a time, with a feed of them all")
    func termPagesAndFeed() throws {
        let pages = try SiteFolder(Self.files).build()
        let nasa = try #require(pages["topics/nasa/index.html"])
        #expect(nasa.contains("<h1>NASA</h1>"))
        #expect(nasa.cardTitles == ["Alpha", "Beta"])
        #expect(nasa.contains("3 articles"))
        #expect(try #require(pages["topics/nasa/page/2/index.html"]).cardTitles == ["Gamma"])
        let feed = try #require(pages["topics/nasa/feed.xml"])
        #expect(xmlProblem(feed) == nil)
        #expect(feed.matches(of: /<entry>/).count == 3)
        #expect(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/topics/nasa/feed.xml\"/>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/topics/nasa/\"/>"))
        let moonFeed = try #require(pages["topics/moon/feed.xml"])
        #expect(moonFeed.matches(of: /<entry>/).count == 1)
        #expect(moonFeed.contains("<title>Gamma</title>"))
    }

    @Test("the site feed, sitemap, robots.txt and 404 page are there, with absolute URLs")
    func siteFiles() throws {
        let pages = try SiteFolder(Self.files).build()
        let feed = try #require(pages["feed.xml"])
        #expect(xmlProblem(feed) == nil)
        let entryIDs = feed.matches(of: /<id>([^<]*)<\/id>/).map { String($0.output.1) }.dropFirst()
        #expect(Array(entryIDs) == ["alpha", "beta", "gamma"].map { "https://example.org/articles/\($0)/" })
        let sitemap = try #require(pages["sitemap.xml"])
        #expect(xmlProblem(sitemap) == nil)
        let locs = sitemap.matches(of: /<loc>([^<]*)<\/loc>/).map { String($0.output.1) }
        for path in ["", "page/2/", "articles/alpha/", "about/", "topics/", "topics/nasa/", "topics/nasa/page/2/", "sources/reuters/"] {
            #expect(locs.contains("https://example.org/\(path)"), "sitemap lacks /\(path)")
        }
        #expect(!locs.contains { $0.contains("old/alpha") || $0.contains("404") || $0.hasSuffix(".xml") })
        #expect(locs == locs.sorted(), "the sitemap is sorted by URL")
        let robots = try #require(pages["robots.txt"])
        #expect(robots.contains("Sitemap: https://example.org/sitemap.xml"))
        let notFound = try #require(pages["404.html"])
        #expect(notFound.contains("Page not found"))
        #expect(pages["assets/style.css"] == (try String(contentsOfFile: SiteFolder.repoRoot + "/Templates/assets/style.css", encoding: .utf8)))
    }

    @Test("an alias redirects to its article's absolute URL, with a canonical link")
    func aliases() throws {
        let pages = try SiteFolder(Self.files).build()
        for path in ["old/alpha/index.html", "2025/alpha.html"] {
            let alias = try #require(pages[path])
            #expect(alias.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/articles/alpha/\">"), "\(path)")
            #expect(alias.contains("<link rel=\"canonical\" href=\"https://example.org/articles/alpha/\">"), "\(path)")
        }
    }
}

extension String {
    var isDirectory: Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: self, isDirectory: &isDir) && isDir.boolValue
    }
}

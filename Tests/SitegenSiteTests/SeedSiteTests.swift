import Foundation
@testable import SitegenTestSupport
import SitegenSite
import Testing

/// The repo's own site (`Content/` and `Templates/`), built as a user would.
@Suite struct SeedSiteTests {
    static let built: Result<Pages, any Error> = Result {
        Pages(try SiteBuilder.buildInMemory(BuildOptions(sourceDirectory: SiteFolder.repoRoot)))
    }
    static let articlePath = "articles/nasa-roscosmos-chiefs-meet-in-florida/index.html"

    static func pages() throws -> Pages { try built.get() }

    @Test("the seed site builds with no warnings")
    func noWarnings() throws {
        let pages = try Self.pages()
        #expect(pages.site.warnings.map(\.description) == [])
        #expect(pages.site.draftsSkipped == 0)
    }

    @Test("the seed article's page has its title with U+2011, four sections and a table of contents")
    func articlePage() throws {
        let page = try #require(try Self.pages()[Self.articlePath])
        let title = "NASA and Roscosmos Space Chiefs Meet in Florida, Renew ISS Collaboration Amid Crew\u{2011}11 Launch Delay"
        #expect(page.contains("<h1 class=\"article-title\">\(title)</h1>"))
        #expect(page.contains("<title>\(title) · Orbit Desk</title>"))
        let body = page.between("<div class=\"article-body prose\">", "</div>")
        let ids = body.matches(of: /<h2 id="([^"]+)"/).map { String($0.output.1) }
        #expect(ids == ["reviving-civil-space-diplomacy", "crew-11-launch-and-streaming-firsts",
                        "implications-for-lunar-exploration", "looking-ahead"])
        let toc = page.between("<nav class=\"toc\"", "</nav>")
        #expect(toc.matches(of: /href="#([^"]+)"/).map { String($0.output.1) } == ids)
        #expect(toc.contains(">Crew\u{2011}11 Launch and Streaming Firsts</a>"))
        #expect(body.count(of: "<p>") == 11)
    }

    @Test("the seed article shows chips for all 7 topics and links Reuters and AP News")
    func chipsAndSources() throws {
        let pages = try Self.pages()
        let page = try #require(pages[Self.articlePath])
        let chips = page.between("<ul class=\"chips\" aria-label=\"Topics\">", "</ul>")
        let slugs = chips.matches(of: /<a class="chip" href="\/topics\/([^"\/]+)\/">/).map { String($0.output.1) }
        #expect(slugs == ["nasa", "roscosmos", "international-space-station", "spacex", "crew-11",
                          "lunar-exploration", "space-diplomacy"])
        for slug in slugs {
            #expect(pages["topics/\(slug)/index.html"] != nil, "topics/\(slug)/")
        }
        #expect(chips.contains(">Crew\u{2011}11</a>"))
        let body = page.between("<div class=\"article-body prose\">", "</div>")
        #expect(body.count(of: "href=\"/sources/reuters/\"") == 10)
        #expect(body.count(of: "href=\"/sources/ap-news/\"") == 1)
        let reuters = try #require(pages["sources/reuters/index.html"])
        #expect(reuters.contains("<span>10 paragraphs cited</span>"))
        #expect(reuters.contains("href=\"https://www.reuters.com/\""))
        let ap = try #require(pages["sources/ap-news/index.html"])
        #expect(ap.contains("<span>1 paragraph cited</span>"))
    }

    @Test("the seed site's feeds and sitemap are well-formed, with absolute URLs")
    func wellFormed() throws {
        let pages = try Self.pages()
        for path in pages.paths where path.hasSuffix(".xml") {
            #expect(xmlProblem(pages[path]!) == nil, "\(path)")
        }
        #expect(pages["robots.txt"]!.contains("Sitemap: https://example.org/sitemap.xml"))
        #expect(pages["sitemap.xml"]!.contains("<loc>https://example.org/\(Self.articlePath.dropLast("index.html".count))</loc>"))
    }

    // MARK: - Golden files

    @Test("the seed site's key pages match their golden files", arguments: [
        ("articles/nasa-roscosmos-chiefs-meet-in-florida/index.html", "seed-article.html"),
        ("index.html", "seed-home.html"),
        ("topics/index.html", "seed-topics.html"),
        ("feed.xml", "seed-feed.xml"),
    ])
    func golden(path: String, golden: String) throws {
        let page = try #require(try Self.pages()[path])
        Golden.assert(page, matches: golden)
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// A site that lives below a path (`https://example.org/news/`) links everything below that path.
@Suite struct BaseURLTests {
    static let files = """
        -- Content/site.yml --
        \(SiteFolder.config(perPage: 1, baseURL: "https://example.org/news/"))
        -- Content/articles/a.md --
        \(SiteFolder.article("A", date: "2025-01-02", "topics: [NASA, Moon]\nsources: [Reuters]\naliases: [/old/a/]",
            body: "NASA said so. (Reuters)"))
        -- Content/articles/b.md --
        \(SiteFolder.article("B", date: "2025-01-01", "topics: [NASA]"))
        -- Content/pages/about.md --
        ---
        title: About
        ---

        We report on space.
        """

    /// Every internal link of every HTML file, as (file, link).
    static func internalLinks(_ pages: Pages) -> [(String, String)] {
        pages.htmlPaths.flatMap { path in
            pages[path]!.links.filter { $0.hasPrefix("/") && !$0.hasPrefix("//") }.map { (path, $0) }
        }
    }

    /// The file a site-relative URL names, below `base`.
    static func file(for link: String, base: String) -> String {
        var path = String(link.dropFirst(base.count))
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    @Test("with a baseURL path, every internal href and src starts with it and names a file that exists")
    func everyLinkHasTheBasePath() throws {
        let pages = try SiteFolder(Self.files).build()
        let links = Self.internalLinks(pages)
        #expect(links.count > 50)
        for (path, link) in links {
            #expect(link.hasPrefix("/news/"), "\(path) links \(link)")
            if link.hasPrefix("/news/") {
        #expect(pages[Self.file(for: link, base: "/news/")] != nil, "\(path) links \(link), which is not built")
            }
        }
    }

    @Test("the header's mark and the favicon: site.yml's logo: below the base path, else the title's initial and the theme's neutral icon")
    func logo() throws {
        let plain = try #require(try SiteFolder(Self.files).build()["index.html"])
        #expect(plain.contains("<link rel=\"icon\" href=\"/news/assets/favicon.svg\" type=\"image/svg+xml\">"))
        let mark = plain.between("<a class=\"site-title\" href=\"/news/\">", "</a>")
        #expect(mark.hasPrefix("<svg class=\"logo\" width=\"28\" height=\"28\"") && mark.contains("fill=\"currentColor\""), "\(mark)")
        #expect(mark.contains(">T</text>") && mark.hasSuffix("</svg><span>Test Desk</span>"), "the title's initial: \(mark)")

        for (logo, url) in [("/images/mark.png", "/news/images/mark.png"), ("images/mark.png", "/news/images/mark.png"),
                            ("https://cdn.example.net/mark.png", "https://cdn.example.net/mark.png")] {
            let site = SiteFolder(Self.files)
            site.write("Content/site.yml", SiteFolder.config(perPage: 1, baseURL: "https://example.org/news/", extra: "logo: \(logo)"))
            let page = try #require(try site.build()["articles/a/index.html"])
            #expect(page.contains("<a class=\"site-title\" href=\"/news/\"><img class=\"logo\" src=\"\(url)\" width=\"28\" height=\"28\" alt=\"\"><span>Test Desk</span></a>"), "\(logo)")
            #expect(page.contains("<link rel=\"icon\" href=\"\(url)\">") && !page.contains("favicon.svg"), "\(logo)")
        }
    }

    @Test("with a baseURL path, an attribution links the source's page below it")
    func attributionLinks() throws {
        let pages = try SiteFolder(Self.files).build()
        let body = try #require(pages["articles/a/index.html"]).between("<div class=\"article-body prose\">", "</div>")
        #expect(body.contains("href=\"/news/sources/reuters/\""))
    }

    @Test("with a baseURL path, Markdown links to site paths in a body get the base path")
    func bodyLinks() throws {
        let site = SiteFolder(Self.files)
        site.write("Content/pages/about.md", """
            ---
            title: About
            ---

            See [the feed](/feed.xml), [topics](/topics/) and [A](/articles/a/#top), or [elsewhere](https://example.com/x).

            ![logo](/assets/favicon.svg)
            """)
        let pages = try site.build()
        let body = try #require(pages["about/index.html"]).between("<div class=\"article-body prose\">", "</div>")
        #expect(body.contains("href=\"https://example.com/x\""))
        let links = body.links.filter { $0.hasPrefix("/") }
        #expect(links.count == 4)
        #expect(links == ["/news/feed.xml", "/news/topics/", "/news/articles/a/#top", "/news/assets/favicon.svg"])
    }

    @Test("with a baseURL path, feeds, the sitemap, robots.txt and aliases use absolute URLs below it")
    func absoluteURLs() throws {
        let pages = try SiteFolder(Self.files).build()
        try Self.expectAbsolute(pages, prefix: "https://example.org/news/")
    }

    @Test("the --base-url option replaces site.yml's baseURL everywhere")
    func baseURLOverride() throws {
        let pages = try SiteFolder(Self.files).build(baseURL: "https://mirror.example.com/blog/")
        for (path, link) in Self.internalLinks(pages) {
            #expect(link.hasPrefix("/blog/"), "\(path) links \(link)")
        }
        try Self.expectAbsolute(pages, prefix: "https://mirror.example.com/blog/")
        #expect(!pages.files.values.contains { $0.contains("example.org") })
    }

    @Test("a --base-url that is not an absolute http(s) URL is an error saying so")
    func badOverride() {
        let errors = SiteFolder(Self.files).errors(baseURL: "example.org/news")
        #expect(errors == [
            "Content/site.yml:1:1: error: the base URL 'example.org/news' must be an absolute http or https URL, like https://example.org/news/",
        ])
    }

    static func expectAbsolute(_ pages: Pages, prefix: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Atom and RSS for the site and its three terms, the sitemap and the news sitemap.
        let xmlPaths = pages.paths.filter { $0.hasSuffix(".xml") }
        #expect(xmlPaths.count == 10, "\(xmlPaths)", sourceLocation: sourceLocation)
        for path in xmlPaths {
            let xml = pages[path]!
            #expect(xmlProblem(xml) == nil, "\(path)", sourceLocation: sourceLocation)
            let urls = xml.matches(of: /(?:href|src|url)="([^"]*)"|<id>([^<]*)<\/id>|<loc>([^<]*)<\/loc>|<link>([^<]*)<\/link>|<guid[^>]*>([^<]*)<\/guid>/).map {
                String($0.output.1 ?? $0.output.2 ?? $0.output.3 ?? $0.output.4 ?? $0.output.5 ?? "")
            }
            // The news sitemap of a build on the real clock holds no article of 2025.
            #expect(!urls.isEmpty || path == "news-sitemap.xml", "\(path)", sourceLocation: sourceLocation)
            for url in urls where !url.hasPrefix("http://www.w3.org") {
        #expect(url.hasPrefix(prefix), "\(path) has \(url)", sourceLocation: sourceLocation)
            }
        }
        for path in pages.paths where path.hasSuffix("feed.json") {
            let feed = try #require(try JSONSerialization.jsonObject(with: Data(pages[path]!.utf8)) as? [String: Any], sourceLocation: sourceLocation)
            let items = feed["items"] as? [[String: Any]] ?? []
            let content = items.compactMap { $0["content_html"] as? String }.joined()
            let urls = [feed["home_page_url"], feed["feed_url"]].compactMap { $0 as? String } + items.compactMap { $0["url"] as? String }
                + content.matches(of: /(?:href|src)="([^"]*)"/).map { String($0.output.1) }
            #expect(urls.count > 2, "\(path)", sourceLocation: sourceLocation)
            for url in urls where !url.hasPrefix("https://example.com") {
                #expect(url.hasPrefix(prefix), "\(path) has \(url)", sourceLocation: sourceLocation)
            }
        }
        #expect(pages["robots.txt"]!.contains("Sitemap: \(prefix)sitemap.xml"), sourceLocation: sourceLocation)
        #expect(pages["robots.txt"]!.contains("Sitemap: \(prefix)news-sitemap.xml"), sourceLocation: sourceLocation)
        let alias = try #require(pages["old/a/index.html"], sourceLocation: sourceLocation)
        #expect(alias.contains("url=\(prefix)articles/a/\""), sourceLocation: sourceLocation)
        let canonical = pages["articles/a/index.html"]!.contains("<link rel=\"canonical\" href=\"\(prefix)articles/a/\">")
        #expect(canonical, sourceLocation: sourceLocation)
    }
}

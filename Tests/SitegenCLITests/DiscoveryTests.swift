import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SitegenTestSupport
import Testing

/// What search engines and feed readers get, through the real binary: JSON-LD, the news
/// sitemap and its clock, RSS and JSON Feed, social tags, and `check`'s structured-data warnings.
@Suite struct DiscoveryTests {
    static let hostileTitle = "Crew \"11\" </script><script>alert(1)</script> & 'docks'\u{2028}at last"
    static let longTitle = "After a night of delays the crew of the mission finally reached the station, where the hatch opened to cheers from six"

    static let site = """
        title: Test News
        baseURL: https://example.org/news/
        author: Test Desk
        logo: /assets/favicon.svg
        description: News of the station.
        """

    /// `now` is 2025-08-01T12:00:00Z in these tests.
    static let now = "2025-08-01T12:00:00Z"

    func article(_ title: String, date: String, extra: String = "", body: String = "The capsule docked. (Reuters)") -> String {
        "---\ntitle: \(Self.yamlQuoted(title))\ndate: \(date)\ntopics: [NASA, Crew‑11]\nsources: [{name: Reuters, url: https://www.reuters.com/}]\n\(extra)---\n\n\(body)\n"
    }

    static func yamlQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\u{2028}", with: "\\L") + "\""
    }

    func newsSite() -> SiteFolder {
        let site = SiteFolder(files: [
            "Content/site.yml": Self.site,
            // The hour before the clock, 47 hours before, exactly 48 before, 49 before, and one hour after.
            "Content/articles/hostile/index.md": article(
                Self.hostileTitle, date: "2025-08-01T11:00:00Z",
                extra: "author: Ana Ruiz\nimage: {src: lead.jpg, alt: The hatch, credit: NASA}\n"),
            "Content/articles/long.md": article(Self.longTitle, date: "2025-07-30T13:00:00Z"),
            "Content/articles/edge.md": article("Exactly two days", date: "2025-07-30T12:00:00Z"),
            "Content/articles/old.md": article("Older", date: "2025-07-30T11:00:00+00:00"),
            "Content/articles/ahead.md": article("Ahead", date: "2025-08-01T14:00:00+01:00"),
        ])
        site.copyImage("photo-900.jpg", to: "Content/articles/hostile/lead.jpg")
        return site
    }

    func read(_ site: SiteFolder, _ path: String, in folder: String = "Public") -> String {
        String(decoding: site.snapshot(folder)[path] ?? Data(), as: UTF8.self)
    }

    /// Each `<script type="application/ld+json">` of a page, as written and as parsed.
    func jsonLD(_ html: String) throws -> [(raw: String, objects: [[String: Any]])] {
        try html.matches(of: /<script type="application\/ld\+json">(.*?)<\/script>/).map { match in
            let raw = String(match.output.1)
            let parsed = try JSONSerialization.jsonObject(with: Data(raw.utf8))
            return (raw, (parsed as? [[String: Any]]) ?? [parsed as? [String: Any] ?? [:]])
        }
    }

    @Test("every article has NewsArticle JSON-LD with Google's properties, absolute URLs, and titles that cannot break out")
    func newsArticle() throws {
        let site = newsSite()
        let run = try SitegenRun.run(["build", "--quiet", "--now", Self.now], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let files = site.snapshot("Public")
        let page = read(site, "articles/hostile/index.html")
        let scripts = try jsonLD(page)
        try #require(scripts.count == 1)
        #expect(!scripts[0].raw.contains("<") && !scripts[0].raw.contains("\u{2028}"), "nothing in it can end the script")
        let objects = scripts[0].objects
        #expect(objects.map { $0["@type"] as? String } == ["NewsArticle", "BreadcrumbList"])
        let article = objects[0]
        #expect(article["@context"] as? String == "https://schema.org")
        #expect(article["headline"] as? String == Self.hostileTitle, "the title survives the round trip whole")
        #expect(article["datePublished"] as? String == "2025-08-01T11:00:00Z")
        #expect(article["dateModified"] as? String == "2025-08-01T11:00:00Z")
        #expect(article["description"] as? String == "The capsule docked.")
        #expect(article["inLanguage"] as? String == "en")
        #expect(article["isAccessibleForFree"] as? Bool == true)
        #expect(article["articleSection"] as? String == "NASA")
        #expect(article["keywords"] as? [String] == ["NASA", "Crew‑11"])
        let permalink = "https://example.org/news/articles/hostile/"
        #expect((article["mainEntityOfPage"] as? [String: String]) == ["@type": "WebPage", "@id": permalink])
        #expect(page.contains("<link rel=\"canonical\" href=\"\(permalink)\">"))
        let authors = try #require(article["author"] as? [[String: String]])
        #expect(authors == [["@type": "Person", "name": "Ana Ruiz", "url": "https://example.org/news/authors/ana-ruiz/"]])
        let publisher = try #require(article["publisher"] as? [String: Any])
        #expect(publisher["name"] as? String == "Test News" && publisher["url"] as? String == "https://example.org/news/")
        #expect((publisher["logo"] as? [String: String])?["url"] == "https://example.org/news/assets/favicon.svg")
        #expect((article["citation"] as? [[String: String]]) == [
            ["@type": "CreativeWork", "name": "Reuters", "url": "https://www.reuters.com/"],
        ])
        // The lead image's three ratios, each a file of the site.
        let images = try #require(article["image"] as? [String])
        #expect(images.count == 3)
        for (image, ratio) in zip(images, ["16x9", "4x3", "1x1"]) {
            #expect(image.hasPrefix("https://example.org/news/images/lead-") && image.contains("-\(ratio)-"), "\(image)")
            #expect(files[String(image.dropFirst("https://example.org/news/".count))] != nil, "\(image) exists")
        }
        let crumbs = try #require(objects[1]["itemListElement"] as? [[String: Any]])
        #expect(crumbs.map { $0["name"] as? String } == ["Test News", "NASA", Self.hostileTitle])
        #expect(crumbs.map { $0["item"] as? String } == [
            "https://example.org/news/", "https://example.org/news/topics/nasa/", permalink,
        ])
        #expect(crumbs.map { $0["position"] as? Int } == [1, 2, 3])

        // A long title is cut at a word; the site's own byline is the organisation; no image, no "image".
        let long = try #require(try jsonLD(read(site, "articles/long/index.html")).first?.objects.first)
        let headline = try #require(long["headline"] as? String)
        #expect(headline.count <= 110 && headline.hasSuffix("…"))
        #expect(Self.longTitle.hasPrefix(String(headline.dropLast())) && Self.longTitle.dropFirst(headline.count - 1).first == " ")
        #expect((long["author"] as? [[String: String]]) == [["@type": "Organization", "name": "Test Desk", "url": "https://example.org/news/"]])
        #expect(long["image"] == nil, "a value the site lacks is left out, never empty")

        // Term pages have their breadcrumb, the home page its WebSite.
        let term = try #require(try jsonLD(read(site, "topics/nasa/index.html")).first?.objects.first)
        #expect((term["itemListElement"] as? [[String: Any]])?.map { $0["item"] as? String } == [
            "https://example.org/news/", "https://example.org/news/topics/", "https://example.org/news/topics/nasa/",
        ])
        let home = try #require(try jsonLD(read(site, "index.html")).first?.objects.first)
        #expect(home["@type"] as? String == "WebSite" && home["url"] as? String == "https://example.org/news/")
    }

    @Test("the news sitemap holds exactly the articles of the 48 hours before --now, and robots.txt names it")
    func newsSitemap() throws {
        let site = newsSite()
        let run = try SitegenRun.run(["build", "--quiet", "--now", Self.now], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let xml = read(site, "news-sitemap.xml")
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "urlset" && root.uri == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let urls = root.elements(forName: "url")
        #expect(urls.compactMap { $0.elements(forName: "loc").first?.stringValue } == [
            "https://example.org/news/articles/hostile/", "https://example.org/news/articles/long/",
        ])
        #expect(xml.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""))
        let first = try #require(urls.first?.elements(forName: "news:news").first)
        let publication = try #require(first.elements(forName: "news:publication").first)
        #expect(publication.elements(forName: "news:name").first?.stringValue == "Test News")
        #expect(publication.elements(forName: "news:language").first?.stringValue == "en")
        #expect(first.elements(forName: "news:publication_date").first?.stringValue == "2025-08-01T11:00:00Z")
        #expect(first.elements(forName: "news:title").first?.stringValue == Self.hostileTitle)
        #expect(read(site, "robots.txt").contains("Sitemap: https://example.org/news/news-sitemap.xml\n"))

        // An hour later the 47-hour-old article has left it, and the one published at 13:00 UTC is in.
        let later = try SitegenRun.run(["build", "--quiet", "--now", "2025-08-01T13:30:00Z"], in: site.root)
        #expect(later.status == 0, "\(later.stderr)")
        let locs = try XMLDocument(data: Data(read(site, "news-sitemap.xml").utf8)).rootElement()?.elements(forName: "url")
            .compactMap { $0.elements(forName: "loc").first?.stringValue }
        #expect(locs == ["https://example.org/news/articles/ahead/", "https://example.org/news/articles/hostile/"])
    }

    @Test("the clock enters the cache only through the news sitemap's set: the same set reuses every page; a new set equals a cold build")
    func clockAndCache() throws {
        let site = newsSite()
        #expect(try SitegenRun.run(["build", "--quiet", "--now", Self.now], in: site.root).status == 0)
        let first = site.snapshot("Public")
        // Ten minutes later the set is the same: the same bytes, nothing rendered again.
        let same = try SitegenRun.run(["build", "--now", "2025-08-01T12:10:00Z"], in: site.root)
        #expect(same.status == 0, "\(same.stderr)")
        #expect(site.snapshot("Public") == first)
        #expect(same.stdout.contains("files written, ") && same.stdout.contains(": 0 files written"), "\(same.stdout)")
        // Past 13:00 the set changes; the cached build equals one without the cache, byte for byte.
        #expect(try SitegenRun.run(["build", "--quiet", "--now", "2025-08-01T13:30:00Z"], in: site.root).status == 0)
        let cached = site.snapshot("Public")
        let cold = try SitegenRun.run(
            ["build", "--quiet", "--no-cache", "--now", "2025-08-01T13:30:00Z", "--output", site.parent.appendingPathComponent("cold").path],
            in: site.root)
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(folderSnapshot(site.parent.appendingPathComponent("cold").path) == cached)
        #expect(cached["news-sitemap.xml"] != first["news-sitemap.xml"])
    }

    @Test("--now takes what front-matter's date: takes, read in the site's time zone; anything else is one message with one fix")
    func nowForms() throws {
        let site = newsSite()
        site.write("Content/site.yml", Self.site + "\ntimezone: America/New_York\n")
        // 2025-08-01 is midnight in New York, 04:00Z: the article of 03:00Z is out, in the sitemap at 2025-08-01T03:00 (07:00Z).
        site.write("Content/articles/night.md", article("Night", date: "2025-08-01T03:00:00Z"))
        for (now, published) in [("2025-08-01", true), ("2025-07-31T23:00", true), ("2025-07-31T22:59", false), ("2025-08-01T02:59:59Z", false)] {
            let run = try SitegenRun.run(["build", "--quiet", "--no-cache", "--now", now], in: site.root)
            #expect(run.status == 0, "\(now): \(run.stderr)")
            #expect((site.snapshot("Public")["articles/night/index.html"] != nil) == published, "--now \(now)")
        }
        for (value, message) in [
            ("garbage", "write it as 2025-07-31 or 2025-07-31T14:30:00+02:00"),
            ("2025-13-01T12:00:00Z", "there is no month 13"),
            ("2025-02-30", "February 2025 has 28 days"),
        ] {
            for command in ["build", "check"] {
                let run = try SitegenRun.run([command, "--now", value], in: site.root)
                #expect(run.status == 1)
                #expect(run.stdout == "")
                #expect(run.stderr == "sitegen: error: --now: invalid date '\(value)': \(message)\n", "\(command) --now \(value)")
            }
        }
        for command in ["check", "serve"] {
            let run = try SitegenRun.run([command, "--help"], in: site.root)
            #expect(run.stdout.contains("--now <timestamp>"), "\(command) takes --now")
        }
    }

    @Test("RSS 2.0 and JSON Feed sit beside every Atom feed, with full content, absolute links, and no blank author")
    func feeds() throws {
        // A site with no description and no default author: nothing may come out blank.
        let site = SiteFolder(files: [
            "Content/site.yml": "title: Test News\nbaseURL: https://example.org/news/\n",
            "Content/articles/a.md": article(
                "First", date: "2025-07-31",
                body: "See [the second](/articles/b/), [below](#more) and ![a map](https://example.com/m.png).\n\n## More\n\nText. (Reuters)"),
            "Content/articles/b.md": article("Second", date: "2025-07-30", extra: "author: Ana Ruiz\n"),
        ])
        let run = try SitegenRun.run(["build", "--quiet", "--now", Self.now], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let files = site.snapshot("Public")
        for base in ["", "topics/nasa/", "sources/reuters/"] {
            for name in ["feed.xml", "rss.xml", "feed.json"] { #expect(files[base + name] != nil, "\(base + name)") }
        }
        let rss = read(site, "rss.xml")
        let channel = try #require(try XMLDocument(data: Data(rss.utf8)).rootElement()?.elements(forName: "channel").first)
        #expect(channel.elements(forName: "description").first?.stringValue == "Test News", "the site's title stands in for its description")
        let items = channel.elements(forName: "item")
        #expect(items.compactMap { $0.elements(forName: "link").first?.stringValue } == [
            "https://example.org/news/articles/a/", "https://example.org/news/articles/b/",
        ])
        #expect(items.compactMap { $0.elements(forName: "pubDate").first?.stringValue }.first == "Thu, 31 Jul 2025 00:00:00 +0000")
        let encoded = items.first?.elements(forName: "content:encoded").first?.stringValue ?? ""
        #expect(encoded.contains("href=\"https://example.org/news/articles/b/\"") && encoded.contains("href=\"https://example.org/news/articles/a/#more\""))
        #expect(!rss.contains("<dc:creator></dc:creator>") && rss.contains("<dc:creator>Ana Ruiz</dc:creator>"))
        #expect(rss.components(separatedBy: "<category>NASA</category>").count == 3)

        let atom = read(site, "feed.xml")
        #expect(!atom.contains("<name></name>"), "no blank author name")
        #expect(atom.contains("<name>Test News</name>") && atom.contains("<name>Ana Ruiz</name>"))
        #expect(atom.contains("href=&quot;https://example.org/news/articles/b/&quot;"))

        let json = try #require(try JSONSerialization.jsonObject(with: files["feed.json"]!) as? [String: Any])
        #expect(json["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(json["title"] as? String == "Test News")
        #expect(json["home_page_url"] as? String == "https://example.org/news/")
        #expect(json["feed_url"] as? String == "https://example.org/news/feed.json")
        let entries = try #require(json["items"] as? [[String: Any]])
        #expect(entries.compactMap { $0["id"] as? String } == ["https://example.org/news/articles/a/", "https://example.org/news/articles/b/"])
        #expect((entries[0]["content_html"] as? String)?.contains("href=\"https://example.org/news/articles/b/\"") == true)
        #expect(entries[0]["authors"] == nil && (entries[1]["authors"] as? [[String: String]]) == [["name": "Ana Ruiz", "url": "https://example.org/news/authors/ana-ruiz/"]])
        #expect(entries[0]["tags"] as? [String] == ["NASA", "Crew‑11"])
        #expect(entries[0]["date_published"] as? String == "2025-07-31T00:00:00Z")

        // Every page links its feeds in each format, a term page its own first; no tag has an empty content.
        let term = read(site, "topics/nasa/index.html")
        let alternates = term.matches(of: /<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">/).map { "\($0.output.1) \($0.output.2)" }
        #expect(alternates == [
            "application/atom+xml /news/topics/nasa/feed.xml", "application/rss+xml /news/topics/nasa/rss.xml",
            "application/feed+json /news/topics/nasa/feed.json",
            "application/atom+xml /news/feed.xml", "application/rss+xml /news/rss.xml", "application/feed+json /news/feed.json",
        ])
        for (path, data) in files where path.hasSuffix(".html") {
            #expect(!String(decoding: data, as: UTF8.self).contains("content=\"\""), "\(path) has an empty content attribute")
        }
        let page = read(site, "articles/a/index.html")
        #expect(page.contains("<meta name=\"description\" content=\"See the second, below and .\">")
            || page.contains("<meta name=\"description\" content=\"See the second, below and a map.\">"), "\(page.prefix(900))")
        #expect(page.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        #expect(page.contains("<meta property=\"og:locale\" content=\"en_US\">"))
        #expect(page.contains("<meta property=\"article:section\" content=\"NASA\">"))
        #expect(!page.contains("name=\"author\""), "no author, no author tag")
    }

    @Test("check warns of an article whose structured data lacks an image or an author, or whose headline is too long")
    func checkWarnings() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": "title: Test News\nbaseURL: https://example.org/\n",
            "Content/articles/a.md": "---\ntitle: \(Self.longTitle)\ndate: 2025-07-31\n---\n\nText.\n",
            "Content/articles/b.md": "---\ntitle: Fine\ndate: 2025-07-30\nauthor: Ana Ruiz\nimage: {src: lead.jpg, alt: A photo}\n---\n\nText.\n",
        ])
        site.copyImage("photo-900.jpg", to: "Content/articles/lead.jpg")
        let run = try SitegenRun.run(["check"], in: site.root)
        #expect(run.status == 0, "warnings alone: \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").map(String.init) == [
            "Content/articles/a.md:1:1: warning: this article has no author, so its structured data has none (search engines ask for one): "
                + "add 'author:' to the front-matter, or a site-wide 'author:' to site.yml",
            "Content/articles/a.md:1:1: warning: this article has no image, so its structured data has none (search engines ask for one): "
                + "add 'image:' to the front-matter, or a site-wide 'image:' to site.yml",
            "Content/articles/a.md:2:8: warning: the title is \(Self.longTitle.count) characters long; search engines show at most 110, "
                + "so the structured data's headline is cut to 'After a night of delays the crew of the mission finally reached the station, where the hatch opened to…'",
        ])
        #expect(try SitegenRun.run(["check", "--strict"], in: site.root).status == 1)
    }
}

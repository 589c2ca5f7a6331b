import Foundation
@testable import SitegenTestSupport
import Testing

/// Bylines and author pages through the real binary: `author:` as a name or a list, author files
/// in `Content/authors/`, organisational bylines, `/authors/` and each author's pages and feeds.
@Suite struct AuthorTests {
    static let siteYML = """
        title: Test News
        baseURL: https://example.org/
        author: Test Desk
        perPage: 1
        organizations: [Staff]
        image: {src: /images/site.jpg, alt: The newsroom}

        """

    /// Jane Doe (with an author file and a portrait) wrote two stories, one with Sam Lee (no
    /// file); "Staff" and the site's default author make no author page.
    func site() -> SiteFolder {
        let site = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/one.md":
                "---\ntitle: Docking plan\ndate: 2025-07-30T10:00:00Z\nauthor: [Jane Doe, Sam Lee]\ntopics: [Moon]\n---\nBody one.\n",
            "Content/articles/two.md": "---\ntitle: Crew arrives\ndate: 2025-07-31T10:00:00Z\nauthor: Jane Doe\n---\nBody two.\n",
            "Content/articles/three.md": "---\ntitle: Desk note\ndate: 2025-07-31T11:00:00Z\nauthor: Staff\n---\nBody three.\n",
            "Content/articles/four.md": "---\ntitle: Wire copy\ndate: 2025-07-31T12:00:00Z\n---\nBody four.\n",
            "Content/authors/jane-doe.md": """
                ---
                name: Jane Doe
                title: Science editor
                image: {src: /images/jane.jpg, alt: Jane Doe}
                links: [https://example.social/@jane, {title: Newsletter, url: "https://jane.example/"}]
                ---
                Jane covers *crewed spaceflight* & the station.

                """,
        ])
        site.addSiteImage()
        site.copyImage("photo-900.jpg", to: "Content/images/jane.jpg")
        return site
    }

    func build(_ site: SiteFolder, _ arguments: [String] = [], output: String = "Public") throws -> (SitegenRun, [String: String]) {
        let folder = site.root.appendingPathComponent(output).path
        let run = try SitegenRun.run(["build", "--quiet", "--output", folder, "--now", "2025-08-01T00:00:00Z"] + arguments, in: site.root)
        let files = folderSnapshot(folder).mapValues { String(decoding: $0, as: UTF8.self) }
        return (run, files)
    }

    /// The page's JSON-LD objects.
    func structuredData(_ html: String) throws -> [[String: Any]] {
        let match = try #require(html.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/))
        return try #require(JSONSerialization.jsonObject(with: Data(match.output.1.utf8)) as? [[String: Any]])
    }

    @Test("/authors/ lists each person with their count; an author's page has the file's role, bio, portrait and links, paginated")
    func authorPages() throws {
        let site = site()
        let (run, files) = try build(site)
        #expect(run.status == 0, "\(run.stderr)")
        let index = try #require(files["authors/index.html"])
        #expect(index.contains("<a class=\"author-name\" href=\"/authors/jane-doe/\">Jane Doe</a>"))
        #expect(index.contains("<span class=\"author-role\">Science editor</span>"))
        #expect(index.contains("<a class=\"author-name\" href=\"/authors/sam-lee/\">Sam Lee</a>"), "an author without a file still gets a page")
        #expect(index.contains("<span class=\"author-portrait author-initial\" aria-hidden=\"true\">S</span>"),
                "without a portrait, the initial in its place")
        #expect(index.components(separatedBy: "author-initial").count == 2, "Jane Doe has her portrait, not an initial")
        #expect(index.contains("<span class=\"count\">2 articles</span>") && index.contains("<span class=\"count\">1 article</span>"))
        #expect(files.keys.filter { $0.hasPrefix("authors/") && $0.hasSuffix("/index.html") }.sorted() == [
            "authors/index.html", "authors/jane-doe/index.html", "authors/jane-doe/page/2/index.html", "authors/sam-lee/index.html",
        ], "no page for Staff or the site's default author")

        let jane = try #require(files["authors/jane-doe/index.html"])
        #expect(jane.contains("<h1>Jane Doe</h1>") && jane.contains("<p class=\"author-role\">Science editor</p>"))
        #expect(jane.contains("<p>Jane covers <em>crewed spaceflight</em> &amp; the station.</p>"))
        #expect(jane.contains("<a class=\"external\" href=\"https://example.social/@jane\" rel=\"me external\">example.social</a>"))
        #expect(jane.contains("<a class=\"external\" href=\"https://jane.example/\" rel=\"me external\">Newsletter</a>"))
        #expect(jane.contains("<div class=\"author-portrait\"><picture>"), "the portrait")
        #expect(jane.contains("href=\"/articles/two/\"") && !jane.contains("href=\"/articles/one/\""), "newest first, one a page")
        #expect(files["authors/jane-doe/page/2/index.html"]?.contains("href=\"/articles/one/\"") == true)
        #expect(!(files["authors/jane-doe/page/2/index.html"] ?? "").contains("author-bio"), "the bio is on the first page")
        #expect(jane.contains("<meta name=\"description\" content=\"Jane covers crewed spaceflight &amp; the station.\">"))
        #expect(jane.contains("<meta property=\"og:image\""), "the portrait is the page's preview")

        // A ProfilePage about the Person, and the breadcrumb.
        let data = try structuredData(jane)
        let profile = try #require(data.first { $0["@type"] as? String == "ProfilePage" })
        let person = try #require(profile["mainEntity"] as? [String: Any])
        #expect(person["name"] as? String == "Jane Doe" && person["jobTitle"] as? String == "Science editor")
        #expect(person["url"] as? String == "https://example.org/authors/jane-doe/")
        #expect(person["sameAs"] as? [String] == ["https://example.social/@jane", "https://jane.example/"])
        #expect(data.contains { $0["@type"] as? String == "BreadcrumbList" })

        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://example.org/authors/</loc>") && sitemap.contains("<loc>https://example.org/authors/sam-lee/</loc>"))
    }

    @Test("bylines link the author pages; structured data and article:author carry their URLs; organisations stay plain")
    func bylines() throws {
        let (run, files) = try build(site())
        #expect(run.status == 0, "\(run.stderr)")
        let one = try #require(files["articles/one/index.html"])
        #expect(one.contains("<span>By <a class=\"author\" rel=\"author\" href=\"/authors/jane-doe/\">Jane Doe</a> and "
            + "<a class=\"author\" rel=\"author\" href=\"/authors/sam-lee/\">Sam Lee</a></span>"))
        #expect(one.contains("<meta name=\"author\" content=\"Jane Doe and Sam Lee\">"))
        #expect(one.contains("<meta property=\"article:author\" content=\"https://example.org/authors/jane-doe/\">"))
        #expect(one.contains("<meta property=\"article:author\" content=\"https://example.org/authors/sam-lee/\">"))
        let article = try #require(try structuredData(one).first { $0["@type"] as? String == "NewsArticle" })
        let authors = try #require(article["author"] as? [[String: String]])
        #expect(authors == [
            ["@type": "Person", "name": "Jane Doe", "url": "https://example.org/authors/jane-doe/"],
            ["@type": "Person", "name": "Sam Lee", "url": "https://example.org/authors/sam-lee/"],
        ])

        let three = try #require(files["articles/three/index.html"])
        #expect(three.contains("<span>By <span class=\"author\">Staff</span></span>") && !three.contains("article:author"))
        let staff = try #require(try structuredData(three).first { $0["@type"] as? String == "NewsArticle" })
        #expect(staff["author"] as? [[String: String]] == [["@type": "Organization", "name": "Staff", "url": "https://example.org/"]])
        let four = try #require(files["articles/four/index.html"])
        #expect(four.contains("<span>By <span class=\"author\">Test Desk</span></span>"), "the default byline")
    }

    @Test("each author has Atom, RSS and JSON feeds of their articles; feed entries name every author with their page")
    func feeds() throws {
        let (run, files) = try build(site())
        #expect(run.status == 0, "\(run.stderr)")
        let atom = try #require(files["authors/jane-doe/feed.xml"])
        #expect(atom.contains("<title>Crew arrives</title>") && atom.contains("<title>Docking plan</title>"))
        #expect(!atom.contains("Desk note") && !atom.contains("Wire copy"))
        #expect(files["authors/sam-lee/rss.xml"]?.contains("<title>Docking plan</title>") == true)
        #expect(files["authors/sam-lee/rss.xml"]?.contains("Crew arrives") == false)
        let site = try #require(files["feed.xml"])
        #expect(site.contains("<name>Jane Doe</name>\n      <uri>https://example.org/authors/jane-doe/</uri>"))
        #expect(site.contains("<name>Sam Lee</name>\n      <uri>https://example.org/authors/sam-lee/</uri>"))
        let json = try #require(files["authors/jane-doe/feed.json"])
        let feed = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.map { $0["title"] as? String } == ["Crew arrives", "Docking plan"])
        #expect(items[1]["authors"] as? [[String: String]] == [
            ["name": "Jane Doe", "url": "https://example.org/authors/jane-doe/"],
            ["name": "Sam Lee", "url": "https://example.org/authors/sam-lee/"],
        ])
        let page = try #require(files["authors/jane-doe/index.html"])
        #expect(page.contains("<link rel=\"alternate\" type=\"application/feed+json\" title=\"Jane Doe — Test News\" href=\"/authors/jane-doe/feed.json\">"))
    }

    @Test("two spellings that slug alike are one author, with a warning at the later spelling, in build and check")
    func spellings() throws {
        let site = site()
        site.write("Content/articles/five.md", "---\ntitle: Late shift\ndate: 2025-07-31T13:00:00Z\nauthor: [Sam Lee, jane  doe]\n---\nText.\n")
        site.write("Content/articles/six.md", "---\ntitle: Early shift\ndate: 2025-07-29T13:00:00Z\nauthor: SAM LEE\n---\nText.\n")
        let (run, files) = try build(site)
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("one author") }.map(String.init)
        #expect(warnings == [
            "Content/articles/five.md:4:19: warning: the byline 'jane  doe' and 'Jane Doe' are one author, at /authors/jane-doe/; "
                + "every page shows 'Jane Doe' (its author file, Content/authors/jane-doe.md, says 'Jane Doe'): spell the byline one way",
            "Content/articles/six.md:4:9: warning: the byline 'SAM LEE' and 'Sam Lee' are one author, at /authors/sam-lee/; "
                + "every page shows 'Sam Lee': spell the byline one way",
        ], "\(run.stderr)")
        #expect(files["authors/index.html"]?.contains("<span class=\"count\">3 articles</span>") == true, "one page each, all counted")
        #expect(files["articles/five/index.html"]?.contains(">Jane Doe</a></span>") == true, "the byline shows the file's name")
        let check = try SitegenRun.run(["check", "--now", "2025-08-01T00:00:00Z"], in: site.root)
        #expect(check.stderr.contains("Content/articles/six.md:4:9: warning: the byline 'SAM LEE'"), "\(check.stderr)")
    }

    @Test("an author whose only story is scheduled has no page until it publishes; an author file alone makes one")
    func scheduled() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": "title: Test News\nbaseURL: https://example.org/\n",
            "Content/articles/live.md": "---\ntitle: Live\ndate: 2025-07-31T10:00:00Z\n---\nText.\n",
            "Content/articles/soon.md": "---\ntitle: Soon\ndate: 2025-08-02T06:00:00Z\nauthor: Ada Park\n---\nText.\n",
        ])
        let (early, before) = try build(site)
        #expect(early.status == 0, "\(early.stderr)")
        #expect(before.keys.filter { $0.hasPrefix("authors/") } == [], "no author index while no byline is published")
        #expect(!(before["index.html"] ?? "").contains("/authors/"))
        let (_, after) = try build(site, ["--now", "2025-08-02T06:00:00Z"], output: "after")
        #expect(after["authors/ada-park/index.html"]?.contains("href=\"/articles/soon/\"") == true)
        #expect(after["index.html"]?.contains("<a href=\"/authors/\">Authors</a>") == true, "linked from the navigation")

        site.write("Content/authors/new-hire.md", "---\nname: New Hire\ntitle: Reporter\n---\nJoined this week.\n")
        let (_, hired) = try build(site, output: "hired")
        #expect(hired["authors/new-hire/index.html"]?.contains("<p class=\"empty\">No articles yet.</p>") == true)
        #expect(hired["authors/ada-park/index.html"] == nil)
    }

    @Test("/authors/ joins the collision rule: a taxonomy or a page that would take it is an error naming both")
    func collisions() throws {
        let taxonomy = SiteFolder(files: [
            "Content/site.yml": "title: T\nbaseURL: https://example.org/\ntaxonomies: [topics, authors]\n",
            "Content/articles/a.md": "---\ntitle: A\ndate: 2025-07-31\n---\nText.\n",
        ])
        let run = try SitegenRun.run(["build", "--quiet"], in: taxonomy.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Content/site.yml:3:22: error: a taxonomy named 'authors' would take /authors/, "
            + "which sitegen's author pages use: give the taxonomy another name"), "\(run.stderr)")

        let page = SiteFolder(files: [
            "Content/site.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/articles/a.md": "---\ntitle: A\ndate: 2025-07-31\nauthor: Jane Doe\n---\nText.\n",
            "Content/pages/authors.md": "---\ntitle: Our people\n---\nText.\n",
        ])
        let pageRun = try SitegenRun.run(["build", "--quiet"], in: page.root)
        #expect(pageRun.status == 1)
        #expect(pageRun.stderr.contains("Content/pages/authors.md:1:1: error: the page 'Our people' would be written to /authors/, "
            + "which sitegen's index of authors already uses: give it another slug or alias"), "\(pageRun.stderr)")
    }

    @Test("bad bylines and author files are errors at their positions")
    func badInput() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/articles/a.md": "---\ntitle: A\ndate: 2025-07-31\nauthor: {name: Jane}\n---\nText.\n",
            "Content/articles/b.md": "---\ntitle: B\ndate: 2025-07-31\nauthor: Jane\nauthors: [Sam]\n---\nText.\n",
            "Content/articles/c.md": "---\ntitle: C\ndate: 2025-07-31\nauthors: [Jane, [Sam]]\n---\nText.\n",
            "Content/authors/jane.md": "---\ntitle: Editor\nlinks: [{url: }]\n---\nBio.\n",
        ])
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("Content/articles/a.md:4:9: error: 'author' must be a name or a list of names, like [Jane Doe, Sam Lee], not a map"), "\(run.stderr)")
        #expect(lines.contains("Content/articles/b.md:5:1: error: 'authors' and 'author' both give the byline: keep one (either takes a name or a list of names)"))
        #expect(lines.contains("Content/articles/c.md:4:17: error: each of 'authors' must be a name, not a list"))
        #expect(lines.contains("Content/authors/jane.md:1:1: error: missing required key 'name': an author file needs the name its bylines use, e.g. 'name: Jane Doe'"))
        #expect(lines.contains { $0.hasPrefix("Content/authors/jane.md:3:9: error: a link needs a 'url'") }, "\(run.stderr)")
    }

    @Test("with the build cache, editing an author file or a byline gives what a cold build gives")
    func cache() throws {
        let site = site()
        #expect(try build(site).0.status == 0)
        // The author file spells the name as the newsroom wants it shown; bylines fold into it.
        site.write("Content/authors/jane-doe.md", "---\nname: Jane DOE\ntitle: Space editor\n---\nNew bio.\n")
        site.write("Content/articles/two.md", "---\ntitle: Crew arrives\ndate: 2025-07-31T10:00:00Z\nauthor: [Jane Doe, Ola Berg]\n---\nBody two.\n")
        let (cached, files) = try build(site)
        #expect(cached.status == 0, "\(cached.stderr)")
        let (cold, coldFiles) = try build(site, ["--no-cache"], output: "cold")
        #expect(cold.status == 0)
        #expect(files == coldFiles)
        #expect(files["authors/jane-doe/index.html"]?.contains("<h1>Jane DOE</h1>") == true)
        #expect(files["authors/jane-doe/index.html"]?.contains("New bio.") == true)
        #expect(files["articles/one/index.html"]?.contains(">Jane DOE</a> and ") == true, "every byline shows the author file's spelling")
        #expect(files["authors/ola-berg/index.html"] != nil)
    }
}

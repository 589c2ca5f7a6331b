import Foundation
@testable import SitegenTestSupport
import Testing

/// The date archive through the real binary: `/archive/`, each year and each month, in the
/// site's time zone, on a fixed clock.
@Suite struct ArchiveTests {
    /// New York time; two articles a page.
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\ntimezone: America/New_York\nperPage: 2\n"

    /// Each story's date, chosen at a month or year edge where New York and UTC disagree.
    static let stories: [(slug: String, date: String)] = [
        ("new-year-eve-2025", "2026-01-01T00:30:00Z"),      // 19:30 on Dec 31, 2025 in New York
        ("august-morning", "2025-08-01T09:00:00-04:00"),
        ("july-last-night", "2025-07-31T23:30:00-04:00"),   // August 1 in UTC, July in New York
        ("mid-july", "2025-07-15"),
        ("july-first", "2025-07-01T00:30:00-04:00"),
        ("new-year-eve-2024", "2024-12-31T23:00:00-05:00"), // January 1, 2025 in UTC
    ]

    func site() -> SiteFolder {
        var files = ["Content/site.yml": Self.siteYML]
        for story in Self.stories {
            files["Content/articles/\(story.slug).md"] = "---\ntitle: Story \(story.slug)\ndate: \(story.date)\n---\nText.\n"
        }
        // Scheduled after the clock: in no archive until it publishes.
        files["Content/articles/later.md"] = "---\ntitle: Story later\ndate: 2026-03-02T12:00:00Z\n---\nNot yet.\n"
        return SiteFolder(files: files)
    }

    func build(_ site: SiteFolder, _ arguments: [String] = [], now: String = "2026-02-01T00:00:00Z", output: String = "Public") throws
        -> (SitegenRun, [String: String])
    {
        let folder = site.root.appendingPathComponent(output).path
        let run = try SitegenRun.run(["build", "--quiet", "--output", folder, "--now", now] + arguments, in: site.root)
        let files = folderSnapshot(folder).mapValues { String(decoding: $0, as: UTF8.self) }
        return (run, files)
    }

    /// The article slugs a list page links, in order.
    func listed(_ html: String?) -> [String] {
        (html ?? "").matches(of: /<h2 class="card-title"><a href="\/articles\/([a-z0-9-]+)\/">/).map { String($0.output.1) }
    }

    @Test("years and months follow the site's time zone at month and year edges; each month lists its articles newest first, paginated")
    func monthsInTheSiteTimeZone() throws {
        let (run, files) = try build(site())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(files.keys.filter { $0.hasPrefix("archive/") }.sorted() == [
            "archive/2024/12/index.html", "archive/2024/index.html",
            "archive/2025/07/index.html", "archive/2025/07/page/2/index.html", "archive/2025/08/index.html",
            "archive/2025/12/index.html", "archive/2025/index.html", "archive/index.html",
        ])
        #expect(listed(files["archive/2025/07/index.html"]) == ["july-last-night", "mid-july"])
        #expect(listed(files["archive/2025/07/page/2/index.html"]) == ["july-first"])
        #expect(listed(files["archive/2025/12/index.html"]) == ["new-year-eve-2025"], "19:30 on Dec 31 in New York")
        #expect(listed(files["archive/2024/12/index.html"]) == ["new-year-eve-2024"])
        #expect(listed(files["archive/2025/08/index.html"]) == ["august-morning"])

        // The index: each year with its count and months; a year: its months with counts.
        let index = try #require(files["archive/index.html"])
        #expect(index.contains("<h2 id=\"year-2025\"><a href=\"/archive/2025/\">2025</a> <span class=\"count\">5</span></h2>"))
        #expect(index.contains("<li><a href=\"/archive/2025/07/\">July</a> <span class=\"count\">3</span></li>"))
        #expect(index.contains("<h2 id=\"year-2024\"><a href=\"/archive/2024/\">2024</a> <span class=\"count\">1</span></h2>"))
        #expect(index.firstRange(of: "year-2025")!.lowerBound < index.firstRange(of: "year-2024")!.lowerBound, "newest year first")
        let year = try #require(files["archive/2025/index.html"])
        let months = year.matches(of: /<li><a href="\/archive\/2025\/(\d\d)\/">([A-Za-z]+ 2025)<\/a> <span class="count">(\d+) articles?<\/span><\/li>/)
        #expect(months.map { "\($0.output.1) \($0.output.2) \($0.output.3)" } == ["12 December 2025 1", "08 August 2025 1", "07 July 2025 3"])
        #expect(year.contains("<a class=\"older\" href=\"/archive/2024/\">← 2024</a>"))
        #expect(files["archive/2025/08/index.html"]?.contains("<a class=\"newer\" href=\"/archive/2025/12/\">December 2025 →</a>") == true)
    }

    @Test("the archive's counts equal the articles: every published article is in exactly one month, the scheduled one in none")
    func countsEqualTheArticles() throws {
        let (_, files) = try build(site())
        let monthPages = files.keys.filter { $0.wholeMatch(of: /archive\/\d{4}\/\d\d\/(page\/\d+\/)?index\.html/) != nil }
        let listedEverywhere = monthPages.flatMap { listed(files[$0]) }.sorted()
        #expect(listedEverywhere == Self.stories.map(\.slug).sorted())
        let counts = try #require(files["archive/index.html"]).matches(of: /<h2 id="year-\d+">.*?<span class="count">(\d+)<\/span>/)
        #expect(counts.map { Int($0.output.1)! }.reduce(0, +) == Self.stories.count)
        #expect(!files.values.contains { $0.contains("articles/later/") })

        // At its minute it joins March 2026; with the cache, equal to a cold build.
        let site = site()
        #expect(try build(site).0.status == 0)
        let (_, cached) = try build(site, now: "2026-03-02T12:00:00Z")
        let (_, cold) = try build(site, ["--no-cache"], now: "2026-03-02T12:00:00Z", output: "cold")
        #expect(cached == cold)
        #expect(listed(cached["archive/2026/03/index.html"]) == ["later"])
    }

    @Test("an article's date links its month; the footer links the archive; the sitemap lists every archive page")
    func linkedFromArticlesAndTheFooter() throws {
        let (_, files) = try build(site())
        let article = try #require(files["articles/july-last-night/index.html"])
        #expect(article.contains("<a class=\"date-link\" href=\"/archive/2025/07/\"><time datetime=\"2025-07-31T23:30:00-04:00\">"))
        #expect(files["index.html"]?.contains("<li><a href=\"/archive/\">Archive</a></li>") == true)
        let sitemap = try #require(files["sitemap.xml"])
        for path in ["archive/", "archive/2025/", "archive/2025/07/", "archive/2025/07/page/2/"] {
            #expect(sitemap.contains("<loc>https://example.org/\(path)</loc>"), "\(path)")
        }
    }

    @Test("a site with no articles has no archive and no link to one")
    func noArticlesNoArchive() throws {
        let site = SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/pages/about.md": "---\ntitle: About\n---\nUs.\n"])
        let (run, files) = try build(site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(files.keys.filter { $0.hasPrefix("archive/") } == [])
        #expect(!(files["about/index.html"] ?? "").contains("/archive/"))
    }

    @Test("/archive/ joins the collision rule: a page, a taxonomy or an alias that would take it is an error naming both")
    func collisions() throws {
        let page = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/a.md": "---\ntitle: A\ndate: 2025-07-15\naliases: [/archive/2025/07/]\n---\nText.\n",
            "Content/pages/archive.md": "---\ntitle: Old archive\n---\nUs.\n",
        ])
        let (run, files) = try build(page)
        #expect(run.status == 1 && files.isEmpty)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains(
            "Content/pages/archive.md:1:1: error: the page 'Old archive' would be written to /archive/, which sitegen's date archive already uses: give it another slug or alias"),
            "\(run.stderr)")
        #expect(lines.contains(
            "Content/articles/a.md:4:10: error: the alias /archive/2025/07/ would be written to /archive/2025/07/, which sitegen's archive of July 2025 already uses: give it another slug or alias"),
            "\(run.stderr)")
        let taxonomy = SiteFolder(files: ["Content/site.yml": Self.siteYML + "taxonomies: [topics, archive]\n"])
        let bad = try build(taxonomy).0
        #expect(bad.status == 1 && bad.stderr.contains("archive"), "\(bad.stderr)")
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// Corrections through the real binary: the dated box at the end of an article and in its feed
/// entries, `updated`/`dateModified` moved to the newest correction, `/corrections/`, and
/// `check`'s warning about a correction dated before its article.
@Suite struct CorrectionTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\nauthor: Test Desk\ntimezone: America/New_York\nperPage: 2\n"

    static let dock = """
        ---
        title: Crew docks
        date: 2025-08-01T09:00:00-04:00
        corrections:
          - {date: 2025-08-03, text: "An earlier version gave the wrong crew size."}
          - {date: "2025-08-02T14:30:00-04:00", text: "An earlier version misstated the docking time."}
        ---
        The crew docked.

        """

    func site(extra: [String: String] = [:]) -> SiteFolder {
        var files = [
            "Content/site.yml": Self.siteYML,
            "Content/articles/dock.md": Self.dock,
            "Content/articles/launch.md":
                "---\ntitle: Launch slips\ndate: 2025-07-30\nupdated: 2025-08-05T10:00:00-04:00\ncorrections: [{date: 2025-07-31, text: \"It was <b>Tuesday</b>.\"}]\n---\nIt slipped.\n",
            "Content/articles/plain.md": "---\ntitle: No slip\ndate: 2025-07-20\n---\nAll right.\n",
            "Content/articles/soon.md":
                "---\ntitle: Not yet\ndate: 2025-10-01\ncorrections: [{date: 2025-10-02, text: Scheduled fix.}]\n---\nLater.\n",
        ]
        for (path, text) in extra { files[path] = text }
        return SiteFolder(files: files)
    }

    func build(_ site: SiteFolder, _ arguments: [String] = [], output: String = "Public") throws -> (SitegenRun, [String: String]) {
        let folder = site.root.appendingPathComponent(output).path
        let run = try SitegenRun.run(["build", "--quiet", "--output", folder, "--now", "2025-09-01T00:00:00Z"] + arguments, in: site.root)
        let files = folderSnapshot(folder).mapValues { String(decoding: $0, as: UTF8.self) }
        return (run, files)
    }

    @Test("an article's corrections are a dated box at its end, oldest first, escaped, and in every feed's entry")
    func theBoxAndTheFeeds() throws {
        let (run, files) = try build(site())
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(files["articles/dock/index.html"])
        let box = page.between("<aside class=\"corrections\"", "</aside>")
        let items = box.matches(of: /<li><time datetime="([^"]+)">([^<]+)<\/time>: ([^<]+)<\/li>/).map { "\($0.output.1)|\($0.output.2)|\($0.output.3)" }
        #expect(items == [
            "2025-08-02T14:30:00-04:00|August 2, 2025, 14:30|An earlier version misstated the docking time.",
            "2025-08-03|August 3, 2025|An earlier version gave the wrong crew size.",
        ])
        #expect(page.firstRange(of: "article-body")!.lowerBound < page.firstRange(of: "class=\"corrections\"")!.lowerBound, "after the body")
        #expect(files["articles/launch/index.html"]?.contains("It was &lt;b&gt;Tuesday&lt;/b&gt;.") == true, "plain text, escaped")
        #expect(!(files["articles/plain/index.html"] ?? "").contains("class=\"corrections\""))

        let atom = try #require(files["feed.xml"])
        #expect(atom.contains("&lt;p&gt;&lt;strong&gt;Correction, August 2, 2025, 14:30:&lt;/strong&gt; An earlier version misstated the docking time.&lt;/p&gt;"))
        #expect(files["rss.xml"]?.contains("Correction, August 3, 2025:&lt;/strong&gt; An earlier version gave the wrong crew size.") == true)
        let feedJSON = try #require(files["feed.json"])
        let json = try #require(JSONSerialization.jsonObject(with: Data(feedJSON.utf8)) as? [String: Any])
        let entries = try #require(json["items"] as? [[String: Any]])
        let launch = try #require(entries.first { ($0["id"] as? String)?.hasSuffix("/launch/") == true })
        #expect((launch["content_html"] as? String)?.contains("<strong>Correction, July 31, 2025:</strong> It was &lt;b&gt;Tuesday&lt;/b&gt;.") == true)
    }

    @Test("the feeds' box is the theme's partials/corrections.html; a site theme without one falls back to the built-in one")
    func theFeedsBoxIsTheThemes() throws {
        let own = site(extra: [
            "Templates/partials/corrections.html":
                "{%- if in_feed | default(false) %}<p class=\"fixed\">{{ article.corrections | length }} fixed</p>{% endif -%}",
        ])
        let (run, files) = try build(own)
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(files["feed.xml"]?.contains("&lt;p&gt;The crew docked.&lt;/p&gt;\n&lt;p class=&quot;fixed&quot;&gt;2 fixed&lt;/p&gt;</content>") == true)
        #expect(files["rss.xml"]?.contains("1 fixed") == true && files["feed.json"]?.contains("2 fixed") == true)
        #expect(files["articles/dock/index.html"]?.contains("fixed") == false, "the page's include renders nothing but in a feed")

        // A theme of the site's own without the partial gets the built-in one, file by file.
        let without = site(extra: ["Templates/article.html": "{% extends \"base.html\" %}{% block content %}{{ article.content }}{% endblock %}"])
        try FileManager.default.removeItem(at: without.root.appendingPathComponent("Templates/partials/corrections.html"))
        let (fallback, plain) = try build(without)
        #expect(fallback.status == 0 && fallback.stderr.isEmpty, "\(fallback.stderr)")
        #expect(plain["feed.xml"]?.contains("The crew docked.") == true && plain["feed.xml"]?.contains("Correction, ") == true)
    }

    @Test("updated and dateModified become the newest correction when it is later, and only then")
    func updatedFollowsTheNewestCorrection() throws {
        let (_, files) = try build(site())
        let dock = try #require(files["articles/dock/index.html"])
        #expect(dock.contains("\"dateModified\":\"2025-08-03T00:00:00-04:00\""))
        let json = try #require(dock.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/)?.output.1)
        let objects = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let corrections = try #require(objects.first?["correction"] as? [[String: String]])
        #expect(corrections == [
            ["@type": "CorrectionComment", "text": "An earlier version misstated the docking time.", "datePublished": "2025-08-02T14:30:00-04:00"],
            ["@type": "CorrectionComment", "text": "An earlier version gave the wrong crew size.", "datePublished": "2025-08-03T00:00:00-04:00"],
        ], "schema.org's correction, oldest first")
        #expect(dock.contains("<meta property=\"article:modified_time\" content=\"2025-08-03T00:00:00-04:00\">"))
        #expect(dock.contains("Updated <time datetime=\"2025-08-03\">August 3, 2025</time>"))
        // launch.md's `updated:` (August 5) is later than its correction (July 31): it stays.
        #expect(files["articles/launch/index.html"]?.contains("\"dateModified\":\"2025-08-05T10:00:00-04:00\"") == true)
        let atom = try #require(files["feed.xml"])
        #expect(atom.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/articles/dock/\"/>\n    <id>https://example.org/articles/dock/</id>\n    <published>2025-08-01T09:00:00-04:00</published>\n    <updated>2025-08-03T00:00:00-04:00</updated>"))
    }

    @Test("/corrections/ lists every correction newest first with its article, paginated; the footer links it")
    func theCorrectionsPage() throws {
        let (_, files) = try build(site())
        func listed(_ path: String) -> [String] {
            (files[path] ?? "").matches(of: /<time datetime="([^"]+)">[^<]*<\/time><\/p>\s*<h2 class="correction-title"><a href="\/articles\/([a-z]+)\/">/)
                .map { "\($0.output.1) \($0.output.2)" }
        }
        #expect(listed("corrections/index.html") == ["2025-08-03 dock", "2025-08-02T14:30:00-04:00 dock"])
        #expect(listed("corrections/page/2/index.html") == ["2025-07-31 launch"])
        #expect(files.keys.filter { $0.hasPrefix("corrections/") }.count == 2, "the scheduled article's correction is not published")
        #expect(files["index.html"]?.contains("<li><a href=\"/corrections/\">Corrections</a></li>") == true)
        #expect(files["sitemap.xml"]?.contains("<loc>https://example.org/corrections/</loc>") == true)

        // A site without corrections has no such page, and no link to one.
        let none = SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/articles/plain.md": "---\ntitle: A\ndate: 2025-07-20\n---\nB.\n"])
        let (_, clean) = try build(none)
        #expect(clean["corrections/index.html"] == nil && !(clean["index.html"] ?? "").contains("/corrections/"))
    }

    @Test("a correction added with the build cache equals a cold build")
    func cachedEqualsCold() throws {
        let site = site()
        #expect(try build(site).0.status == 0)
        site.write("Content/articles/plain.md", "---\ntitle: No slip\ndate: 2025-07-20\ncorrections: [{date: 2025-08-04, text: Now one.}]\n---\nAll right.\n")
        let (_, cached) = try build(site)
        let (_, cold) = try build(site, ["--no-cache"], output: "cold")
        #expect(cached == cold)
        #expect(cached["corrections/index.html"]?.contains("/articles/plain/") == true)
        // Only its text changes: the lists read it again.
        site.write("Content/articles/plain.md", "---\ntitle: No slip\ndate: 2025-07-20\ncorrections: [{date: 2025-08-04, text: Reworded.}]\n---\nAll right.\n")
        let (_, reworded) = try build(site)
        let (_, cold2) = try build(site, ["--no-cache"], output: "cold2")
        #expect(reworded == cold2 && reworded["corrections/index.html"]?.contains("Reworded.") == true)
    }

    @Test("check warns of a correction dated before its article, at the correction; one on the article's own day is fine")
    func checkWarnsOfAnEarlyCorrection() throws {
        let site = site(extra: [
            "Content/articles/early.md":
                "---\ntitle: Early\ndate: 2025-07-10T12:00:00-04:00\ncorrections:\n  - {date: 2025-07-10, text: Same day.}\n  - {date: 2025-07-09, text: Too early.}\n---\nText.\n",
        ])
        let check = try SitegenRun.run(["check", "--now", "2025-09-01T00:00:00Z"], in: site.root)
        let warnings = check.stderr.split(separator: "\n").filter { $0.contains("correction") }
        #expect(warnings == [
            "Content/articles/early.md:6:5: warning: this correction is dated 2025-07-09, before the article it corrects (2025-07-10T12:00:00-04:00): is the date right?",
        ], "\(check.stderr)")
    }

    @Test("a malformed correction is an error at its line, every one listed, and Public/ is left alone")
    func malformedCorrections() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/a.md": "---\ntitle: A\ndate: 2025-07-20\ncorrections: An earlier version was wrong.\n---\nB.\n",
            "Content/articles/b.md": "---\ntitle: B\ndate: 2025-07-20\ncorrections:\n  - {date: 2025-07-21, txt: Wrong.}\n  - {text: No date.}\n---\nB.\n",
        ])
        let (run, files) = try build(site)
        #expect(run.status == 1 && files.isEmpty)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.dropLast() == [
            "Content/articles/a.md:4:14: error: 'corrections' must be a list of {date, text}, like [{date: 2025-08-02, text: \"An earlier version misstated the time.\"}], not a string",
            "Content/articles/b.md:5:5: error: a correction needs its 'text:', what was wrong and what is right",
            "Content/articles/b.md:5:24: error: unknown key 'txt' in 'corrections': did you mean 'text'? (the keys are date, text)",
            "Content/articles/b.md:6:5: error: a correction needs its 'date:', the day it was published",
        ], "\(run.stderr)")
        #expect(lines.last?.hasPrefix("sitegen: error: build failed with 4 errors; ") == true && lines.last?.hasSuffix("Public was left as it was") == true)
    }

    @Test("/corrections/ joins the collision rule: a page that would take it is an error naming both")
    func collision() throws {
        let site = site(extra: ["Content/pages/corrections.md": "---\ntitle: Our corrections policy\n---\nWe correct.\n"])
        let (run, _) = try build(site)
        #expect(run.status == 1)
        #expect(run.stderr.contains(
            "Content/pages/corrections.md:1:1: error: the page 'Our corrections policy' would be written to /corrections/, which sitegen's list of corrections already uses: give it another slug or alias"),
            "\(run.stderr)")
    }
}

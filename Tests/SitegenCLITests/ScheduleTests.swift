import Foundation
@testable import SitegenTestSupport
import Testing

/// Scheduled and expiring articles through the real binary, on a fixed clock (`--now`).
@Suite struct ScheduleTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\nauthor: Test Desk\n"

    /// A live story, one scheduled for 06:00 on August 1 (UTC), one that expired at noon on July 31.
    func site() -> SiteFolder {
        SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/live.md": "---\ntitle: Live story\ndate: 2025-07-31T10:00:00Z\ntopics: [Moon]\n---\nThe live one.\n",
            "Content/articles/soon.md": "---\ntitle: Dawn launch\ndate: 2025-08-01T08:00:00+02:00\ntopics: [Moon]\n---\nNot yet.\n",
            "Content/articles/gone.md":
                "---\ntitle: Live blog\ndate: 2025-07-30T09:00:00Z\nexpires: 2025-07-31T12:00:00Z\ntopics: [Moon]\n---\nOver.\n",
        ])
    }

    func build(_ site: SiteFolder, _ arguments: [String], output: String = "Public") throws -> (SitegenRun, [String: String]) {
        let folder = site.root.appendingPathComponent(output).path
        let run = try SitegenRun.run(["build", "--output", folder] + arguments, in: site.root)
        let files = folderSnapshot(folder).mapValues { String(decoding: $0, as: UTF8.self) }
        return (run, files)
    }

    /// Every file of a build that names a slug or a title.
    func mentions(_ files: [String: String], _ needles: [String]) -> [String] {
        files.filter { path, text in needles.contains { path.contains($0) || text.contains($0) } }.keys.sorted()
    }

    @Test("an article dated after --now is absent everywhere, and appears at its minute; an expired one the same")
    func scheduledAndExpired() throws {
        let site = site()
        let (before, early) = try build(site, ["--quiet", "--now", "2025-07-31T23:00:00Z"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(mentions(early, ["Dawn launch", "articles/soon", "Live blog", "articles/gone"]) == [], "no page, list, feed or sitemap")
        #expect(early["articles/live/index.html"] != nil && early["topics/moon/rss.xml"]?.contains("Live story") == true)

        // At 06:00 UTC (08:00 in +02:00) it is published: its page, the lists, the feeds, both sitemaps.
        let (at, published) = try build(site, ["--quiet", "--now", "2025-08-01T06:00:00Z"], output: "at")
        #expect(at.status == 0, "\(at.stderr)")
        #expect(published["articles/soon/index.html"]?.contains("Dawn launch") == true)
        #expect(!(published["articles/soon/index.html"] ?? "").contains("scheduled-badge"), "a published article has no badge")
        for path in ["index.html", "topics/moon/index.html", "feed.xml", "rss.xml", "feed.json", "topics/moon/feed.json",
                     "sitemap.xml", "news-sitemap.xml", "archive/2025/08/index.html"] {
            #expect(published[path]?.contains("articles/soon/") == true, "\(path) lists it")
        }
        #expect(mentions(published, ["Live blog", "articles/gone"]) == [], "the expired one stays gone")

        // Before its expiry, the live blog is there.
        let (_, earlier) = try build(site, ["--quiet", "--now", "2025-07-31T11:59:59Z"], output: "earlier")
        #expect(earlier["articles/gone/index.html"] != nil && earlier["feed.xml"]?.contains("Live blog") == true)
    }

    @Test("the report names the next change, and --print-next-change prints only its timestamp, or nothing")
    func nextChange() throws {
        let site = site()
        let (run, _) = try build(site, ["--now", "2025-07-31T11:00:00Z"])
        #expect(run.stdout.contains("Next change: 2025-07-31T12:00:00Z (Content/articles/gone.md expires)\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Scheduled (not yet published) | 1"))
        let cases = [
            ("2025-07-31T11:00:00Z", "2025-07-31T12:00:00Z\n"),  // the live blog expires
            ("2025-07-31T12:00:00Z", "2025-08-01T06:00:00Z\n"),  // then the dawn launch publishes
            ("2025-08-01T06:00:00Z", "2025-08-02T10:00:00Z\n"),  // then the live story leaves the news sitemap
            ("2025-08-03T06:00:01Z", ""),  // nothing is left to happen
        ]
        for (now, expected) in cases {
            let (printed, files) = try build(site, ["--print-next-change", "--now", now], output: "p\(now.prefix(13))")
            #expect(printed.status == 0 && printed.stdout == expected, "at \(now): \(printed.stdout)")
            #expect(files["index.html"] != nil, "it builds as usual")
        }
        let (none, _) = try build(site, ["--now", "2025-08-03T06:00:01Z"], output: "none")
        #expect(none.stdout.contains("Next change: none"))
    }

    @Test("--future builds a scheduled article with a visible badge, in every list")
    func future() throws {
        let site = site()
        let (run, files) = try build(site, ["--quiet", "--future", "--now", "2025-07-31T23:00:00Z"])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(files["articles/soon/index.html"])
        #expect(page.contains("<p class=\"scheduled-badge\" role=\"note\"><strong>Scheduled</strong> for August 1, 2025, 06:00"))
        #expect(files["index.html"]?.contains("Dawn launch") == true)
        #expect(!(files["articles/live/index.html"] ?? "").contains("scheduled-badge"))
        #expect(files["articles/gone/index.html"] == nil, "--future does not bring back an expired article")
    }

    @Test("with the build cache, a build after the clock passes a scheduled date equals a cold build")
    func cacheAfterPublication() throws {
        let site = site()
        #expect(try build(site, ["--quiet", "--now", "2025-07-31T23:00:00Z"]).0.status == 0)
        let (cached, files) = try build(site, ["--quiet", "--now", "2025-08-01T06:30:00Z"])
        #expect(cached.status == 0)
        let (cold, coldFiles) = try build(site, ["--quiet", "--no-cache", "--now", "2025-08-01T06:30:00Z"], output: "cold")
        #expect(cold.status == 0)
        #expect(files == coldFiles)
        #expect(files["articles/soon/index.html"] != nil)
        // The same clock twice: byte-identical.
        let (_, again) = try build(site, ["--quiet", "--no-cache", "--now", "2025-08-01T06:30:00Z"], output: "again")
        #expect(again == coldFiles)
    }

    @Test("expires: is a date, and a slip of it gets its name")
    func expiresKey() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/a.md": "---\ntitle: A\ndate: 2025-07-31\nexpires: soon\n---\nText.\n",
            "Content/articles/b.md": "---\ntitle: B\ndate: 2025-07-31\nexpire: 2025-08-02\n---\nText.\n",
        ])
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Content/articles/a.md:4:10: error: "), "\(run.stderr)")
        #expect(run.stderr.contains("Content/articles/b.md:4:1: error: ") && run.stderr.contains("'expires'"), "\(run.stderr)")
    }

    @Test("check: a live link to a scheduled or expired article is an error saying why; an article a year ahead")
    func checkSlips() throws {
        let site = site()
        site.write("Content/articles/live.md",
                   "---\ntitle: Live story\ndate: 2025-07-31T10:00:00Z\ntopics: [Moon]\n---\nSee [the launch](/articles/soon/) and [the blog](/articles/gone/).\n")
        site.write("Content/articles/far.md", "---\ntitle: Far\ndate: 2027-07-31\n---\nText.\n")
        let run = try SitegenRun.run(["check", "--now", "2025-07-31T23:00:00Z"], in: site.root)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init).filter { !SiteFolder.isStructuredDataWarning($0) }
        #expect(lines == [
            "Content/articles/far.md:3:7: warning: this article is scheduled more than a year ahead (2027-07-31T00:00:00Z): is the year right?",
            "Content/articles/live.md:6:5: error: link to '/articles/soon/' leads to an article that is not published: "
                + "Content/articles/soon.md is scheduled for 2025-08-01T06:00:00Z, so the link is a 404 on the live site",
            "Content/articles/live.md:6:39: error: link to '/articles/gone/' leads to an article that is not published: "
                + "Content/articles/gone.md expired at 2025-07-31T12:00:00Z, so the link is a 404 on the live site",
        ] + [lines.last ?? ""])
        #expect(lines.last?.hasPrefix("sitegen: error: checked ") == true)
        // The build warns of the same links at the same places.
        let build = try SitegenRun.run(["build", "--quiet", "--now", "2025-07-31T23:00:00Z"], in: site.root)
        #expect(build.stderr.contains("Content/articles/live.md:6:5: warning: link to '/articles/soon/' leads to an article that is not published"))
    }

    @Test("an expiry before the date stops build, build --strict and check alike, in the same words, Public/ kept")
    func expiryBeforeDate() throws {
        let site = site()
        _ = try SitegenRun.run(["build", "--quiet", "--now", "2025-07-31T23:00:00Z"], in: site.root)
        let before = site.snapshot("Public")
        site.write("Content/articles/never.md", "---\ntitle: Never\ndate: 2025-07-31\nexpires: 2025-07-30\n---\nText.\n")
        let error = "Content/articles/never.md:4:10: error: this article expires (2025-07-30T00:00:00Z) before it is published "
            + "(2025-07-31T00:00:00Z), so it is never on the site: correct 'expires:' or 'date:'"
        for command in [["build", "--quiet"], ["build", "--quiet", "--strict"], ["check"]] {
            let run = try SitegenRun.run(command + ["--now", "2025-07-31T23:00:00Z"], in: site.root)
            #expect(run.status == 1, "\(command)")
            #expect(run.stderr.split(separator: "\n").map(String.init).filter { !SiteFolder.isStructuredDataWarning($0) }.first == error,
                    "\(command): \(run.stderr)")
        }
        #expect(site.snapshot("Public") == before)
    }
}

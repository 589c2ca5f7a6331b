import Foundation
@testable import SitegenTestSupport
import Testing

@Suite struct CheckAndNewCommandTests {
    @Test("check passes a good site with exit 0 and a one-line summary")
    func checkPasses() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML + "\n" + SiteFolder.completeSiteLines, "Content/articles/a.md": goodArticle])
        site.addSiteImage()
        let run = try SitegenRun.run(["check"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "")
        #expect(run.stdout.hasPrefix("checked "))
        #expect(run.stdout.hasSuffix(": 0 errors, 0 warnings\n"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path))
    }

    @Test("check names a broken link, a broken anchor and an unknown source at their Markdown lines and exits 1")
    func checkFails() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML + "\n" + SiteFolder.completeSiteLines,
            "Content/articles/a.md": goodArticle,
            "Content/articles/b.md": "---\ntitle: B\ndate: 2025-08-03\nsources: [Reuters]\n---\n\nSee [a](/articles/nope/) and [x](/articles/a/#nothing). (AFP)\n",
        ])
        site.addSiteImage()
        let run = try SitegenRun.run(["check"], in: site.root)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("Content/articles/b.md:7:5: error: link to '/articles/nope/' leads nowhere: there is no page /articles/nope/"))
        #expect(lines.contains("Content/articles/b.md:7:30: error: link to '/articles/a/#nothing' leads to a missing anchor: /articles/a/ has no id 'nothing'"))
        #expect(lines.contains { $0.hasPrefix("Content/articles/b.md:7:57: error: paragraph 1 is attributed to 'AFP'") })
        #expect(lines.contains("Content/articles/b.md:4:11: warning: the source 'Reuters' is declared but no paragraph cites it: end a paragraph with '(Reuters)', or remove it"))
        #expect(lines.last == "sitegen: error: checked 12 pages and \(lines.last!.split(separator: " ")[6]) links: 3 errors, 1 warning")
    }

    @Test("warnings alone exit 0, and 1 with --strict; --external-list prints external links")
    func strictAndExternal() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML + "\n" + SiteFolder.completeSiteLines,
            "Content/articles/a.md": "---\ntitle: A\ndate: 2025-08-03\nsources: [Reuters]\n---\n\n![A map](https://example.com/x.png) See [NASA](https://nasa.gov/).\n",
        ])
        site.addSiteImage()
        let plain = try SitegenRun.run(["check", "--external-list"], in: site.root)
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("Content/articles/a.md:4:11: warning: the source 'Reuters' is declared but no paragraph cites it"))
        #expect(plain.stdout.contains("https://nasa.gov/\tContent/articles/a.md:7:41\n"))
        let strict = try SitegenRun.run(["check", "--strict"], in: site.root)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains(": 0 errors, 1 warning"))
        #expect(strict.stderr.hasSuffix("(--strict fails on warnings)\n"))
    }

    @Test("check on a site that does not build lists the build errors and exits 1")
    func checkBuildErrors() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": "---\ntitle: A\n---\n"])
        let run = try SitegenRun.run(["check"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Content/articles/a.md:1:1: error: missing required key 'date': add a line such as 'date: 2025-07-31'
            sitegen: error: the site does not build (1 error), so it was not checked

            """)
    }

    @Test("new writes Content/articles/<date>-<slug>.md, a draft with a skeleton, prints its path, and refuses its slug again")
    func new() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        let arguments = ["new", "Crew‑11: \"docks\" #2", "--topics", "NASA, Crew‑11", "--sources", "Reuters", "--date", "2025-08-04"]
        let run = try SitegenRun.run(arguments, in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Content/articles/2025-08-04-crew-11-docks-2.md\n")
        let text = try String(contentsOf: site.root.appendingPathComponent("Content/articles/2025-08-04-crew-11-docks-2.md"), encoding: .utf8)
        #expect(text == """
            ---
            title: "Crew‑11: \\"docks\\" #2"
            date: 2025-08-04
            topics: ["NASA", "Crew‑11"]
            sources: ["Reuters"]
            draft: true
            ---

            Replace this lead paragraph with the story's first: what happened, who, when and where. (Reuters)

            ## Replace this section heading

            Replace this paragraph with the section's text; add sections as the story needs.

            """)
        // The file it wrote builds.
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)

        let again = try SitegenRun.run(arguments, in: site.root)
        #expect(again.status == 1)
        #expect(again.stdout == "")
        #expect(again.stderr == "sitegen: error: the slug 'crew-11-docks-2' is already used by Content/articles/2025-08-04-crew-11-docks-2.md; choose another with --slug, e.g. --slug crew-11-docks-2-2\n")
    }

    @Test("new refuses a day that does not exist and a title with no slug, in one line each")
    func newRefuses() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        let date = try SitegenRun.run(["new", "A", "--date", "2025-02-30"], in: site.root)
        #expect(date.status == 1)
        #expect(date.stderr == "sitegen: error: --date: invalid date '2025-02-30': February 2025 has 28 days\n")
        let slug = try SitegenRun.run(["new", "🚀"], in: site.root)
        #expect(slug.status == 1)
        #expect(slug.stderr == "sitegen: error: the title '🚀' gives no usable slug (a URL needs letters or digits): add --slug\n")
        let named = try SitegenRun.run(["new", "🚀", "--slug", "rocket", "--date", "2025-08-01"], in: site.root)
        #expect(named.stdout == "Content/articles/2025-08-01-rocket.md\n")
    }
}

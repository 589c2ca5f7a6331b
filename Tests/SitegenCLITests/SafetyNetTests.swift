import Foundation
@testable import SitegenTestSupport
import Testing

/// The editor's safety net, through the real binary: what every build catches on its own.
@Suite struct SafetyNetTests {
    static let first = """
        ---
        title: First
        date: 2025-07-01
        ---
        ## Background

        See [the second](/articles/secnd/), [this](#backgroud), [the main text](#main) and [details](/articles/b/#details).

        A footnote.[^1]

        [^1]: A note.
        """

    static let second = """
        ---
        title: Second
        date: 2025-07-02
        ---
        ## Details

        Back to [the first](/articles/a/#background), and [an anchor it lacks](/articles/a/#nothere).
        """

    static let brokenLinks = [
        "Content/articles/a.md:7:5: warning: link to '/articles/secnd/' leads nowhere: there is no page /articles/secnd/",
        "Content/articles/a.md:7:37: warning: link to '#backgroud' leads to a missing anchor: this page has no id 'backgroud'; "
            + "did you mean '#background'?",
        "Content/articles/b.md:7:51: warning: link to '/articles/a/#nothere' leads to a missing anchor: /articles/a/ has no id 'nothere'",
    ]

    /// With a default author and image, so that structured data has nothing to warn of.
    func site() -> SiteFolder {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML + "\n" + SiteFolder.completeSiteLines,
            "Content/articles/a.md": Self.first, "Content/articles/b.md": Self.second,
        ])
        site.addSiteImage()
        return site
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("build reports each broken Markdown link at its position as a warning, and points to check")
    func buildWarnsOfBrokenLinks() throws {
        let site = site()
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(lines(run.stderr) == Self.brokenLinks + [
            "sitegen: 3 broken links in Markdown; run 'sitegen check' for the full report",
        ])
        #expect(site.snapshot("Public")["articles/a/index.html"] != nil, "the site is still built")
    }

    @Test("build --strict fails on them, leaving Public/ as it was; check reports the same links as errors")
    func strictFails() throws {
        let site = site()
        site.write("Content/articles/a.md", Self.first.replacingOccurrences(of: "(/articles/secnd/)", with: "(/articles/b/)"))
        site.write("Content/articles/b.md", Self.second.replacingOccurrences(of: "#nothere", with: "#background"))
        let clean = try SitegenRun.run(["build", "--quiet", "--strict"], in: site.root)
        #expect(clean.status == 1, "#backgroud is still broken")
        #expect(site.snapshot("Public").isEmpty)

        site.write("Content/articles/a.md", Self.first)
        site.write("Content/articles/b.md", Self.second)
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let before = site.snapshot("Public")
        let strict = try SitegenRun.run(["build", "--quiet", "--strict"], in: site.root)
        #expect(strict.status == 1)
        #expect(lines(strict.stderr) == Self.brokenLinks.map { $0.replacingOccurrences(of: ": warning: ", with: ": error: ") } + [
            "sitegen: error: build failed with 3 errors (--strict fails on warnings); Public was left as it was",
        ])
        #expect(site.snapshot("Public") == before)

        let check = try SitegenRun.run(["check"], in: site.root)
        #expect(check.status == 1)
        let errors = lines(check.stderr).filter { $0.hasPrefix("Content/") }
        #expect(errors == Self.brokenLinks.map { $0.replacingOccurrences(of: ": warning: ", with: ": error: ") })
    }

    @Test("with every slip fixed, the site builds and checks with no warning at all")
    func fixedSiteIsQuiet() throws {
        let site = site()
        site.write("Content/articles/a.md", Self.first
            .replacingOccurrences(of: "(/articles/secnd/)", with: "(/articles/b/)")
            .replacingOccurrences(of: "#backgroud", with: "#background")
            + "\n![The theme's stylesheet](/assets/style.css)\n")
        site.write("Content/articles/b.md", Self.second.replacingOccurrences(of: "#nothere", with: "#background"))
        let run = try SitegenRun.run(["build", "--quiet", "--strict"], in: site.root)
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let check = try SitegenRun.run(["check", "--strict"], in: site.root)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("a pasted YouTube iframe is a warning naming unsafeHTML; the link alone becomes a click-to-load player")
    func pastedVideo() throws {
        let iframe = "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>"
        let story = { (video: String) in
            "---\ntitle: Storm footage\ndate: 2025-07-03\n---\nThe storm reached the coast at <b>noon</b>.\n\n\(video)\n"
        }
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": story(iframe)])
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 0)
        #expect(lines(run.stderr) == [
            "Content/articles/a.md:5:32: warning: raw HTML was left out of the page: sitegen omits HTML written in Markdown "
                + "unless site.yml sets 'unsafeHTML: true'",
            "Content/articles/a.md:7:1: warning: raw HTML was left out of the page: sitegen omits HTML written in Markdown "
                + "unless site.yml sets 'unsafeHTML: true'; for a YouTube or Vimeo video, put its link alone in a paragraph "
                + "instead (it becomes a click-to-load player)",
        ])
        #expect(String(decoding: site.snapshot("Public")["articles/a/index.html"] ?? Data(), as: UTF8.self)
            .contains("<!-- raw HTML omitted -->"))

        site.write("Content/articles/a.md", story("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
            .replacingOccurrences(of: "<b>noon</b>", with: "**noon**"))
        let fixed = try SitegenRun.run(["build", "--quiet", "--strict"], in: site.root)
        #expect(fixed.status == 0 && fixed.stderr.isEmpty, "\(fixed.stderr)")
        let public_ = site.snapshot("Public")
        let page = String(decoding: public_["articles/a/index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("<figure class=\"video-embed\" data-embed-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""))
        #expect(page.contains("<script src=\"/assets/embeds.js\" defer></script>"))
        #expect(!page.contains("<iframe"))
        #expect(public_["assets/embeds.js"] != nil)
        let home = String(decoding: public_["index.html"] ?? Data(), as: UTF8.self)
        #expect(!home.contains("embeds.js"), "only pages with a video load the script")
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// The list of an editor's slips, each in a story of its own, through the real binary:
/// every one is reported at its line with its fix; and with each fixed, the site builds and
/// checks with no warning at all.
@Suite struct EditorSlipsTests {
    static let site = "title: Metro Desk\nbaseURL: https://example.org/\nauthor: Metro Desk staff\n"

    /// Each story as written with its slip, and as fixed.
    static let stories: [(path: String, slipped: String, fixed: String)] = [
        ("Content/articles/2025-08-01-bridge.md",
         "---\ntitle: Bridge stays shut\ndate: 2025-08-01T07:30:00-04:00\nautor: Ana Ruiz\nsources: [\"Mayor's office\"]\ntopic: [Transport]\n---\n"
            + "The bridge stays shut until Monday. (Mayor's office)\n",
         "---\ntitle: Bridge stays shut\ndate: 2025-08-01T07:30:00-04:00\nauthor: Ana Ruiz\nsources: [\"Mayor's office\"]\ntopics: [Transport]\n---\n"
            + "The bridge stays shut until Monday. (Mayor's office)\n"),
        ("Content/articles/2025-08-01-mayor.md",
         "---\ntitle: Mayor: we will rebuild\ndate: 2025-08-01\ntopic: [City Hall]\n---\nThe mayor spoke.\n",
         "---\ntitle: \"Mayor: we will rebuild\"\ndate: 2025-08-01\ntopics: [City Hall]\n---\nThe mayor spoke.\n"),
        ("Content/articles/2025-08-02-crash.md",
         "---\ntitle: Two hurt in crash\ndate: 2025-08-02\nauthor Ben Okafor\nsources: [police department, the family]\n---\n"
            + "Two people were hurt. (police department; the family)\n\nSee [the bridge story](/articles/brige/).\n",
         "---\ntitle: Two hurt in crash\ndate: 2025-08-02\nauthor: Ben Okafor\nsources: [police department, the family]\n---\n"
            + "Two people were hurt. (police department; the family)\n\nSee [the bridge story](/articles/bridge/).\n"),
        ("Content/articles/2025-08-02-storm.md",
         "---\ntitle: \"Storm reaches the coast\ndate: 2025-08-02T18:10:00-04:00\n---\n"
            + "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>\n",
         "---\ntitle: \"Storm reaches the coast\"\ndate: 2025-08-02T18:10:00-04:00\n---\n"
            + "Footage from the coast.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n"),
        ("Content/pages/about.md",
         "---\ntitle: About\nsumary: Who we are.\n---\nWe cover the city.\n",
         "---\ntitle: About\nsummary: Who we are.\n---\nWe cover the city.\n"),
    ]

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("every slip is an error at its line with the fix, all listed at once, and Public/ is not touched")
    func slipsAreCaught() throws {
        var files = ["Content/site.yml": Self.site]
        for story in Self.stories { files[story.path] = story.slipped }
        let site = SiteFolder(files: files)
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 1)
        let ownParameter = "(a parameter of your own with that name goes under 'params:')"
        #expect(lines(run.stderr) == [
            "Content/articles/2025-08-01-bridge.md:4:1: error: unknown key 'autor': did you mean 'author'? \(ownParameter)",
            "Content/articles/2025-08-01-bridge.md:6:1: error: unknown key 'topic': did you mean 'topics'? \(ownParameter)",
            "Content/articles/2025-08-01-mayor.md:2:13: error: invalid YAML: a colon followed by a space inside a value: "
                + "put the value in quotes: title: \"Mayor: we will rebuild\"",
            "Content/articles/2025-08-02-crash.md:4:1: error: invalid YAML: missing ':' after the key 'author': write 'author: Ben Okafor'",
            "Content/articles/2025-08-02-storm.md:2:8: error: invalid YAML: this value opens with \" but never closes: "
                + "end it with \" on this line",
            "Content/pages/about.md:3:1: error: unknown key 'sumary': did you mean 'summary'? \(ownParameter)",
            "sitegen: error: build failed with 6 errors; Public was left as it was",
        ])
        #expect(site.snapshot("Public").isEmpty)
    }

    @Test("with every slip fixed, build --strict and check --strict pass with no warning")
    func fixedSiteIsClean() throws {
        var files = ["Content/site.yml": Self.site + "image: {src: /images/site.jpg, alt: The newsroom}\n"]
        for story in Self.stories { files[story.path] = story.fixed }
        let site = SiteFolder(files: files)
        site.addSiteImage()
        let build = try SitegenRun.run(["build", "--quiet", "--strict"], in: site.root)
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        let check = try SitegenRun.run(["check", "--strict"], in: site.root)
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        let bridge = String(decoding: site.snapshot("Public")["articles/bridge/index.html"] ?? Data(), as: UTF8.self)
        #expect(bridge.contains("<span>By <a class=\"author\" rel=\"author\" href=\"/authors/ana-ruiz/\">Ana Ruiz</a></span>"), "\(bridge)")
        #expect(bridge.contains("August 1, 2025, 11:30</time>"), "07:30 in New York is 11:30 in the site's UTC")
        #expect(bridge.contains("class=\"source\">Mayor"))
    }

    @Test("the half-slips that are valid YAML: a misspelt link and a pasted iframe are warnings, not errors")
    func warningsOnly() throws {
        var files = ["Content/site.yml": Self.site]
        for story in Self.stories { files[story.path] = story.fixed }
        files[Self.stories[2].path] = Self.stories[2].fixed.replacingOccurrences(of: "/articles/bridge/", with: "/articles/brige/")
        files[Self.stories[3].path] = Self.stories[3].slipped.replacingOccurrences(
            of: "\"Storm reaches the coast\n", with: "\"Storm reaches the coast\"\n")
        let site = SiteFolder(files: files)
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 0)
        #expect(lines(run.stderr) == [
            "Content/articles/2025-08-02-crash.md:9:5: warning: link to '/articles/brige/' leads nowhere: "
                + "there is no page /articles/brige/; did you mean /articles/bridge/?",
            "Content/articles/2025-08-02-storm.md:5:1: warning: raw HTML was left out of the page: sitegen omits HTML written in "
                + "Markdown unless site.yml sets 'unsafeHTML: true'; for a YouTube or Vimeo video, put its link alone in a paragraph "
                + "instead (it becomes a click-to-load player)",
            "sitegen: 1 broken link in Markdown; run 'sitegen check' for the full report",
        ])
    }
}

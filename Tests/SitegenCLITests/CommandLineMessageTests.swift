import Foundation
@testable import SitegenTestSupport
import Testing

/// The command line's own messages, through the real binary: each says one thing, where it
/// belongs, with its fix (issue 29).
@Suite struct CommandLineMessageTests {
    /// `sitegen 0.1.0 (commit 1a2b3c4d5e6f)`, or the commit unknown when scripts/stamp-commit did not run.
    func isVersionLine(_ text: String) -> Bool {
        text.wholeMatch(of: /sitegen \d+\.\d+\.\d+ \(commit (?:[0-9a-f]{12}(?:-modified)?|unknown: built without scripts\/stamp-commit)\)\n/) != nil
    }

    @Test("--version and version print the version and the commit, in a site's folder or any other")
    func version() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        let empty = site.parent.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        var lines: Set<String> = []
        for folder in [site.root, empty] {
            for arguments in [["--version"], ["version"]] {
                let run = try SitegenRun.run(arguments, in: folder)
                #expect(run.status == 0, "\(arguments) in \(folder.lastPathComponent): \(run.stderr)")
                #expect(run.stderr == "", "\(arguments)")
                #expect(isVersionLine(run.stdout), "\(arguments): \(run.stdout)")
                lines.insert(run.stdout)
            }
        }
        #expect(lines.count == 1, "one answer everywhere: \(lines)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path), "--version builds nothing")
        let slip = try SitegenRun.run(["verison"], in: empty)
        #expect(slip.status == 1)
        #expect(slip.stderr == "sitegen: error: unknown command 'verison': did you mean 'version'? (see 'sitegen --help')\n")
    }

    @Test("a bad --base-url is the option's error, not a place in site.yml, for every command that takes it")
    func badBaseURL() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        for command in ["build", "check", "serve"] {
            for url in ["example.org", "ftp://example.org/", "https://"] {
                let run = try SitegenRun.run([command, "--base-url", url], in: site.root)
                #expect(run.status == 1, "\(command) \(url)")
                #expect(run.stdout == "")
                #expect(run.stderr == "sitegen: error: --base-url: '\(url)' is not an absolute http or https URL: "
                    + "write it whole, like --base-url https://example.org/news/\n", "\(command) \(url)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path))
        let good = try SitegenRun.run(["build", "--quiet", "--base-url", "https://mirror.example.com/news"], in: site.root)
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test("a build that reused nothing says so; the next says what it reused")
    func reportLine() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML, "Content/articles/a.md": goodArticle,
            "Content/articles/b.md": goodArticle,
        ])
        let cold = try SitegenRun.run(["build"], in: site.root)
        #expect(cold.status == 0, "\(cold.stderr)")
        let line = try #require(cold.stdout.split(separator: "\n").first { $0.contains("content files") }, "\(cold.stdout)")
        #expect(line.wholeMatch(of: /Full build \(nothing reused\): parsed 2 of 2 content files; rendered (\d+) of \1 pages; wrote \d+ files, 0 unchanged/) != nil,
                "\(line)")
        #expect(!cold.stdout.contains("Reused"))
        let warm = try SitegenRun.run(["build"], in: site.root)
        #expect(warm.stdout.contains("\nReused: parsed 0 of 2 content files; rendered 0 of "), "\(warm.stdout)")
        let none = try SitegenRun.run(["build", "--no-cache"], in: site.root)
        #expect(none.stdout.contains("\nFull build (nothing reused): parsed 2 of 2 content files; "), "\(none.stdout)")
    }
}

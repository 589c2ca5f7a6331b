import Foundation
@testable import SitegenTestSupport
import Testing

/// The command line's own messages, through the real binary: each says one thing, where it
/// belongs, with its fix (issue 29).
@Suite struct CommandLineMessageTests {
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
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// Runs the built `sitegen` binary on a site made in a temporary folder.
struct SitegenRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static var binary: URL {
        // The test bundle sits next to the products it was built with.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("sitegen").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("sitegen")
    }

    /// `environment` is added to this process's own (`TZ`, say).
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> SitegenRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return SitegenRun(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}


let siteYML = """
    title: Test News
    baseURL: https://example.org/
    """

let goodArticle = """
    ---
    title: Crew‑11 docks
    date: 2025-08-02
    topics: [NASA, Crew‑11]
    sources: [Reuters]
    ---

    The capsule docked at the station. (Reuters)
    """

@Suite struct BuildCommandTests {
    @Test("parameters of one's own build: far from every key, or under params: when close to one")
    func ownParameters() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML + "\nmotto: Space first\nparams: {perpage: house style}\n",
            "Content/articles/a.md": goodArticle.replacingOccurrences(
                of: "sources: [Reuters]", with: "sources: [Reuters]\nkicker: Breaking\nname: Crew\nparams: {autor: a field of ours}"),
        ])
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    }

    @Test("build writes the site into Public/ and prints a report")
    func buildWritesSite() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Articles"))
        #expect(run.stdout.contains("Wrote"))
        let files = site.snapshot("Public")
        #expect(files["index.html"] != nil)
        #expect(files["articles/a/index.html"] != nil)
        #expect(files["topics/crew-11/index.html"] != nil)
        #expect(files["sources/reuters/feed.xml"] != nil)
    }

    @Test("bad input lists every problem as path:line:column, exits 1, and leaves Public/ as it was")
    func badInputKeepsPublic() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        #expect(try SitegenRun.run(["build"], in: site.root).status == 0)
        let before = site.snapshot("Public")
        let cacheBefore = site.snapshot(".sitegen-cache")
        #expect(cacheBefore["memo.bin"] != nil)

        site.write("Content/articles/b.md", "---\ntitle: B\ndate: 2025-02-30\n---\n\nText.\n")
        site.write("Content/articles/c.md", "---\ndate: 2025-01-01\ntopics: NASA\n---\n\nText.\n")
        let run = try SitegenRun.run(["build"], in: site.root)

        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("Content/articles/b.md:3:7: error: invalid date '2025-02-30': February 2025 has 28 days"))
        #expect(lines.contains { $0.hasPrefix("Content/articles/c.md:1:1: error: missing required key 'title'") })
        #expect(lines.contains("Content/articles/c.md:3:9: error: 'topics' must be a list of strings, like [NASA, SpaceX]"))
        #expect(site.snapshot("Public") == before)
        #expect(site.snapshot(".sitegen-cache") == cacheBefore, "a failed build changed the build cache")
        // No temporary folder beside them.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
            .filter { $0.contains("sitegen") && $0 != ".sitegen-cache" }
        #expect(leftovers.isEmpty)

        // A site whose first build fails gets no cache at all.
        let fresh = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/b.md": "---\ntitle: B\n---\n"])
        #expect(try SitegenRun.run(["build"], in: fresh.root).status == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent(".sitegen-cache").path))
    }

    @Test("a template error names the template line and column with a caret, and exits 1")
    func templateError() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        site.write("Templates/404.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.title | shout }}{% endblock %}\n")
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Templates/404.html:2:"))
        #expect(run.stderr.contains("shout"))
        #expect(run.stderr.contains("^"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path))
    }

    @Test("--source, --output and --base-url pick the site, the folder and the URL")
    func options() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        let parent = site.root.deletingLastPathComponent()
        let output = "out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(at: parent.appendingPathComponent(output)) }
        let run = try SitegenRun.run(
            ["build", "--source", site.root.lastPathComponent, "--output", output, "--base-url", "https://example.com/news/"],
            in: parent)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: parent.appendingPathComponent("\(output)/articles/a/index.html"), encoding: .utf8)
        #expect(html.contains("href=\"/news/topics/nasa/\""))
        #expect(html.contains("https://example.com/news/articles/a/"))
    }

    @Test("a missing Content/ folder is a one-line error")
    func missingContent() throws {
        let site = SiteFolder(files: [:])
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status != 0)
        #expect(run.stderr.contains("no Content/ folder"))
    }

    @Test("an output folder inside Content/ is refused")
    func outputInsideContent() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        let run = try SitegenRun.run(["build", "--output", "Content/out"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("inside Content/"))
    }

    @Test("drafts are built only with --drafts")
    func drafts() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML,
            "Content/articles/a.md": goodArticle,
            "Content/articles/d.md": "---\ntitle: Draft\ndate: 2025-08-03\ndraft: true\n---\n\nNot yet.\n",
        ])
        #expect(try SitegenRun.run(["build"], in: site.root).status == 0)
        #expect(site.snapshot("Public")["articles/d/index.html"] == nil)
        let production = site.snapshot("Public")
        // A preview goes to its own folder, and production stays as it was.
        #expect(try SitegenRun.run(["build", "--drafts"], in: site.root).status == 0)
        #expect(site.snapshot("Public.preview")["articles/d/index.html"] != nil)
        #expect(site.snapshot("Public") == production)
    }
}

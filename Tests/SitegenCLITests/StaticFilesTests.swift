import Foundation
@testable import SitegenTestSupport
import Testing

/// `static/` and the one collision rule for every output file (issue 28), through the real binary.
@Suite struct StaticFilesTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\n"
    static let article = "---\ntitle: Launch\ndate: 2025-07-31\n---\nThe launch went well.\n"

    func site() -> SiteFolder {
        SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/articles/launch.md": Self.article])
    }

    @Test("static/ is published as it is, dot-folders included; a link out of it is an error at its path")
    func published() throws {
        let site = site()
        site.write("static/ads.txt", "google.com, pub-0000000000000000, DIRECT, f08c47fec0942fa0\n")
        site.write("static/.well-known/security.txt", "Contact: mailto:security@example.org\n")
        site.write("static/files/report.pdf", "%PDF-1.4 not really\n")
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let files = site.snapshot("Public")
        #expect(files["ads.txt"] == Data("google.com, pub-0000000000000000, DIRECT, f08c47fec0942fa0\n".utf8))
        #expect(files[".well-known/security.txt"] == Data("Contact: mailto:security@example.org\n".utf8))
        #expect(files["files/report.pdf"] != nil && files["articles/launch/index.html"] != nil)
        // A second build keeps them, and a removed one goes.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("static/files/report.pdf"))
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        #expect(site.snapshot("Public")["files/report.pdf"] == nil && site.snapshot("Public")["ads.txt"] != nil)

        let secret = site.parent.appendingPathComponent("secret.txt")
        try Data("SECRET\n".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("static/leak.txt").path,
                                                   withDestinationPath: secret.path)
        let leak = try SitegenRun.run(["build"], in: site.root)
        #expect(leak.status == 1)
        #expect(leak.stderr.contains("static/leak.txt:1:1: error: is a link to a file outside static/ (\(secret.path))"), "\(leak.stderr)")
        #expect(site.snapshot("Public")["leak.txt"] == nil)
    }

    @Test("one collision rule: a clash between any two output files names both sources, exit 1, Public/ untouched", arguments: [
        ("alias onto an asset", ["Content/articles/launch.md": "---\ntitle: Launch\ndate: 2025-07-31\naliases: [/assets/style.css]\n---\nText.\n"],
         "Content/articles/launch.md:4:10: error: the alias /assets/style.css would be written to /assets/style.css, which the theme's file Templates/assets/style.css already writes"),
        ("static file onto an asset", ["static/assets/style.css": "body{}"],
         "static/assets/style.css:1:1: error: the file static/assets/style.css would be written to /assets/style.css, which the theme's file Templates/assets/style.css already writes"),
        ("static file onto a feed", ["static/feed.xml": "<feed/>"],
         "static/feed.xml:1:1: error: the file static/feed.xml would be written to /feed.xml, which sitegen's Atom feed already writes"),
        ("static file onto an article", ["static/articles/launch/index.html": "<p>old</p>"],
         "error: the article 'Launch' would be written to /articles/launch/index.html, which the file static/articles/launch/index.html already writes"),
        ("alias onto a static file", ["static/old.html": "<p>old</p>",
                                      "Content/articles/launch.md": "---\ntitle: Launch\ndate: 2025-07-31\naliases: [/old.html]\n---\nText.\n"],
         "Content/articles/launch.md:4:10: error: the alias /old.html would be written to /old.html, which the file static/old.html already writes"),
    ])
    func collision(name: String, files: [String: String], message: String) throws {
        let site = site()
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let before = site.snapshot("Public")
        for (path, text) in files { site.write(path, text) }
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status == 1, "\(name)")
        #expect(run.stderr.contains(message), "\(name): \(run.stderr)")
        #expect(site.snapshot("Public") == before, "\(name)")
    }

    @Test("a static file onto a processed image clashes too")
    func staticOntoImage() throws {
        let site = site()
        site.copyImage("photo-900.jpg", to: "Content/articles/crew/photo.jpg")
        site.write("Content/articles/crew/index.md", "---\ntitle: Crew\ndate: 2025-07-30\n---\n![The crew](photo.jpg)\n")
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let image = try #require(site.snapshot("Public").keys.filter { $0.hasPrefix("images/") }.sorted().first)
        site.write("static/" + image, "not the photo")
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the file static/\(image) would be written to /\(image), which the processed image /\(image) already writes"),
                "\(run.stderr)")
    }
}

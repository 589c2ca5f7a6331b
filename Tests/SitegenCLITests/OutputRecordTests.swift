import Foundation
@testable import SitegenTestSupport
import Testing

/// A build deletes only what a build wrote (issue 28), through the real binary.
@Suite struct OutputRecordTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\n"

    func site() -> SiteFolder {
        SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/launch.md": "---\ntitle: Launch\ndate: 2025-07-31\n---\nThe launch went well.\n",
            "Content/articles/dock.md": "---\ntitle: Docking\ndate: 2025-07-30\n---\nDocked.\n",
        ])
    }

    func exists(_ site: SiteFolder, _ path: String) -> Bool { FileManager.default.fileExists(atPath: site.root.appendingPathComponent(path).path) }

    @Test("a file put into Public/ by hand stops the build, naming it, with or without the cache; in static/ it is published", arguments: [
        ["--quiet"], ["--quiet", "--no-cache"],
    ])
    func handPlaced(flags: [String]) throws {
        let site = site()
        #expect(try SitegenRun.run(["build"] + flags, in: site.root).status == 0)
        site.write("Public/ads.txt", "google.com, pub-1, DIRECT\n")
        site.write("Public/.well-known/security.txt", "Contact: mailto:x@example.org\n")
        for _ in 0..<2 {
            let run = try SitegenRun.run(["build"] + flags, in: site.root)
            #expect(run.status == 1)
            #expect(run.stderr.contains(
                "sitegen: error: the output folder Public holds 2 files sitegen did not make: .well-known/security.txt, ads.txt; "
                + "a build replaces the whole folder, so sitegen never writes there while it would lose them. "
                + "Put a file the site should publish in static/ (static/.well-known/security.txt), which every build copies"), "\(run.stderr)")
            #expect(exists(site, "Public/ads.txt") && exists(site, "Public/.well-known/security.txt"))
            #expect(!exists(site, ".Public.previous/ads.txt"))
        }
        // Moved to static/, they are the site's: published by every build.
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("static"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Public/ads.txt"), to: site.root.appendingPathComponent("static/ads.txt"))
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Public/.well-known"),
                                         to: site.root.appendingPathComponent("static/.well-known"))
        #expect(try SitegenRun.run(["build"] + flags, in: site.root).status == 0)
        #expect(try SitegenRun.run(["build"] + flags, in: site.root).status == 0)
        #expect(site.snapshot("Public")["ads.txt"] == Data("google.com, pub-1, DIRECT\n".utf8))
        #expect(site.snapshot("Public")[".well-known/security.txt"] != nil)
        // What a build wrote, a later build may remove: a deleted article's page goes.
        site.remove("Content/articles/dock.md")
        let after = try SitegenRun.run(["build"] + flags.filter { $0 != "--quiet" }, in: site.root)
        #expect(after.status == 0 && after.stdout.contains(" removed"), "\(after.stdout)\(after.stderr)")
        #expect(!exists(site, "Public/articles/dock/index.html"))
    }

    @Test("a web root with files of its own is refused, untouched, and no spare folder is made beside it")
    func webRoot() throws {
        let site = site()
        site.write("www/index.html", "<h1>It works!</h1>\n")
        site.write("www/other.php", "<?php phpinfo();\n")
        let run = try SitegenRun.run(["build", "--output", "www"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("sitegen: error: the output folder www is not empty and sitegen did not make it: it holds index.html, other.php"),
                "\(run.stderr)")
        #expect(site.snapshot("www") == ["index.html": Data("<h1>It works!</h1>\n".utf8), "other.php": Data("<?php phpinfo();\n".utf8)])
        #expect(!exists(site, ".www.previous"))
        // An empty folder is fine.
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try SitegenRun.run(["build", "--quiet", "--output", "empty"], in: site.root).status == 0)
    }

    @Test("a Public/ an earlier sitegen made is adopted: by its memo's record (another binary), or, with none, by its spare folder")
    func upgrade() throws {
        let site = site()
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        // An earlier sitegen kept no record in its spare, and its memo is another binary's.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".Public.record"))
        let memo = site.root.appendingPathComponent(".sitegen-cache/memo.bin")
        var bytes = try Data(contentsOf: memo)
        bytes[Array("sitegen build cache\n".utf8).count + 3] ^= 0xFF  // a byte of the binary's digest
        try bytes.write(to: memo)
        site.remove("Content/articles/dock.md")
        site.write("Public/notes.txt", "by hand\n")
        let refused = try SitegenRun.run(["build"], in: site.root)
        #expect(refused.status == 1, "the memo's record still tells sitegen's files from the hand-placed one")
        #expect(refused.stderr.contains("holds a file sitegen did not make: notes.txt"), "\(refused.stderr)")
        site.remove("Public/notes.txt")
        let adopted = try SitegenRun.run(["build"], in: site.root)
        #expect(adopted.status == 0, "\(adopted.stderr)")
        #expect(adopted.stderr.contains("written by another sitegen binary"))
        #expect(!exists(site, "Public/articles/dock/index.html"), "the old page, recorded as sitegen's, is removed")

        // No memo and no record at all, but the spare beside it: adopted too.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".sitegen-cache"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".Public.record"))
        site.write("Content/articles/dock.md", "---\ntitle: Docking\ndate: 2025-07-30\n---\nDocked.\n")
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        site.remove("Content/articles/dock.md")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".Public.record"))
        #expect(try SitegenRun.run(["build", "--quiet", "--no-cache"], in: site.root).status == 0)
    }
}

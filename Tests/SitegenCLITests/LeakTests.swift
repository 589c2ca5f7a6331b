import Foundation
@testable import SitegenTestSupport
import Testing

/// Nothing leaks (issue 27), through the real binary: no file from outside the site is read,
/// no preview reaches the production folder or a crawler, no publication key is ignored.
@Suite struct LeakTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\nauthor: Test Desk\n"
    static let article = "---\ntitle: Launch\ndate: 2025-07-31T10:00:00Z\ntopics: [Moon]\n---\nThe launch went well.\n"
    /// What a file outside the site holds: it must never appear in any output.
    static let secret = "root:x:0:0:SECRET-OUTSIDE-THE-SITE:/root:/bin/bash\n"

    func site() -> SiteFolder {
        SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/articles/launch.md": Self.article])
    }

    /// A file outside the site's folder (beside it), with front-matter so it would pass as an article or page.
    func outsideFile(_ site: SiteFolder, _ name: String = "outside.md") -> String {
        let path = site.parent.appendingPathComponent(name).path
        let text = "---\ntitle: Outside\ndate: 2025-07-31\nname: Outside\n---\n" + Self.secret
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func link(_ site: SiteFolder, _ path: String, to target: String) throws {
        let full = site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: full.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: full.path, withDestinationPath: target)
    }

    func published(_ site: SiteFolder, _ folder: String = "Public") -> String {
        site.snapshot(folder).values.map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test("a link out of the site, from every folder a build reads, is an error at its path in build and check; nothing of it is published",
          arguments: [
              "Content/articles/leak.md", "Content/articles/2025/deep/leak.md", "Content/pages/leak.md", "Content/pages/leak/index.md",
              "Content/authors/leak.md", "Content/site.yml", "Templates/partials/leak.html", "Templates/leak.html",
              "Templates/assets/leak.txt", "Templates/assets/sub/leak.css",
          ])
    func linkOut(path: String) throws {
        let site = site()
        let outside = outsideFile(site)
        if path == "Content/site.yml" { try FileManager.default.removeItem(at: site.root.appendingPathComponent(path)) }
        try link(site, path, to: outside)
        let folder = path.hasPrefix("Content/") ? "Content" : "Templates"
        let expected = "\(path):1:1: error: is a link to a file outside \(folder)/ (\(outside)), which sitegen never reads or publishes: "
            + "copy the file into \(folder)/ instead\n"
        let build = try SitegenRun.run(["build", "--now", "2025-08-01T00:00:00Z"], in: site.root)
        #expect(build.status == 1)
        #expect(build.stderr.contains(expected), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path))
        let check = try SitegenRun.run(["check", "--now", "2025-08-01T00:00:00Z"], in: site.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains(expected) || check.stdout.contains(expected), "\(check.stdout)\(check.stderr)")
    }

    @Test("a linked folder that leaves Content/ is refused; links that stay inside, and a Templates/ that is itself a link to a shared theme, build")
    func linkedFolders() throws {
        let site = site()
        let elsewhere = site.parent.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        _ = outsideFile(site, "elsewhere/story.md")
        try link(site, "Content/articles/imported", to: elsewhere.path)
        let refused = try SitegenRun.run(["build"], in: site.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Content/articles/imported:1:1: error: is a link to a folder outside Content/ (\(elsewhere.path))"),
                "\(refused.stderr)")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/articles/imported"))

        // A shared theme: Templates/ is a link to a folder beside the site, and a link inside it stays inside.
        let theme = site.parent.appendingPathComponent("shared-theme")
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Templates"), to: theme)
        try link(site, "Templates", to: theme.path)
        try FileManager.default.copyItem(at: theme.appendingPathComponent("assets/style.css"), to: theme.appendingPathComponent("assets/real.css"))
        try FileManager.default.createSymbolicLink(atPath: theme.appendingPathComponent("assets/alias.css").path, withDestinationPath: "real.css")
        // An article linked to a file inside Content/ is read as the file it names.
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Content/drafts"), withIntermediateDirectories: true)
        site.write("Content/drafts/second.md", "---\ntitle: Second story\ndate: 2025-07-30\n---\nText.\n")
        try link(site, "Content/articles/second.md", to: "../drafts/second.md")
        let built = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(built.status == 0, "\(built.stderr)")
        let files = site.snapshot("Public")
        #expect(files["assets/alias.css"] != nil && files["assets/alias.css"] == files["assets/real.css"])
        #expect(files["articles/second-story/index.html"] != nil || files["articles/second/index.html"] != nil)
    }

    @Test("output files get ordinary permissions, never their source's (a setuid or world-writable asset, a private photo)")
    func permissions() throws {
        let site = site()
        site.write("Templates/assets/tool.sh", "#!/bin/sh\necho hi\n")
        let asset = site.root.appendingPathComponent("Templates/assets/tool.sh").path
        try FileManager.default.setAttributes([.posixPermissions: 0o4777], ofItemAtPath: asset)
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let made = try FileManager.default.attributesOfItem(atPath: site.root.appendingPathComponent("Public/assets/tool.sh").path)
        let mode = (made[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode & 0o7133 == 0, "mode \(String(mode, radix: 8)): no setuid, execute or group/other write bits")
        #expect(mode & 0o400 != 0)
    }

    @Test("the build cache reads only its own files: a memo that is a link (to a file outside, or to /dev/zero) is ignored in one line")
    func cacheLinks() throws {
        let site = site()
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let memo = site.root.appendingPathComponent(".sitegen-cache/memo.bin")
        let saved = site.parent.appendingPathComponent("memo-elsewhere.bin")
        try FileManager.default.moveItem(at: memo, to: saved)
        for target in [saved.path, "/dev/zero"] {
            try? FileManager.default.removeItem(at: memo)
            try FileManager.default.createSymbolicLink(atPath: memo.path, withDestinationPath: target)
            let started = Date()
            let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
            #expect(run.status == 0)
            #expect(Date().timeIntervalSince(started) < 60)
            #expect(run.stderr.contains("ignoring the build cache .sitegen-cache/memo.bin: it is not a regular file of the cache"), "\(run.stderr)")
        }
    }

    @Test("a preview has its own folder: production and its kept previous build stay byte-identical; every preview page is noindex, with no sitemap")
    func previewFolder() throws {
        let site = site()
        site.write("Content/articles/draft.md", "---\ntitle: Unfinished draft\ndate: 2025-07-30\ndraft: true\n---\nReplace this lead paragraph.\n")
        site.write("Content/articles/embargo.md", "---\ntitle: Embargoed story\ndate: 2025-09-01T06:00:00Z\n---\nUnder embargo.\n")
        let now = ["--now", "2025-08-01T00:00:00Z"]
        // Two production builds, so that .Public.previous holds one too.
        #expect(try SitegenRun.run(["build", "--quiet"] + now, in: site.root).status == 0)
        site.write("Content/articles/launch.md", Self.article + "\nMore.\n")
        let second = try SitegenRun.run(["build"] + now, in: site.root)
        #expect(second.status == 0)
        let production = site.snapshot("Public"), previous = site.snapshot(".Public.previous")
        #expect(!previous.isEmpty)

        let preview = try SitegenRun.run(["build", "--drafts", "--future"] + now, in: site.root)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stderr.contains("""
            sitegen: preview in Public.preview (noindex, no sitemaps; never deploy it): it shows 2 articles that production would not:
              Content/articles/draft.md is a draft
              Content/articles/embargo.md is scheduled for 2025-09-01T06:00:00Z
            """), "\(preview.stderr)")
        #expect(preview.stdout.contains("Full build (nothing reused): parsed 3 of 3 content files"), "its own memo: a first preview parses everything")
        #expect(site.snapshot("Public") == production && site.snapshot(".Public.previous") == previous)
        #expect(!published(site).contains("Unfinished draft") && !published(site).contains("Embargoed story"))

        let files = site.snapshot("Public.preview")
        #expect(files["articles/draft/index.html"].map { String(decoding: $0, as: UTF8.self) }?
            .contains("<strong>Draft</strong>") == true)
        #expect(files["articles/embargo/index.html"].map { String(decoding: $0, as: UTF8.self) }?
            .contains("<strong>Scheduled</strong>") == true)
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 10)
        for (path, bytes) in pages {
            let head = String(decoding: bytes, as: UTF8.self).components(separatedBy: "</head>").first ?? ""
            #expect(head.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "\(path) lacks noindex")
        }
        #expect(files["robots.txt"].map { String(decoding: $0, as: UTF8.self) }?.contains("User-agent: *\nDisallow: /\n") == true)
        #expect(files["sitemap.xml"] == nil && files["news-sitemap.xml"] == nil)
        #expect(files[".sitegen-preview"] != nil)
        #expect(production["sitemap.xml"] != nil && production[".sitegen-preview"] == nil)
        #expect(!String(decoding: production["index.html"]!, as: UTF8.self).contains("noindex"))

        // Alternating keeps both memos warm.
        let again = try SitegenRun.run(["build"] + now, in: site.root)
        #expect(again.stdout.contains("Reused: parsed 0 of 3 content files; rendered 0 of"), "\(again.stdout)")
        let previewAgain = try SitegenRun.run(["build", "--drafts", "--future"] + now, in: site.root)
        #expect(previewAgain.stdout.contains("Reused: parsed 0 of 3 content files"), "\(previewAgain.stdout)")
    }

    @Test("a preview is refused in a production folder, and production in a preview's; both left as they were")
    func previewKinds() throws {
        let site = site()
        site.write("Content/articles/draft.md", "---\ntitle: Unfinished draft\ndate: 2025-07-30\ndraft: true\n---\nDraft.\n")
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        #expect(try SitegenRun.run(["build", "--quiet", "--drafts"], in: site.root).status == 0)
        let production = site.snapshot("Public"), preview = site.snapshot("Public.preview")
        for flag in ["--drafts", "--future"] {
            let into = try SitegenRun.run(["build", flag, "--output", "Public"], in: site.root)
            #expect(into.status == 1)
            #expect(into.stderr.contains("sitegen: error: the output folder Public holds a production build, and a preview (--drafts or --future) never writes into one"),
                    "\(into.stderr)")
        }
        let back = try SitegenRun.run(["build", "--output", "Public.preview"], in: site.root)
        #expect(back.status == 1)
        #expect(back.stderr.contains("the output folder Public.preview holds a preview (it has .sitegen-preview), and a production build never writes into one"))
        #expect(site.snapshot("Public") == production && site.snapshot("Public.preview") == preview)
        #expect(!published(site).contains("Unfinished draft"))
    }

    @Test("a key that decides publication in Jekyll or Hugo is an error naming sitegen's own, in build and check", arguments: [
        ("published: false", "'published' is Jekyll's key and sitegen does not read it: write 'draft: true'"),
        ("publishDate: 2026-12-09", "'publishDate' is Hugo's key and sitegen does not read it: write the publication time as 'date:'"),
        ("publishdate: 2026-12-09", "'publishdate' is Hugo's key and sitegen does not read it: write the publication time as 'date:'"),
        ("expiryDate: 2026-12-09", "'expiryDate' is Hugo's key and sitegen does not read it: write 'expires:' with the same date"),
        ("expirydate: 2026-12-09", "'expirydate' is Hugo's key and sitegen does not read it: write 'expires:' with the same date"),
        ("unpublishdate: 2026-12-09", "'unpublishdate' is another generator's key and sitegen does not read it: write 'expires:'"),
    ])
    func publicationKeys(line: String, message: String) throws {
        let site = site()
        site.write("Content/articles/story.md", "---\ntitle: Story\ndate: 2025-07-30\n\(line)\n---\nText.\n")
        site.write("Content/pages/about.md", "---\ntitle: About\n\(line)\n---\nText.\n")
        let build = try SitegenRun.run(["build"], in: site.root)
        #expect(build.status == 1)
        #expect(build.stderr.contains("Content/articles/story.md:4:1: error: \(message)"), "\(build.stderr)")
        #expect(build.stderr.contains("Content/pages/about.md:3:1: error: \(message)"), "\(build.stderr)")
        let check = try SitegenRun.run(["check"], in: site.root)
        #expect(check.status == 1)
        #expect((check.stdout + check.stderr).contains("Content/articles/story.md:4:1: error: \(message)"))
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// The default theme inside the binary, through the real binary: a site without `Templates/`
/// builds with it, a site's file replaces the built-in one of that name and nothing else,
/// `theme eject` and `theme list`.
@Suite struct ThemeTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\n" + SiteFolder.completeSiteLines

    /// A site with no `Templates/` folder.
    func site() -> SiteFolder {
        let site = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/a.md": "---\ntitle: Docking plan\ndate: 2025-07-30T10:00:00Z\ntopics: [Moon]\n---\nBody one.\n",
            "Content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n",
        ], theme: false)
        site.addSiteImage()
        return site
    }

    func build(_ site: SiteFolder, output: String = "Public") throws -> (SitegenRun, [String: Data]) {
        let run = try SitegenRun.run(["build", "--quiet", "--no-cache", "--now", "2025-08-01T00:00:00Z", "--output", output], in: site.root)
        return (run, site.snapshot(output))
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("a site without Templates/ builds with the built-in theme, which is this repository's Templates/")
    func builtinTheme() throws {
        let site = site()
        let (run, files) = try build(site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(files["articles/a/index.html"] != nil)
        #expect(files["assets/style.css"] == FileManager.default.contents(atPath: SiteFolder.repoRoot + "/Templates/assets/style.css"))
        // The same site with the repository's Templates/ copied in writes the same bytes.
        try FileManager.default.copyItem(atPath: SiteFolder.repoRoot + "/Templates", toPath: site.root.appendingPathComponent("Templates").path)
        let (copied, copiedFiles) = try build(site, output: "copied")
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copiedFiles == files)
    }

    @Test("one template of the site's own replaces the built-in one: only the pages it renders change")
    func fileByFile() throws {
        let site = site()
        let (_, builtin) = try build(site)
        let original = try #require(FileManager.default.contents(atPath: SiteFolder.repoRoot + "/Templates/page.html"))
        site.write("Templates/page.html", String(decoding: original, as: UTF8.self).replacingOccurrences(of: "</article>", with: "<p class=\"own\">Ours</p></article>"))
        let (run, files) = try build(site, output: "overridden")
        #expect(run.status == 0, "\(run.stderr)")
        let changed = Set(files.keys.filter { files[$0] != builtin[$0] })
        #expect(changed == ["about/index.html"], "\(changed.sorted())")
        #expect(String(decoding: files["about/index.html"]!, as: UTF8.self).contains("<p class=\"own\">Ours</p>"))
    }

    @Test("eject writes the built-in theme; a build then is byte-identical; list says where each file comes from")
    func ejectAndList() throws {
        let site = site()
        let (_, builtin) = try build(site)
        let before = try SitegenRun.run(["theme", "list"], in: site.root)
        #expect(before.status == 0)
        #expect(lines(before.stdout).contains { $0.hasPrefix("article.html ") && $0.hasSuffix("  built-in") }, "\(before.stdout)")
        #expect(lines(before.stdout).last?.hasSuffix(" 0 from Templates/, \(lines(before.stdout).count - 1) built-in") == true, "\(before.stdout)")

        let eject = try SitegenRun.run(["theme", "eject"], in: site.root)
        #expect(eject.status == 0, "\(eject.stderr)")
        #expect(site.read("Templates/article.html") == (try? String(contentsOfFile: SiteFolder.repoRoot + "/Templates/article.html", encoding: .utf8)))
        let (run, ejected) = try build(site, output: "ejected")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(ejected == builtin)

        let after = try SitegenRun.run(["theme", "list"], in: site.root)
        #expect(lines(after.stdout).contains { $0.hasPrefix("article.html ") && $0.hasSuffix("  site (replaces the built-in file)") }, "\(after.stdout)")
        // A newer binary whose article.html differs from the one ejected: the record says so.
        let record = site.read("Templates/.sitegen-theme") ?? ""
        site.write("Templates/.sitegen-theme", lines(record).map {
            $0.hasSuffix(" article.html") ? "0000000000000000 article.html" : $0
        }.joined(separator: "\n") + "\n")
        let upgraded = try SitegenRun.run(["theme", "list"], in: site.root)
        #expect(lines(upgraded.stdout).contains {
            $0.hasPrefix("article.html ") && $0.contains("the built-in original changed since it was ejected")
        }, "\(upgraded.stdout)")
        #expect(lines(upgraded.stdout).last?.hasSuffix("; 1 override of a changed original") == true)
    }

    @Test("eject refuses a Templates/ with files unless --force, and a file named Templates; nothing is written")
    func ejectRefuses() throws {
        let site = site()
        site.write("Templates/page.html", "{{ page.title }}")
        let refused = try SitegenRun.run(["theme", "eject"], in: site.root)
        #expect(refused.status == 1)
        #expect(refused.stderr == "sitegen: error: Templates/ already has 1 file of the site's own: 'sitegen theme eject --force' "
            + "writes the built-in files over those of the same names (the others stay)\n")
        #expect(site.snapshot("Templates").keys.sorted() == ["page.html"])
        let forced = try SitegenRun.run(["theme", "eject", "--force"], in: site.root)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(site.read("Templates/page.html") != "{{ page.title }}")

        let other = self.site()
        other.write("Templates", "not a folder")
        let file = try SitegenRun.run(["theme", "eject"], in: other.root)
        #expect(file.status == 1)
        #expect(file.stderr == "sitegen: error: Templates is a file, not a folder: move it away, then eject\n")
    }

    @Test("an override's syntax error is at its own line; a base.html without a block a built-in child fills names both files")
    func badOverrides() throws {
        let site = site()
        site.write("Templates/page.html", "{% extends \"base.html\" %}\n{% block main %}{{ page.title }{% endblock %}\n")
        let (run, _) = try build(site)
        #expect(run.status == 1)
        #expect(lines(run.stderr).first?.hasPrefix("Templates/page.html:2:") == true, "\(run.stderr)")
        #expect(!run.stderr.contains("theme:"), "\(run.stderr)")

        let other = self.site()
        other.write("Templates/base.html", "<!doctype html><title>{{ page.title }}</title>{% block content %}{% endblock %}\n")
        let (broken, files) = try build(other)
        #expect(broken.status == 1)
        #expect(files.isEmpty)
        let first = lines(broken.stderr).first ?? ""
        #expect(first.hasPrefix("Templates/base.html:1:1: error: Templates/base.html has no block '"), "\(broken.stderr)")
        #expect(first.contains("which the built-in ") && first.contains("(theme:"), "\(first)")
    }

    @Test("check places a problem of a built-in template at theme:<file>, never at a Templates/ path the site does not have")
    func checkNamesBuiltinFiles() throws {
        let site = site()
        site.write("Content/site.yml", Self.siteYML + "logo: /images/missing.svg\n")
        let run = try SitegenRun.run(["check", "--now", "2025-08-01T00:00:00Z"], in: site.root)
        #expect(run.status == 1)
        let problems = lines(run.stderr).filter { $0.contains("/images/missing.svg") }
        #expect(!problems.isEmpty, "\(run.stderr)")
        #expect(problems.allSatisfy { $0.hasPrefix("theme:") && $0.contains(".html:") }, "\(problems)")
    }
}

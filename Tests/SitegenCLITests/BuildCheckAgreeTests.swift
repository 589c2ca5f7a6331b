import Foundation
@testable import SitegenTestSupport
import Testing

/// Build and check judge an article alike, through the real binary: what `check` stops, the
/// build stops (or warns of, so `build --strict` fails), in the same words at the same place.
@Suite struct BuildCheckAgreeTests {
    static let siteYML = """
        title: Test News
        baseURL: https://example.org/
        taxonomies: [topics, sources]
        organizations: [Staff]

        """ + SiteFolder.completeSiteLines

    static let now = ["--now", "2026-12-07T12:00:00Z"]

    func site(_ files: [String: String]) -> SiteFolder {
        var all = files
        all["Content/site.yml"] = all["Content/site.yml"] ?? Self.siteYML
        let site = SiteFolder(files: all)
        site.addSiteImage()
        return site
    }

    func article(_ frontMatter: String, _ body: String = "Text.") -> String {
        "---\ntitle: Story\ndate: 2026-01-10T10:00:00Z\n\(frontMatter)---\n\(body)\n"
    }

    /// The diagnostics of a run, less check's structured-data warnings and the summary lines.
    func problems(_ run: SitegenRun) -> [String] {
        run.stderr.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("Content/") && !SiteFolder.isStructuredDataWarning($0) }
    }

    struct Verdicts {
        var build: SitegenRun
        var strict: SitegenRun
        var check: SitegenRun
        var checkStrict: SitegenRun
    }

    func verdicts(_ site: SiteFolder) throws -> Verdicts {
        Verdicts(
            build: try SitegenRun.run(["build", "--quiet"] + Self.now, in: site.root),
            strict: try SitegenRun.run(["build", "--quiet", "--strict"] + Self.now, in: site.root),
            check: try SitegenRun.run(["check"] + Self.now, in: site.root),
            checkStrict: try SitegenRun.run(["check", "--strict"] + Self.now, in: site.root))
    }

    /// An error: every command stops on it with the same line, and Public/ is never written.
    func expectError(_ files: [String: String], _ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let site = site(files)
        let v = try verdicts(site)
        for (name, run) in [("build", v.build), ("build --strict", v.strict), ("check", v.check), ("check --strict", v.checkStrict)] {
            #expect(run.status == 1, "\(name)", sourceLocation: sourceLocation)
            #expect(problems(run).contains(line), "\(name): \(run.stderr)", sourceLocation: sourceLocation)
        }
        #expect(site.snapshot("Public").isEmpty, sourceLocation: sourceLocation)
    }

    /// A warning of the build: it builds, `--strict` fails, and check says the same at the same place.
    func expectWarning(
        _ files: [String: String], _ line: String, checkSays checkLine: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let v = try verdicts(site(files))
        #expect(v.build.status == 0, "\(v.build.stderr)", sourceLocation: sourceLocation)
        #expect(problems(v.build).contains(line), "\(v.build.stderr)", sourceLocation: sourceLocation)
        #expect(v.strict.status == 1, sourceLocation: sourceLocation)
        #expect(problems(v.strict).contains(line.replacingOccurrences(of: ": warning: ", with: ": error: ")), "\(v.strict.stderr)",
                sourceLocation: sourceLocation)
        #expect(v.checkStrict.status == 1, sourceLocation: sourceLocation)
        #expect(problems(v.check).contains(checkLine ?? line), "\(v.check.stderr)", sourceLocation: sourceLocation)
    }

    @Test("updated: before date: is an error everywhere; updated: more than a day after the clock is a warning")
    func updated() throws {
        try expectError(
            ["Content/articles/a.md": article("updated: 2026-01-09T10:00:00Z\n")],
            "Content/articles/a.md:4:10: error: this article is updated (2026-01-09T10:00:00Z) before it is published "
                + "(2026-01-10T10:00:00Z): correct 'updated:' or 'date:'")
        try expectWarning(
            ["Content/articles/a.md": article("updated: 2027-06-01\n")],
            "Content/articles/a.md:4:10: warning: this article is updated in the future (2027-06-01, after the clock's "
                + "2026-12-07T12:00:00Z): is the date right? 'updated:' is when the article last changed")
        // Updated on the day of publication, without a time, is no slip.
        let v = try verdicts(site(["Content/articles/a.md": article("updated: 2026-01-10\n")]))
        #expect(v.strict.status == 0 && v.checkStrict.status == 0, "\(v.strict.stderr)\(v.checkStrict.stderr)")
    }

    @Test("two terms of one article with one slug are the error two files get")
    func termsOfOneArticle() throws {
        try expectError(
            ["Content/articles/a.md": article("topics: [\"C++\", \"C\"]\n")],
            "Content/articles/a.md:4:17: error: 'C' and 'C++' (Content/articles/a.md:4:10) would share the URL /topics/c/: "
                + "spell them the same, or give one its own slug in Content/site.yml, e.g. termSlugs: {\"C\": c-2}")
        // Two spellings of one name are one term, as across files.
        let v = try verdicts(site(["Content/articles/a.md": article("topics: [NASA, nasa]\n")]))
        #expect(v.strict.status == 0, "\(v.strict.stderr)")
        #expect(v.checkStrict.status == 0, "\(v.checkStrict.stderr)")
    }

    @Test("an image that names no file is an error, from the root as beside the article, with a case-insensitive did-you-mean")
    func missingImages() throws {
        try expectError(
            ["Content/articles/a.md": article("", "See ![A map](/images/none.jpg).")],
            "Content/articles/a.md:5:5: error: image '/images/none.jpg' is missing: there is no file /images/none.jpg")
        try expectError(
            ["Content/articles/a.md": article("", "See ![A map](/images/Site.JPG).")],
            "Content/articles/a.md:5:5: error: image '/images/Site.JPG' is missing: there is no file Content/images/Site.JPG; "
                + "did you mean /images/site.jpg? (file names are case-sensitive on the web)")
        let site = site(["Content/articles/a/index.md": article("", "See ![A map](img_5678.jpg).")])
        site.copyImage("photo-900.jpg", to: "Content/articles/a/IMG_5678.JPG")
        let run = try SitegenRun.run(["build", "--quiet"] + Self.now, in: site.root)
        #expect(run.status == 1)
        #expect(problems(run) == [
            "Content/articles/a/index.md:5:5: error: image 'img_5678.jpg' is missing: there is no file Content/articles/a/img_5678.jpg; "
                + "did you mean IMG_5678.JPG? (file names are case-sensitive on the web)",
        ])
    }

    @Test("an undeclared attribution is a build warning and check's error, in the same words")
    func undeclaredSource() throws {
        let message = "Content/articles/a.md:5:19: %@: paragraph 1 is attributed to 'Reuters', which is not in this article's sources: "
            + "add it to 'sources:' in the front-matter, or correct the name"
        try expectWarning(
            ["Content/articles/a.md": article("", "Officials said so (Reuters)")],
            message.replacingOccurrences(of: "%@", with: "warning"),
            checkSays: message.replacingOccurrences(of: "%@", with: "error"))
        let folder = site(["Content/articles/a.md": article("", "Officials said so (Reuters)")])
        let check = try SitegenRun.run(["check"] + Self.now, in: folder.root)
        #expect(!problems(check).contains(message.replacingOccurrences(of: "%@", with: "warning")), "listed once, as the error")
    }

    @Test("a javascript: link is a warning of the build and of check, not only check's")
    func unsafeLink() throws {
        try expectWarning(
            ["Content/articles/a.md": article("", "Do [not click](javascript:alert(1)) this.")],
            "Content/articles/a.md:5:4: warning: the link target 'javascript:…' was left out: javascript: URLs are not emitted unless unsafeHTML is on")
        try expectWarning(
            ["Content/pages/about.md": "---\ntitle: About\n---\nA [link](JavaScript:void(0)).\n"],
            "Content/pages/about.md:4:3: warning: the link target 'javascript:…' was left out: javascript: URLs are not emitted unless unsafeHTML is on")
    }

    // MARK: - One person per name

    @Test("two spellings of one byline in one article are one author, named once in the byline, JSON-LD and feeds")
    func oneBylinePerPerson() throws {
        let site = site(["Content/articles/a.md": article("authors: [Jane Doe, \"jane  doe\", Sam Lee]\n")])
        let run = try SitegenRun.run(["build", "--quiet"] + Self.now, in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(problems(run) == [
            "Content/articles/a.md:4:21: warning: the byline 'jane  doe' and 'Jane Doe' are one author, at /authors/jane-doe/; "
                + "every page shows 'Jane Doe': spell the byline one way",
        ])
        let files = site.snapshot("Public").mapValues { String(decoding: $0, as: UTF8.self) }
        let page = try #require(files["articles/a/index.html"])
        #expect(page.components(separatedBy: "\"name\":\"Jane Doe\"").count == 2, "one Person in JSON-LD")
        #expect(page.contains(">Jane Doe</a> and <a"), "\(page)")
        #expect(page.components(separatedBy: ">Jane Doe</a>").count == 2)
        let atom = try #require(files["feed.xml"])
        #expect(atom.components(separatedBy: "<name>Jane Doe</name>").count == 2)
        let json = try #require(files["feed.json"])
        #expect(json.components(separatedBy: "\"name\": \"Jane Doe\"").count == 2)
    }

    @Test("an author file is matched by its name:, one page with the bio and the articles; a file name that disagrees is a warning")
    func authorFileByName() throws {
        let site = site([
            "Content/articles/a.md": article("author: Priya Nair\n"),
            "Content/authors/wrong-file-name.md": "---\nname: Priya Nair\ntitle: Health reporter\n---\nPriya covers hospitals.\n",
        ])
        let v = try verdicts(site)
        let warning = "Content/authors/wrong-file-name.md:2:7: warning: this author file is named 'wrong-file-name.md' but describes "
            + "'Priya Nair', whose page is /authors/priya-nair/ (author files are matched to bylines by 'name:'): rename it to 'priya-nair.md'"
        #expect(v.build.status == 0)
        #expect(problems(v.build) == [warning])
        #expect(v.strict.status == 1)
        #expect(problems(v.check).contains(warning))
        let files = site.snapshot("Public").mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(files.keys.filter { $0.hasPrefix("authors/") && $0.hasSuffix("/index.html") }.sorted()
            == ["authors/index.html", "authors/priya-nair/index.html"])
        let page = try #require(files["authors/priya-nair/index.html"])
        #expect(page.contains("Priya covers hospitals.") && page.contains("Health reporter") && page.contains("href=\"/articles/a/\""))
    }

    @Test("an organisation's byline with an author file counts its articles; author pages fall back to the site image")
    func organisationAndImage() throws {
        let site = site([
            "Content/articles/a.md": article("author: Staff\n"),
            "Content/articles/b.md": article("author: Sam Lee\n"),
            "Content/authors/staff.md": "---\nname: Staff\n---\nThe newsroom.\n",
        ])
        let run = try SitegenRun.run(["build", "--quiet", "--strict"] + Self.now, in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let files = site.snapshot("Public").mapValues { String(decoding: $0, as: UTF8.self) }
        let staff = try #require(files["authors/staff/index.html"])
        #expect(staff.contains("href=\"/articles/a/\""), "the organisation's page lists its article")
        #expect(staff.contains("\"mainEntity\":{\"@type\":\"Organization\""))
        let article = try #require(files["articles/a/index.html"])
        #expect(article.contains("\"author\":[{\"@type\":\"Organization\",\"name\":\"Staff\""))
        let sam = try #require(files["authors/sam-lee/index.html"])
        #expect(sam.contains("<meta property=\"og:image\" content=\"https://example.org/images/site-"), "\(sam)")
    }

    // MARK: - Messages at the right place

    @Test("draft: yes says to write true; a tag GFM's filter escapes under unsafeHTML is a warning naming the filter")
    func contentMessages() throws {
        let draft = site(["Content/articles/a.md": article("draft: yes\n")])
        let run = try SitegenRun.run(["build", "--quiet"] + Self.now, in: draft.root)
        #expect(run.status == 1)
        #expect(problems(run) == ["Content/articles/a.md:4:8: error: 'draft' must be true or false, not a string: write 'draft: true'"])

        let unsafe = site([
            "Content/site.yml": Self.siteYML + "unsafeHTML: true\n",
            "Content/articles/a.md": article("", "Text <script>alert(1)</script> and <b>bold</b>.\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>"),
        ])
        let built = try SitegenRun.run(["build", "--quiet"] + Self.now, in: unsafe.root)
        #expect(built.status == 0)
        let filter = "GFM's tag filter escapes <title>, <textarea>, <style>, <xmp>, <iframe>, <noembed>, <noframes>, <script> and "
            + "<plaintext> even with 'unsafeHTML: true'"
        #expect(problems(built) == [
            "Content/articles/a.md:5:6: warning: <script> is shown as text, not run: " + filter,
            "Content/articles/a.md:7:1: warning: <iframe> is shown as text, not run: " + filter
                + "; for a YouTube or Vimeo video, put its link alone in a paragraph instead (it becomes a click-to-load player)",
        ])
        let page = String(decoding: try #require(unsafe.snapshot("Public")["articles/a/index.html"]), as: UTF8.self)
        #expect(page.contains("&lt;script>alert(1)") && page.contains("<b>bold</b>"))
    }
}

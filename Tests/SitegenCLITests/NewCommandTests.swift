import Foundation
@testable import SitegenTestSupport
import Testing

/// `sitegen new` for a newsroom, through the real binary: what it writes, byte for byte, and
/// every message it prints.
@Suite struct NewCommandTests {
    static let draftHint = "sitegen: it is a draft (draft: true): preview it with 'sitegen serve --drafts'; publish it by deleting the line 'draft: true'\n"

    static let skeleton = """
        Replace this lead paragraph with the story's first: what happened, who, when and where.

        ## Replace this section heading

        Replace this paragraph with the section's text; add sections as the story needs.

        """

    func text(_ site: SiteFolder, _ path: String) throws -> String {
        try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("a new article is a draft with a skeleton; stdout is its path, stderr how to preview and publish it")
    func draftByDefault() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        let run = try SitegenRun.run(["new", "Crew-11 docks", "--date", "2025-08-04"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Content/articles/2025-08-04-crew-11-docks.md\n")
        #expect(run.stderr == Self.draftHint)
        #expect(try text(site, "Content/articles/2025-08-04-crew-11-docks.md") == """
            ---
            title: "Crew-11 docks"
            date: 2025-08-04
            draft: true
            ---

            \(Self.skeleton)
            """)
        // --draft says the same; the build leaves it out, --drafts shows it.
        let explicit = try SitegenRun.run(["new", "Splashdown", "--date", "2025-08-04", "--draft"], in: site.root)
        #expect(explicit.stderr == Self.draftHint)
        #expect(try text(site, "Content/articles/2025-08-04-splashdown.md").contains("\ndraft: true\n---\n"))
        let plain = try SitegenRun.run(["build", "--quiet", "--output", "out"], in: site.root)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("out/articles/crew-11-docks").path))
        #expect(try SitegenRun.run(["build", "--quiet", "--drafts", "--output", "drafts"], in: site.root).status == 0)
        #expect(try text(site, "drafts/articles/crew-11-docks/index.html").contains("Replace this section heading"))
    }

    @Test("--publish with --author, --image, topics and sources writes them all: a page bundle with the photo beside index.md, which builds and checks")
    func published() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        // The photo is anywhere on the editor's machine, outside the site.
        let photo = site.parent.appendingPathComponent("Downloads/crew-11.jpg")
        try FileManager.default.createDirectory(at: photo.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SiteFolder.repository.appendingPathComponent("Tests/SitegenImagesTests/Fixtures/photo-900.jpg"), to: photo)
        let arguments = ["new", "Crew-11 docks", "--date", "2025-08-04", "--publish", "--author", "Ana \"AR\" Ruiz",
                         "--image", "../Downloads/crew-11.jpg", "--topics", "NASA,Crew-11", "--sources", "Reuters, AP News"]
        let run = try SitegenRun.run(arguments, in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Content/articles/2025-08-04-crew-11-docks/index.md\n")
        #expect(run.stderr == "")
        #expect(try text(site, "Content/articles/2025-08-04-crew-11-docks/index.md") == """
            ---
            title: "Crew-11 docks"
            date: 2025-08-04
            author: "Ana \\"AR\\" Ruiz"
            topics: ["NASA", "Crew-11"]
            sources: ["Reuters", "AP News"]
            image: crew-11.jpg
            ---

            Replace this lead paragraph with the story's first: what happened, who, when and where. (Reuters; AP News)

            ## Replace this section heading

            Replace this paragraph with the section's text; add sections as the story needs.

            """)
        // The photo is copied beside index.md, byte for byte, and left where it was.
        #expect(site.snapshot("Content/articles/2025-08-04-crew-11-docks")["crew-11.jpg"] == (try Data(contentsOf: photo)))
        #expect(site.snapshot("Content/articles").keys.sorted() == ["2025-08-04-crew-11-docks/crew-11.jpg", "2025-08-04-crew-11-docks/index.md"])
        // The short form has no alt text, which build and check point out.
        let altWarning = "Content/articles/2025-08-04-crew-11-docks/index.md:7:8: warning: the lead image 'crew-11.jpg' has "
            + "no alt text: write image: {src: crew-11.jpg, alt: \"what it shows\"}\n"
        let check = try SitegenRun.run(["check"], in: site.root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == altWarning)
        #expect(check.stdout.hasSuffix(": 0 errors, 1 warning\n"))
        let build = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr == altWarning)
        let page = try text(site, "Public/articles/crew-11-docks/index.html")
        #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/images/crew-11-"), "the photo is the lead image")
        #expect(page.contains("href=\"/sources/ap-news/\""))
        #expect(page.contains("Ana &quot;AR&quot; Ruiz") || page.contains("Ana &#34;AR&#34; Ruiz"), "\(page)")
    }

    @Test("the photo is copied under a URL-safe name with its format's extension, which the build finds")
    func photoName() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        site.copyImage("photo-900.jpg", to: "photos/Lead photo #1.JPEG")
        site.copyImage("alpha.png", to: "photos/2025.jpg")
        for (title, photo, name) in [("A", "Lead photo #1.JPEG", "lead-photo-1.jpg"), ("B", "2025.jpg", "2025.png")] {
            let run = try SitegenRun.run(["new", title, "--date", "2025-08-04", "--publish", "--image", "photos/\(photo)"], in: site.root)
            #expect(run.status == 0, "\(run.stderr)")
            let folder = "2025-08-04-\(title.lowercased())"
            #expect(site.snapshot("Content/articles/\(folder)").keys.sorted() == ["index.md", name].sorted())
            #expect(try text(site, "Content/articles/\(folder)/index.md").contains("\nimage: \(NewCommandTests.yaml(name))\n"))
        }
        let build = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(site.snapshot("Public/images").keys.contains { $0.hasPrefix("lead-photo-1-") })
    }

    /// A file name as `new` writes it in YAML: quoted when it would read as a number.
    static func yaml(_ name: String) -> String { name.first!.isNumber ? "\"\(name)\"" : name }

    @Test("--image must be a photo that exists: a missing file, a folder, a file that is no image, another format; nothing is written")
    func badImages() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        site.copyImage("not-an-image.jpg", to: "photos/not-an-image.jpg")
        site.copyImage("photo.tiff", to: "photos/photo.tiff")
        let cases: [(String, String)] = [
            ("photos/missing.jpg", "--image: there is no file 'photos/missing.jpg': give the path of the photo to copy beside the article"),
            ("photos", "--image: 'photos' is a folder: give the path of one photo"),
            ("photos/not-an-image.jpg",
             "--image: 'photos/not-an-image.jpg' cannot be a lead image: not an image: no JPEG, PNG, WebP or GIF decoder recognises its bytes"),
            ("photos/photo.tiff",
             "--image: 'photos/photo.tiff' cannot be a lead image: unsupported image format (TiffBuffer): use JPEG, PNG, WebP or GIF"),
        ]
        for (path, message) in cases {
            let run = try SitegenRun.run(["new", "Crew-11 docks", "--image", path], in: site.root)
            #expect(run.status == 1, "\(path)")
            #expect(run.stdout == "", "\(path)")
            #expect(run.stderr == "sitegen: error: \(message)\n", "\(path)")
        }
        #expect(site.snapshot("Content").keys.sorted() == ["site.yml"])
    }

    @Test("a bundle's folder that exists is never written into")
    func bundleExists() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/2025-08-04-a/notes.txt": "mine\n"])
        site.copyImage("photo-900.jpg", to: "lead.jpg")
        let run = try SitegenRun.run(["new", "A", "--date", "2025-08-04", "--image", "lead.jpg"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr == "sitegen: error: Content/articles/2025-08-04-a/ already exists: sitegen new never overwrites a file; "
            + "choose another title, --slug or --date\n")
        #expect(site.snapshot("Content/articles").keys.sorted() == ["2025-08-04-a/notes.txt"])
    }

    @Test("--date takes a time too, in every form front-matter's date: takes; the file is named after the day written")
    func dateWithTime() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML + "\ntimezone: Europe/Paris\n"])
        let cases = [
            ("Docking", "2026-12-07T09:15:00+01:00"), ("Undocking", "2026-12-07T23:30"), ("Splashdown", "2026-12-08"),
            ("Recovery", "2026-12-09T06:00:00Z"),
        ]
        for (title, date) in cases {
            let run = try SitegenRun.run(["new", title, "--date", date, "--publish"], in: site.root)
            #expect(run.status == 0, "\(date): \(run.stderr)")
            let path = "Content/articles/\(date.prefix(10))-\(title.lowercased()).md"
            #expect(run.stdout == "\(path)\n")
            #expect(try text(site, path).hasPrefix("---\ntitle: \"\(title)\"\ndate: \(date)\n---\n"), "\(date)")
        }
        // The build reads each as written: 23:30 in Paris is 22:30Z.
        let build = try SitegenRun.run(["build", "--quiet", "--now", "2026-12-10"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try text(site, "Public/articles/undocking/index.html").contains("datetime=\"2026-12-07T23:30:00+01:00\""))
        for (date, message) in [
            ("2025-02-30", "February 2025 has 28 days"), ("2026-12-07T25:00", "hours go up to 23, minutes and seconds up to 59"),
            ("tomorrow", "write it as 2025-07-31 or 2025-07-31T14:30:00+02:00"), ("07/12/2026", "write it as 2025-07-31 or 2025-07-31T14:30:00+02:00"),
        ] {
            let run = try SitegenRun.run(["new", "A", "--date", date], in: site.root)
            #expect(run.status == 1)
            #expect(run.stderr == "sitegen: error: --date: invalid date '\(date)': \(message)\n", "\(date)")
        }
    }

    @Test("usage errors: --draft with --publish, an empty --author, a page with --draft, new page without a title")
    func usageErrors() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        let cases: [([String], String)] = [
            (["new", "A", "--draft", "--publish"], "--draft and --publish cannot be used together"),
            (["new", "A", "--author", " "], "the author is empty: --author \"Ana Ruiz\""),
            (["new", "A", "--image", ""], "the image is empty: --image crew-11.jpg"),
            (["new", "page", "About", "--draft"],
             "a page has no draft state (the build publishes every page in Content/pages/): drop --draft"),
            (["new", "page", "About", "--publish"],
             "a page has no draft state (the build publishes every page in Content/pages/): drop --publish"),
            (["new", "page"], "Missing expected argument '<title>'"),
            (["new", "page", "About", "--date", "2025-08-04"], "Unknown option '--date'"),
        ]
        for (arguments, message) in cases {
            let run = try SitegenRun.run(arguments, in: site.root)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stdout == "", "\(arguments)")
            #expect(run.stderr == "sitegen: error: \(message)\n", "\(arguments)")
        }
        #expect(site.snapshot("Content").keys.sorted() == ["site.yml"])
    }

    @Test("new page writes Content/pages/<slug>.md, undated and not a draft, which builds at /<slug>/ and checks clean")
    func newPage() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        let run = try SitegenRun.run(["new", "page", "Corrections policy"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Content/pages/corrections-policy.md\n")
        #expect(run.stderr == "")
        #expect(try text(site, "Content/pages/corrections-policy.md") == """
            ---
            title: "Corrections policy"
            ---

            Replace this opening paragraph with what the page is for.

            ## Replace this section heading

            Replace this paragraph with the section's text; add sections as the page needs.

            """)
        let named = try SitegenRun.run(["new", "page", "Contact the desk", "--slug", "contact"], in: site.root)
        #expect(named.stdout == "Content/pages/contact.md\n")
        #expect(try text(site, "Content/pages/contact.md").hasPrefix("---\ntitle: \"Contact the desk\"\nslug: contact\n---\n"))
        let check = try SitegenRun.run(["check", "--strict"], in: site.root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == "")
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        #expect(try text(site, "Public/corrections-policy/index.html").contains("Corrections policy"))
        #expect(try text(site, "Public/contact/index.html").contains("Contact the desk"))
    }

    @Test("an article titled 'page' is written with 'new article'")
    func articleNamedPage() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        let run = try SitegenRun.run(["new", "article", "page", "--date", "2025-08-04", "--publish"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Content/articles/2025-08-04-page.md\n")
        #expect(try text(site, "Content/articles/2025-08-04-page.md").hasPrefix("---\ntitle: \"page\"\ndate: 2025-08-04\n---\n"))
    }

    @Test("a slug an article's file name gives is refused, naming the file and a free slug")
    func clashByFileName() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML,
            "Content/articles/2025-07-31-crew-11.md": SiteFolder.article("Crew-11 launches", date: "2025-07-31"),
        ])
        let run = try SitegenRun.run(["new", "Crew-11", "--date", "2025-08-04"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == "sitegen: error: the slug 'crew-11' is already used by Content/articles/2025-07-31-crew-11.md; choose another with --slug, e.g. --slug crew-11-2\n")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Content/articles/2025-08-04-crew-11.md").path))
        // A page is refused it too, and the suggestion is taken.
        let page = try SitegenRun.run(["new", "page", "Crew-11"], in: site.root)
        #expect(page.stderr == "sitegen: error: the slug 'crew-11' is already used by Content/articles/2025-07-31-crew-11.md; choose another with --slug, e.g. --slug crew-11-2\n")
        let taken = try SitegenRun.run(["new", "Crew-11", "--date", "2025-08-04", "--slug", "crew-11-2"], in: site.root)
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stdout == "Content/articles/2025-08-04-crew-11-2.md\n")
    }

    @Test("a slug a front-matter slug: takes is refused, naming that file, whatever its name")
    func clashBySlugKey() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML,
            "Content/articles/old-story.md": SiteFolder.article("Old", date: "2025-07-30", "slug: Crew-11 Docks"),
        ])
        let run = try SitegenRun.run(["new", "Crew-11 docks", "--date", "2025-08-04"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr == "sitegen: error: the slug 'crew-11-docks' is already used by Content/articles/old-story.md; choose another with --slug, e.g. --slug crew-11-docks-2\n")
        // The slug old-story's name would give is free: the file says otherwise.
        let free = try SitegenRun.run(["new", "Old story", "--date", "2025-08-04", "--publish"], in: site.root)
        #expect(free.status == 0, "\(free.stderr)")
        #expect(free.stdout == "Content/articles/2025-08-04-old-story.md\n")
    }

    @Test("the suggestion is free: -2 taken by a page's slug: and -3's file existing, it suggests -4")
    func suggestionIsFree() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML,
            "Content/articles/2025-07-31-crew-11.md": SiteFolder.article("Crew-11", date: "2025-07-31"),
            "Content/pages/crew.md": "---\ntitle: Crew\nslug: crew-11-2\n---\nText.\n",
            "Content/articles/2025-08-04-crew-11-3.md": SiteFolder.article("Renamed", date: "2025-08-04", "slug: renamed"),
        ])
        let run = try SitegenRun.run(["new", "Crew-11", "--date", "2025-08-04"], in: site.root)
        #expect(run.stderr == "sitegen: error: the slug 'crew-11' is already used by Content/articles/2025-07-31-crew-11.md; choose another with --slug, e.g. --slug crew-11-4\n")
        // On another day crew-11-3's file is free, and so is the slug.
        let other = try SitegenRun.run(["new", "Crew-11", "--date", "2025-08-05"], in: site.root)
        #expect(other.stderr == "sitegen: error: the slug 'crew-11' is already used by Content/articles/2025-07-31-crew-11.md; choose another with --slug, e.g. --slug crew-11-3\n")
        // A file whose slug is free but whose name is taken is never overwritten.
        let exists = try SitegenRun.run(["new", "Crew-11", "--date", "2025-08-04", "--slug", "crew-11-3"], in: site.root)
        #expect(exists.status == 1)
        #expect(exists.stderr == "sitegen: error: Content/articles/2025-08-04-crew-11-3.md already exists: sitegen new never overwrites a file; choose another title, --slug or --date\n")
        #expect(try text(site, "Content/articles/2025-08-04-crew-11-3.md").contains("Renamed"))
    }

    @Test("a page is refused a URL the site or an alias takes; a file that does not decode keeps its name's slug")
    func pageClashes() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": siteYML,
            "Content/articles/a.md": SiteFolder.article("A", date: "2025-07-31", "aliases: [/press/]"),
            "Content/articles/2025-07-01-broken.md": "---\ntitle: [\n---\n",
        ])
        let cases: [([String], String)] = [
            (["new", "page", "Topics"], "the slug 'topics' is already used by the site's topics index, /topics/; choose another with --slug, e.g. --slug topics-2"),
            (["new", "page", "Page"], "the slug 'page' is already used by the home page's later pages, /page/2/…; choose another with --slug, e.g. --slug page-2"),
            (["new", "page", "Articles"], "the slug 'articles' is already used by the site's articles, /articles/<slug>/; choose another with --slug, e.g. --slug articles-2"),
            (["new", "page", "Press"], "the slug 'press' is already used by the alias /press/ of Content/articles/a.md; choose another with --slug, e.g. --slug press-2"),
            (["new", "Broken", "--date", "2025-08-04"], "the slug 'broken' is already used by Content/articles/2025-07-01-broken.md; choose another with --slug, e.g. --slug broken-2"),
        ]
        for (arguments, message) in cases {
            let run = try SitegenRun.run(arguments, in: site.root)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr == "sitegen: error: \(message)\n", "\(arguments)")
        }
        // An article at /articles/topics/ is no trouble.
        let article = try SitegenRun.run(["new", "Topics", "--date", "2025-08-04"], in: site.root)
        #expect(article.status == 0, "\(article.stderr)")
    }

    @Test("with --source the paths and the preview hint name the site's folder")
    func otherFolder() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML])
        let run = try SitegenRun.run(["new", "A", "--date", "2025-08-04", "--source", "site"], in: site.parent)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "site/Content/articles/2025-08-04-a.md\n")
        #expect(run.stderr == Self.draftHint.replacingOccurrences(of: "--drafts'", with: "--drafts --source site'"))
        let again = try SitegenRun.run(["new", "A", "--date", "2025-08-05", "--source", "site"], in: site.parent)
        #expect(again.stderr == "sitegen: error: the slug 'a' is already used by site/Content/articles/2025-08-04-a.md; choose another with --slug, e.g. --slug a-2\n")
    }
}

import Foundation
@testable import SitegenTestSupport
import SitegenSite
import SitegenSupport
import Testing

@Suite("A build session's rebuilds equal full builds")
struct IncrementalBuildTests {
    /// Asserts the two builds have the same files with the same bytes, naming any that differ.
    func expectSameFiles(_ incremental: BuiltSite, _ site: SiteFolder, _ step: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let full = try SiteBuilder.buildInMemory(BuildOptions(sourceDirectory: site.path))
        #expect(incremental.files.map(\.path) == full.files.map(\.path), "\(step): file lists", sourceLocation: sourceLocation)
        let fullBytes = Dictionary(uniqueKeysWithValues: full.files.map { ($0.path, $0.bytes) })
        let differing = incremental.files.filter { fullBytes[$0.path] != $0.bytes }.map(\.path)
        // The first line that differs in the first differing file, to read in the failure.
        let firstDifference = differing.first.flatMap { path in
            incremental.files.first { $0.path == path }.flatMap { mine in
                zip(String(decoding: mine.bytes, as: UTF8.self).split(separator: "\n"),
                    String(decoding: fullBytes[path]!, as: UTF8.self).split(separator: "\n"))
                    .first { $0 != $1 }.map { "\(path): \($0) (a full build: \($1))" }
            }
        }
        #expect(differing.isEmpty, "\(step): differing files \(differing); \(firstDifference ?? "")", sourceLocation: sourceLocation)
    }

    @Test("After edits, additions, deletions, renames, a template and site.yml change, every file equals a full build")
    func seriesOfEdits() throws {
        let site = SiteFolder.newsSite(articles: 30)
        let builder = BuildSession(options: BuildOptions(sourceDirectory: site.path), keepInMemory: true)
        let first = try builder.build()
        #expect(first.rendered.count == first.site.routes.count)
        try expectSameFiles(first.site, site, "first build")
        let articlePages = first.site.routes.filter { $0.kind == .article }.count

        // One article's title: that file alone is decoded, and not every article page is rendered.
        site.write(SiteFolder.articlePath(3), SiteFolder.article(3, title: "A new title for three"))
        let edited = try builder.build(changed: [SiteFolder.articlePath(3)])
        #expect(edited.reparsed == [site.path + "/" + SiteFolder.articlePath(3)])
        #expect(edited.rendered.contains("articles/story-3/index.html"))
        #expect(edited.rendered.contains("topics/rockets-0/feed.xml"))
        #expect(edited.rendered.filter { $0.hasPrefix("articles/") }.count < articlePages / 2)
        try expectSameFiles(edited.site, site, "title edit")
        // Its card on the topic page is made afresh, not taken from the previous build's cards.
        let topicPage = edited.site.files.first { $0.path == "topics/rockets-0/page/3/index.html" }.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(topicPage?.contains("A new title for three") == true)

        // Nothing changed: nothing is rendered.
        let idle = try builder.build(changed: [SiteFolder.articlePath(3)])
        #expect(idle.rendered.isEmpty)
        #expect(idle.changed.isEmpty && idle.removed.isEmpty)

        // A new article in a new folder.
        site.write("Content/articles/2025/2025-07-31-late-story.md", SiteFolder.article(31, title: "Late story"))
        let added = try builder.build(changed: ["Content/articles/2025"])
        #expect(added.changed.contains("articles/late-story/index.html"))
        try expectSameFiles(added.site, site, "addition")

        // A deletion, and a rename that changes the slug.
        site.remove(SiteFolder.articlePath(7))
        site.move(SiteFolder.articlePath(8), "Content/articles/2025-07-08-eight-renamed.md")
        let moved = try builder.build(changed: [
            SiteFolder.articlePath(7), SiteFolder.articlePath(8), "Content/articles/2025-07-08-eight-renamed.md",
        ])
        #expect(moved.removed.contains("articles/story-7/index.html"))
        #expect(moved.removed.contains("articles/story-8/index.html"))
        #expect(moved.changed.contains("articles/eight-renamed/index.html"))
        try expectSameFiles(moved.site, site, "deletion and rename")

        // A template: every page rendered again, no Markdown decoded.
        let basePath = site.root.appendingPathComponent("Templates/base.html")
        let base = try String(contentsOf: basePath, encoding: .utf8)
        site.write("Templates/base.html", base.replacingOccurrences(of: "</body>", with: "<!-- theme --></body>"))
        let themed = try builder.build(changed: ["Templates/base.html"])
        #expect(themed.reparsed.isEmpty)
        #expect(themed.rendered.count == themed.site.routes.count)
        try expectSameFiles(themed.site, site, "template change")

        // site.yml: a new title and page size change pages, not what Markdown made; a new base
        // URL changes the links in every body, so every file is read again.
        site.write("Content/site.yml", "title: Renamed Desk\nbaseURL: https://example.org/\nperPage: 3\n")
        let retitled = try builder.build(changed: ["Content/site.yml"])
        #expect(retitled.reparsed.isEmpty)
        #expect(retitled.rendered.count == retitled.site.routes.count)
        try expectSameFiles(retitled.site, site, "site.yml title change")
        site.write("Content/site.yml", "title: Renamed Desk\nbaseURL: https://example.org/news/\nperPage: 3\n")
        let configured = try builder.build(changed: ["Content/site.yml"])
        #expect(configured.reparsed.count == 31)
        try expectSameFiles(configured.site, site, "site.yml base URL change")

        // An asset, then a page, found without hints (by size, times and inode).
        site.write("Templates/assets/extra.css", "p { margin: 0 }\n")
        site.write("Content/pages/contact.md", "---\ntitle: Contact\n---\nWrite to us.\n")
        let unhinted = try builder.build()
        #expect(unhinted.changed.contains("assets/extra.css"))
        #expect(unhinted.changed.contains("contact/index.html"))
        try expectSameFiles(unhinted.site, site, "unhinted changes")
    }

    @Test("An edit of an article's title and body renders only the pages that show it, and equals a full build")
    func titleAndBodyEdit() throws {
        let site = SiteFolder.newsSite(articles: 30)
        let builder = BuildSession(options: BuildOptions(sourceDirectory: site.path), keepInMemory: true)
        let first = try builder.build()
        try expectSameFiles(first.site, site, "first build")

        func edited(_ n: Int, title: String, body: String, extra: String = "") -> String {
            SiteFolder.article(n, title: title)
                .replacingOccurrences(of: "says something new", with: body)
                .replacingOccurrences(of: "sources: [Reuters]", with: extra + "sources: [Reuters]")
        }

        // Title and body only: a handful of routes, and the same bytes as a full build.
        site.write(SiteFolder.articlePath(15), edited(15, title: "Fifteen, retitled", body: "now says **more**"))
        let one = try builder.build(changed: [SiteFolder.articlePath(15)])
        #expect(one.reparsed == [site.path + "/" + SiteFolder.articlePath(15)])
        #expect(one.rendered.contains("articles/story-15/index.html"))
        #expect(one.rendered.count < 40, "rendered \(one.rendered.count): \(one.rendered)")
        #expect(one.rendered.count < one.site.routes.count / 4)
        #expect(one.changed.contains("articles/story-15/index.html"))
        try expectSameFiles(one.site, site, "title and body edit")

        // Again, on a newer article (in the feeds), with a front-matter line added above its terms.
        site.write(SiteFolder.articlePath(29), edited(29, title: "Twenty-nine", body: "differs", extra: "summary: Someone else says so.\n"))
        let two = try builder.build(changed: [SiteFolder.articlePath(29)])
        #expect(two.rendered.contains("feed.xml"))
        #expect(two.rendered.count < 40, "rendered \(two.rendered.count): \(two.rendered)")
        try expectSameFiles(two.site, site, "second edit")

        // Nothing changed: nothing rendered.
        let idle = try builder.build(changed: [SiteFolder.articlePath(29)])
        #expect(idle.rendered.isEmpty && idle.changed.isEmpty)

        // A new cited source in the body, then a date change: both still equal a full build.
        site.write(SiteFolder.articlePath(15), edited(15, title: "Fifteen, retitled", body: "cites another wire")
            .replacingOccurrences(of: "(Reuters)", with: "(AP News)"))
        let cited = try builder.build(changed: [SiteFolder.articlePath(15)])
        try expectSameFiles(cited.site, site, "new citation")
        site.write(SiteFolder.articlePath(15), edited(15, title: "Fifteen", body: "b")
            .replacingOccurrences(of: "date: 2025-07-15", with: "date: 2025-06-15"))
        let redated = try builder.build(changed: [SiteFolder.articlePath(15)])
        try expectSameFiles(redated.site, site, "date change")
        site.write(SiteFolder.articlePath(16), edited(16, title: "Sixteen after the date change", body: "c"))
        let after = try builder.build(changed: [SiteFolder.articlePath(16)])
        #expect(after.rendered.count < 40)
        try expectSameFiles(after.site, site, "edit after a date change")
    }

    @Test("A page's new title reaches every page's navigation, and a body edit only the pages that show it")
    func pageTitleAndBodyEdits() throws {
        let site = SiteFolder.newsSite(articles: 12)
        let builder = BuildSession(options: BuildOptions(sourceDirectory: site.path), keepInMemory: true)
        let first = try builder.build()
        try expectSameFiles(first.site, site, "first build")

        // The title is in `site.pages`, which every page shows: every page is rendered again.
        site.write("Content/pages/about.md", "---\ntitle: About the desk\n---\nWe test things.\n")
        let retitled = try builder.build(changed: ["Content/pages/about.md"])
        #expect(retitled.rendered.count > retitled.site.routes.count / 2)
        try expectSameFiles(retitled.site, site, "page title")

        // Its body is on its own page alone.
        site.write("Content/pages/about.md", "---\ntitle: About the desk\n---\nWe test other things.\n")
        let rewritten = try builder.build(changed: ["Content/pages/about.md"])
        #expect(rewritten.rendered == ["about/index.html"], "rendered \(rewritten.rendered)")
        try expectSameFiles(rewritten.site, site, "page body")
    }

    @Test("A failed build keeps the last good state, and the next good build equals a full build")
    func failureAndRecovery() throws {
        let site = SiteFolder.newsSite(articles: 10)
        let builder = BuildSession(options: BuildOptions(sourceDirectory: site.path), keepInMemory: true)
        _ = try builder.build()
        site.write(SiteFolder.articlePath(2), "---\ntitle: [broken\n---\n")
        #expect(throws: DiagnosticsError.self) { try builder.build(changed: [SiteFolder.articlePath(2)]) }
        site.write("Templates/article.html", "{% extends \"base.html\" %}{% block content %}{{ nope }}{% endblock %}")
        #expect(throws: DiagnosticsError.self) { try builder.build(changed: ["Templates/article.html"]) }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Templates"))
        try FileManager.default.copyItem(
            at: SiteFolder.repository.appendingPathComponent("Templates"), to: site.root.appendingPathComponent("Templates"))
        site.write(SiteFolder.articlePath(2), SiteFolder.article(2, title: "Two again"))
        let recovered = try builder.build(changed: [SiteFolder.articlePath(2), "Templates/article.html"])
        try expectSameFiles(recovered.site, site, "recovery")
    }

    @Test("Drafts and a base URL override are honoured as in a full build")
    func options() throws {
        let site = SiteFolder.newsSite(articles: 4)
        site.write("Content/articles/2025-07-09-draft.md", "---\ntitle: Draft\ndate: 2025-07-09\ndraft: true\n---\nSoon.\n")
        for drafts in [false, true] {
            let options = BuildOptions(sourceDirectory: site.path, baseURL: "http://localhost:9/x/", includeDrafts: drafts)
            let incremental = try BuildSession(options: options).build()
            let full = try SiteBuilder.buildInMemory(options)
            #expect(incremental.site.files == full.files)
            #expect(incremental.site.draftsSkipped == full.draftsSkipped)
        }
    }

    @Test("A body edit renders its article page and the lists and feeds that show its card, no other article")
    func renderCount() throws {
        let site = SiteFolder.newsSite(articles: 8)
        let first = try site.rebuild()
        #expect(first.rendered.count == first.pages.site.routes.count)
        site.write(SiteFolder.articlePath(5), SiteFolder.article(5).replacingOccurrences(of: "More text", with: "Other text"))
        let second = try site.rebuild(changed: [SiteFolder.articlePath(5)])
        let articles = second.rendered.filter { $0.hasPrefix("articles/") }
        #expect(articles == ["articles/story-5/index.html"], "rendered \(second.rendered)")
        // The body is in the feeds (entries carry content), not in the cards of list pages.
        #expect(second.rendered.contains("feed.xml"))
        #expect(!second.rendered.contains("index.html"), "the home shows cards, which hold no body")
        #expect(second.pages["articles/story-5/index.html"]?.contains("Other text") == true)
    }

    @Test("A photo replaced under the same name (a body image, a lead image, the site's image) changes every page that shows it, as a full build does")
    func photoReplacedInPlace() throws {
        let site = SiteFolder.newsSite(articles: 4)
        site.write("Content/site.yml", "title: Test Desk\nbaseURL: https://example.org/\nimage: {src: desk.jpg, alt: The desk}\n")
        // The same photo under three names: three sets of files, each named after its own.
        site.copyImage("photo-900.jpg", to: "Content/desk.jpg")
        site.addPhotoStory(bodyImage: true)
        let builder = BuildSession(options: BuildOptions(sourceDirectory: site.path), keepInMemory: true)
        let first = try builder.build()
        try expectSameFiles(first.site, site, "first build")
        for (step, file) in [("body image", "Content/articles/2025-07-20-photo/quay.jpg"),
                             ("lead image", "Content/articles/2025-07-20-photo/lead.jpg"), ("site image", "Content/desk.jpg")] {
            site.copyImage("rotated-gps.jpg", to: file)
            let after = try builder.build(changed: [file])
            try expectSameFiles(after.site, site, step)
            #expect(!after.rendered.isEmpty, "\(step): pages rendered again")
        }
    }

    @Test("In a session, a correction's new date reorders /corrections/, equal to a full build; a byline added makes its author page")
    func newsroomEditsInASession() throws {
        let site = SiteFolder.newsSite(articles: 6)
        func withCorrection(_ n: Int, date: String, text: String) -> String {
            SiteFolder.article(n).replacingOccurrences(
                of: "topics:", with: "updated: 2025-07-30\ncorrections: [{date: \(date), text: \"\(text)\"}]\ntopics:")
        }
        site.write(SiteFolder.articlePath(2), withCorrection(2, date: "2025-07-20", text: "Two was wrong."))
        site.write(SiteFolder.articlePath(4), withCorrection(4, date: "2025-07-21", text: "Four was wrong."))
        let builder = BuildSession(options: BuildOptions(sourceDirectory: site.path), keepInMemory: true)
        try expectSameFiles(try builder.build().site, site, "first build")

        // Story 2's correction moves after story 4's: only its date changes (both articles'
        // `updated:` is later, so nothing else of the model's shape moves).
        site.write(SiteFolder.articlePath(2), withCorrection(2, date: "2025-07-22", text: "Two was wrong."))
        let moved = try builder.build(changed: [SiteFolder.articlePath(2)])
        try expectSameFiles(moved.site, site, "a correction's date moved")
        let list = String(decoding: try #require(moved.site.files.first { $0.path == "corrections/index.html" }).bytes, as: UTF8.self)
        #expect(list.firstRange(of: "Two was wrong.")!.lowerBound < list.firstRange(of: "Four was wrong.")!.lowerBound)

        // Its text only.
        site.write(SiteFolder.articlePath(2), withCorrection(2, date: "2025-07-22", text: "Two, reworded."))
        try expectSameFiles(try builder.build(changed: [SiteFolder.articlePath(2)]).site, site, "a correction reworded")

        // A byline on story 5: /authors/ and the author's page appear.
        site.write(SiteFolder.articlePath(5), SiteFolder.article(5).replacingOccurrences(of: "topics:", with: "author: Jane Doe\ntopics:"))
        let byline = try builder.build(changed: [SiteFolder.articlePath(5)])
        try expectSameFiles(byline.site, site, "a byline added")
        #expect(byline.site.files.contains { $0.path == "authors/jane-doe/index.html" })
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// Page bundles: an article or page may be a folder whose `index.md` is the entry and whose other files are its resources.
@Suite struct BundleTests {
    @Test("an article bundle takes its slug from the folder; its other Markdown files are resources, not articles")
    func articleBundles() throws {
        let files = """
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/2025-07-31-crew-11/index.md --
            \(SiteFolder.article("Crew-11 docks", date: "2025-07-31"))
            -- Content/articles/2025-07-31-crew-11/notes.md --
            Not front-matter at all: a reporter's notes kept beside the story.
            -- Content/articles/2025-07-31-crew-11/drafts/outline.md --
            # An outline
            -- Content/articles/2025/2025-08-01-plain.md --
            \(SiteFolder.article("A plain file in a folder", date: "2025-08-01"))
            -- Content/articles/2025-08-02-own-slug/index.md --
            \(SiteFolder.article("Own slug", date: "2025-08-02", "slug: chosen"))
            """
        let pages = try SiteFolder(files).build()
        #expect(pages["articles/crew-11/index.html"]?.contains("Crew-11 docks") == true)
        #expect(pages["articles/plain/index.html"] != nil, "a folder without index.md is not a bundle")
        #expect(pages["articles/chosen/index.html"] != nil, "slug: still wins")
        #expect(pages.paths.filter { $0.hasPrefix("articles/") && $0.hasSuffix("/index.html") } == [
            "articles/chosen/index.html", "articles/crew-11/index.html", "articles/plain/index.html",
        ])
        #expect(pages.site.model.articles.map(\.sourcePath).allSatisfy { !$0.hasSuffix("notes.md") && !$0.hasSuffix("outline.md") })
    }

    @Test("a page may be a bundle too: Content/pages/about/index.md is /about/")
    func pageBundles() throws {
        let files = """
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-07-31"))
            -- Content/pages/about/index.md --
            ---
            title: About us
            ---
            Who we are.
            -- Content/pages/about/team.md --
            Resources of the page.
            -- Content/pages/contact.md --
            ---
            title: Contact
            ---
            Write to us.
            """
        let pages = try SiteFolder(files).build()
        #expect(pages["about/index.html"]?.contains("About us") == true)
        #expect(pages["contact/index.html"] != nil)
        #expect(pages["team/index.html"] == nil)
    }
}

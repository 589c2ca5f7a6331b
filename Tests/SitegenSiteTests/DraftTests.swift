import Foundation
@testable import SitegenTestSupport
import Testing

/// A draft is built only when asked for.
@Suite struct DraftTests {
    static let files = """
        -- Content/site.yml --
        \(SiteFolder.config())
        -- Content/articles/public.md --
        \(SiteFolder.article("Public Piece", date: "2025-01-01", "topics: [Mars]"))
        -- Content/articles/secret.md --
        \(SiteFolder.article("Secret Draft", date: "2025-01-02", "topics: [Mars, Hidden]\nsources: [Leaks]\ndraft: true\naliases: [/old/secret/]"))
        """

    @Test("a draft is nowhere in the site without --drafts")
    func draftsLeftOut() throws {
        let pages = try SiteFolder(Self.files).build()
        #expect(pages.site.draftsSkipped == 1)
        #expect(pages["articles/public/index.html"] != nil)
        let withDraft = pages.paths.filter { path in
            path.contains("secret") || path.contains("hidden") || path.contains("leaks")
                || pages[path]!.contains("Secret Draft") || pages[path]!.contains("Hidden")
        }
        #expect(withDraft == [])
        #expect(pages["topics/mars/index.html"]!.cardTitles == ["Public Piece"])
        #expect(pages["topics/index.html"]!.contains("<a href=\"/topics/mars/\">Mars</a> <span class=\"count\">1<"))
    }

    @Test("with --drafts a draft has its page and is on the home page, term pages, feeds and sitemap")
    func draftsIncluded() throws {
        let pages = try SiteFolder(Self.files).build(drafts: true)
        #expect(pages.site.draftsSkipped == 0)
        #expect(try #require(pages["articles/secret/index.html"]).contains("Secret Draft"))
        #expect(pages["index.html"]!.cardTitles == ["Secret Draft", "Public Piece"])
        #expect(pages["topics/mars/index.html"]!.cardTitles == ["Secret Draft", "Public Piece"])
        #expect(pages["topics/hidden/index.html"]!.cardTitles == ["Secret Draft"])
        #expect(pages["sources/leaks/index.html"] != nil)
        #expect(pages["feed.xml"]!.contains("<title>Secret Draft</title>"))
        #expect(pages["topics/mars/feed.xml"]!.contains("<title>Secret Draft</title>"))
        #expect(pages["sitemap.xml"]!.contains("<loc>https://example.org/articles/secret/</loc>"))
        #expect(pages["old/secret/index.html"] != nil)
    }
}

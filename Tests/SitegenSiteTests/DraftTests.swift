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
        #expect(!pages["index.html"]!.contains("noindex") && pages["sitemap.xml"] != nil, "production is indexed")
        #expect(pages["topics/mars/index.html"]!.cardTitles == ["Public Piece"])
        #expect(pages["topics/index.html"]!.contains("<a href=\"/topics/mars/\">Mars</a> <span class=\"count\">1<"))
    }

    @Test("with --drafts a draft has its page, with its badge, and is on the home page, term pages and feeds of the preview; the preview has no sitemap and every page is noindex")
    func draftsIncluded() throws {
        let pages = try SiteFolder(Self.files).build(drafts: true)
        #expect(pages.site.draftsSkipped == 0)
        #expect(try #require(pages["articles/secret/index.html"]).contains("Secret Draft"))
        #expect(pages["articles/secret/index.html"]!.contains("<p class=\"scheduled-badge\" role=\"note\"><strong>Draft</strong>"))
        #expect(!pages["articles/public/index.html"]!.contains("<strong>Draft</strong>"))
        for path in pages.paths where path.hasSuffix(".html") {
            #expect(pages[path]!.contains("<head><meta name=\"robots\" content=\"noindex, nofollow\">"), "\(path)")
        }
        #expect(pages["robots.txt"]!.contains("User-agent: *\nDisallow: /\n"))
        #expect(pages["index.html"]!.cardTitles == ["Secret Draft", "Public Piece"])
        #expect(pages["topics/mars/index.html"]!.cardTitles == ["Secret Draft", "Public Piece"])
        #expect(pages["topics/hidden/index.html"]!.cardTitles == ["Secret Draft"])
        #expect(pages["sources/leaks/index.html"] != nil)
        #expect(pages["feed.xml"]!.contains("<title>Secret Draft</title>"))
        #expect(pages["topics/mars/feed.xml"]!.contains("<title>Secret Draft</title>"))
        #expect(pages["sitemap.xml"] == nil && pages["news-sitemap.xml"] == nil, "a preview invites no crawler")
        #expect(pages["old/secret/index.html"] != nil)
    }
}

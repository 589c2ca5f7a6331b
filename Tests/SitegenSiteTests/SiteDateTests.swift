import Foundation
@testable import SitegenTestSupport
import Testing

/// Dates as readers see them, in the site's time zone.
@Suite struct SiteDateTests {
    @Test("the footer's year is the newest article's year in the site's time zone")
    func yearInSiteTimeZone() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config(extra: "timezone: Europe/Berlin"))
            -- Content/articles/a.md --
            \(SiteFolder.article("New Year", date: "2025-01-01"))
            """)
        let page = try #require(try site.build()["articles/a/index.html"])
        #expect(page.contains("<time datetime=\"2025-01-01\">January 1, 2025</time>"))
        #expect(page.between("<p class=\"copyright\">", "</p>") == "© 2025 Test Staff")
    }

    @Test("a page without a date has no made-up lastmod in the sitemap")
    func undatedPageLastmod() throws {
        let pages = try SiteFolder(SiteURLTests.files).build()
        let sitemap = try #require(pages["sitemap.xml"])
        let about = sitemap.between("<loc>https://example.org/about/</loc>", "</url>")
        #expect(sitemap.contains("<loc>https://example.org/about/</loc>"))
        #expect(!about.contains("1970"))
        #expect(sitemap.contains("<lastmod>2025-01-03</lastmod>"))
    }

    @Test("a date with an offset is shown in the site's time zone")
    func offsetDates() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config(extra: "timezone: America/New_York"))
            -- Content/articles/a.md --
            \(SiteFolder.article("Late", date: "2025-08-01T02:30:00+02:00"))
            """)
        let pages = try site.build()
        // 02:30 in Paris is 20:30 the day before in New York.
        #expect(pages["articles/a/index.html"]!.contains("<time datetime=\"2025-07-31T20:30:00-04:00\">July 31, 2025, 20:30</time>"))
        #expect(pages["feed.xml"]!.contains("<published>2025-07-31T20:30:00-04:00</published>"))
    }
}

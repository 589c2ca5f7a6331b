import Foundation
import SitegenSupport
import Testing
@testable import SitegenContent

@Suite struct ArticleDecodingTests {
    func config(timeZone: String) -> SiteConfig {
        SiteConfig(title: "Test", baseURL: "https://example.org/", timeZone: TimeZone(identifier: timeZone)!)
    }

    func article(_ text: String, path: String = path, config: SiteConfig = testConfig) throws -> Article {
        try Article.make(from: Array(text.utf8), path: path, config: config)
    }

    func instant(_ iso: String) -> Date {
        try! Date(iso, strategy: .iso8601)
    }

    @Test func aPlainDateIsMidnightInTheSiteTimeZone() throws {
        let text = "---\ntitle: A\ndate: 2025-07-31\n---\n"
        #expect(try article(text, config: config(timeZone: "America/New_York")).date == instant("2025-07-31T04:00:00Z"))
        #expect(try article(text, config: config(timeZone: "Asia/Tokyo")).date == instant("2025-07-30T15:00:00Z"))
        #expect(try article(text).date == instant("2025-07-31T00:00:00Z"))
    }

    @Test func aDatetimeWithAnOffsetStaysThatInstantInAnyTimeZone() throws {
        let text = "---\ntitle: A\ndate: 2025-07-31T23:30:00-05:00\n---\n"
        for zone in ["America/New_York", "Asia/Tokyo", "UTC"] {
            let decoded = try article(text, config: config(timeZone: zone))
            #expect(decoded.date == instant("2025-08-01T04:30:00Z"))
            #expect(decoded.frontMatter.dateText == "2025-07-31T23:30:00-05:00")
        }
    }

    @Test func aDatetimeWithoutAnOffsetIsInTheSiteTimeZone() throws {
        let text = "---\ntitle: A\ndate: 2025-07-31 23:30\nupdated: 2025-08-01T00:15:00Z\n---\n"
        let decoded = try article(text, config: config(timeZone: "Europe/Paris"))
        #expect(decoded.date == instant("2025-07-31T21:30:00Z"))
        #expect(decoded.frontMatter.updated == instant("2025-08-01T00:15:00Z"))
        #expect(decoded.frontMatter.updatedText == "2025-08-01T00:15:00Z")
    }

    @Test func aLeapDayIsADate() throws {
        #expect(try article("---\ntitle: A\ndate: 2024-02-29\n---\n").date == instant("2024-02-29T00:00:00Z"))
    }

    @Test func aByteOrderMarkAndCRLFLineEndsKeepLineNumbersRight() throws {
        let text = "\u{FEFF}---\r\ntitle: A\r\ndate: 2025-07-31\r\ntopics: [NASA]\r\n---  \r\n# Body\r\n"
        let decoded = try article(text)
        #expect(decoded.bodyLine == 6)
        #expect(decoded.body == "# Body\r\n")
        #expect(decoded.frontMatter.terms["topics"] == [
            TermRef(name: "NASA", position: SourcePosition(path: path, line: 4, column: 10)),
        ])
        let broken = "\u{FEFF}---\r\ntitle: A\r\ndate: 2025-02-30\r\n---\r\n"
        #expect(diagnostics(Array(broken.utf8)) == ["\(path):3:7: error: invalid date '2025-02-30': February 2025 has 28 days"])
    }

    @Test func everyKeyIsDecodedWithItsPosition() throws {
        let text = """
            ---
            title: "Crew-11 docks"
            date: 2025-07-31T14:30:00+02:00
            summary: Four astronauts arrive.
            slug: crew-11
            author: Ada
            draft: true
            aliases: [/2025/crew-11/]
            topics:
              - Crew-11
              - ISS
            sources:
              - NASA
              - {name: ESA, url: "https://esa.int"}
            mood: happy
            rating: 4.5
            tags: [a, 1, true]
            ---
            Body text.

            """
        let decoded = try article(text)
        let fm = decoded.frontMatter
        #expect(fm.title == "Crew-11 docks")
        #expect(decoded.date == instant("2025-07-31T12:30:00Z"))
        #expect(fm.summary == "Four astronauts arrive.")
        #expect(fm.slug == "crew-11" && fm.hasExplicitSlug)
        #expect(fm.author == "Ada")
        #expect(fm.draft && decoded.isDraft)
        #expect(fm.aliases == ["/2025/crew-11/"])
        #expect(fm.terms["topics"]?.map(\.name) == ["Crew-11", "ISS"])
        #expect(fm.terms["sources"] == [
            TermRef(name: "NASA", position: SourcePosition(path: path, line: 13, column: 5)),
            TermRef(name: "ESA", url: "https://esa.int", position: SourcePosition(path: path, line: 14, column: 5)),
        ])
        #expect(fm.params == [
            "mood": .string("happy"), "rating": .double(4.5), "tags": .list([.string("a"), .int(1), .bool(true)]),
        ])
        #expect(fm.titlePosition == SourcePosition(path: path, line: 2, column: 8))
        #expect(fm.slugPosition == SourcePosition(path: path, line: 5, column: 7))
        #expect(fm.position(of: "mood") == SourcePosition(path: path, line: 15, column: 7))
        #expect(decoded.body == "Body text.\n")
        #expect(decoded.bodyLine == 19)
    }

    @Test func absentOptionalKeysTakeTheirDefaults() throws {
        let decoded = try article("---\ntitle: A\ndate: 2025-07-31\n---\n", path: "Content/articles/2025/2025-07-31-crew-11.md")
        let fm = decoded.frontMatter
        #expect(fm.slug == "crew-11" && !fm.hasExplicitSlug)
        #expect(fm.slugPosition == SourcePosition(path: "Content/articles/2025/2025-07-31-crew-11.md", line: 1, column: 1))
        #expect(fm.terms == ["topics": [], "sources": []])
        #expect(!fm.draft && fm.aliases.isEmpty && fm.params.isEmpty && fm.summary == nil && fm.updated == nil)
        #expect(decoded.body == "" && decoded.bodyLine == 5)
    }

    @Test(arguments: [
        ("Content/articles/2025-07-31-crew-11.md", "crew-11"),
        ("Content/articles/crew-11.md", "crew-11"),
        ("Content/articles/2025-07-31.md", "2025-07-31"),
        ("Content/articles/2025-7-31-x.md", "2025-7-31-x"),
        ("Content/articles/news/2025-01-02-Año Espacial.md", "Año Espacial"),
    ])
    func theSlugDefaultsToTheFileNameLessAnyLeadingDate(path: String, slug: String) {
        #expect(FrontMatterDecoder.defaultSlug(forPath: path) == slug)
    }

    @Test func aTaxonomyFromTheConfigIsReadAndOthersAreParams() throws {
        var config = testConfig
        config.taxonomies = ["topics", "places"]
        let decoded = try article("---\ntitle: A\ndate: 2025-07-31\nplaces: [Kourou]\nsources: [NASA]\n---\n", config: config)
        #expect(decoded.frontMatter.terms.keys.sorted() == ["places", "topics"])
        #expect(decoded.frontMatter.terms["places"]?.first?.name == "Kourou")
        #expect(decoded.frontMatter.params["sources"] == .list([.string("NASA")]))
    }

    @Test func aPageNeedsNoDate() throws {
        let page = try Page.make(from: Array("---\ntitle: About\n---\nHi\n".utf8), path: "Content/pages/about.md", config: testConfig)
        #expect(page.frontMatter.title == "About" && page.frontMatter.date == nil && page.frontMatter.slug == "about")
    }
}

import Foundation
import Testing

/// Text from front-matter is escaped in every page and feed.
@Suite struct EscapingTests {
    static let nasty = #"<script>alert(1)</script> "quotes" 'single' ]]> & more"#
    /// `nasty` as a YAML single-quoted scalar.
    static let yaml = "'" + nasty.replacingOccurrences(of: "'", with: "''") + "'"

    static let files = """
        -- Content/site.yml --
        title: \(yaml)
        description: \(yaml)
        author: \(yaml)
        baseURL: https://example.org/
        -- Content/articles/a.md --
        \(TestSite.article("Plain", date: "2025-01-02", """
            topics: [\(yaml), Moon]
            sources: [\(yaml)]
            summary: \(yaml)
            kicker: \(yaml)
            author: \(yaml)
            """, body: "Hello <script>alert(1)</script> world.\n\n## A heading <script>alert(1)</script>\n\nText. (\(nasty))"))
        -- Content/articles/b.md --
        ---
        title: \(yaml)
        date: 2025-01-01
        topics: [\(yaml)]
        ---

        Body with ]]> in it and <script>alert(1)</script>.
        """

    @Test("markup in titles, terms, sources, summaries and bodies is never output raw")
    func noRawScript() throws {
        let pages = try TestSite(Self.files).build()
        let termFiles = pages.paths.filter { $0.hasPrefix("topics/script") }
        #expect(!termFiles.isEmpty)
        for path in pages.paths where !path.hasPrefix("assets/") {
            #expect(!pages[path]!.contains("<script>alert"), "\(path) has a raw <script>")
        }
        let b = try #require(pages["articles/b/index.html"])
        #expect(b.contains("<h1 class=\"article-title\">&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("attribute values keep quotes escaped")
    func attributes() throws {
        let pages = try TestSite(Self.files).build()
        let a = try #require(pages["articles/a/index.html"])
        // The summary is the meta description; a raw quote would end the attribute.
        let description = try #require(a.firstMatch(of: /<meta name="description" content="([^"]*)">/)).output.1
        #expect(description.contains("&quot;quotes&quot;"))
        #expect(description.contains("&lt;script&gt;"))
        for tag in a.matches(of: /<[a-z]+ [^>]*>/) {
            // Every attribute is name="value" with nothing stray after the last quote.
            let text = String(tag.output)
            #expect(!text.contains("\"quotes\""), "\(text)")
        }
    }

    @Test("feeds and the sitemap stay well-formed XML with markup and ]]> in their text")
    func wellFormedXML() throws {
        let pages = try TestSite(Self.files).build()
        let xml = pages.paths.filter { $0.hasSuffix(".xml") }
        #expect(xml.count >= 5)
        for path in xml {
            #expect(xmlProblem(pages[path]!) == nil, "\(path): \(xmlProblem(pages[path]!) ?? "")")
        }
    }
}

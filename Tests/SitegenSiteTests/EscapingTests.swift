import Foundation
@testable import SitegenTestSupport
import SitegenSite
import Testing

/// Text from the writer is inert wherever it lands: HTML text and attributes, feeds, the
/// sitemap, JSON in a script block, and link targets.
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
        \(SiteFolder.article("Plain", date: "2025-01-02", """
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
        let pages = try SiteFolder(Self.files).build()
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
        let pages = try SiteFolder(Self.files).build()
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
        let pages = try SiteFolder(Self.files).build()
        let xml = pages.paths.filter { $0.hasSuffix(".xml") }
        #expect(xml.count >= 5)
        for path in xml {
            #expect(xmlProblem(pages[path]!) == nil, "\(path): \(xmlProblem(pages[path]!) ?? "")")
        }
    }

    // MARK: - Parameters, the json filter, link schemes (and the checker's warnings)

    /// What the writer can type, in site.yml, front-matter parameters and link targets.
    static let markup = #"<script>alert(1)</script> "q" 'a' & ]]>"#
    static let markupYAML = "'" + markup.replacingOccurrences(of: "'", with: "''") + "'"

    static func paramSite(unsafeHTML: Bool = false) throws -> SiteFolder {
        let site = SiteFolder(files: [
            "Content/site.yml": "title: \(Self.markupYAML)\nbaseURL: https://example.org/\nunsafeHTML: \(unsafeHTML)\nmotto: \(Self.markupYAML)",
            "Content/articles/a.md": "---\ntitle: \(Self.markupYAML)\ndate: 2025-08-01\n" + """
                topics: [\(Self.markupYAML), Moon]
                sources: [\(Self.markupYAML)]
                summary: \(Self.markupYAML)
                kicker: \(Self.markupYAML)
                author: \(Self.markupYAML)
                """ + "\n---\n\n" + """
                Text with [a script](javascript:alert(1)), [a page](data:text/html,<script>alert(1)</script>),
                [mixed case](JaVaScRiPt:alert(1)), [spaces]( javascript:alert(1) ), <javascript:alert(1)>
                and ![an image](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E).
                """ + "\n",
        ])
        // A theme that prints parameters in text, in attributes and as JSON in a script block.
        let article = try String(contentsOfFile: site.path + "/Templates/article.html", encoding: .utf8)
        site.write("Templates/article.html", article.replacingOccurrences(of: "{% block meta %}", with: """
            {% block meta %}
            <meta name="motto" content="{{ site.params.motto }}">
            <script type="application/ld+json">{"headline": {{ article.title | json }}, "kicker": {{ article.params.kicker | json }}, "motto": {{ site.params.motto | json }}}</script>
            """))
        return site
    }

    @Test("titles, terms, summaries and parameters never come out as markup in any file")
    func nothingRaw() throws {
        let files = try Self.paramSite().build().files
        for (path, text) in files where !path.hasPrefix("assets/") {
            #expect(!text.contains("<script>alert"), "\(path) has a raw <script>")
            #expect(!text.contains("\"q\""), "\(path) has a raw quote that could end an attribute")
            if path.hasSuffix(".xml") {
                // ]]> is text in XML; it must be escaped outside CDATA, and never close one early.
                #expect(!text.contains("]]>") || text.contains("<![CDATA["), "\(path) has a raw ]]>")
                #expect(!text.contains(" & "), "\(path) has a raw &")
            }
        }
    }

    @Test("the json filter writes strings a <script> block cannot be broken out of")
    func json() throws {
        let page = try #require(try Self.paramSite().build()["articles/a/index.html"])
        // The theme's own structured data comes first; the test theme's block is the one with a kicker.
        let script = try #require(page.matches(of: /<script type="application\/ld\+json">(.*)<\/script>/)
            .map(\.output.1).first { $0.contains("kicker") })
        #expect(!script.contains("<"))
        #expect(!script.contains("'"))
        #expect(!script.contains("&"))
        let decoded = try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: String]
        #expect(decoded == ["headline": Self.markup, "kicker": Self.markup, "motto": Self.markup])
        #expect(page.contains(#"<meta name="motto" content="&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; ]]&gt;">"#)
            || page.contains(#"<meta name="motto" content="&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#x27;a&#x27; &amp; ]]&gt;">"#))
    }

    @Test("javascript: and data: targets in Markdown are not links unless unsafeHTML is on")
    func linkSchemes() throws {
        let safe = try #require(try Self.paramSite().build()["articles/a/index.html"])
        let body = String(safe[safe.range(of: "article-body")!.lowerBound...])
        #expect(!body.lowercased().contains("javascript:alert(1)\""))
        #expect(!body.contains("href=\"javascript"))
        #expect(!body.lowercased().contains("href=\"javascript"))
        #expect(!body.contains("href=\"data:"))
        #expect(!body.contains("src=\"data:image/svg"))
        #expect(body.contains("<a href=\"\">a script</a>"))

        let unsafe = try #require(try Self.paramSite(unsafeHTML: true).build()["articles/a/index.html"])
        #expect(unsafe.contains("<a href=\"javascript:alert(1)\">a script</a>"))
    }

    @Test("the checker warns at each unsafe target it saw left out")
    func checkerWarns() throws {
        let site = try Self.paramSite()
        let warnings = try SiteChecker.check(site.options()).diagnostics
            .map { $0.description.replacingOccurrences(of: site.path + "/", with: "") }.filter { $0.contains("was left out") }
        #expect(warnings.map { $0.prefix(while: { $0 != "'" }) } == [
            "Content/articles/a.md:11:11: warning: the link target ",
            "Content/articles/a.md:11:44: warning: the link target ",
            "Content/articles/a.md:12:1: warning: the link target ",
            "Content/articles/a.md:12:36: warning: the link target ",
            "Content/articles/a.md:12:46: warning: the link target ",
            "Content/articles/a.md:13:5: warning: the image target ",
        ])
    }
}

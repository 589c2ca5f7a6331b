import Foundation
import SitegenSite
import Testing

/// Text from the writer is inert wherever it lands: HTML text and attributes, feeds, the sitemap,
/// JSON, and link targets. (Tests/SitegenSiteTests covers titles and terms in pages and feeds;
/// these add parameters, the `json` filter, link schemes and a check of every output file.)
@Suite struct EscapingTests {
    static let nasty = #"<script>alert(1)</script> "q" 'a' & ]]>"#
    static let yaml = "'" + nasty.replacingOccurrences(of: "'", with: "''") + "'"

    static func site(unsafeHTML: Bool = false) throws -> CheckSite {
        let site = try CheckSite([
            "Content/site.yml": "title: \(yaml)\nbaseURL: https://example.org/\nunsafeHTML: \(unsafeHTML)\nmotto: \(yaml)",
            "Content/articles/a.md": article(yaml, """
                topics: [\(yaml), Moon]
                sources: [\(yaml)]
                summary: \(yaml)
                kicker: \(yaml)
                author: \(yaml)
                """, body: """
                Text with [a script](javascript:alert(1)), [a page](data:text/html,<script>alert(1)</script>),
                [mixed case](JaVaScRiPt:alert(1)), [spaces]( javascript:alert(1) ), <javascript:alert(1)>
                and ![an image](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E).
                """),
        ])
        // A theme that prints parameters in text, in attributes and as JSON in a script block.
        let article = try String(contentsOf: site.root.appendingPathComponent("Templates/article.html"), encoding: .utf8)
        try site.write("Templates/article.html", article.replacingOccurrences(of: "{% block meta %}", with: """
            {% block meta %}
            <meta name="motto" content="{{ site.params.motto }}">
            <script type="application/ld+json">{"headline": {{ article.title | json }}, "kicker": {{ article.params.kicker | json }}, "motto": {{ site.params.motto | json }}}</script>
            """))
        return site
    }

    @Test("titles, terms, summaries and parameters never come out as markup in any file")
    func nothingRaw() throws {
        let files = try Self.site().build()
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
        let page = try #require(try Self.site().build()["articles/a/index.html"])
        let script = try #require(page.firstMatch(of: /<script type="application\/ld\+json">(.*)<\/script>/)).output.1
        #expect(!script.contains("<"))
        #expect(!script.contains("'"))
        #expect(!script.contains("&"))
        let decoded = try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: String]
        #expect(decoded == ["headline": Self.nasty, "kicker": Self.nasty, "motto": Self.nasty])
        #expect(page.contains(#"<meta name="motto" content="&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; ]]&gt;">"#)
            || page.contains(#"<meta name="motto" content="&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#x27;a&#x27; &amp; ]]&gt;">"#))
    }

    @Test("javascript: and data: targets in Markdown are not links unless unsafeHTML is on")
    func linkSchemes() throws {
        let safe = try #require(try Self.site().build()["articles/a/index.html"])
        let body = String(safe[safe.range(of: "article-body")!.lowerBound...])
        #expect(!body.lowercased().contains("javascript:alert(1)\""))
        #expect(!body.contains("href=\"javascript"))
        #expect(!body.lowercased().contains("href=\"javascript"))
        #expect(!body.contains("href=\"data:"))
        #expect(!body.contains("src=\"data:image/svg"))
        #expect(body.contains("<a href=\"\">a script</a>"))

        let unsafe = try #require(try Self.site(unsafeHTML: true).build()["articles/a/index.html"])
        #expect(unsafe.contains("<a href=\"javascript:alert(1)\">a script</a>"))
    }

    @Test("the checker warns at each unsafe target it saw left out")
    func checkerWarns() throws {
        let warnings = try Self.site().diagnostics().filter { $0.contains("was left out") }
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

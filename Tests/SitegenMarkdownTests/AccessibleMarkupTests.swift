import Testing
@testable import SitegenMarkdown

/// What the stage writes unlike the cmark-gfm CLI so that the HTML passes validators (the Nu
/// HTML checker, axe-core): cells aligned by `style`, not the obsolete `align`.
@Suite struct AccessibleMarkupTests {
    static func html(_ source: String, unsafe: Bool = false) -> String {
        Markdown.render(source, options: MarkdownOptions(unsafeHTML: unsafe)).html
    }

    // MARK: - Tables

    @Test("table cells are aligned by style, never by the obsolete align")
    func cellsAlignedByStyle() throws {
        let html = Markdown.render(try Fixture.text("tables.md")).html
        #expect(!html.contains(" align="))
        #expect(html.contains("""
            <th style="text-align: left">Date</th>
            <th style="text-align: center">Time (EDT)</th>
            <th style="text-align: right">Status</th>
            """))
        #expect(html.contains("<td style=\"text-align: right\"><em>Scrubbed</em></td>"))
        #expect(html.contains("<td style=\"text-align: center\">—</td>"))
        #expect(!Self.html("| Mission | Crew |\n|---|---|\n| Crew-11 | 4 |\n").contains("style="))
    }

    @Test("raw HTML tables with align are left as written, in unsafe mode")
    func rawTablesUntouched() throws {
        let html = Self.html("<table><tr><th align=\"center\">raw</th></tr></table>\n", unsafe: true)
        #expect(html == "<table><tr><th align=\"center\">raw</th></tr></table>\n")
    }
}

import Testing
@testable import SitegenMarkdown

/// What the stage writes unlike the cmark-gfm CLI so that the HTML passes validators (the Nu
/// HTML checker, axe-core): a focusable, named box around each table; cells aligned by `style`,
/// not the obsolete `align`; a name on every task-list checkbox; a heading for the footnotes.
@Suite struct AccessibleMarkupTests {
    static func html(_ source: String, unsafe: Bool = false) -> String {
        Markdown.render(source, options: MarkdownOptions(unsafeHTML: unsafe)).html
    }

    /// The `aria-label` of every element with one, in order.
    static func names(in html: String) -> [String] {
        html.matches(of: /aria-label="([^"]*)"/).map { String($0.1) }.filter { $0 != "Back to content" }
    }

    // MARK: - Tables

    @Test("a table is in a focusable region named by its header, its cells aligned by style, never by align")
    func tableBoxAndAlignment() throws {
        let html = Markdown.render(try Fixture.text("tables.md")).html
        #expect(!html.contains(" align="))
        #expect(html.contains("""
            </h1>
            <div class="table-scroll" role="region" tabindex="0" aria-label="Table: Date, Time (EDT), Status">
            <table>
            <thead>
            <tr>
            <th style="text-align: left">Date</th>
            <th style="text-align: center">Time (EDT)</th>
            <th style="text-align: right">Status</th>
            </tr>
            """))
        #expect(html.contains("<td style=\"text-align: right\"><em>Scrubbed</em></td>"))
        #expect(html.contains("<td style=\"text-align: center\">—</td>"))
        #expect(html.contains("</tbody>\n</table>\n</div>\n<p>Text after the table (NASA)</p>\n"))
    }

    @Test("a column without alignment has neither style nor align")
    func unalignedColumns() {
        #expect(Self.html("| Mission | Crew |\n|---|---|\n| Crew-11 | 4 |\n") == """
            <div class="table-scroll" role="region" tabindex="0" aria-label="Table: Mission, Crew">
            <table>
            <thead>
            <tr>
            <th>Mission</th>
            <th>Crew</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>Crew-11</td>
            <td>4</td>
            </tr>
            </tbody>
            </table>
            </div>

            """)
    }

    @Test("the table's name is the header's plain text, escaped: quotes, <, > and & in cells")
    func hostileHeaderText() {
        let source = """
            | Say "hi" & <b>bold</b> | a < b > c | `x"<y>` | [link *text*](/u) ![alt & "more"](/i.png) | &amp; &lt;i&gt; |
            |---|---|---|---|---|
            | 1 | 2 | 3 | 4 | 5 |

            """
        let expected = "Table: Say &quot;hi&quot; &amp; bold, a &lt; b &gt; c, x&quot;&lt;y&gt;, link text alt &amp; &quot;more&quot;, &amp; &lt;i&gt;"
        for unsafe in [false, true] {
            let html = Self.html(source, unsafe: unsafe)
            #expect(Self.names(in: html) == [expected])
            #expect(html.hasPrefix("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(expected)\">\n<table>\n"))
        }
    }

    @Test("a table whose header cells are all empty is named Table")
    func emptyHeader() throws {
        let html = Markdown.render(try Fixture.text("tables-tasks-footnotes-nested.md")).html
        #expect(html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>\n<thead>\n<tr>\n<th></th>"))
        #expect(Self.names(in: Self.html("|  |   |\n|--|---|\n| a | b |\n")) == ["Table"])
        #expect(Self.names(in: Self.html("| | Crew |\n|-|-|\n| a | b |\n")) == ["Table: Crew"])
    }

    @Test("a long header makes a name of at most 100 characters, cut at a space, ending in …")
    func longHeaderIsShortened() throws {
        let columns = (1...30).map { "Column \($0)" }
        let source = "| " + columns.joined(separator: " | ") + " |\n|" + String(repeating: "-|", count: 30) + "\n"
        let full = "Table: " + columns.joined(separator: ", ")
        let name = try #require(Self.names(in: Self.html(source)).first)
        #expect(name.count <= 100 && name.count > 50)
        #expect(name.hasSuffix("…"))
        let kept = name.dropLast()
        #expect(full.hasPrefix(kept))
        // Cut between cells, not inside one, and without the comma.
        #expect(full.dropFirst(kept.count).hasPrefix(", Column "))
    }

    @Test("tables in a block quote, a list item and a footnote get their boxes too")
    func nestedTables() throws {
        let html = Markdown.render(try Fixture.text("tables-tasks-footnotes-nested.md")).html
        #expect(html.contains("<blockquote>\n<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Crew, Seat\">\n<table>\n"))
        #expect(html.contains("</table>\n</div>\n</blockquote>\n"))
        #expect(html.contains("<p>Pack the table:</p>\n<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Item, Mass (kg)\">\n<table>\n"))
        #expect(html.contains("</table>\n</div>\n</li>\n"))
        #expect(html.contains("<p>She sits in seat one.</p>\n<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: In, A note\">\n<table>\n"))
        #expect(html.components(separatedBy: "<table>").count == html.components(separatedBy: "<div class=\"table-scroll\"").count)
        #expect(!html.contains(" align="))
    }

    @Test("raw HTML tables with align are left as written, in unsafe mode")
    func rawTablesUntouched() throws {
        let html = Self.html("<table><tr><th align=\"center\">raw</th></tr></table>\n", unsafe: true)
        #expect(html == "<table><tr><th align=\"center\">raw</th></tr></table>\n")
    }

    // MARK: - Task lists

    @Test("each task-list checkbox is named by its item's own text, not its sub-items'")
    func taskNames() throws {
        let html = Markdown.render(try Fixture.text("tasklists.md")).html
        #expect(html == """
            <h2 id="checklist">Checklist</h2>
            <ul>
            <li><input type="checkbox" checked="" disabled="" aria-label="Fuel the rocket" /> Fuel the rocket</li>
            <li><input type="checkbox" disabled="" aria-label="Check the weather" /> Check the weather
            <ul>
            <li><input type="checkbox" disabled="" aria-label="Nested item" /> Nested item</li>
            </ul>
            </li>
            <li>Plain item</li>
            </ul>
            <ol>
            <li><input type="checkbox" checked="" disabled="" aria-label="Ordered and done" /> Ordered and done</li>
            <li><input type="checkbox" disabled="" aria-label="Ordered, to do" /> Ordered, to do</li>
            </ol>

            """)
    }

    @Test("a task's name is its plain text, escaped: quotes, <, > and &, in safe and unsafe mode")
    func hostileTaskText() {
        let source = "- [ ] Say \"hi\" & <script>alert(1)</script> < 3 > 2 &amp; &quot;`a\"b`\n"
        let name = "Say &quot;hi&quot; &amp; alert(1) &lt; 3 &gt; 2 &amp; &quot;a&quot;b"
        for unsafe in [false, true] {
            let html = Self.html(source, unsafe: unsafe)
            #expect(Self.names(in: html) == [name])
            #expect(html.hasPrefix("<ul>\n<li><input type=\"checkbox\" disabled=\"\" aria-label=\"\(name)\" /> Say &quot;hi&quot; &amp; "))
        }
    }

    @Test("a loose task, one with links and images, one with a heading first, one with no text, one with code first")
    func taskShapes() throws {
        let html = Markdown.render(try Fixture.text("tables-tasks-footnotes-nested.md")).html
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Pack the table:\" /> \n<p>Pack the table:</p>"))
        #expect(html.contains(
            "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"A loose task with code, a link and a patch\" /> \n<p>A <em>loose</em>"))
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Task\" /> \n<pre><code>code first"))
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" aria-label=\"A heading first\" /> \n<h3 id=\"a-heading-first\">A heading first</h3>"))
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" aria-label=\"A task in a note\" /> A task in a note</li>"))
        #expect(Self.html("- [ ] \n") == "<ul>\n<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Task\" /> </li>\n</ul>\n")
        // Every checkbox the stage writes has a name.
        #expect(html.matches(of: /<input type="checkbox"/).count == html.matches(of: /<input type="checkbox"[^>]* aria-label="[^"]+" \/>/).count)
    }

    @Test("a very long task is named by its first 100 characters or fewer")
    func longTask() throws {
        let text = Array(repeating: "word", count: 60).joined(separator: " ")
        let name = try #require(Self.names(in: Self.html("- [ ] \(text)\n")).first)
        #expect(name.count <= 100)
        #expect(name.hasSuffix("word…"))
    }

    @Test("a raw checkbox in unsafe HTML is left as written")
    func rawCheckboxUntouched() {
        let raw = "<ul><li><input type=\"checkbox\" disabled=\"\" /> raw</li></ul>\n"
        #expect(Self.html(raw, unsafe: true) == raw)
    }

    // MARK: - Footnotes

    @Test("the footnotes' section has a visually hidden heading, as on GitHub, and is labelled by it")
    func footnotesHeading() throws {
        let html = Markdown.render(try Fixture.text("footnotes.md")).html
        #expect(html.contains("""
            <p>A reference to a missing note[^missing].</p>
            <section class="footnotes" data-footnotes aria-labelledby="footnote-label">
            <h2 id="footnote-label" class="visually-hidden">Footnotes</h2>
            <ol>
            <li id="fn-crew">
            """))
        #expect(html.hasSuffix("</li>\n</ol>\n</section>\n"))
        #expect(html.matches(of: /id="footnote-label"/).count == 1)
    }

    @Test("a document without footnotes gets no footnotes heading, nor does one whose notes are never cited")
    func noFootnotesNoHeading() {
        #expect(!Self.html("Text.\n").contains("footnote-label"))
        #expect(Self.html("Text.\n\n[^a]: Never cited.\n") == "<p>Text.</p>\n")
    }

    @Test("no heading of the article can take the footnotes heading's id")
    func footnoteLabelIsReserved() {
        let rendered = Markdown.render("## Footnote label\n\nText[^1].\n\n## Footnote label\n\n[^1]: A note.\n")
        #expect(rendered.headings.map(\.id) == ["footnote-label-1", "footnote-label-2"])
        #expect(rendered.html.matches(of: /id="footnote-label"/).count == 1)
        #expect(rendered.html.hasPrefix("<h2 id=\"footnote-label-1\">Footnote label</h2>\n"))
        // Without footnotes too: a heading's id does not depend on whether the article has notes.
        #expect(Markdown.render("## Footnote label\n").headings.map(\.id) == ["footnote-label-1"])
    }

    @Test("a raw section that looks like cmark's footnotes is left as written, and the real one gets the heading")
    func rawFootnotesSectionUntouched() throws {
        let html = Markdown.render(try Fixture.text("tables-tasks-footnotes-nested.md"), options: MarkdownOptions(unsafeHTML: true)).html
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>\n<ol>\n<li>raw look-alike</li>"))
        #expect(html.contains("<ul><li><input type=\"checkbox\" disabled=\"\" /> raw checkbox</li></ul>"))
        #expect(html.contains("<table><tr><th align=\"center\">raw</th></tr></table>"))
        #expect(html.matches(of: /<h2 id="footnote-label" class="visually-hidden">Footnotes<\/h2>/).count == 1)
        #expect(html.contains("<section class=\"footnotes\" data-footnotes aria-labelledby=\"footnote-label\">\n<h2 id=\"footnote-label\""))
    }

    @Test("no marker byte is left in the HTML (one left would be decoded as U+FFFD)")
    func noMarkersLeft() throws {
        for fixture in CLIComparisonTests.fixtures {
            for unsafe in [false, true] {
                let html = Markdown.render(try Fixture.text(fixture), options: MarkdownOptions(unsafeHTML: unsafe)).html
                #expect(!html.contains("\u{FFFD}"), "\(fixture)")
            }
        }
    }
}

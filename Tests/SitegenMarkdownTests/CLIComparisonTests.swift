import Foundation
import Testing
@testable import SitegenMarkdown

@Suite struct CLIComparisonTests {
    static let fixtures = [
        "article.md", "tables.md", "footnotes.md", "tasklists.md", "autolinks.md",
        "strikethrough.md", "raw-html.md", "javascript-links.md", "tables-tasks-footnotes-nested.md",
    ]

    @Test("the HTML equals the cmark-gfm CLI's, byte for byte, once heading ids, table boxes, checkbox names and the footnotes' heading are removed",
          arguments: fixtures, [false, true])
    func matchesCLI(fixture: String, unsafe: Bool) throws {
        guard let expected = try CmarkCLI.html(file: Fixture.url(fixture), unsafe: unsafe) else { return }
        let rendered = Markdown.render(try Fixture.text(fixture), options: MarkdownOptions(unsafeHTML: unsafe))
        #expect(rendered.html.asCLIWritesIt == expected)
    }

    @Test("every heading in the HTML carries its id, in order")
    func headingsCarryIDs() throws {
        let rendered = Markdown.render(try Fixture.text("article.md"))
        let ids = rendered.html.matches(of: /<h[1-6] id="([^"]*)">/).map { String($0.1) }
        #expect(ids == rendered.headings.map(\.id))
        #expect(!ids.isEmpty)
    }

    @Test("raw HTML is omitted in safe mode")
    func rawHTMLOmittedWhenSafe() throws {
        let html = Markdown.render(try Fixture.text("raw-html.md")).html
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<div"))
    }

    @Test("raw HTML passes in unsafe mode but tagfilter still disarms script")
    func tagfilterInUnsafeMode() throws {
        let html = Markdown.render(try Fixture.text("raw-html.md"), options: MarkdownOptions(unsafeHTML: true)).html
        #expect(html.contains("<div class=\"video\">"))
        #expect(html.contains("&lt;script>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<h2>A raw heading</h2>"))
    }

    @Test("javascript links lose their target in safe mode")
    func javascriptLinksDropped() throws {
        let rendered = Markdown.render(try Fixture.text("javascript-links.md"))
        #expect(!rendered.html.lowercased().contains("javascript:"))
        #expect(rendered.html.contains("<a href=\"https://example.org/ok\">link</a>"))
        #expect(rendered.links.map(\.url).contains("javascript:alert(1)"))
    }

    @Test("an empty body renders to nothing")
    func emptyBody() {
        let rendered = Markdown.render("")
        #expect(rendered.html == "")
        #expect(rendered.headings.isEmpty)
        #expect(rendered.summary == "")
        #expect(rendered.wordCount == 0)
        #expect(rendered.readingMinutes == 1)
    }
}

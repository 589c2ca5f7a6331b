import SitegenSupport
import Testing
@testable import SitegenMarkdown

@Suite struct HeadingTests {
    @Test("a heading's id is its slug, with the non-breaking hyphen as a dash")
    func slugWithNonBreakingHyphen() {
        let rendered = Markdown.render("## Crew\u{2011}11 Launch\n")
        #expect(rendered.headings == [
            RenderedMarkdown.Heading(level: 2, text: "Crew\u{2011}11 Launch", id: "crew-11-launch",
                                     position: SourcePosition(path: "", line: 1, column: 1)),
        ])
        #expect(rendered.html == "<h2 id=\"crew-11-launch\">Crew\u{2011}11 Launch</h2>\n")
    }

    @Test("repeated headings get -1 and -2, skipping ids already taken")
    func duplicatesAreNumbered() {
        let source = "# Launch\n\n## Launch\n\n### Launch 1\n\nLaunch\n------\n"
        let ids = Markdown.render(source).headings.map(\.id)
        #expect(ids == ["launch", "launch-1", "launch-1-1", "launch-2"])
    }

    @Test("a heading with no usable slug falls back to section")
    func emptySlugFallsBack() {
        let ids = Markdown.render("# 🚀\n\n#\n\n## 🚀\n").headings.map(\.id)
        #expect(ids == ["section", "section-1", "section-2"])
    }

    @Test("the heading text drops markup, images and footnote marks but keeps code and link text")
    func headingTextIsPlain() {
        let source = "## The *Crew* `API` and [docs](/d) ![icon](/i.png)[^1]\n\n[^1]: Note.\n"
        let heading = Markdown.render(source).headings[0]
        #expect(heading.text == "The Crew API and docs")
        #expect(heading.id == "the-crew-api-and-docs")
    }

    @Test("headings inside block quotes and lists get ids too, and raw <h2> is left alone")
    func nestedHeadingsAndRawHTML() {
        let source = "> ## Quoted\n\n- ## Listed\n\n<h2>Raw</h2>\n"
        let rendered = Markdown.render(source, options: MarkdownOptions(unsafeHTML: true))
        #expect(rendered.headings.map(\.id) == ["quoted", "listed"])
        #expect(rendered.html.contains("<h2 id=\"quoted\">Quoted</h2>"))
        #expect(rendered.html.contains("<h2 id=\"listed\">Listed</h2>"))
        #expect(rendered.html.contains("<h2>Raw</h2>"))
    }

    @Test("heading positions count the lines before the body")
    func headingPositionsUseLineOffset() {
        let rendered = Markdown.render("Intro.\n\n### Later\n", path: "Content/a.md", lineOffset: 4)
        #expect(rendered.headings[0].position == SourcePosition(path: "Content/a.md", line: 7, column: 1))
    }

    @Test("the seed article's headings are its four sections, the repeated one numbered")
    func articleHeadings() throws {
        let headings = Markdown.render(try Fixture.text("article.md")).headings
        #expect(headings.map(\.id) == [
            "reviving-civil-space-diplomacy", "crew-11-launch-and-streaming-firsts",
            "implications-for-lunar-exploration", "looking-ahead", "looking-ahead-1",
        ])
        #expect(headings.allSatisfy { $0.level == 2 })
    }
}

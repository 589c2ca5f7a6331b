import Testing
@testable import SitegenMarkdown

@Suite struct SummaryAndWordsTests {
    @Test("the summary is the first paragraph as plain text, soft breaks as spaces")
    func summaryIsFirstParagraph() {
        let source = """
            # Title

            The *launch* of `Crew-11` was
            [delayed](https://example.org)  \\
            by weather.[^1]

            Second paragraph.

            [^1]: A note.
            """
        #expect(Markdown.render(source).summary == "The launch of Crew-11 was delayed by weather.")
    }

    @Test("the summary skips a paragraph with only an image, and quotes and lists")
    func summarySkipsEmptyParagraphs() {
        let source = "> Quoted first.\n\n![](/lead.jpg)\n\nThe real lead.\n"
        #expect(Markdown.render(source).summary == "The real lead.")
    }

    @Test("the summary leaves the closing attribution out, and keeps other parentheses", arguments: [
        ("Storms are due tonight. (National Weather Service)\n", "Storms are due tonight."),
        ("Storms are due tonight.\n(National Weather Service)\n", "Storms are due tonight."),
        ("Storms are due tonight (see below).\n", "Storms are due tonight (see below)."),
        ("Storms are due (tonight) in *Ohio*. (NWS; AP)\n", "Storms are due (tonight) in Ohio."),
        ("(Reuters)\n\nThe lead.\n", "The lead."),
    ])
    func summaryWithoutAttribution(source: String, summary: String) {
        #expect(Markdown.render(source).summary == summary)
    }

    @Test("a declared source's name closing the lead is left out of the summary, whatever it looks like")
    func summaryWithoutDeclaredAttribution() {
        let source = "The road is closed. (police department)\n"
        #expect(Markdown.render(source).summary == "The road is closed. (police department)")
        #expect(Markdown.render(source, isDeclaredSource: { $0 == "police department" }).summary == "The road is closed.")
    }

    @Test("the seed article's summary is its first paragraph")
    func articleSummary() throws {
        let summary = Markdown.render(try Fixture.text("article.md")).summary
        #expect(summary.hasPrefix("Nasa\u{2019}s acting administrator Sean Duffy"))
        #expect(summary.hasSuffix("deep\u{2011}space planning."))
    }

    @Test("words are counted in text, not markup, and a word split by emphasis counts once")
    func wordCount() {
        let source = """
            ## Two words

            One *two*three **four** [five](https://a.example/very/long/url) `six` — seven
            <img src="/x.png"><br/> ![alt not counted](/i.png) Crew\u{2011}11 11:43\u{202F}a.m.

            | eight | nine |
            |---|---|
            | ten | |

            ```
            eleven twelve
            ```
            """
        // "Two words" (2); One, twothree, four, five, six, seven, Crew‑11, 11:43, a.m. (9);
        // eight, nine, ten (3); eleven, twelve (2): 16. "—", raw HTML and alt text are not words.
        #expect(Markdown.render(source).wordCount == 16)
    }

    @Test("reading time is words over 220, rounded up, at least one minute")
    func readingMinutes() {
        #expect(Markdown.render("word").readingMinutes == 1)
        #expect(Markdown.render(Array(repeating: "word", count: 220).joined(separator: " ")).readingMinutes == 1)
        #expect(Markdown.render(Array(repeating: "word", count: 221).joined(separator: " ")).readingMinutes == 2)
    }

    @Test("the seed article has the words a reader sees")
    func articleWordCount() throws {
        let rendered = Markdown.render(try Fixture.text("article.md"))
        #expect(rendered.wordCount == 351)
        #expect(rendered.readingMinutes == 2)
    }
}

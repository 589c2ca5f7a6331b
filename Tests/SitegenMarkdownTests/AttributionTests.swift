import SitegenSupport
import Testing
@testable import SitegenMarkdown

@Suite struct AttributionTests {
    typealias Attribution = RenderedMarkdown.Attribution

    @Test("a paragraph closing with (Reuters) is attributed to Reuters")
    func singleSource() {
        let source = "# Title\n\nFirst paragraph.\n\nThe crew waited. (Reuters)\n"
        let attributions = Markdown.render(source, path: "a.md", lineOffset: 3).attributions
        #expect(attributions == [
            Attribution(paragraphIndex: 1, sources: ["Reuters"], position: SourcePosition(path: "a.md", line: 8, column: 18)),
        ])
    }

    @Test("(Reuters; AP News) names two sources")
    func twoSources() {
        let attributions = Markdown.render("Launch at 11:43\u{202F}a.m. (Reuters;  AP News )\n").attributions
        #expect(attributions.map(\.sources) == [["Reuters", "AP News"]])
        #expect(attributions.map(\.position.column) == [22])
    }

    @Test("parentheses that are not a closing list of sources are not attributions", arguments: [
        "Updates (see below) follow as they come.",
        "Updates follow as they come (see below)",
        "He spoke at length. (This was confirmed later.)",
        "He spoke at length. (This was confirmed later)",
        "It ended. (Reuters).",
        "It ended.(Reuters)",
        "It ended. ()",
        "It ended. (Reuters; )",
        "It ended. (Reuters, AP)",
        "It ended. (One Two Three Four Five Six)",
        "It ended. *(Reuters)*",
        "It ended. (Reuters (UK))",
        "It ended. (reuters)",
        "It ended. (Reuters said so)",
        "It ended. (Überall sagte dies)",
    ])
    func notAttributions(paragraph: String) {
        #expect(Markdown.render(paragraph + "\n").attributions.isEmpty)
    }

    @Test("source names may be several capitalised words, digits, or start a line", arguments: [
        ("It ended. (The Wall Street Journal)", ["The Wall Street Journal"]),
        ("It ended. (Ministry of Foreign Affairs; 9to5Mac)", ["Ministry of Foreign Affairs", "9to5Mac"]),
        ("It ended.\n(Reuters)", ["Reuters"]),
        ("Es endete. (Süddeutsche Zeitung; Ärzteblatt)", ["Süddeutsche Zeitung", "Ärzteblatt"]),
        ("It ended. (AT&amp;T)", ["AT&T"]),
        ("It ended. (Ministry for the\tInterior)", ["Ministry for the\tInterior"]),
    ])
    func attributions(paragraph: String, sources: [String]) {
        #expect(Markdown.render(paragraph + "\n").attributions.map(\.sources) == [sources])
    }

    /// The closings of the issue's table: what a declared list of sources makes of them.
    static let declared: Set<String> = [
        "Mayor's office", "police department", "the family", "AP News", "Ministry of Health (Ghana)", "city hall",
    ]

    @Test("a closing is attributed when every name is declared or looks like a source's name", arguments: [
        // Declared, whatever the names look like.
        ("The road reopens Monday. (Mayor's office)", ["Mayor's office"]),
        ("Two were hurt. (police department; AP News)", ["police department", "AP News"]),
        ("She was 91. (the family)", ["the family"]),
        ("Cases rose. (Ministry of Health (Ghana))", ["Ministry of Health (Ghana)"]),
        // Undeclared but shaped like a source's name: found, so that check can flag it.
        ("It ended. (Reuters)", ["Reuters"]),
        // Mixed: a declared name beside an undeclared one shaped like a name.
        ("It ended. (city hall; Reuters)", ["city hall", "Reuters"]),
        // Declared names are matched as written in the front-matter, spaces around ';' aside.
        ("It ended. ( police department ;AP News )", ["police department", "AP News"]),
    ])
    func declaredClosings(paragraph: String, sources: [String]) {
        let attributions = Markdown.render(paragraph + "\n", isDeclaredSource: Self.declared.contains).attributions
        #expect(attributions.map(\.sources) == [sources])
    }

    @Test("a closing is not attributed when a name is neither declared nor shaped like one, or it does not end the paragraph", arguments: [
        "Two were hurt. (police department; this was confirmed)",
        "Two were hurt. (a police department)",
        "Two were hurt. (Reuters (UK))",
        "Two were hurt. (police department) on Monday.",
        "Two were hurt. (police department).",
        "(police department) said two were hurt.",
        "Cases rose. (Ministry of Health) (Ghana) today",
        "Cases rose. Ministry of Health (Ghana))",
    ])
    func undeclaredClosings(paragraph: String) {
        #expect(Markdown.render(paragraph + "\n", isDeclaredSource: Self.declared.contains).attributions.isEmpty)
    }

    @Test("without the declaration, the same closings fall back to the shape of a name")
    func undeclaredFallsBack() {
        #expect(Markdown.render("The road reopens Monday. (Mayor's office)\n").attributions.isEmpty)
        #expect(Markdown.render("She was 91. (the family)\n").attributions.isEmpty)
    }

    @Test("the seed article attributes every paragraph but the closing list of sources")
    func articleAttributions() throws {
        let attributions = Markdown.render(try Fixture.text("article.md")).attributions
        #expect(attributions.map(\.paragraphIndex) == Array(0..<10))
        #expect(attributions[4].sources == ["Reuters", "AP News"])
        #expect(attributions.enumerated().allSatisfy { $0.offset == 4 || $0.element.sources == ["Reuters"] })
        #expect(attributions[0].position.line == 1)
    }

    // MARK: - Linking sources

    static func sourcePage(_ name: String) -> String? {
        ["Reuters": "/sources/reuters/", "AT&T": "/sources/at-t/?a=1&b=\"2\""][name]
    }

    @Test("the hook links each known source name inside the parenthesis")
    func hookLinksKnownSources() {
        let html = Markdown.render("Set for 1 August. (Reuters; AP News)\n", attributionLink: Self.sourcePage).html
        #expect(html == "<p>Set for 1 August. (<a href=\"/sources/reuters/\" class=\"source\">Reuters</a>; AP News)</p>\n")
    }

    @Test("linked names keep their escaping, and the URL is escaped for the attribute")
    func hookEscapes() {
        let html = Markdown.render("It ended. (AT&amp;T)\n", attributionLink: Self.sourcePage).html
        #expect(html == "<p>It ended. (<a href=\"/sources/at-t/?a=1&amp;b=&quot;2&quot;\" class=\"source\">AT&amp;T</a>)</p>\n")
    }

    @Test("a hook that knows no source leaves the HTML as the CLI writes it")
    func hookWithoutURLsChangesNothing() throws {
        let source = try Fixture.text("article.md")
        let plain = Markdown.render(source).html
        #expect(Markdown.render(source, attributionLink: { _ in nil }).html == plain)
    }

    @Test("the hook links sources in safe mode, and everything else stays as the CLI writes it")
    func hookOnArticle() throws {
        let source = try Fixture.text("article.md")
        let plain = Markdown.render(source).html
        let linked = Markdown.render(source, attributionLink: Self.sourcePage).html
        #expect(linked.components(separatedBy: "<a href=\"/sources/reuters/\" class=\"source\">Reuters</a>").count == 11)
        let unlinked = linked.replacing(/<a href="[^"]*" class="source">([^<]*)<\/a>/) { String($0.1) }
        #expect(unlinked == plain)
    }

    @Test("a parenthesis after a line break is linked too")
    func hookAfterLineBreak() {
        let html = Markdown.render("It ended.\n(Reuters)\n", attributionLink: Self.sourcePage).html
        #expect(html == "<p>It ended.\n(<a href=\"/sources/reuters/\" class=\"source\">Reuters</a>)</p>\n")
    }
}

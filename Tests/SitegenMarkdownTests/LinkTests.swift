import SitegenSupport
import Testing
@testable import SitegenMarkdown

@Suite struct LinkTests {
    typealias Link = RenderedMarkdown.Link

    static func at(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(path: "Content/articles/a.md", line: line, column: column)
    }

    @Test("every link and image is listed with its position in the file")
    func linksWithPositions() {
        let source = """
            Intro [one](/a) and ![](/b.png)
            second line www.example.org and <https://c.example/> and https://d.example/x.

            > quoted [q](/q)
            > ![alt](/r.png "t")

            - item [ref][r] and press@example.org

            [r]: /ref
            """
        let links = Markdown.render(source, path: "Content/articles/a.md", lineOffset: 5).links
        #expect(links == [
            Link(kind: .link, url: "/a", position: Self.at(6, 7)),
            Link(kind: .image, url: "/b.png", position: Self.at(6, 21), altIsEmpty: true),
            Link(kind: .link, url: "http://www.example.org", position: Self.at(7, 13)),
            Link(kind: .link, url: "https://c.example/", position: Self.at(7, 33)),
            Link(kind: .link, url: "https://d.example/x", position: Self.at(7, 58)),
            Link(kind: .link, url: "/q", position: Self.at(9, 10)),
            Link(kind: .image, url: "/r.png", position: Self.at(10, 3), altIsEmpty: false),
            Link(kind: .link, url: "/ref", position: Self.at(12, 8)),
            Link(kind: .link, url: "mailto:press@example.org", position: Self.at(12, 21)),
        ])
    }

    @Test("columns count characters, not bytes")
    func columnsCountCharacters() {
        let links = Markdown.render("Año\u{2011}Espacial [x](/x)\n").links
        #expect(links.map(\.position.column) == [14])
    }

    @Test("the same autolinked text twice gets two positions")
    func repeatedAutolinks() {
        let links = Markdown.render("www.a.example and www.a.example\n\nwww.a.example\n").links
        #expect(links.map { [$0.position.line, $0.position.column] } == [[1, 1], [1, 19], [3, 1]])
    }

    @Test("an image whose alt text is only markup or spaces has empty alt text")
    func emptyAltText() {
        let links = Markdown.render("![ ](/a.png) ![**x**](/b.png) ![](/c.png)\n").links
        #expect(links.map(\.altIsEmpty) == [true, false, true])
    }

    @Test("links in the seed article are found")
    func articleLinks() throws {
        let links = Markdown.render(try Fixture.text("article.md"), lineOffset: 6).links
        #expect(links.map(\.url) == ["https://www.nasa.gov/blogs/", "/img/crew-11.jpg", "/img/pad.jpg"])
        #expect(links.map(\.position.line) == [39, 39, 41])
        #expect(links.map(\.altIsEmpty) == [false, true, false])
    }
}

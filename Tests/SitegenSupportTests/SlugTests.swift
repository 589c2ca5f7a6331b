import Testing
@testable import SitegenSupport

@Suite struct SlugTests {
    @Test("names become lower-case ASCII words joined by dashes", arguments: [
        ("Crew\u{2011}11", "crew-11"),
        ("Año Espacial", "ano-espacial"),
        ("Москва", "moskva"),
        ("東京", "dong-jing"),
        ("C++", "c"),
        ("NASA", "nasa"),
        ("Nasa", "nasa"),
        ("  U.S. Politics!  ", "u-s-politics"),
        ("Raumfahrt/Politik", "raumfahrt-politik"),
        ("Zürich", "zurich"),
        ("AI & Society", "ai-society"),
        ("Deep\u{2011}Space Network", "deep-space-network"),
    ])
    func slug(name: String, expected: String) {
        #expect(Slug.make(name) == expected)
    }

    @Test("a name with nothing usable has no slug", arguments: ["🚀", "", "   ", "+++", "—"])
    func noSlug(name: String) {
        #expect(Slug.make(name) == nil)
    }

    @Test func diagnosticsPrintAsPathLineColumn() {
        let d = Diagnostic.error("missing title", at: SourcePosition(path: "Content/a.md", line: 2, column: 1))
        #expect(d.description == "Content/a.md:2:1: error: missing title")
    }

    @Test func diagnosticsSortByFileThenLine() {
        let a = Diagnostic.error("x", at: SourcePosition(path: "b.md", line: 1, column: 1))
        let b = Diagnostic.error("y", at: SourcePosition(path: "a.md", line: 9, column: 1))
        let c = Diagnostic.error("z", at: SourcePosition(path: "a.md", line: 2, column: 5))
        #expect(DiagnosticsError([a, b, c]).diagnostics.map(\.message) == ["z", "y", "x"])
    }
}

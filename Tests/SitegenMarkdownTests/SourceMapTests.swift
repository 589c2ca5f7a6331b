import Testing
@testable import SitegenMarkdown

@Suite struct SourceMapTests {
    @Test("columns count Unicode scalars, whatever the length of the line before them")
    func columnsCountScalars() {
        // Lengths around the eight-byte steps, with 2-, 3- and 4-byte scalars at every alignment.
        let pieces = ["a", "é", "‑", "🚀", " ", "Ж", "\u{202F}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var line = ""
            for _ in 0..<Int.random(in: 0..<40, using: &generator) { line += pieces.randomElement(using: &generator)! }
            var text = "first line\n" + line + "X\n"
            let expected = line.unicodeScalars.count + 1
            let offset = 11 + line.utf8.count
            text.withUTF8 { bytes in
                var map = SourceMap(bytes)
                let (l, c) = map.lineAndColumn(of: offset)
                #expect(l == 2 && c == expected, "\(line.debugDescription)")
            }
        }
    }

    @Test("lines end at LF, CRLF or a lone CR, as in cmark", arguments: [
        ("ab\ncd\n\nef", [(0, 1, 1), (3, 2, 1), (4, 2, 2), (6, 3, 1), (7, 4, 1), (8, 4, 2)]),
        ("ab\r\ncd\rx\ny", [(0, 1, 1), (4, 2, 1), (7, 3, 1), (9, 4, 1)]),
    ])
    func lineEnds(text: String, expected: [(Int, Int, Int)]) {
        var text = text
        text.withUTF8 { bytes in
            var map = SourceMap(bytes)
            for (offset, line, column) in expected {
                let found = map.lineAndColumn(of: offset)
                #expect(found.line == line && found.column == column, "offset \(offset)")
            }
        }
    }
}

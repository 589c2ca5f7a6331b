import Testing
@testable import SitegenMarkdown

@Suite struct ConcurrencyTests {
    /// Documents full of the extensions' special characters (`|`, `~`, `:`, `w`), which is where
    /// unserialised parsers corrupt each other.
    static func documents() throws -> [String] {
        var documents = try CLIComparisonTests.fixtures.map(Fixture.text)
        for i in 0..<24 {
            documents.append("""
                ## Table \(i)

                | a\(i) | b | c |
                |---|:-:|--:|
                | ~~x~~ | www.w\(i).example | https://h.example/\(i) |

                ~~gone~~ ~also~ with www.example.org/\(i) and mail\(i)@example.org. (Reuters)

                - [x] done \(i)
                - [ ] open[^\(i)]

                [^\(i)]: Note \(i) | with pipe ~ and tilde.
                """)
        }
        return documents
    }

    @Test("asked for, parallel parsing is on: cmark-gfm's special-character race is removed here")
    func parallelParsingIsOn() {
        #expect(SpecialCharacters.replaced, "the library does not call sitegen's replacement of its switch")
        #expect(Markdown.enableParallelParsing())
        #expect(SpecialCharacters.isActive)
    }

    @Test("many documents rendered from several tasks at once all come out right")
    func concurrentRendering() async throws {
        Markdown.enableParallelParsing()
        let documents = try Self.documents()
        let expected = documents.map { Markdown.render($0) }
        let rounds = 1000
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<rounds {
                        let index = (task * 7 + round) % documents.count
                        if Markdown.render(documents[index]) != expected[index] { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }
}

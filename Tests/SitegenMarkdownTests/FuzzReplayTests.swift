import Foundation
import SitegenMarkdown
@testable import SitegenTestSupport
import Testing

/// Every input the fuzzer of the Markdown stage (Fuzz/, scripts/fuzz: FuzzMarkdown) found interesting or
/// crashing, replayed with the fuzz target's own checks: Fixtures/fuzz/FuzzMarkdown/<name>.
@Suite struct FuzzReplayTests {
    static let target = "FuzzMarkdown"

    /// A replay of no inputs passes whatever the code does: a moved or emptied folder must fail.
    @Test("the fuzzer's inputs are there to replay")
    func fixturesExist() {
        #expect(!fuzzInputs(Self.target).isEmpty, "no inputs in Fixtures/fuzz/\(Self.target)")
    }

    @Test(arguments: fuzzInputs("FuzzMarkdown"))
    func markdown(_ path: String) throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        guard let first = data.first else { return }
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        var lines = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 13 || (byte == 10 && previous != 13) { lines += 1 }
            previous = byte
        }
        let rendered = Markdown.render(text, options: MarkdownOptions(unsafeHTML: first & 1 == 1), path: "x.md", lineOffset: 5)
        for position in rendered.links.map(\.position) + rendered.headings.map(\.position) {
            #expect((6...(lines + 5)).contains(position.line), "\(position)")
        }
    }
}

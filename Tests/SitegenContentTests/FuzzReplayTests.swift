import Foundation
import SitegenSupport
import SitegenContent
@testable import SitegenTestSupport
import Testing

/// Every input the fuzzer of front-matter and YAML decoding (Fuzz/, scripts/fuzz: FuzzFrontMatter) found interesting or
/// crashing, replayed with the fuzz target's own checks: Fixtures/fuzz/FuzzFrontMatter/<name>.
@Suite struct FuzzReplayTests {
    static let target = "FuzzFrontMatter"

    /// A replay of no inputs passes whatever the code does: a moved or emptied folder must fail.
    @Test("the fuzzer's inputs are there to replay")
    func fixturesExist() {
        #expect(!fuzzInputs(Self.target).isEmpty, "no inputs in Fixtures/fuzz/\(Self.target)")
    }

    @Test(arguments: fuzzInputs("FuzzFrontMatter"))
    func frontMatter(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            let article = try Article.make(from: bytes, path: "x.md", config: SiteConfig(title: "F", baseURL: "https://example.org/"))
            #expect(article.bodyLine >= 1)
        } catch {
            for d in error.diagnostics { #expect(d.position.line >= 1 && d.position.column >= 1, "\(d)") }
        }
    }
}

import Foundation
import SitegenTemplates
@testable import SitegenTestSupport
import Testing

/// Every input the fuzzer of the template engine (Fuzz/, scripts/fuzz: FuzzTemplates) found interesting or
/// crashing, replayed with the fuzz target's own checks: Fixtures/fuzz/FuzzTemplates/<name>.
@Suite struct FuzzReplayTests {
    static let target = "FuzzTemplates"

    /// A replay of no inputs passes whatever the code does: a moved or emptied folder must fail.
    @Test("the fuzzer's inputs are there to replay")
    func fixturesExist() {
        #expect(!fuzzInputs(Self.target).isEmpty, "no inputs in Fixtures/fuzz/\(Self.target)")
    }

    @Test(arguments: fuzzInputs("FuzzTemplates"))
    func templates(_ path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let parts = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
        let files = ["page.html": String(parts[0]), "partial.html": parts.count > 1 ? String(parts[1]) : "{{ x }}"]
        if let environment = try? TemplateEnvironment(loader: .memory(files)) {
            _ = try? environment.render("page.html", context: ["x": .string("<b>")])
        }
    }
}

import Foundation
@testable import SitegenTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Compares text with a golden file under `Fixtures/golden/`, byte for byte.
///
/// With `SITEGEN_RECORD=1` in the environment it writes the file instead and passes, noting
/// that it did; a missing golden file is an issue that says how to record it.
enum Golden {
    static let folder = SiteFolder.repoRoot + "/Tests/SitegenSiteTests/Fixtures/golden"
    static var recording: Bool { ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == "1" }

    static func assert(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = folder + "/" + name
        if recording {
            try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try! Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            print("note: recorded golden file \(path)")
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("no golden file \(path): run the tests with SITEGEN_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("""
            \(name) differs from its golden file at line \(line + 1) (re-record with SITEGEN_RECORD=1 if the change is meant):
              golden: \(line < a.count ? String(a[line]) : "<end of file>")
              actual: \(line < b.count ? String(b[line]) : "<end of file>")
            """, sourceLocation: sourceLocation)
    }
}

/// Whether bytes are well-formed XML: nil when they are, else the parser's complaint.
func xmlProblem(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    if parser.parse() { return nil }
    return "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")"
}

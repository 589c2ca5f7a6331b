import Foundation
import SitegenImages
@testable import SitegenTestSupport
import Testing

/// Every input the fuzzer of the SVG sanitiser (Fuzz/, scripts/fuzz: FuzzSVG) starts from or found
/// interesting or crashing, replayed with the fuzz target's own checks: its seeds, Fuzz/Seeds/FuzzSVG/<name>,
/// and what it found, Fixtures/fuzz/FuzzSVG/<name>.
@Suite struct SVGFuzzReplayTests {
    static let target = "FuzzSVG"

    /// The fuzz target's seeds, in the fuzz package beside the tests.
    static func seeds(testFile: String = #filePath) -> [String] {
        let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Seeds/\(target)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    static func inputs() -> [String] { seeds() + fuzzInputs(target) }

    /// A replay of no inputs passes whatever the code does: a moved or emptied folder must fail.
    @Test("the fuzzer's seeds and findings are there to replay")
    func fixturesExist() {
        #expect(!Self.seeds().isEmpty, "no seeds in Fuzz/Seeds/\(Self.target)")
        #expect(!fuzzInputs(Self.target).isEmpty, "no inputs in Fixtures/fuzz/\(Self.target)")
    }

    /// Refused, or sanitised into a fixed point that is UTF-8 and holds nothing that runs.
    @Test(arguments: inputs())
    func svg(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        guard let output = try? SVGSanitizer.sanitize(bytes) else { return }
        let violation = SVGAudit.violation(output)
        #expect(violation == nil, "\(URL(fileURLWithPath: path).lastPathComponent): \(violation ?? "")")
    }

    /// The legitimate drawings among the seeds are accepted: the properties are checked on something.
    @Test func legitimateSeedsAreAccepted() throws {
        let legit = Self.seeds().filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix("legit-") }
        #expect(!legit.isEmpty)
        for path in legit {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(throws: Never.self) { try SVGSanitizer.sanitize(bytes) }
        }
    }

    /// The checks themselves: each catches what it is for, and what is only text or a path passes.
    @Test func propertiesCatchWhatTheyAreFor() throws {
        let head = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + #"<svg xmlns="http://www.w3.org/2000/svg""#
        func bytes(_ body: String) -> [UInt8] { Array((head + body + "\n").utf8) }
        // Clean, and the sanitiser's own output: all of it holds.
        let clean = bytes(#"><title>javascript: onclick= &lt;script foreignObject</title><rect class="a onclick=b" width="1"/>"#
            + #"<a href="x/javascript:y"><text>t</text></a></svg>"#)
        #expect(try SVGSanitizer.sanitize(clean) == clean)
        #expect(SVGAudit.violation(clean) == nil)
        // Each property.
        #expect(SVGAudit.violation(clean + [0xFF])?.contains("UTF-8") == true)
        #expect(SVGAudit.violation(bytes(#"><!-- c --></svg>"#))?.contains("changes it") == true)
        #expect(SVGAudit.violation(bytes(#">"#))?.contains("refused") == true)
        for (body, finding) in [
            (#"><a href=" JAVA&#9;SCRIPT:alert(1)"/></svg>"#, "javascript: link"),
            (#"><rect fill="url(vbscript:x)"/></svg>"#, "vbscript: in fill"),
            (#"><rect style="fill:java/**/script:x"/></svg>"#, "javascript: in style"),
            (#"><style>a{b:url(java/**/script:x)}</style></svg>"#, "javascript: in a style sheet"),
            (#"><rect onclick="x"/></svg>"#, "handler attribute onclick"),
            (#"><rect x="1"  onmouseover = "x"/></svg>"#, "handler attribute onmouseover"),
            (#"><foreignObject/></svg>"#, "element <foreignobject>"),
            (#"><SCRIPT/></svg>"#, "<script"),
        ] {
            let violation = SVGAudit.runnable(bytes(body))
            #expect(violation?.contains(finding) == true, "\(body): \(violation ?? "nothing found")")
        }
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// Determinism across processes: each run of the binary has its own hash seed, so an output
/// that follows a dictionary's order differs between two runs, where two builds in one process
/// (one seed) would agree.
@Suite struct DeterminismProcessTests {
    @Test("two builds of one site in two processes write byte-identical folders")
    func twoProcesses() throws {
        let generated = GeneratedSite(seed: 7, articles: 60)
        let site = SiteFolder(files: generated.files)
        let first = try SitegenRun.run(["build", "--no-cache", "--output", "first"], in: site.root)
        let second = try SitegenRun.run(["build", "--no-cache", "--output", "second"], in: site.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        let one = folderSnapshot(site.root.appendingPathComponent("first").path)
        let two = folderSnapshot(site.root.appendingPathComponent("second").path)
        #expect(one.count > 100)
        let differing = differences(one, two)
        #expect(differing.isEmpty, "differ: \(differing.prefix(20))")
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// The build cache trusts a file's stamp only while its change time (ctime) is the one it saw:
/// an edit in place to the same size, with its modification time put back (`touch -r`), is read.
@Suite struct ChangeTimeTests {
    @Test("a same-size edit in place whose modification time is put back is still seen, build after build")
    func mtimePutBack() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": "title: Test News\nbaseURL: https://example.org/\n",
            "Content/articles/story.md": "---\ntitle: Version AAAA\ndate: 2025-07-31\n---\nText.\n",
        ])
        let path = site.root.appendingPathComponent("Content/articles/story.md").path
        let old = Date(timeIntervalSinceNow: -3600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        // Past the two-second window in which a fresh stamp is never trusted: the stamp is trusted and recorded.
        Thread.sleep(forTimeInterval: 2.5)
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)

        // Rewritten in place (same inode, same size), then its modification time put back.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("---\ntitle: Version BBBB\ndate: 2025-07-31\n---\nText.\n".utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        Thread.sleep(forTimeInterval: 2.5)  // the change time is old enough to be trusted too
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Reused: parsed 1 of 1 content files"), "\(run.stdout)")
        let page = site.snapshot("Public")["articles/story/index.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(page.contains("Version BBBB") && !page.contains("Version AAAA"))
    }
}

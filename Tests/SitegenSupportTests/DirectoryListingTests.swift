import Foundation
import Testing
@testable import SitegenSupport

@Suite struct DirectoryListingTests {
    /// A folder of files and links; returns its path.
    private func makeTree() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)").path
        let files = ["z.md", "a/b.md", "a/b.txt", "a/.hidden/c.md", ".x.md", "Ä.md", "B.md", "a/d/e.md", "outside/o.md"]
        for file in files {
            let path = root + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        }
        try FileManager.default.createDirectory(atPath: root + "/folder.md", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link.md", withDestinationPath: root + "/z.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked-folder", withDestinationPath: root + "/outside")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling.md", withDestinationPath: root + "/nowhere.md")
        return root
    }

    @Test("files by suffix, sorted byte-wise; hidden names, folders and folder links left out")
    func recursive() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let found = DirectoryListing.files(under: root, suffix: ".md", recursive: true).map { String($0.dropFirst(root.count + 1)) }
        #expect(found == ["B.md", "a/b.md", "a/d/e.md", "link.md", "outside/o.md", "z.md", "Ä.md"])
    }

    @Test("one folder only when not recursive; a missing folder has no files")
    func flat() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let found = DirectoryListing.files(under: root, suffix: ".md", recursive: false).map { String($0.dropFirst(root.count + 1)) }
        #expect(found == ["B.md", "link.md", "z.md", "Ä.md"])
        #expect(DirectoryListing.files(under: root + "/missing", suffix: ".md", recursive: true).isEmpty)
    }

    @Test("every file, hidden ones too, when asked")
    func hidden() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let found = DirectoryListing.files(under: root, suffix: "", recursive: true, includeHidden: true)
            .map { String($0.dropFirst(root.count + 1)) }
        #expect(found == [".x.md", "B.md", "a/.hidden/c.md", "a/b.md", "a/b.txt", "a/d/e.md", "link.md", "outside/o.md", "z.md", "Ä.md"])
    }
}

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

    @Test("every entry, hidden ones too, relative; folders before what they hold; links not followed")
    func entries() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (files, folders) = DirectoryListing.entries(under: root)
        #expect(files.sorted() == [
            ".x.md", "B.md", "a/.hidden/c.md", "a/b.md", "a/b.txt", "a/d/e.md", "dangling.md", "link.md",
            "linked-folder", "outside/o.md", "z.md", "Ä.md",
        ])
        #expect(Set(folders) == ["a", "a/.hidden", "a/d", "folder.md", "outside"])
        #expect(folders.firstIndex(of: "a")! < folders.firstIndex(of: "a/d")!)
        #expect(DirectoryListing.entries(under: root + "/missing") == (files: [], folders: []))
    }
}

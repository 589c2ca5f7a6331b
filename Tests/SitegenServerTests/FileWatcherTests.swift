import Foundation
import Synchronization
import Testing
@testable import SitegenServer

/// What the watcher reports, with inotify and with the poller.
@Suite struct FileWatcherTests {
    /// The batches a watcher on a theme folder reported while `edit` ran.
    static func batches(mode: FileWatcher.Mode, _ edit: (String) throws -> Void) async throws -> [Set<String>?] {
        let root = FileManager.default.temporaryDirectory.path + "/sitegen-watch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/Templates", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("<p>x</p>".utf8).write(to: URL(fileURLWithPath: root + "/Templates/base.html"))
        let seen = Mutex<[Set<String>?]>([])
        let watcher = FileWatcher(root: root, folders: ["Templates"], debounce: .milliseconds(20)) { batch in
            seen.withLock { $0.append(batch) }
        }
        watcher.start(mode: mode)
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(400))
        try edit(root + "/Templates")
        try await Task.sleep(for: .milliseconds(1200))
        return seen.withLock { $0 }
    }

    @Test("an editor's swap, backup and autosave files in the theme are not reported", arguments: [FileWatcher.Mode.automatic, .polling])
    func editorFilesLeftOut(mode: FileWatcher.Mode) async throws {
        let batches = try await Self.batches(mode: mode) { theme in
            for name in [".base.html.swp", "base.html~", "#base.html#", ".hidden/x.html"] {
                try FileManager.default.createDirectory(
                    atPath: (theme + "/" + name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data("x".utf8).write(to: URL(fileURLWithPath: theme + "/" + name))
            }
        }
        #expect(batches.allSatisfy { $0 != nil }, "no batch of lost events")
        let reported = batches.compactMap { $0 }.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(reported.isEmpty, "reported \(reported.sorted())")
    }

    @Test("a template saved beside its swap file is reported, the swap file is not", arguments: [FileWatcher.Mode.automatic, .polling])
    func templateReported(mode: FileWatcher.Mode) async throws {
        let batches = try await Self.batches(mode: mode) { theme in
            try Data("x".utf8).write(to: URL(fileURLWithPath: theme + "/.base.html.swp"))
            try Data("<p>y</p>".utf8).write(to: URL(fileURLWithPath: theme + "/base.html"))
        }
        let reported = batches.compactMap { $0 }.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(reported == ["Templates/base.html"])
    }

    @Test("a Templates/ folder made while serving (a site on the built-in theme overriding a file) is watched; the root's own files are not reported",
          arguments: [FileWatcher.Mode.automatic, .polling])
    func folderMadeLater(mode: FileWatcher.Mode) async throws {
        let root = FileManager.default.temporaryDirectory.path + "/sitegen-watch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/Content", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let seen = Mutex<[Set<String>?]>([])
        let watcher = FileWatcher(root: root, folders: ["Content", "Templates"], debounce: .milliseconds(20)) { batch in
            seen.withLock { $0.append(batch) }
        }
        watcher.start(mode: mode)
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(400))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: root + "/README.md"))
        try FileManager.default.createDirectory(atPath: root + "/Templates/partials", withIntermediateDirectories: true)
        try Data("<p>x</p>".utf8).write(to: URL(fileURLWithPath: root + "/Templates/page.html"))
        try await Task.sleep(for: .milliseconds(600))
        try Data("<p>y</p>".utf8).write(to: URL(fileURLWithPath: root + "/Templates/partials/byline.html"))
        try await Task.sleep(for: .milliseconds(1200))
        let reported = seen.withLock { $0 }.compactMap { $0 }.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(reported.contains("Templates/page.html"), "\(reported.sorted())")
        #expect(reported.contains("Templates/partials/byline.html"), "\(reported.sorted())")
        #expect(!reported.contains("README.md"))
    }
}

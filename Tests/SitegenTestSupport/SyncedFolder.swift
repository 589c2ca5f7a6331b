import Foundation

/// A folder holding the generated site with the repository's theme: `sync` writes the
/// generator's files into it, only those whose bytes changed, and removes those it dropped.
struct SyncedFolder {
    /// The site's folder (holding Content/ and Templates/); a caller may move it and say so here.
    var root: String
    private var synced: [String: String]

    /// Makes `root` and copies the theme into it.
    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Theme.folder.path, toPath: root + "/Templates")
        synced = [
            "Templates/base.html": Theme.base, "Templates/partials/article-card.html": Theme.card,
            "Templates/assets/style.css": Theme.style,
        ]
    }

    /// Writes what changed since the last sync; returns the content files written (`Content/…/*.md`).
    mutating func sync(_ files: [String: String]) throws -> Set<String> {
        var written: Set<String> = []
        touched = []
        for (path, text) in files where synced[path] != text {
            try write(path, text)
            touched.insert(path)
            if path.hasSuffix(".md") { written.insert(path) }
        }
        for path in synced.keys where files[path] == nil {
            try FileManager.default.removeItem(atPath: root + "/" + path)
            touched.insert(path)
        }
        synced = files
        return written
    }

    /// Every file the last sync wrote or removed (relative paths): what a file watcher reports.
    private(set) var touched: Set<String> = []

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }
}

/// Every file below `folder`, by relative path, with its bytes (empty when there is no such folder).
func folderSnapshot(_ folder: String) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
    while let path = walker.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDir), !isDir.boolValue {
            result[path] = FileManager.default.contents(atPath: folder + "/" + path) ?? Data()
        }
    }
    return result
}

/// The paths at which two snapshots differ (missing on one side, or other bytes), sorted.
func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
    Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
}

/// The inputs a fuzzer saved for `target` that the test file calling this replays:
/// `Fixtures/fuzz/<target>/*` beside it, sorted (none when the folder is missing).
func fuzzInputs(_ target: String, testFile: String = #filePath) -> [String] {
    let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz/\(target)").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
}

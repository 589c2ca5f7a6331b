import Foundation
@testable import SitegenTestSupport
#if canImport(Glibc)
import Glibc
#endif
import SitegenSite
import SitegenSupport
import Testing

/// Writing the site to a folder: atomic, and kind to deploy tools.
@Suite struct WriterTests {
    struct FileState: Equatable {
        var bytes: Data
        var inode: UInt64
        var mtime: timespec

        static func == (a: FileState, b: FileState) -> Bool {
            a.bytes == b.bytes && a.inode == b.inode && a.mtime.tv_sec == b.mtime.tv_sec && a.mtime.tv_nsec == b.mtime.tv_nsec
        }
    }

    /// Every file below `folder`: bytes, inode and modification time.
    static func snapshot(_ folder: String) -> [String: FileState] {
        var result: [String: FileState] = [:]
        for path in FileManager.default.subpaths(atPath: folder) ?? [] {
            var st = stat()
            let full = folder + "/" + path
            guard stat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            result[path] = FileState(bytes: FileManager.default.contents(atPath: full)!, inode: UInt64(st.st_ino), mtime: st.st_mtim)
        }
        return result
    }

    static func leftovers(_ site: SiteFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? []).filter { $0.contains(".sitegen-") }
    }

    static func site() -> SiteFolder {
        SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("Stays", date: "2025-01-01"))
            -- Content/articles/b.md --
            \(SiteFolder.article("Changes", date: "2025-01-02", "topics: [Mars]"))
            -- Content/articles/c.md --
            \(SiteFolder.article("Goes away", date: "2025-01-03", "topics: [Moon]"))
            """)
    }

    @Test("a failed build leaves the existing output folder byte for byte, and no temporary folder beside the kept previous build")
    func failedBuildLeavesOutput() throws {
        let site = Self.site()
        let output = site.path + "/Public"
        _ = try SiteBuilder.build(site.options(), writingTo: output)
        let before = Self.snapshot(output)
        #expect(before["articles/a/index.html"] != nil)

        site.write("Content/articles/b.md", SiteFolder.article("Changes", date: "2025-02-30"))
        #expect(throws: DiagnosticsError.self) { _ = try SiteBuilder.build(site.options(), writingTo: output) }
        #expect(Self.snapshot(output) == before)
        #expect(Self.leftovers(site) == [])

        // A template error fails at render time, after every content file was fine.
        site.write("Content/articles/b.md", SiteFolder.article("Changes", date: "2025-01-02", "topics: [Mars]"))
        site.write("Templates/term.html", "{% extends \"base.html\" %}{% block content %}{{ term.nmae }}{% endblock %}")
        #expect(throws: DiagnosticsError.self) { _ = try SiteBuilder.build(site.options(), writingTo: output) }
        #expect(Self.snapshot(output) == before)
        #expect(Self.leftovers(site) == [])
    }

    @Test("a second build keeps unchanged files as they were, rewrites changed ones and removes what is gone")
    func incrementalWrite() throws {
        let site = Self.site()
        let output = site.path + "/Public"
        let first = try SiteBuilder.build(site.options(), writingTo: output)
        #expect(first.write.written == first.fileCount)
        #expect(first.write.unchanged == 0 && first.write.removed == 0)
        let before = Self.snapshot(output)

        site.write("Content/articles/b.md", SiteFolder.article("Changed", date: "2025-01-02", "topics: [Mars]"))
        site.remove("Content/articles/c.md")
        let second = try SiteBuilder.build(site.options(), writingTo: output)
        let after = Self.snapshot(output)

        // What was streamed to disk is what the in-memory build makes.
        let inMemory = try SiteBuilder.buildInMemory(site.options()).files
        let produced = Dictionary(uniqueKeysWithValues: inMemory.map { ($0.path, Data($0.bytes)) })
        #expect(second.fileCount == produced.count)
        #expect(Set(after.keys) == Set(produced.keys), "the folder holds exactly the new build")
        for (path, bytes) in produced { #expect(after[path]?.bytes == bytes, "\(path)") }
        let unchanged = produced.filter { before[$0.key]?.bytes == $0.value }.keys.sorted()
        let gone = before.keys.filter { produced[$0] == nil }.sorted()
        #expect(unchanged.contains("articles/a/index.html") && unchanged.contains("assets/style.css"))
        #expect(gone == [
            "articles/c/index.html", "topics/moon/feed.json", "topics/moon/feed.xml", "topics/moon/index.html", "topics/moon/rss.xml",
        ])
        for path in unchanged {
            #expect(after[path] == before[path], "\(path) was rewritten though its bytes did not change")
        }
        #expect(after["articles/b/index.html"]?.inode != before["articles/b/index.html"]?.inode)
        #expect(second.write.unchanged == unchanged.count)
        #expect(second.write.written == produced.count - unchanged.count)
        #expect(second.write.removed == gone.count)
        #expect(second.summary.contains(
            "\(second.write.written) files written, \(unchanged.count) unchanged, \(gone.count) removed"))
        #expect(Self.leftovers(site) == [])
    }

    @Test("a third build of the same input writes nothing new")
    func nothingChanged() throws {
        let site = Self.site()
        let output = site.path + "/Public"
        _ = try SiteBuilder.build(site.options(), writingTo: output)
        let before = Self.snapshot(output)
        let again = try SiteBuilder.build(site.options(), writingTo: output)
        #expect(again.write.written == 0 && again.write.unchanged == before.count && again.write.removed == 0)
        #expect(Self.snapshot(output) == before)
    }

    @Test("the previous build is kept beside the output and reused: a rebuild that changes nothing makes and deletes no files")
    func previousBuildIsReused() throws {
        let site = Self.site()
        let output = site.path + "/Public"
        let spare = site.path + "/.Public.previous"
        _ = try SiteBuilder.build(site.options(), writingTo: output)
        _ = try SiteBuilder.build(site.options(), writingTo: output)
        // The spare now holds the first build: the same files, the same inodes (hard links).
        let live = Self.snapshot(output)
        #expect(Self.snapshot(spare) == live)
        _ = try SiteBuilder.build(site.options(), writingTo: output)
        #expect(Self.snapshot(output) == live)
        #expect(Self.snapshot(spare) == live)

        // A change: the live folder gets it, the spare keeps the build before, which shares
        // every unchanged file with the live one.
        site.write("Content/articles/b.md", SiteFolder.article("Changed again", date: "2025-01-02", "topics: [Mars]"))
        _ = try SiteBuilder.build(site.options(), writingTo: output)
        let changed = Self.snapshot(output)
        let previous = Self.snapshot(spare)
        #expect(previous == live)
        #expect(changed["articles/b/index.html"] != live["articles/b/index.html"])
        #expect(changed["articles/a/index.html"] == live["articles/a/index.html"])
    }

    @Test("files and folders that trade places between builds are written right through the reused spare")
    func shapesChangeBetweenBuilds() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = root + "/out"
        let builds: [[String: String]] = [
            ["index.html": "1", "a/index.html": "a1", "b": "b1", "deep/x/y/z.html": "z"],
            ["index.html": "2", "a": "a2", "b/index.html": "b2"],
            ["index.html": "3", "a/index.html": "a3", "b": "b3", "deep/x": "x"],
            ["index.html": "3", "a/index.html": "a3", "b": "b3", "deep/x": "x"],
            ["index.html": "5", "a/c/index.html": "c5", "deep/x/y/z.html": "z"],
        ]
        for (n, files) in builds.enumerated() {
            let report = try SiteWriter(outputPath: output).write(files.sorted { $0.key < $1.key }.map {
                OutputFile(path: $0.key, bytes: Array($0.value.utf8))
            })
            let found = Self.snapshot(output).mapValues { String(decoding: $0.bytes, as: UTF8.self) }
            #expect(found == files, "build \(n + 1)")
            if n == 3 { #expect(report.written == 0 && report.unchanged == 4 && report.removed == 0) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [".out.previous", ".out.record", "out"])
    }

    @Test("a build refuses to replace a folder that does not look like a built site")
    func refusesForeignFolder() throws {
        let site = Self.site()
        site.write("Elsewhere/notes.txt", "my notes")
        #expect(throws: OutputError.self) { _ = try SiteBuilder.build(site.options(), writingTo: site.path + "/Elsewhere") }
        #expect(FileManager.default.contents(atPath: site.path + "/Elsewhere/notes.txt") == Data("my notes".utf8))
        #expect(throws: OutputError.self) { _ = try SiteBuilder.build(site.options(), writingTo: site.path + "/Content") }
        #expect(throws: OutputError.self) { _ = try SiteBuilder.build(site.options(), writingTo: site.path) }
    }
}

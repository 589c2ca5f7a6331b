import Foundation
@testable import SitegenTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

// The build cache (`.sitegen-cache/`) through the real `sitegen` binary: every build is a
// process of its own, so the memo and the blob packs really go through the disk. The rule
// every test checks: whatever the cache holds (or fails to hold), `sitegen build` writes
// exactly what `sitegen build --no-cache` writes.

// MARK: - A seeded random news site
// (SitegenTestSupport/GeneratedSite.swift)

// MARK: - A site folder and its builds

/// Every file below `folder`, by relative path (empty when there is no such folder).
private func tree(_ folder: URL) -> [String: Data] { folderSnapshot(folder.path) }

/// The `Reused:` line of a build report (`Full build (nothing reused):` when it reused nothing).
private struct Reuse: Equatable, CustomStringConvertible {
    var parsed, contentFiles, rendered, pages, wrote, unchanged, removed: Int

    init?(_ stdout: String) {
        guard let match = stdout.firstMatch(
            of: /(?:Reused|Full build \(nothing reused\)): parsed ([\d,]+) of ([\d,]+) content files; rendered ([\d,]+) of ([\d,]+) pages; wrote ([\d,]+) files, ([\d,]+) unchanged(?:, ([\d,]+) removed)?/)
        else { return nil }
        func n(_ s: Substring?) -> Int { Int((s ?? "0").replacingOccurrences(of: ",", with: "")) ?? -1 }
        parsed = n(match.output.1)
        contentFiles = n(match.output.2)
        rendered = n(match.output.3)
        pages = n(match.output.4)
        wrote = n(match.output.5)
        unchanged = n(match.output.6)
        removed = n(match.output.7)
    }

    var description: String {
        "parsed \(parsed) of \(contentFiles); rendered \(rendered) of \(pages); wrote \(wrote), \(unchanged) unchanged, \(removed) removed"
    }
}

/// A site in a folder of its own (inside a scratch folder that also holds the reference
/// builds), with the repository's theme; the generator's files are synced into it, writing
/// only those whose bytes changed.
private final class CacheSite {
    let scratch: URL
    private var folder: SyncedFolder
    var generated: GeneratedSite

    init(seed: UInt64, articles: Int = 25) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-cache-\(UUID().uuidString)")
        folder = try SyncedFolder(root: scratch.appendingPathComponent("site").path)
        generated = GeneratedSite(seed: seed, articles: articles)
        _ = try sync()
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    var root: URL { URL(fileURLWithPath: folder.root) }
    var cache: URL { root.appendingPathComponent(".sitegen-cache") }
    var memo: URL { cache.appendingPathComponent("memo.bin") }
    var output: URL { root.appendingPathComponent("Public") }

    /// Writes what changed since the last sync; returns the content files (Content/…/*.md) written.
    func sync() throws -> Set<String> { try folder.sync(generated.files) }

    func write(_ path: String, _ text: String) throws { try folder.write(path, text) }

    /// How many content files the site has.
    var contentFiles: Int { generated.articles.count + generated.pages.count }

    /// Copies the whole folder (cache, output and its spare included) to a new folder and
    /// carries on there; the old folder is deleted.
    func moveByCopying() throws {
        let next = scratch.appendingPathComponent("copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root, to: next)
        try FileManager.default.removeItem(at: root)
        folder.root = next.path
    }

    /// `sitegen build` with the default cache into Public/.
    func build(_ extra: [String] = []) throws -> SitegenRun {
        try SitegenRun.run(["build"] + extra, in: root)
    }

    /// What `sitegen build --no-cache` writes, into a fresh folder outside the site.
    func reference(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Data] {
        let folder = scratch.appendingPathComponent("reference")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("Public")
        let run = try SitegenRun.run(["build", "--quiet", "--no-cache", "--output", out.path], in: root)
        #expect(run.status == 0, "the --no-cache build failed: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr == "", sourceLocation: sourceLocation)
        return tree(out)
    }

    /// Expects Public/ to be byte for byte what a --no-cache build writes (or `expected`, what
    /// one wrote for the same input); returns that.
    @discardableResult
    func expectOutputIsReference(
        _ context: @autoclosure () -> String, expected known: [String: Data]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Data] {
        let expected = try known ?? reference(sourceLocation: sourceLocation)
        let actual = tree(output)
        let differing = differences(actual, expected)
        #expect(!expected.isEmpty, sourceLocation: sourceLocation)
        #expect(differing.isEmpty,
                "\(context()): Public/ differs from a --no-cache build at \(differing.count) paths: \(differing.prefix(30))",
                sourceLocation: sourceLocation)
        return expected
    }

    /// Builds once more (nothing changed since the build that wrote `expected`) and expects a
    /// clean build that reused everything.
    func expectCleanReusingBuild(_ context: String, expected: [String: Data], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try build()
        #expect(run.status == 0, "\(context): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr == "", "\(context): the build after should be clean", sourceLocation: sourceLocation)
        let reuse = Reuse(run.stdout)
        #expect(reuse?.parsed == 0, "\(context): \(String(describing: reuse))", sourceLocation: sourceLocation)
        #expect(reuse?.rendered == 0, "\(context): \(String(describing: reuse))", sourceLocation: sourceLocation)
        try expectOutputIsReference("\(context), the build after", expected: expected, sourceLocation: sourceLocation)
    }
}

/// A running `sitegen` process whose output goes to files (read while it runs).
private final class BackgroundBuild {
    let process = Process()
    let stdoutFile: URL
    let stderrFile: URL

    init(_ arguments: [String], in directory: URL) throws {
        stdoutFile = directory.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString).txt")
        stderrFile = directory.deletingLastPathComponent().appendingPathComponent("err-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = SitegenRun.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
    var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }

    /// Waits for the process to end, at most `seconds`; its status, or nil if it is still running.
    func wait(seconds: Double = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: stdoutFile)
        try? FileManager.default.removeItem(at: stderrFile)
    }
}

private func lines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init)
}

// MARK: - Damage

/// Ways to damage a warm cache.
enum CacheDamage: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memoTruncatedToHalf
    case memoEmpty
    case memoByteFlippedInTheMiddle
    case memoByteFlippedInTheMagic
    case memoByteFlippedInTheVersion
    case memoByteFlippedInTheBinaryDigest
    case memoRandomBytes
    case memoOwnedByAnotherUser
    case memoIsADirectory
    case packTruncatedToHalf
    case packBytesFlipped
    case packDeleted

    var testDescription: String { rawValue }
    var isPack: Bool { rawValue.hasPrefix("pack") }

    /// The cases this process can stage (chown needs root).
    static var stageable: [CacheDamage] {
        allCases.filter { $0 != .memoOwnedByAnotherUser || geteuid() == 0 }
    }

    func apply(to cache: URL) throws {
        let memo = cache.appendingPathComponent("memo.bin")
        var bytes = [UInt8](try Data(contentsOf: memo))
        switch self {
        case .memoTruncatedToHalf: bytes = Array(bytes.prefix(bytes.count / 2))
        case .memoEmpty: bytes = []
        case .memoByteFlippedInTheMiddle: bytes[bytes.count / 2] ^= 0xFF
        case .memoByteFlippedInTheMagic: bytes[3] ^= 0x01
        case .memoByteFlippedInTheVersion: bytes[20] ^= 0x01  // after the 20-byte magic: the format version
        case .memoByteFlippedInTheBinaryDigest: bytes[25] ^= 0x01
        case .memoRandomBytes:
            var rng = SplitMix64(seed: 99)
            bytes = (0..<bytes.count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case .memoOwnedByAnotherUser:
            #expect(chown(memo.path, 65534, 65534) == 0)
            return
        case .memoIsADirectory:
            try FileManager.default.removeItem(at: memo)
            try FileManager.default.createDirectory(at: memo, withIntermediateDirectories: false)
            return
        case .packTruncatedToHalf, .packBytesFlipped, .packDeleted:
            let packs = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".pack") }
            #expect(!packs.isEmpty, "no blob pack in \(cache.path)")
            for name in packs {
                let pack = cache.appendingPathComponent(name)
                var data = [UInt8](try Data(contentsOf: pack))
                switch self {
                case .packTruncatedToHalf: data = Array(data.prefix(data.count / 2))
                case .packBytesFlipped: for i in stride(from: 17, to: data.count, by: 211) { data[i] ^= 0x5A }
                default:
                    try FileManager.default.removeItem(at: pack)
                    continue
                }
                try Data(data).write(to: pack)
            }
            return
        }
        try Data(bytes).write(to: memo)
    }
}

// MARK: - The tests

@Suite struct BuildCacheTests {
    static let seeds: [UInt64] = [1, 2, 3]
    static let steps = 12
    static let noChangeStep = 4
    static let copyStep = 8
    /// Steps where `sitegen check` (same cache, in memory) runs between the edits and the build.
    static let checkSteps: Set<Int> = [6, 11]

    /// A random sequence of edits; after every step the cached build's Public/ equals a
    /// --no-cache build, byte for byte, and the report's `Reused:` line counts what it should.
    @Test("random edits: the cached build always writes what a --no-cache build writes", arguments: seeds)
    func randomEdits(seed: UInt64) throws {
        let site = try CacheSite(seed: seed)
        let first = try site.build()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr == "")
        #expect(Reuse(first.stdout)?.parsed == site.contentFiles)
        try site.expectOutputIsReference("seed \(seed), first build")
        var log: [String] = []
        var editSteps = 0

        for step in 1...Self.steps {
            var edits: [String] = []
            var written: Set<String> = []
            let basePath = site.generated.basePath
            if step == Self.copyStep {
                try site.moveByCopying()
                edits = ["copy the whole site folder to \(site.root.lastPathComponent)"]
            } else if step != Self.noChangeStep {
                // One edit of each kind in turn (so three seeds try every kind), and a few random ones.
                edits.append(site.generated.edit(kind: (Int(seed - 1) * 10 + editSteps) % GeneratedSite.editKinds))
                editSteps += 1
                for _ in 0..<site.generated.rng.int(3) { edits.append(site.generated.edit()) }
                written = try site.sync()
            }
            if Self.checkSteps.contains(step) { edits.append("sitegen check") }
            log.append("step \(step): " + (edits.isEmpty ? "no change" : edits.joined(separator: "; ")))
            let context = "seed \(seed), " + log.joined(separator: "\n")

            if Self.checkSteps.contains(step) {
                // `check` builds in memory on the same cache: it parses and renders what changed
                // and saves the memo, so the build after it takes the new pages from the packs.
                let check = try SitegenRun.run(["check"], in: site.root)
                #expect(!check.stderr.contains("sitegen: ignoring") && !check.stderr.contains("build cache"), "\(context)\n\(check.stderr)")
                #expect(!check.stderr.contains("does not build"), "\(context)\n\(check.stderr)")
                written = []
            }
            let run = try site.build()
            #expect(run.status == 0, "\(context)\n\(run.stderr)")
            #expect(run.stderr == "", "\(context): the cached build printed something")
            let reuse = try #require(Reuse(run.stdout), "\(context): no Reused line in\n\(run.stdout)")
            #expect(reuse.contentFiles == site.contentFiles, "\(context): \(reuse)")
            // A file is parsed again exactly when its bytes (or its path) changed, or every file
            // when a setting the content stage reads (the baseURL) changed.
            let expectedParsed = Self.checkSteps.contains(step) ? 0 : site.generated.basePath != basePath ? site.contentFiles : written.count
            #expect(reuse.parsed == expectedParsed, "\(context): \(reuse); wrote \(written.sorted())")
            if Self.checkSteps.contains(step) {
                #expect(reuse.rendered == 0, "\(context): check rendered these pages already, yet \(reuse)")
            }
            if step == Self.noChangeStep || step == Self.copyStep {
                #expect(reuse.parsed == 0 && reuse.rendered == 0 && reuse.wrote == 0 && reuse.removed == 0,
                        "\(context): nothing changed, yet \(reuse)")
            }
            let expected = try site.expectOutputIsReference(context)
            // The first wrong step is the one to look at: the steps after it build on a wrong memo.
            if differences(tree(site.output), expected) != [] { return }
        }
    }

    /// CI restores Content/, Templates/ and the cache (say from actions/cache) into a fresh
    /// checkout: no Public/, every file a new inode and a new modification time.
    @Test("a cache restored into a fresh folder without Public/ is used: nothing parsed or rendered")
    func restoredIntoAFreshFolder() throws {
        let site = try CacheSite(seed: 7)
        let first = try site.build()
        #expect(first.status == 0, "\(first.stderr)")
        let warm = try #require(Reuse(first.stdout))

        let fresh = site.scratch.appendingPathComponent("ci-checkout")
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        for folder in ["Content", "Templates", ".sitegen-cache"] {
            try FileManager.default.copyItem(at: site.root.appendingPathComponent(folder), to: fresh.appendingPathComponent(folder))
        }
        let run = try SitegenRun.run(["build"], in: fresh)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "")
        let reuse = try #require(Reuse(run.stdout), "\(run.stdout)")
        let files = tree(fresh.appendingPathComponent("Public")).count
        #expect(reuse.parsed == 0 && reuse.contentFiles == site.contentFiles, "\(reuse)")
        #expect(reuse.rendered == 0 && reuse.pages == warm.pages, "\(reuse)")
        #expect(reuse.wrote == files && reuse.unchanged == 0 && reuse.removed == 0, "\(reuse)")
        #expect(run.stdout.contains(
            "Reused: parsed 0 of \(site.contentFiles) content files; rendered 0 of \(warm.pages) pages; wrote \(files) files, 0 unchanged\n"))

        let reference = try site.reference()
        let differing = differences(tree(fresh.appendingPathComponent("Public")), reference)
        #expect(differing.isEmpty, "differs from a --no-cache build at \(differing)")
    }

    /// Each damage: the build is a correct full build with one line saying the cache was
    /// ignored, and the build after it is clean and reuses everything again.
    @Test("a damaged cache is ignored with one line, and the output is still right", arguments: CacheDamage.stageable)
    func damagedCache(_ damage: CacheDamage) throws {
        let site = try CacheSite(seed: 11)
        let first = try site.build(["--quiet"])
        #expect(first.status == 0 && first.stderr == "", "\(first.stderr)")

        // Something changed since (so the output must change), then the cache is damaged.
        let edit = site.generated.edit()
        _ = try site.sync()
        try damage.apply(to: site.cache)
        if damage.isPack {
            // The output is gone too, so pages must come from the packs (or be rendered again).
            try FileManager.default.removeItem(at: site.output)
        }

        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let notes = lines(run.stderr)
        if damage.isPack {
            // The memo is fine; a pack gone or cut short is seen at once (its files are parsed
            // again, one line), a blob that does not check out is made again (a line per file).
            for note in notes {
                let lost = note == "sitegen: the build cache in .sitegen-cache lost part of its data; the files it held are parsed again"
                let damagedCopy = note.hasPrefix("sitegen: the build cache's copy of ") && note.hasSuffix(" is damaged; rendering its Markdown again")
                #expect(lost || damagedCopy, "an unexpected line: \(note)")
            }
            #expect(notes.filter { $0.contains("lost part of its data") }.count <= 1)
        } else {
            #expect(notes.count == 1, "expected one line about the cache, got:\n\(run.stderr)")
            #expect(notes.first?.hasPrefix("sitegen: ignoring the build cache .sitegen-cache/memo.bin: ") == true, "\(run.stderr)")
            #expect(Reuse(run.stdout)?.parsed == site.contentFiles, "a damaged memo means a full build")
        }
        var expected = try site.expectOutputIsReference("\(damage) after \(edit)")

        if damage.isPack {
            // A build that renders every page again needs every body: the damaged blobs must
            // have been replaced by the build that met them.
            site.generated.baseMark = .visible(site.generated.next())
            _ = try site.sync()
            let again = try site.build()
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr == "", "the cache still has damaged copies after the build that found them: \(lines(again.stderr).count) lines, first: \(lines(again.stderr).first ?? "")")
            expected = try site.expectOutputIsReference("\(damage), every page rendered again")
        }
        try site.expectCleanReusingBuild("\(damage)", expected: expected)
    }

    @Test("damaged blob notices are one line per file, not one per page that prints it")
    func damagedBlobNoticesAreNotRepeated() throws {
        let site = try CacheSite(seed: 12)
        #expect(try site.build(["--quiet"]).status == 0)
        try CacheDamage.packBytesFlipped.apply(to: site.cache)
        site.generated.baseMark = .visible(site.generated.next())  // every page rendered again
        _ = try site.sync()
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let notes = lines(run.stderr)
        #expect(!notes.isEmpty, "flipped bytes in every blob went unnoticed")
        #expect(notes.count == Set(notes).count, "\(notes.count) lines for \(Set(notes).count) files")
        try site.expectOutputIsReference("flipped pack bytes, every page rendered")
    }

    @Test("a cache folder that cannot be made: one warning, the right output")
    func cacheFolderCannotBeMade() throws {
        let site = try CacheSite(seed: 13, articles: 8)
        let run = try site.build(["--cache-dir", "/proc/sitegen-cache-test"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(lines(run.stderr).count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("sitegen: warning: "), "\(run.stderr)")
        #expect(run.stderr.contains("/proc/sitegen-cache-test"))
        #expect(!FileManager.default.fileExists(atPath: site.cache.path))
        try site.expectOutputIsReference("--cache-dir /proc/…")
        // And again: no state was left anywhere that makes the second build differ.
        site.generated.title = "Another title"
        _ = try site.sync()
        let second = try site.build(["--cache-dir", "/proc/sitegen-cache-test"])
        #expect(second.status == 0 && lines(second.stderr).count == 1, "\(second.stderr)")
        try site.expectOutputIsReference("--cache-dir /proc/…, second build")
    }

    @Test("a read-only cache folder: one warning, the right output", .enabled(if: geteuid() != 0, "root writes into read-only folders"))
    func readOnlyCache() throws {
        let site = try CacheSite(seed: 14, articles: 8)
        #expect(try site.build(["--quiet"]).status == 0)
        site.generated.title = "Another title"
        _ = try site.sync()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: site.cache.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: site.cache.path) }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(lines(run.stderr).count == 1 && run.stderr.hasPrefix("sitegen: warning: "), "\(run.stderr)")
        try site.expectOutputIsReference("a read-only cache")
    }

    @Test("a build waits for the one holding the cache's lock, then builds")
    func waitsForTheLock() throws {
        let site = try CacheSite(seed: 15, articles: 10)
        #expect(try site.build(["--quiet"]).status == 0)
        let before = tree(site.output)
        let edit = site.generated.edit()
        _ = try site.sync()

        let fd = open(site.cache.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        var held = true
        defer { if held { close(fd) } }

        let build = try BackgroundBuild(["build", "--quiet"], in: site.root)
        let deadline = Date().addingTimeInterval(10)
        while !build.stderr.contains("waiting for it to finish") && build.process.isRunning && Date() < deadline {
            usleep(20_000)
        }
        #expect(build.stderr == "sitegen: another build is using .sitegen-cache; waiting for it to finish\n")
        usleep(200_000)
        #expect(build.process.isRunning, "the build did not wait for the lock")
        #expect(tree(site.output) == before, "the build wrote while another held the cache")

        close(fd)
        held = false
        #expect(build.wait() == 0, "\(build.stderr)")
        let expected = try site.expectOutputIsReference("after waiting for the lock (\(edit))")
        try site.expectCleanReusingBuild("after waiting for the lock", expected: expected)
    }

    @Test("two builds of one site at once both succeed, and the cache is sound after")
    func twoBuildsAtOnce() throws {
        let site = try CacheSite(seed: 16)
        #expect(try site.build(["--quiet"]).status == 0)
        for round in 1...2 {
            var edits: [String] = []
            for _ in 0..<2 { edits.append(site.generated.edit()) }
            _ = try site.sync()
            let a = try BackgroundBuild(["build", "--quiet"], in: site.root)
            let b = try BackgroundBuild(["build", "--quiet"], in: site.root)
            #expect(a.wait() == 0, "\(a.stderr)")
            #expect(b.wait() == 0, "\(b.stderr)")
            for note in lines(a.stderr) + lines(b.stderr) {
                #expect(note == "sitegen: another build is using .sitegen-cache; waiting for it to finish", "\(note)")
            }
            let expected = try site.expectOutputIsReference("round \(round): \(edits)")
            try site.expectCleanReusingBuild("round \(round), a third build", expected: expected)
        }
    }

    // A failed build after a good one leaving `.sitegen-cache/` byte-identical is covered by
    // BuildCommandTests.badInputKeepsPublic and BadInputTests.expectUntouched (every bad input).
}

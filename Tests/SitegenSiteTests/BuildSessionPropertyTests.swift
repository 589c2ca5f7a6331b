import Foundation
@testable import SitegenTestSupport
import SitegenSite
import SitegenSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

// The one build pipeline (`BuildSession`) in-process, against itself: after every step of a
// seeded random sequence of edits, four builds of the same folder must give the same files,
// byte for byte:
//   (i)   one long-lived session that keeps its memo in memory (as `sitegen serve` does),
//   (ii)  a new session each step on a cache folder (loaded from disk, saved after: `sitegen build`),
//   (iii) `SiteBuilder.buildInMemory` without any cache,
// (iv)  one long-lived session on a cache folder of its own (memo in memory and on disk,
//       saved and its packs compacted after every build; nothing ships this combination yet),
// and (v) one long-lived session told what changed, as the preview server's file watcher
// tells it (every file written or removed, and an editor's temporary file that is gone
// again): it lists the content folder only when the hints name a file it does not know.
// The generator is shared with Tests/SitegenCLITests/BuildCacheTests.swift.

// MARK: - A seeded random news site
// (SitegenTestSupport/GeneratedSite.swift)

// MARK: - The site's folder

/// The generated site in a temporary folder with the repository's theme; the generator's files
/// are synced into it, writing only those whose bytes changed.
private final class SessionSite {
    let root: String
    var generated: GeneratedSite
    private var folder: SyncedFolder

    init(seed: UInt64, articles: Int = 25) throws {
        root = FileManager.default.temporaryDirectory.path + "/sitegen-session-\(UUID().uuidString)"
        folder = try SyncedFolder(root: root + "/site")
        generated = GeneratedSite(seed: seed, articles: articles)
        _ = try sync()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The site's folder; the cache folder is beside it.
    var site: String { root + "/site" }
    var cache: String { root + "/cache" }
    var contentFiles: Int { generated.articles.count + generated.pages.count }

    /// Writes what changed since the last sync; returns the content files written (display paths).
    func sync() throws -> Set<String> { Set(try folder.sync(generated.files).map { site + "/" + $0 }) }

    /// Every file the last sync wrote or removed, relative to the site: a watcher's report.
    var touched: Set<String> { folder.touched }
}

/// Notices (cache problems) a build printed, gathered from any thread.
private final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func add(_ line: String) { lock.withLock { lines.append(line) } }

    /// The lines so far, emptied.
    func take() -> [String] { lock.withLock { defer { lines = [] }; return lines } }
}

/// The paths at which two builds differ (missing on one side, or other bytes), sorted.
private func differences(_ a: [OutputFile], _ b: [OutputFile]) -> [String] {
    var left: [String: [UInt8]] = [:]
    var right: [String: [UInt8]] = [:]
    for file in a { left[file.path] = file.bytes }
    for file in b { right[file.path] = file.bytes }
    return Set(left.keys).union(right.keys).filter { left[$0] != right[$0] }.sorted()
}

// MARK: - The tests

private func snapshot(_ folder: String) -> [String: Data] { folderSnapshot(folder) }

/// What a memo was last made from: the content files' text and the baseURL path.
private struct Seen {
    var content: [String: String]
    var basePath: String

    init(_ site: SessionSite) {
        content = site.generated.files.filter { $0.key.hasSuffix(".md") }
        basePath = site.generated.basePath
    }

    /// The content files (display paths) a build should parse again: those whose text is new
    /// since, or all of them when the baseURL (which the content stage reads) changed.
    func reparsed(now site: SessionSite) -> Set<String> {
        let now = Seen(site)
        let paths = now.content.filter { basePath != now.basePath || content[$0.key] != $0.value }.keys
        return Set(paths.map { site.site + "/" + $0 })
    }
}

@Suite struct BuildSessionPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3]
    static let steps = 24
    static let noChangeSteps: Set<Int> = [5, 11, 19]
    static let oneBodySteps: Set<Int> = [3, 9, 14, 22]
    /// Steps whose edits come with a broken article: every build fails and no cache folder changes;
    /// the next step removes it.
    static let failingSteps: Set<Int> = [7, 16]
    static let broken = "Content/articles/zz-broken.md"

    @Test("a long-lived session, sessions on a cache folder and a cacheless build agree after every edit", arguments: seeds)
    func buildsAgree(seed: UInt64) throws {
        let site = try SessionSite(seed: seed)
        let notices = Notices()
        var options = BuildOptions(sourceDirectory: site.site)
        options.notice = { notices.add($0) }
        var cached = options
        cached.cacheDirectory = site.cache
        let longLived = BuildSession(options: options, keepInMemory: true)
        var persistent = options
        persistent.cacheDirectory = site.root + "/cache-long-lived"
        let longLivedOnDisk = BuildSession(options: persistent)
        let watched = BuildSession(options: options, keepInMemory: true)
        // What each memo was made from: a session's memo keeps what a failed build parsed; the
        // one on disk is only saved by a good build.
        var seenBySessions = Seen(site)
        var seenOnDisk = Seen(site)

        var log: [String] = []
        var editSteps = 0
        for step in 0...Self.steps {
            var edits: [String] = []
            if step == 0 {
                edits = ["first build"]
            } else if Self.oneBodySteps.contains(step) {
                // Only one article's body: its page, its lists and feeds are rendered again, not the site.
                let published = site.generated.articles.filter { !$0.value.draft }.keys.sorted()
                let n = site.generated.rng.pick(published)
                let paragraph = site.generated.sentence()
                site.generated.articles[n]!.paragraphs.append(paragraph)
                edits = ["one more paragraph in (published) article \(n)"]
            } else if !Self.noChangeSteps.contains(step) {
                // One edit of each kind in turn (so three seeds try every kind), and a few random ones.
                edits.append(site.generated.edit(kind: (Int(seed - 1) * 13 + editSteps) % GeneratedSite.editKinds))
                editSteps += 1
                for _ in 0..<site.generated.rng.int(3) { edits.append(site.generated.edit()) }
            }
            _ = try site.sync()
            // What a watcher reports: the files written or removed, and a file an editor wrote
            // and renamed over an article (gone by the time the build looks).
            var hints = site.touched.union(["Content/articles/.\(step).md.swp"])
            let failing = Self.failingSteps.contains(step)
            let brokenPath = site.site + "/" + Self.broken
            if failing {
                try Data("---\ntitle: Broken\ndate: 2025-02-30\n---\n\nText.\n".utf8).write(to: URL(fileURLWithPath: brokenPath))
                edits.append("a broken article")
                hints.insert(Self.broken)
            } else if FileManager.default.fileExists(atPath: brokenPath) {
                try FileManager.default.removeItem(atPath: brokenPath)
                edits.append("the broken article removed")
                hints.insert(Self.broken)
            }
            log.append("step \(step): " + (edits.isEmpty ? "no change" : edits.joined(separator: "; ")))
            let context = "seed \(seed), " + log.joined(separator: "\n")

            if failing {
                let caches = [site.cache, persistent.cacheDirectory!].map(snapshot)
                #expect(throws: DiagnosticsError.self, "\(context) (long-lived)") { try longLived.build() }
                #expect(throws: DiagnosticsError.self, "\(context) (from disk)") { try BuildSession(options: cached).build() }
                #expect(throws: DiagnosticsError.self, "\(context) (long-lived on disk)") { try longLivedOnDisk.build() }
                #expect(throws: DiagnosticsError.self, "\(context) (watched)") { try watched.build(changed: step == 0 ? nil : hints) }
                #expect(throws: DiagnosticsError.self, "\(context) (no cache)") { try SiteBuilder.buildInMemory(options) }
                #expect([site.cache, persistent.cacheDirectory!].map(snapshot) == caches, "\(context): a failed build changed a cache folder")
                #expect(notices.take() == [], "\(context): a build printed a notice")
                seenBySessions = Seen(site)
                continue
            }

            let first = try longLived.build()
            let fromDisk = try BuildSession(options: cached).build()
            let onDisk = try longLivedOnDisk.build()
            let told = try watched.build(changed: step == 0 ? nil : hints)
            let reference = try SiteBuilder.buildInMemory(options)
            #expect(notices.take() == [], "\(context): a build printed a notice")
            let watchedDiff = differences(told.site.files, reference.files)
            #expect(watchedDiff.isEmpty, "\(context): the session told what changed differs from a cacheless build at \(watchedDiff.prefix(30))")

            #expect(!reference.files.isEmpty)
            let sessionDiff = differences(first.site.files, reference.files)
            let diskDiff = differences(fromDisk.site.files, reference.files)
            let onDiskDiff = differences(onDisk.site.files, reference.files)
            #expect(sessionDiff.isEmpty, "\(context): the long-lived session differs from a cacheless build at \(sessionDiff.prefix(30))")
            #expect(diskDiff.isEmpty, "\(context): the session on the cache folder differs from a cacheless build at \(diskDiff.prefix(30))")
            #expect(onDiskDiff.isEmpty, "\(context): the long-lived session on a cache folder differs from a cacheless build at \(onDiskDiff.prefix(30))")

            let builds = [
                ("long-lived", first, seenBySessions), ("from disk", fromDisk, seenOnDisk), ("long-lived on disk", onDisk, seenBySessions),
                ("watched", told, seenBySessions),
            ]
            for (name, build, seen) in builds {
                #expect(build.contentFiles == site.contentFiles, "\(context) (\(name))")
                #expect(build.site.routes.count == reference.routes.count, "\(context) (\(name))")
                guard step > 0 else { continue }
                // A file is parsed again exactly when its bytes (or its path) changed since the
                // memo was made, or every file when a setting the content stage reads changed.
                let expected = seen.reparsed(now: site)
                #expect(Set(build.reparsed) == expected, "\(context) (\(name)): reparsed \(build.reparsed), expected \(expected.sorted())")
                if Self.noChangeSteps.contains(step) {
                    #expect(build.reparsed == [] && build.rendered == [], "\(context) (\(name)): nothing changed, yet rendered \(build.rendered)")
                    if name != "from disk" {
                        // `changed` and `removed` compare with the session's own last build.
                        #expect(build.changed == [] && build.removed == [], "\(context) (\(name))")
                    }
                }
                if Self.oneBodySteps.contains(step) {
                    #expect(build.reparsed.count == 1, "\(context) (\(name))")
                    #expect(!build.rendered.isEmpty, "\(context) (\(name)): a body changed and nothing was rendered")
                    #expect(build.rendered.count < build.site.routes.count,
                            "\(context) (\(name)): one body changed and every page was rendered again")
                }
            }
            seenBySessions = Seen(site)
            seenOnDisk = Seen(site)
            // The first wrong step is the one to look at: the steps after it build on a wrong memo.
            if !sessionDiff.isEmpty || !diskDiff.isEmpty || !onDiskDiff.isEmpty || !watchedDiff.isEmpty { return }
        }
    }
}

// MARK: - Stamps

/// Rewrites a file in place (same inode) and sets its modification time to `seconds` exactly:
/// what a file system with a one-second clock leaves after a same-size edit.
private func rewriteInPlace(_ path: String, _ text: String, mtime seconds: Int) throws {
    let fd = open(path, O_WRONLY | O_TRUNC)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == bytes.count else { throw POSIXError(.EIO) }
    var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
    guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw POSIXError(.EIO) }
}

private func inode(_ path: String) -> UInt64 {
    var info = stat()
    return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
}

@Suite struct BuildSessionStampTests {
    /// One article rewritten again and again with the same size, the same inode and the same
    /// (whole-second, recent) modification time: the stamp is identical each time, so only the
    /// rule that a recent stamp is not trusted makes the builds see the edits.
    @Test("a same-size rewrite that keeps a recent modification time is still seen")
    func sameStampRecentEdit() throws {
        let site = try SessionSite(seed: 21, articles: 6)
        let n = site.generated.articles.keys.sorted().first!
        let path = site.site + "/Content/articles/\(site.generated.articles[n]!.stem).md"
        var options = BuildOptions(sourceDirectory: site.site)
        options.notice = { Issue.record("a notice: \($0)") }
        var cached = options
        cached.cacheDirectory = site.cache
        let session = BuildSession(options: options, keepInMemory: true)
        let now = Int(Date().timeIntervalSince1970)
        let original = site.generated.articles[n]!.text
        try rewriteInPlace(path, original, mtime: now)
        let node = inode(path)
        _ = try session.build()
        _ = try BuildSession(options: cached).build()

        for revision in 10...14 {
            var article = site.generated.articles[n]!
            article.title = "Same size \(revision)"
            let text = article.text
            try rewriteInPlace(path, text, mtime: now)
            #expect(inode(path) == node)
            let reference = try SiteBuilder.buildInMemory(options)
            let fromSession = try session.build()
            let fromDisk = try BuildSession(options: cached).build()
            #expect(differences(fromSession.site.files, reference.files) == [], "revision \(revision), long-lived session")
            #expect(differences(fromDisk.site.files, reference.files) == [], "revision \(revision), from disk")
            #expect(fromSession.reparsed == [path] && fromDisk.reparsed == [path])
            #expect(reference.files.contains { String(decoding: $0.bytes, as: UTF8.self).contains("Same size \(revision)") })
        }
    }

    /// A file whose old stamp is kept across an edit is trusted (it is not read) — unless the
    /// caller names it as changed, as the preview server's watcher does.
    @Test("a file named as changed is read again even when its stamp is old and unchanged")
    func changedHintBeatsAnOldStamp() throws {
        let site = try SessionSite(seed: 22, articles: 6)
        let n = site.generated.articles.keys.sorted().first!
        let relative = "Content/articles/\(site.generated.articles[n]!.stem).md"
        let path = site.site + "/" + relative
        var options = BuildOptions(sourceDirectory: site.site)
        options.notice = { Issue.record("a notice: \($0)") }
        let session = BuildSession(options: options, keepInMemory: true)
        let old = Int(Date().timeIntervalSince1970) - 60
        try rewriteInPlace(path, site.generated.articles[n]!.text, mtime: old)
        _ = try session.build()
        let untouched = try session.build()
        #expect(untouched.reparsed == [], "an old, unchanged stamp is trusted")

        var article = site.generated.articles[n]!
        article.title = "Hinted \(article.title.count)"
        try rewriteInPlace(path, article.text, mtime: old)
        let hinted = try session.build(changed: [relative])
        #expect(hinted.reparsed == [path])
        let reference = try SiteBuilder.buildInMemory(options)
        #expect(differences(hinted.site.files, reference.files) == [])
    }
}

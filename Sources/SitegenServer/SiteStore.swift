import Foundation
import Hummingbird
import SitegenSite
import SitegenSupport

/// One file as the server sends it: the bytes (with the live-reload script in HTML), its type and tag.
struct ServedFile: Sendable {
    var body: ByteBuffer
    var contentType: String
    var etag: String
    var isHTML: Bool

    init(path: String, bytes: [UInt8]) {
        isHTML = MediaTypes.isHTML(path)
        let served = isHTML ? LiveReload.inject(LiveReload.script, into: bytes) : bytes
        body = ByteBuffer(bytes: served)
        contentType = MediaTypes.contentType(for: path)
        // XXH3 (tens of GB/s), not `Hasher`, which takes a byte at a time: a template edit swaps
        // every page, and hashing them with `Hasher` took longer than rendering them.
        let digest = Digest.of(served)
        etag = "\"" + String(digest.high, radix: 16) + String(digest.low, radix: 16) + "-" + String(served.count, radix: 16) + "\""
    }
}

/// The site being served: the files of the last good build, and the diagnostics of a failed one.
///
/// Requests read it from many threads while a rebuild swaps files in; a lock keeps that safe,
/// and readers only ever hold it to copy out one file.
final class SiteStore: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: ServedFile] = [:]
    private var diagnostics: [String]?
    private var failures = 0
    /// The last good build's warnings (broken links, images without alt text), shown in a panel.
    private var warnings: [String] = []
    private var builds = 0
    private(set) var hasSite = false
    /// The threads a swap of many files uses (the live-reload script is put into each page).
    let threads: Int

    init(threads: Int) { self.threads = threads }

    /// Takes in a good build: swaps the files that changed, drops the ones that went, clears any error.
    func apply(_ build: SessionBuild) {
        var bytesByPath: [String: [UInt8]] = [:]
        if build.changed.count > 64 {
            for file in build.site.files { bytesByPath[file.path] = file.bytes }
        }
        let changed = Parallel.map(build.changed, threads: threads) { path -> (String, ServedFile) in
            let bytes = bytesByPath[path] ?? build.site.files.first { $0.path == path }!.bytes
            return (path, ServedFile(path: path, bytes: bytes))
        }
        lock.withLock {
            for (path, file) in changed { files[path] = file }
            for path in build.removed { files[path] = nil }
            diagnostics = nil
            warnings = build.site.warnings.sorted().map(\.rendered)
            builds += 1
            hasSite = true
        }
    }

    /// Records a failed build: the last good files stay, and HTML gets the overlay.
    func fail(_ rendered: [String]) {
        lock.withLock {
            diagnostics = rendered
            failures += 1
        }
    }

    /// The diagnostics of the failed build now shown, if the last build failed.
    var currentDiagnostics: [String]? { lock.withLock { diagnostics } }

    func exists(_ path: String) -> Bool { lock.withLock { files[path] != nil } }

    /// A file, with what an HTML page shows over it.
    struct Shown {
        var file: ServedFile?
        /// The failed build's diagnostics, when the last build failed.
        var diagnostics: [String]?
        /// The last good build's warnings.
        var warnings: [String]
        /// Changes whenever what is shown over the page may have: part of the page's ETag.
        var tagSuffix: String

        /// The markup put into an HTML page: the error overlay, or the warnings panel, or nothing.
        var overlay: String? {
            if let diagnostics { return LiveReload.overlay(diagnostics) }
            return warnings.isEmpty ? nil : LiveReload.warningPanel(warnings)
        }
    }

    func lookup(_ path: String) -> Shown {
        lock.withLock {
            Shown(
                file: files[path], diagnostics: diagnostics, warnings: warnings,
                tagSuffix: diagnostics != nil ? "-e\(failures)" : warnings.isEmpty ? "" : "-w\(builds)")
        }
    }
}

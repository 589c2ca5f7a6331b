import Foundation
import SitegenSupport
#if canImport(Glibc)
import Glibc
#endif

/// One file of the built site: its path below the output folder (`articles/x/index.html`) and its bytes.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What a write did to the output folder.
public struct WriteReport: Sendable, Equatable {
    public var written = 0
    public var unchanged = 0
    public var removed = 0
}

/// A problem with the output folder itself (not with the site's input).
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Thrown by `SiteWriter.write(paths:bytes:)` when a file's content could not be made.
public struct WriteAborted: Error, Sendable {}

/// Writes a built site into its output folder as one atomic step.
///
/// Everything is written into a hidden sibling folder first, with plain POSIX writes
/// (Foundation's `Data.write` syncs every file, ten times slower here); a file whose bytes
/// did not change is hard-linked from the previous build, so it keeps its modification time
/// and deploy tools upload only what changed. The new folder then replaces the old one with
/// one `renameat2(RENAME_EXCHANGE)`, so a reader never sees half a site; files that are no
/// longer produced are gone with the old folder. On any error the temporary folder is removed
/// and the old output is left exactly as it was.
public struct SiteWriter: Sendable {
    public let outputPath: String
    public let threads: Int

    public init(outputPath: String, threads: Int = Parallel.defaultThreads) {
        self.outputPath = SiteWriter.absolute(outputPath)
        self.threads = max(1, threads)
    }

    public func write(_ files: [OutputFile]) throws -> WriteReport {
        try write(paths: files.map(\.path)) { files[$0].bytes }
    }

    /// Writes the files at `paths`, asking `bytes` for each one's content on the writer's threads,
    /// so that a file needs to exist in memory only until it is written. When `bytes` returns nil
    /// for any file, nothing is swapped in and `WriteAborted` is thrown.
    public func write(paths: [String], bytes: @escaping @Sendable (Int) -> [UInt8]?) throws -> WriteReport {
        let parent = (outputPath as NSString).deletingLastPathComponent
        let name = (outputPath as NSString).lastPathComponent
        let staging = "\(parent)/.\(name).sitegen-\(getpid())"
        var report = WriteReport()

        try checkParentWritable(parent)
        removeTree(staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw OutputError("cannot write the output folder \(outputPath): \(String(cString: strerror(errno)))")
        }
        do {
            let unchanged = try writeFiles(paths, bytes, into: staging)
            report.unchanged = unchanged
            report.written = paths.count - unchanged
            report.removed = countRemoved(keeping: Set(paths))
            try swapIn(staging)
        } catch {
            removeTree(staging)
            throw error
        }
        return report
    }

    // MARK: - Steps

    private func checkParentWritable(_ parent: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) else {
            throw OutputError("the folder \(parent) that should hold the output does not exist")
        }
        guard isDir.boolValue else {
            throw OutputError("cannot write the output folder \(outputPath): \(parent) is a file, not a folder")
        }
        guard access(parent, W_OK) == 0 else {
            throw OutputError("cannot write the output next to \(outputPath): \(parent) is not writable")
        }
    }

    /// Writes every file, linking the unchanged ones; returns how many were unchanged. A file's
    /// folder is made by the worker that first needs it, so folders too are made on every core.
    private func writeFiles(
        _ paths: [String], _ content: @Sendable (Int) -> [UInt8]?, into root: String
    ) throws -> Int {
        let outcomes = Parallel.map(Array(paths.indices), threads: threads) { index -> Result<Bool, Error> in
            guard let bytes = content(index) else { return .failure(WriteAborted()) }
            let old = "\(outputPath)/\(paths[index])"
            let new = "\(root)/\(paths[index])"
            if SiteWriter.sameBytes(atPath: old, as: bytes) {
                if link(old, new) == 0 { return .success(true) }
                if errno == ENOENT, SiteWriter.makeParents(of: new, under: root) == nil, link(old, new) == 0 {
                    return .success(true)
                }
            }
            if let problem = SiteWriter.writeFile(new, bytes, under: root) { return .failure(OutputError(problem)) }
            return .success(false)
        }
        var unchanged = 0
        for case .failure(let error) in outcomes where error is OutputError { throw error }
        for outcome in outcomes where try outcome.get() { unchanged += 1 }
        return unchanged
    }

    /// Files of the previous build that the new one does not make (listed with readdir: the
    /// previous build of a large site is tens of thousands of entries).
    private func countRemoved(keeping produced: Set<String>) -> Int {
        let prefix = outputPath.utf8.count + 1
        return DirectoryListing.files(under: outputPath, suffix: "", recursive: true, includeHidden: true)
            .count { !produced.contains(String(decoding: $0.utf8.dropFirst(prefix), as: UTF8.self)) }
    }

    private func swapIn(_ staging: String) throws {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: outputPath, isDirectory: &isDir) {
            guard rename(staging, outputPath) == 0 else {
                throw OutputError("cannot move the new site to \(outputPath): \(String(cString: strerror(errno)))")
            }
            return
        }
        guard isDir.boolValue else { throw OutputError("\(outputPath) exists and is not a folder") }
        if SiteWriter.exchange(staging, outputPath) {
            removeTree(staging)  // now holds the previous build
            return
        }
        // No renameat2 (an old kernel or another file system): two renames, a moment apart.
        let previous = staging + ".old"
        removeTree(previous)
        guard rename(outputPath, previous) == 0 else {
            throw OutputError("cannot replace \(outputPath): \(String(cString: strerror(errno)))")
        }
        guard rename(staging, outputPath) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(previous, outputPath)
            throw OutputError("cannot replace \(outputPath): \(reason)")
        }
        removeTree(previous)
    }

    // MARK: - POSIX helpers

    private func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func absolute(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        let cwd = FileManager.default.currentDirectoryPath
        return ("\(cwd)/\(path)" as NSString).standardizingPath
    }

    /// Writes `path` with open/write/close, no fsync, making its missing folders below `root`
    /// (which exists) when the open says they are missing; returns a problem, or nil.
    static func writeFile(_ path: String, _ bytes: [UInt8], under root: String) -> String? {
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        var fd = open(path, flags, 0o644)
        if fd < 0, errno == ENOENT {
            if let problem = makeParents(of: path, under: root) { return problem }
            fd = open(path, flags, 0o644)
        }
        guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return "cannot write \(path): \(String(cString: strerror(errno)))"
            }
            offset += n
        }
        return nil
    }

    /// `mkdir -p` of the folder holding `path`, stopping at `root`; several workers may race
    /// to make the same folder, and the loser finds it made.
    static func makeParents(of path: String, under root: String) -> String? {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > root.utf8.count else { return nil }
        let parent = String(decoding: bytes[..<slash], as: UTF8.self)
        if mkdir(parent, 0o755) == 0 || errno == EEXIST { return nil }
        if errno == ENOENT {
            if let problem = makeParents(of: parent, under: root) { return problem }
            if mkdir(parent, 0o755) == 0 || errno == EEXIST { return nil }
        }
        return "cannot create \(parent): \(String(cString: strerror(errno)))"
    }

    private static func sameBytes(atPath path: String, as bytes: [UInt8]) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == bytes.count else {
            return false
        }
        return (try? FileReader.read(path).get()) == bytes
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Swaps two paths atomically with Linux's renameat2(RENAME_EXCHANGE), looked up at run
    /// time because Swift's Glibc module does not declare it.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}


import Foundation
import SitegenSupport

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
/// The new site is made in a hidden sibling folder, `.<name>.previous`, with plain POSIX writes
/// (Foundation's `Data.write` syncs every file, ten times slower here), then swapped with the
/// output folder by one `renameat2(RENAME_EXCHANGE)`, so a reader never sees half a site. The
/// sibling then holds the previous build and is kept: the next build updates it in place and
/// swaps again. A file whose bytes did not change is the previous build's own file, hard-linked
/// (same inode, same modification time, so deploy tools upload only what changed); a rebuild
/// that changes nothing writes, links and deletes nothing. Not deleting the old tree matters on
/// ext4 without a journal, where inodes freed in the last minutes slow every new one down (a
/// second `sitegen build` at 10,000 articles took 4–5 s when each build deleted the one before).
/// On any error the output folder is left exactly as it was; the sibling is scratch space, put
/// right by the next build. Builds into one folder are serialized by a lock on its parent.
public struct SiteWriter: Sendable {
    public let outputPath: String
    public let threads: Int

    /// The folder as the user named it, for messages.
    public let shownPath: String

    public init(outputPath: String, threads: Int = Parallel.defaultThreads) {
        self.outputPath = SiteWriter.absolute(outputPath)
        self.shownPath = outputPath
        self.threads = max(1, threads)
    }

    /// The output folder's record, a file beside it (`.NAME.record`, like the spare
    /// `.NAME.previous`: sitegen's own, never deployed): the files the last build put in the
    /// folder, one path a line. Read before a build touches anything; rewritten (atomically)
    /// only when the list changed, so a rebuild that changes nothing writes nothing.
    static let recordHeader = "sitegen output record v1\n"

    var recordPath: String {
        let parent = (outputPath as NSString).deletingLastPathComponent
        return "\(parent)/.\((outputPath as NSString).lastPathComponent).record"
    }

    static func readRecord(at path: String) -> Set<String>? {
        guard case .success(let bytes) = FileReader.read(path, followingLinks: false) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix(recordHeader) else { return nil }
        return Set(text.dropFirst(recordHeader.count).split(separator: "\n").map(String.init))
    }

    static func writeRecord(_ paths: [String], at path: String) {
        let text = recordHeader + paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        if case .success(let old) = FileReader.read(path, followingLinks: false), old == bytes { return }
        let temporary = path + ".new"
        let fd = Posix.openForWriting(temporary)
        guard fd >= 0 else { return }
        let written = bytes.withUnsafeBytes { Posix.writeAll(fd, $0) }
        Posix.close(fd)
        if !written || !Posix.rename(temporary, path) { _ = Posix.removeFile(temporary) }
    }

    public func write(_ files: [OutputFile]) throws -> WriteReport {
        try write(paths: files.map(\.path)) { files[$0].bytes }
    }

    /// Writes the files at `paths`, asking `bytes` for each one's content on the writer's threads,
    /// so that a file needs to exist in memory only until it is written. When `bytes` returns nil
    /// for any file, nothing is swapped in and `WriteAborted` is thrown.
    public func write(paths: [String], bytes: @escaping @Sendable (Int) -> [UInt8]?) throws -> WriteReport {
        try write(paths: paths, trusted: [:]) { index in
            bytes(index).map { FileContent.bytes($0, Digest.of($0)) }
        }.0
    }

    /// Writes the files at `paths` as `content` gives them, trusting `trusted` (what the last
    /// build left in the output folder): a live file whose stamp and digest are the ones recorded
    /// is taken as it is, without reading it back; one whose stamp differs (changed by hand) is
    /// compared or rewritten. Returns the report and, for each file, its stamp in the output.
    /// `placed` is told of each file once it is in place in the new tree (its index, path there,
    /// digest, and bytes when they were at hand).
    ///
    /// A build deletes only what a build wrote: the folder's `.record`, else `recorded` (asked
    /// only then: the memo's record), names the files sitegen made in this folder. A file of the folder that is neither
    /// recorded nor made now was put there by someone else, and the write stops before touching
    /// anything, naming it. Without a record, a folder sitegen has written before (its spare,
    /// `.NAME.previous`, is beside it) is adopted; any other folder may hold only files this
    /// build makes.
    func write(
        paths: [String], trusted: [String: OutputRecord], recorded: @escaping @Sendable () -> Set<String>? = { nil },
        content: @escaping @Sendable (Int) -> FileContent?,
        placed: @escaping @Sendable (Int, String, Digest, [UInt8]?) -> Void = { _, _, _, _ in }
    ) throws -> (WriteReport, [FileStamp?]) {
        let parent = (outputPath as NSString).deletingLastPathComponent
        let name = (outputPath as NSString).lastPathComponent
        let spare = "\(parent)/.\(name).previous"
        var report = WriteReport()

        try checkParentWritable(parent)
        // One build at a time per folder: the spare is shared scratch space.
        let lock = Posix.openDirectory(parent)
        guard lock >= 0 else {
            throw OutputError("cannot open \(parent): \(Posix.errorText)")
        }
        defer { Posix.close(lock) }  // closing releases the lock
        _ = Posix.lock(lock, wait: true)

        let produced = Set(paths)
        // Listed once (readdir, no stat): what the folder holds that sitegen did not make, and what the swap removes.
        let live = DirectoryListing.entries(under: outputPath).files
        let strange: [String]
        let record = Self.readRecord(at: recordPath) ?? recorded()
        if let record {
            strange = live.filter { !record.contains($0) && !produced.contains($0) }
        } else if FileReader.isDirectory(spare) {
            strange = []  // made by an earlier sitegen, which kept no record: adopted
        } else {
            strange = live  // a folder sitegen never wrote: a first build takes only an empty one
        }
        if !strange.isEmpty { throw OutputError(Self.strangeFiles(strange.sorted(), in: shownPath, adopting: record == nil)) }
        try prepareSpare(spare)
        removeStale(in: spare, keeping: produced)
        let (unchanged, stamps) = try updateFiles(paths, trusted, content, placed, in: spare)
        report.unchanged = unchanged
        report.written = paths.count - unchanged
        report.removed = live.count { !produced.contains($0) }
        try swapIn(spare)
        Self.writeRecord(paths, at: recordPath)
        return (report, stamps)
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
        guard Posix.isWritable(parent) else {
            throw OutputError("cannot write the output next to \(outputPath): \(parent) is not writable")
        }
    }

    /// The spare folder, made if missing (or if something else has its name).
    private func prepareSpare(_ spare: String) throws {
        if let info = Posix.info(spare) {
            if info.isDirectory { return }
            _ = Posix.removeFile(spare)
        }
        guard Posix.makeDirectory(spare) else {
            throw OutputError("cannot write the output folder \(outputPath): \(Posix.errorText)")
        }
    }

    /// Makes every file of the new site in `spare`, reading the live output and the spare's own
    /// file before writing anything (unless `trusted` vouches for the live file); returns how many
    /// files equal the live output's, and each file's stamp. A file is never written in place
    /// (the spare and the live folder share inodes): it is unlinked and made anew. Folders are
    /// made by the worker that first needs them, on every core.
    private func updateFiles(
        _ paths: [String], _ trusted: [String: OutputRecord], _ content: @Sendable (Int) -> FileContent?,
        _ placed: @Sendable (Int, String, Digest, [UInt8]?) -> Void, in spare: String
    ) throws -> (Int, [FileStamp?]) {
        func place(_ index: Int, _ held: inout (Digest, [UInt8]?)?) -> Result<(Bool, FileStamp?), Error> {
            guard let content = content(index) else { return .failure(WriteAborted()) }
            held = (content.digest, nil)
            let live = "\(outputPath)/\(paths[index])"
            let next = "\(spare)/\(paths[index])"
            let liveStamp = FileStamp(linkAt: live)
            var same: Bool
            if let liveStamp, let record = trusted[paths[index]], record.stamp.sameWrite(as: liveStamp) {
                // The file the last build left, untouched since: its digest says whether it will do.
                same = record.digest == content.digest
            } else {
                same = false
            }
            var bytes: [UInt8]?
            func fetch() -> [UInt8]? {
                if bytes == nil {
                    switch content {
                    case .bytes(let b, _): bytes = b
                    case .known(_, let get): bytes = get()
                    }
                    held = (content.digest, bytes)
                }
                return bytes
            }
            if !same, let liveStamp, trusted[paths[index]]?.stamp.sameWrite(as: liveStamp) != true {
                // Nothing vouches for the live file: compare its bytes.
                guard let wanted = fetch() else { return .failure(WriteAborted()) }
                same = Int(liveStamp.size) == wanted.count && SiteWriter.sameBytes(atPath: live, as: wanted)
            }
            if same, let liveStamp {
                if SiteWriter.sameFile(live, next) { return .success((true, liveStamp)) }
                SiteWriter.removeEntry(next)
                if Posix.hardLink(live, next) { return .success((true, liveStamp)) }
                if Posix.error == Posix.noEntry, SiteWriter.makeParents(of: next, under: spare) == nil, Posix.hardLink(live, next) {
                    return .success((true, liveStamp))
                }
                // No link (another file system, too many links): a copy will do.
            }
            guard let wanted = fetch() else { return .failure(WriteAborted()) }
            if !same {
                if let info = Posix.info(next), SiteWriter.sameBytes(atPath: next, as: wanted) {
                    // The spare already holds it (a build before the last had it).
                    return .success((false, info.stamp))
                }
            }
            SiteWriter.removeEntry(next)
            var stamp: FileStamp?
            if let problem = SiteWriter.writeFile(next, wanted, under: spare, stamp: &stamp) { return .failure(OutputError(problem)) }
            return .success((same, stamp))
        }
        let outcomes = Parallel.map(Array(paths.indices), threads: threads) { index -> Result<(Bool, FileStamp?), Error> in
            var held: (Digest, [UInt8]?)?
            let result = place(index, &held)
            if case .success = result, let (digest, bytes) = held {
                placed(index, "\(spare)/\(paths[index])", digest, bytes)
            }
            return result
        }
        var unchanged = 0
        var stamps: [FileStamp?] = []
        stamps.reserveCapacity(paths.count)
        for case .failure(let error) in outcomes where error is OutputError { throw error }
        for outcome in outcomes {
            let (same, stamp) = try outcome.get()
            if same { unchanged += 1 }
            stamps.append(stamp)
        }
        return (unchanged, stamps)
    }

    /// Removes from the spare every file the new site does not have, then every folder that holds
    /// none of its files, deepest first; anything in the way of a new file or folder goes with them.
    private func removeStale(in spare: String, keeping produced: Set<String>) {
        var needed: Set<String> = []
        for path in produced {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard needed.insert(String(folder)).inserted else { break }
            }
        }
        let (files, folders) = DirectoryListing.entries(under: spare)
        for file in files where !produced.contains(file) { _ = Posix.removeFile("\(spare)/\(file)") }
        for folder in folders.reversed() where !needed.contains(folder) {
            if !Posix.removeDirectory("\(spare)/\(folder)"), Posix.error == Posix.notEmpty || Posix.error == Posix.exists {
                removeTree("\(spare)/\(folder)")
            }
        }
    }

    /// The refusal for files of the output folder that sitegen did not make.
    static func strangeFiles(_ files: [String], in folder: String, adopting: Bool) -> String {
        let shown = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? " and \(files.count - 5) more" : "")
        let first = files[0]
        let why = adopting
            ? "the output folder \(folder) is not empty and sitegen did not make it: it holds \(shown)"
            : "the output folder \(folder) holds \(files.count == 1 ? "a file" : "\(files.count) files") sitegen did not make: \(shown)"
        return why + "; a build replaces the whole folder, so sitegen never writes there while it would lose them. "
            + "Put a file the site should publish in static/ (static/\(first)), which every build copies; "
            + "move anything else away, or choose another --output"
    }

    /// Puts the spare in the output's place; the spare's name then holds the previous build.
    private func swapIn(_ staging: String) throws {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: outputPath, isDirectory: &isDir) {
            guard Posix.rename(staging, outputPath) else {
                throw OutputError("cannot move the new site to \(outputPath): \(Posix.errorText)")
            }
            return
        }
        guard isDir.boolValue else { throw OutputError("\(outputPath) exists and is not a folder") }
        if Posix.exchange(staging, outputPath) { return }  // the spare now holds the previous build
        // No renameat2 (an old kernel or another file system): three renames, a moment apart.
        let previous = staging + ".swap"
        removeTree(previous)
        guard Posix.rename(outputPath, previous) else {
            throw OutputError("cannot replace \(outputPath): \(Posix.errorText)")
        }
        guard Posix.rename(staging, outputPath) else {
            let reason = Posix.errorText
            _ = Posix.rename(previous, outputPath)
            throw OutputError("cannot replace \(outputPath): \(reason)")
        }
        _ = Posix.rename(previous, staging)
    }

    // MARK: - File helpers

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
        var stamp: FileStamp?
        return writeFile(path, bytes, under: root, stamp: &stamp)
    }

    /// `writeFile`, giving the stamp of the file written.
    static func writeFile(_ path: String, _ bytes: [UInt8], under root: String, stamp: inout FileStamp?) -> String? {
        var fd = Posix.openForWriting(path)
        if fd < 0, Posix.error == Posix.noEntry {
            if let problem = makeParents(of: path, under: root) { return problem }
            fd = Posix.openForWriting(path)
        }
        guard fd >= 0 else { return "cannot write \(path): \(Posix.errorText)" }
        defer { Posix.close(fd) }
        guard bytes.withUnsafeBytes({ Posix.writeAll(fd, $0) }) else { return "cannot write \(path): \(Posix.errorText)" }
        stamp = FileStamp(descriptor: fd)
        return nil
    }

    /// `mkdir -p` of the folder holding `path`, stopping at `root`; several workers may race
    /// to make the same folder, and the loser finds it made.
    static func makeParents(of path: String, under root: String) -> String? {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > root.utf8.count else { return nil }
        let parent = String(decoding: bytes[..<slash], as: UTF8.self)
        if Posix.makeDirectory(parent) || Posix.error == Posix.exists { return nil }
        if Posix.error == Posix.noEntry {
            if let problem = makeParents(of: parent, under: root) { return problem }
            if Posix.makeDirectory(parent) || Posix.error == Posix.exists { return nil }
        }
        return "cannot create \(parent): \(Posix.errorText)"
    }

    /// Whether two paths name one file (one inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        guard let x = Posix.info(a), let y = Posix.info(b) else { return false }
        return x.inode == y.inode && x.device == y.device
    }

    /// Removes whatever is at `path`: a file or link, or a folder with all it holds.
    private static func removeEntry(_ path: String) {
        if !Posix.removeFile(path), Posix.error == Posix.isDirectory || Posix.error == Posix.notPermitted {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    private static func sameBytes(atPath path: String, as bytes: [UInt8]) -> Bool {
        guard let info = Posix.info(path), info.isRegularFile, info.size == bytes.count else { return false }
        return (try? FileReader.read(path).get()) == bytes
    }
}


import Foundation
import SitegenSupport

/// Where a blob lives on disk: a pack file of the cache and its place in it, or (segment 0)
/// a file of its own, `pages/<first two hex digits>/<digest>`.
struct BlobLocation: Sendable, Equatable {
    var segment: Int
    var offset: Int
    var length: Int

    static let ownFile = 0
}

/// Content-addressed bytes: Markdown bodies and rendered pages, by the digest of their bytes.
///
/// On disk, blobs live in append-only pack files (`blobs-N.pack`) in the cache folder. A build
/// appends what it made to one new pack, written as `.partial` and renamed only when the build
/// saves its memo, so a failed build leaves no pack behind; a pack whose live bytes fall under
/// half of its size has them copied to the new pack and is then deleted, so the packs do not
/// grow without bound while only the few blobs that survive are ever copied. Every read is
/// checked against its digest: a damaged pack reads as a missing blob, never as wrong bytes.
/// A page written to the output folder is kept as a hard link to its file there
/// (`keep(file:)`): no bytes are copied, and since the writer never changes a file in place
/// (it makes a new one), the link keeps the page's bytes even after the output changes; a
/// page edited in place by hand fails its digest check and is rendered again.
/// With `keepInMemory` (serve), blobs are also kept in memory.
final class BlobStore: @unchecked Sendable {
    let directory: String?
    let keepInMemory: Bool
    private let lock = NSLock()
    private var memory: [Digest: [UInt8]] = [:]
    /// Blobs in packs that a saved memo names.
    private(set) var index: [Digest: BlobLocation]
    /// Bytes in each saved pack.
    private(set) var segments: [Int: Int]
    private var descriptors: [Int: Int32] = [:]
    // The pack this build appends to.
    private var newSegment: Int
    private var newDescriptor: Int32 = -1
    private var newOffset = 0
    private var newIndex: [Digest: BlobLocation] = [:]
    /// Page files of the saved memo that the memo being saved no longer names (see `settle`).
    private var deadFiles: [Digest] = []
    private(set) var writeProblem: String?

    init(directory: String?, keepInMemory: Bool, index: [Digest: BlobLocation] = [:], segments: [Int: Int] = [:]) {
        self.directory = directory
        self.keepInMemory = keepInMemory
        self.index = index
        self.segments = segments
        newSegment = (segments.keys.max() ?? 0) + 1
    }

    deinit {
        for fd in descriptors.values { Posix.close(fd) }
        if newDescriptor >= 0 { Posix.close(newDescriptor) }
    }

    func contains(_ digest: Digest) -> Bool {
        lock.withLock { memory[digest] != nil || newIndex[digest] != nil || index[digest] != nil }
    }

    /// Keeps `bytes` under `digest` (their digest), unless it is already kept.
    /// With `copying`, a blob already in an old pack is written to the new one too.
    func put(_ digest: Digest, _ bytes: [UInt8], copying: Bool = false) {
        lock.lock()
        if keepInMemory, memory[digest] == nil { memory[digest] = bytes }
        guard let directory, copying || index[digest] == nil, newIndex[digest] == nil, writeProblem == nil else {
            lock.unlock()
            return
        }
        if newDescriptor < 0 {
            let path = "\(directory)/blobs-\(newSegment).pack.partial"
            newDescriptor = Posix.openForUpdate(path, truncate: true)
            if newDescriptor < 0 {
                writeProblem = "cannot create \(path): \(Posix.errorText)"
                lock.unlock()
                return
            }
        }
        let offset = newOffset
        newOffset += bytes.count
        newIndex[digest] = BlobLocation(segment: newSegment, offset: offset, length: bytes.count)
        let fd = newDescriptor
        lock.unlock()
        // Written outside the lock: each writer has its own range of the pack.
        if !bytes.withUnsafeBytes({ Posix.writeAll(fd, $0, at: offset) }) {
            let reason = Posix.error != 0 ? Posix.errorText : "no space written"
            lock.withLock {
                if writeProblem == nil { writeProblem = "cannot write the build cache's pack: \(reason)" }
                newIndex[digest] = nil
            }
        }
    }

    /// Keeps the file at `path` (the bytes of `digest`) as a blob by linking it into the
    /// cache; false when it cannot be linked (another file system), for the caller to `put` it.
    func keep(file path: String, digest: Digest, length: Int) -> Bool {
        guard let directory else { return false }
        if contains(digest) { return true }
        let target = Self.filePath(directory, digest)
        var linked = Posix.hardLink(path, target)
        if !linked && Posix.error == Posix.noEntry {
            _ = Posix.makeDirectory("\(directory)/pages")
            _ = Posix.makeDirectory((target as NSString).deletingLastPathComponent)
            linked = Posix.hardLink(path, target)
        }
        guard linked || Posix.error == Posix.exists else { return false }
        lock.withLock { newIndex[digest] = BlobLocation(segment: BlobLocation.ownFile, offset: 0, length: length) }
        return true
    }

    static func filePath(_ directory: String, _ digest: Digest) -> String {
        let hex = digest.description
        return "\(directory)/pages/\(hex.prefix(2))/\(hex)"
    }

    /// The bytes kept under `digest`, checked; nil when missing or damaged.
    func get(_ digest: Digest) -> [UInt8]? {
        lock.lock()
        if let bytes = memory[digest] {
            lock.unlock()
            return bytes
        }
        let location = newIndex[digest] ?? index[digest]
        var fd: Int32 = -1
        if let location, location.segment != BlobLocation.ownFile {
            if location.segment == newSegment, newDescriptor >= 0 {
                fd = newDescriptor
            } else if let open = descriptors[location.segment] {
                fd = open
            } else if let directory {
                fd = Posix.openOwnFileForReading("\(directory)/blobs-\(location.segment).pack")
                if fd >= 0 { descriptors[location.segment] = fd }
            }
        }
        lock.unlock()
        if let location, location.segment == BlobLocation.ownFile, let directory {
            guard case .success(let bytes) = FileReader.read(Self.filePath(directory, digest), followingLinks: false),
                  bytes.count == location.length, Digest.of(bytes) == digest else {
                forget(digest)
                return nil
            }
            if keepInMemory { lock.withLock { memory[digest] = bytes } }
            return bytes
        }
        guard let location, fd >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: location.length)
        let done = bytes.withUnsafeMutableBytes { Posix.readAll(fd, into: $0, at: location.offset) }
        guard done == location.length, Digest.of(bytes) == digest else {
            forget(digest)
            return nil
        }
        if keepInMemory { lock.withLock { memory[digest] = bytes } }
        return bytes
    }

    /// A blob whose copy is damaged or gone: no longer known, so the next `put` of it stores it anew.
    private func forget(_ digest: Digest) {
        lock.withLock {
            if let directory, newIndex[digest]?.segment == BlobLocation.ownFile || index[digest]?.segment == BlobLocation.ownFile {
                _ = Posix.removeFile(Self.filePath(directory, digest))
            }
            index[digest] = nil
            newIndex[digest] = nil
        }
    }

    /// After a good build: keeps only the blobs in `live`, copies the survivors of sparse packs
    /// into the new one, and returns the index and pack sizes the memo should save. Nothing on
    /// disk is renamed or deleted here (see `commit` and `removeUnlisted`).
    func settle(live: Set<Digest>) -> (index: [Digest: BlobLocation], segments: [Int: Int]) {
        if keepInMemory {
            lock.withLock { memory = memory.filter { live.contains($0.key) } }
        }
        guard directory != nil else { return ([:], [:]) }
        var liveBytes: [Int: Int] = [:]
        for digest in live {
            if let location = index[digest], location.segment != BlobLocation.ownFile {
                liveBytes[location.segment, default: 0] += location.length
            }
        }
        let sparse = Set(segments.keys.filter { liveBytes[$0, default: 0] * 2 < segments[$0]! })
        for digest in live {
            guard let location = index[digest], sparse.contains(location.segment) else { continue }
            if let bytes = get(digest) { put(digest, bytes, copying: true) }
        }
        return lock.withLock {
            var kept: [Digest: BlobLocation] = [:]
            kept.reserveCapacity(live.count)
            for digest in live {
                if let location = newIndex[digest] {
                    kept[digest] = location
                } else if let location = index[digest], !sparse.contains(location.segment) {
                    kept[digest] = location
                }
            }
            var sizes = segments.filter { !sparse.contains($0.key) }
            if newDescriptor >= 0 { sizes[newSegment] = newOffset }
            // A pack none of whose blobs is live is dropped whatever its size.
            let used = Set(kept.values.map(\.segment))
            sizes = sizes.filter { used.contains($0.key) }
            deadFiles = (index.filter { $0.value.segment == BlobLocation.ownFile } as [Digest: BlobLocation])
                .keys.filter { kept[$0] == nil }
            return (kept, sizes)
        }
    }

    /// Makes the new pack a saved one (renamed from `.partial`); false if that failed.
    func commitNewSegment() -> Bool {
        guard let directory else { return true }
        return lock.withLock {
            guard newDescriptor >= 0 else { return true }
            let partial = "\(directory)/blobs-\(newSegment).pack.partial"
            return Posix.rename(partial, "\(directory)/blobs-\(newSegment).pack")
        }
    }

    /// Deletes the new pack (and the page files linked) of a build that will not be saved.
    func discardNewSegment() {
        guard let directory else { return }
        lock.withLock {
            for (digest, location) in newIndex where location.segment == BlobLocation.ownFile && index[digest] == nil {
                _ = Posix.removeFile(Self.filePath(directory, digest))
            }
            deadFiles = []
            newIndex = [:]
            guard newDescriptor >= 0 else { return }
            Posix.close(newDescriptor)
            newDescriptor = -1
            _ = Posix.removeFile("\(directory)/blobs-\(newSegment).pack.partial")
            newOffset = 0
        }
    }

    /// The memo now names `index` in `segments`: the store starts its next build from them.
    /// Page files it no longer names are deleted.
    func adopt(index: [Digest: BlobLocation], segments: [Int: Int]) {
        lock.withLock {
            if let directory {
                for digest in deadFiles where index[digest] == nil { _ = Posix.removeFile(Self.filePath(directory, digest)) }
            }
            deadFiles = []
            if newDescriptor >= 0 {
                descriptors[newSegment] = newDescriptor
                newDescriptor = -1
            }
            for (segment, fd) in descriptors where segments[segment] == nil {
                Posix.close(fd)
                descriptors[segment] = nil
            }
            self.index = index
            self.segments = segments
            newIndex = [:]
            newOffset = 0
            newSegment = (segments.keys.max() ?? 0) + 1
        }
    }

    /// Deletes the pack files of `directory` that `segments` does not name (left by an
    /// interrupted build, or emptied by this one).
    static func removeUnlisted(in directory: String, keeping segments: [Int: Int]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix("blobs-") {
            let number = name.dropFirst(6).prefix { $0.isNumber }
            if name.hasSuffix(".pack"), let n = Int(number), segments[n] != nil { continue }
            _ = Posix.removeFile("\(directory)/\(name)")
        }
    }
}

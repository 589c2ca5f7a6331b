import Foundation
import SitegenSupport
import SitegenTemplates

/// The build cache's folder (`<source>/.sitegen-cache/` by default): the memo of the last good
/// build in `memo.bin`, the blobs in `blobs-N.pack`, and `lock`, held by the build using it.
///
/// `memo.bin` is one file of the format in `BinaryWriter`: a header (magic, format version,
/// the digest of the sitegen binary that wrote it), then sections each with its length and
/// XXH3 checksum; the content records are split in several sections so they decode on every
/// core. It is written beside itself and renamed into place, after the pack it names, so a
/// reader sees the old memo or the new one, never half of one. A memo that is missing,
/// truncated, garbled, written by another sitegen binary or by another user, or unreadable, is
/// ignored with one line of explanation: the build is then a full build.
struct BuildCache {
    let directory: String
    let notice: @Sendable (String) -> Void

    static let magic = Array("sitegen build cache\n".utf8)
    static let formatVersion: UInt64 = 8

    var memoPath: String { "\(directory)/memo.bin" }

    // MARK: - Lock

    /// Takes the cache's lock, waiting (and saying so) while another build holds it; returns
    /// the descriptor to close when done, or nil when the folder cannot be made or locked
    /// (the build then neither reads nor writes the cache).
    func lock() -> (descriptor: Int32, created: Bool)? {
        var created = Posix.makeDirectory(directory)
        if !created && Posix.error == Posix.noEntry {
            // Its parent is missing too (a preview's memo is in `preview/` of the site's cache folder).
            _ = Posix.makeDirectory((directory as NSString).deletingLastPathComponent)
            created = Posix.makeDirectory(directory)
        }
        if !created, Posix.error == Posix.exists, let info = Posix.info(directory, followingLinks: true), !info.isDirectory {
            notice("sitegen: warning: the build cache \(directory) is not a folder; building without it (remove it, or choose another --cache-dir)")
            return nil
        }
        if !created && Posix.error != Posix.exists {
            notice("sitegen: warning: cannot create the build cache \(directory): \(Posix.errorText); building without it")
            return nil
        }
        let fd = Posix.openForUpdate("\(directory)/lock", truncate: false)
        guard fd >= 0 else {
            // A read-only cache can still be read; the lock then protects nothing we write.
            let fd = Posix.openDirectory(directory)
            return fd >= 0 ? (fd, created) : nil
        }
        if !Posix.lock(fd, wait: false) {
            notice("sitegen: another build is using \(directory); waiting for it to finish")
            _ = Posix.lock(fd, wait: true)
        }
        return (fd, created)
    }

    /// Removes the folder `lock` made, for a first build that failed: a failed build leaves no cache.
    func removeEmpty() {
        _ = Posix.removeFile("\(directory)/lock")
        _ = Posix.removeDirectory(directory)
    }

    // MARK: - Loading

    /// The saved memo, or an empty one (and one line saying why) when there is none to trust.
    func load(binary: Digest, threads: Int, content: @escaping (DeferredBody) -> HTML) -> BuildMemo {
        guard let info = Posix.info(memoPath, followingLinks: false) else { return BuildMemo() }  // a first build: nothing to say
        // Only the cache's own regular file: a link (to a file outside the cache, or to
        // /dev/zero), a device, a FIFO or a folder is never read.
        guard info.isRegularFile else {
            notice("sitegen: ignoring the build cache \(memoPath): it is not a regular file of the cache (a link, a FIFO, a device or a folder); doing a full build")
            return BuildMemo()
        }
        guard info.owner == Posix.userID else {
            notice("sitegen: ignoring the build cache \(memoPath): it belongs to another user; doing a full build")
            return BuildMemo()
        }
        let bytes: [UInt8]
        // A plausible size: 10,000 articles' records are about 30 MB; anything past 16 GiB is not a memo.
        switch FileReader.read(memoPath, followingLinks: false, maxBytes: 16 << 30) {
        case .success(let read): bytes = read
        case .failure(let problem):
            notice("sitegen: ignoring the build cache \(memoPath): \(problem.reason); doing a full build")
            return BuildMemo()
        }
        let result = bytes.withUnsafeBytes { buffer -> Result<BuildMemo, MalformedData> in
            do throws(MalformedData) {
                return .success(try decode(buffer, source: bytes, binary: binary, threads: threads, content: content))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let memo): return memo
        case .failure(let error):
            let known = ["not a sitegen build cache", "written by another version of sitegen", "written by another sitegen binary"]
            let why = known.contains(error.description) ? error.description : "it is damaged (\(error.description))"
            notice("sitegen: ignoring the build cache \(memoPath): \(why); doing a full build")
            return BuildMemo()
        }
    }

    private struct OtherBinary: Error {}

    /// The memo in `buffer`: its header checked (magic, format, binary), every section's
    /// checksum checked, section 0 (pages, outputs, blobs) and the content sections decoded.
    private func decode(
        _ buffer: UnsafeRawBufferPointer, source: [UInt8], binary: Digest, threads: Int,
        content: @escaping (DeferredBody) -> HTML
    ) throws(MalformedData) -> BuildMemo {
        let sections = try Self.sections(of: buffer, binary: binary, threads: threads)
        var memo = BuildMemo()
        var r = BinaryReader(UnsafeRawBufferPointer(rebasing: buffer[sections[0].0..<(sections[0].0 + sections[0].1)]))
        try Self.readOutputs(&r, into: &memo)
        let decoded = Parallel.map(Array(sections.dropFirst()), threads: threads) {
            start, length, _ -> Result<[(String, ContentRecord)], MalformedData> in
            var r = BinaryReader(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)]))
            do throws(MalformedData) {
                return .success(try r.readList { r throws(MalformedData) in
                    let path = try r.readString()
                    return (path, try r.readContentRecord(path: path, source: source, base: start, content: content))
                })
            } catch {
                return .failure(error)
            }
        }
        for part in decoded {
            for (path, record) in try part.get() { memo.content[path] = record }
        }
        return memo
    }

    /// The header, then the sections: (start, length, checksum) each, every checksum verified.
    private static func sections(
        of buffer: UnsafeRawBufferPointer, binary: Digest, threads: Int
    ) throws(MalformedData) -> [(Int, Int, Digest)] {
        guard buffer.count >= magic.count, buffer.prefix(magic.count).elementsEqual(magic) else {
            throw MalformedData("not a sitegen build cache")
        }
        var reader = BinaryReader(buffer, offset: magic.count)
        guard try reader.readUInt64() == formatVersion else {
            throw MalformedData("written by another version of sitegen")
        }
        guard try reader.readDigest() == binary else {
            throw MalformedData("written by another sitegen binary")
        }
        // Sections: (length, checksum) each, then their bytes.
        let count = try reader.readCount()
        var heads: [(Int, Digest)] = []
        for _ in 0..<count {
            let length = try reader.readCount()
            heads.append((length, try reader.readDigest()))
        }
        var sections: [(Int, Int, Digest)] = []
        var start = reader.offset
        for (length, checksum) in heads {
            guard length <= buffer.count - start else { throw MalformedData("truncated") }
            sections.append((start, length, checksum))
            start += length
        }
        guard start == buffer.count, sections.count >= 2 else { throw MalformedData("truncated") }
        let checks = Parallel.map(sections, threads: threads) { start, length, checksum in
            Digest.of(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)])) == checksum
        }
        guard checks.allSatisfy({ $0 }) else { throw MalformedData("checksum mismatch") }
        return sections
    }

    /// Section 0: the page records, the output folder's records, the packs and the blob index.
    private static func readOutputs(_ r: inout BinaryReader, into memo: inout BuildMemo) throws(MalformedData) {
        memo.pages = try r.readDictionary { r throws(MalformedData) in
            let key = try r.readDigest()
            return PageRecord(key: key, output: try r.readDigest())
        }
        memo.outputFolder = try r.readOptionalString()
        memo.outputs = try r.readDictionary { r throws(MalformedData) in
            let stamp = try r.readStamp()
            return OutputRecord(stamp: stamp, digest: try r.readDigest())
        }
        let segmentCount = try r.readCount()
        for _ in 0..<segmentCount {
            let segment = try r.readInt()
            memo.segments[segment] = try r.readInt()
        }
        let blobCount = try r.readCount()
        memo.blobs.reserveCapacity(blobCount)
        for _ in 0..<blobCount {
            let digest = try r.readDigest()
            let segment = try r.readInt()
            let offset = try r.readInt()
            let length = try r.readInt()
            let size = segment == BlobLocation.ownFile ? Int.max : memo.segments[segment]
            guard let size, offset >= 0, length >= 0, offset <= size - length else {
                throw MalformedData("a blob outside its pack")
            }
            memo.blobs[digest] = BlobLocation(segment: segment, offset: offset, length: length)
        }
        let imageCount = try r.readCount()
        for _ in 0..<imageCount {
            let key = try r.readDigest()
            memo.images[key] = try r.readImageRecord()
        }
        memo.imageSources = try r.readDictionary { r throws(MalformedData) in
            ImageSource(stamp: try r.readStamp(), bytes: try r.readDigest())
        }
    }

    // MARK: - The output folder's record

    /// The output folder an earlier build wrote and the files it made there, read from the memo
    /// whatever binary or format (7 or 8) wrote it: which files of a folder sitegen made is a
    /// fact about the folder, not about the binary, so an upgraded sitegen adopts a `Public/`
    /// its predecessor made. Nil when there is no memo, or it cannot be read.
    func folderRecord() -> (folder: String, files: Set<String>)? {
        guard let info = Posix.info(memoPath), info.isRegularFile,
              case .success(let bytes) = FileReader.read(memoPath, followingLinks: false) else { return nil }
        return bytes.withUnsafeBytes { buffer -> (String, Set<String>)? in
            guard buffer.count >= Self.magic.count, buffer.prefix(Self.magic.count).elementsEqual(Self.magic) else { return nil }
            do throws(MalformedData) {
                var reader = BinaryReader(buffer, offset: Self.magic.count)
                let version = try reader.readUInt64()
                guard version == 7 || version == Self.formatVersion else { return nil }
                _ = try reader.readDigest()
                let count = try reader.readCount()
                guard count >= 1 else { return nil }
                var heads: [(Int, Digest)] = []
                for _ in 0..<count { heads.append((try reader.readCount(), try reader.readDigest())) }
                let start = reader.offset, length = heads[0].0
                guard length <= buffer.count - start else { return nil }
                let section = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)])
                guard Digest.of(section) == heads[0].1 else { return nil }
                var r = BinaryReader(section)
                _ = try r.readDictionary { r throws(MalformedData) in
                    _ = try r.readDigest()
                    return try r.readDigest()
                }
                guard let folder = try r.readOptionalString() else { return nil }
                let outputs = try r.readDictionary { r throws(MalformedData) in
                    // Format 7's stamps had no change time.
                    for _ in 0..<(version == 7 ? 4 : 5) { _ = try r.readInt() }
                    return try r.readDigest()
                }
                return (folder, Set(outputs.keys))
            } catch {
                return nil
            }
        }
    }

    // MARK: - Saving

    /// Writes `memo` beside the saved one and renames it into place; a problem is returned, never thrown.
    func save(_ memo: BuildMemo, binary: Digest, threads: Int) -> String? {
        var head = BinaryWriter()
        head.write(memo.pages) { w, page in
            w.write(page.key)
            w.write(page.output)
        }
        head.write(memo.outputFolder)
        head.write(memo.outputs) { w, output in
            w.write(output.stamp)
            w.write(output.digest)
        }
        head.write(UInt64(memo.segments.count))
        for segment in memo.segments.keys.sorted() {
            head.write(segment)
            head.write(memo.segments[segment]!)
        }
        head.write(UInt64(memo.blobs.count))
        for (digest, location) in memo.blobs.sorted(by: { $0.key < $1.key }) {
            head.write(digest)
            head.write(location.segment)
            head.write(location.offset)
            head.write(location.length)
        }
        head.write(UInt64(memo.images.count))
        for (key, record) in memo.images.sorted(by: { $0.key < $1.key }) {
            head.write(key)
            head.write(record)
        }
        head.write(memo.imageSources) { w, source in
            w.write(source.stamp)
            w.write(source.bytes)
        }
        let paths = memo.content.keys.sorted()
        let chunkCount = max(1, min(4 * threads, paths.count / 256))
        let chunks = (0..<chunkCount).map { c in
            paths[(c * paths.count / chunkCount)..<((c + 1) * paths.count / chunkCount)]
        }
        let parts = Parallel.map(chunks, threads: threads) { chunk -> [UInt8] in
            var w = BinaryWriter()
            w.write(UInt64(chunk.count))
            for path in chunk {
                w.write(path)
                w.write(memo.content[path]!, path: path)
            }
            return w.bytes
        }
        let sections = [head.bytes] + parts
        var file = BinaryWriter()
        var bytes = Self.magic
        file.write(Self.formatVersion)
        file.write(binary)
        file.write(UInt64(sections.count))
        for section in sections {
            file.write(UInt64(section.count))
            file.write(Digest.of(section))
        }
        bytes += file.bytes
        for section in sections { bytes += section }

        // Something else in the memo's place (a folder, say) would make every rename fail.
        if let info = Posix.info(memoPath), !info.isRegularFile {
            try? FileManager.default.removeItem(atPath: memoPath)
        }
        let temporary = memoPath + ".partial"
        if let problem = SiteWriter.writeFile(temporary, bytes, under: directory) {
            _ = Posix.removeFile(temporary)
            return problem
        }
        guard Posix.rename(temporary, memoPath) else {
            let reason = Posix.errorText
            _ = Posix.removeFile(temporary)
            return "cannot replace \(memoPath): \(reason)"
        }
        return nil
    }
}

/// The digest of the running sitegen binary: a memo written by another build of sitegen is
/// never trusted, since any change to the code may change what a stage makes.
enum BinaryIdentity {
    static let digest: Digest = {
        if let digest = streamed("/proc/self/exe") { return digest }
        // No /proc: the path of the executable and its stamp stand in.
        let path = CommandLine.arguments.first ?? "sitegen"
        var digester = Digester()
        digester.add(path)
        if let stamp = FileStamp(path: path) {
            digester.add(Int(stamp.size))
            digester.add(Int(stamp.seconds))
            digester.add(Int(stamp.nanoseconds))
        }
        return digester.finalize()
    }()

    /// The digest of a file read a megabyte at a time (the binary is tens of megabytes: not kept in memory).
    private static func streamed(_ path: String) -> Digest? {
        let fd = Posix.openForReading(path)
        guard fd >= 0 else { return nil }
        defer { Posix.close(fd) }
        var digester = Digester()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Posix.read(fd, into: $0) }
            if n < 0 { return nil }
            if n == 0 { return digester.finalize() }
            buffer.withUnsafeBytes { digester.add(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }
}

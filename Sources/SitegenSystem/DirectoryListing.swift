import Glibc

/// The regular files under a folder, found with `opendir`/`readdir` and sorted byte-wise.
///
/// Foundation's enumerator costs about 10 µs a file here, on one thread before any parallel
/// work can start (100 ms for 10,000 articles); `readdir` with `d_type` needs no `stat` for
/// most entries. Like Foundation's enumerator, a symbolic link to a folder is not followed; a
/// link to a file counts as a file.
public enum DirectoryListing {
    /// Paths of the regular files under `root` (`root/a/b.md`), sorted byte-wise, whose names
    /// end with `suffix`; names starting with `.` are skipped, and so are the folders they name.
    /// Descends into subfolders when `recursive`. A missing folder has no files.
    public static func files(under root: String, suffix: String, recursive: Bool) -> [String] {
        listing(under: root, within: nil, suffix: suffix, recursive: recursive).files
    }

    /// A link found under a confined folder whose target lies outside it.
    public struct Escape: Sendable, Equatable {
        /// The link's path, as found (`Content/articles/x.md`).
        public var path: String
        /// Where it leads, resolved (`/etc/passwd`).
        public var target: String
        public var isFolder: Bool
    }

    /// `files(under:suffix:recursive:)` confined to the folder `boundary` (a real path, as
    /// `Confinement` resolves it): a link is listed only if its real path lies under `boundary`;
    /// one that leads out of it (to a file with the suffix, or to a folder) is returned in
    /// `escapes` instead, so the caller can report it at its path. `root` itself is checked too:
    /// a linked `Content/articles` that leads out of `Content/` lists nothing and is an escape.
    /// With `hidden`, names starting with `.` are listed too (a site's `static/.well-known/`).
    public static func confinedFiles(
        under root: String, within boundary: String, suffix: String, recursive: Bool, hidden: Bool = false
    ) -> (files: [String], escapes: [Escape]) {
        listing(under: root, within: boundary, suffix: suffix, recursive: recursive, hidden: hidden)
    }

    private static func listing(
        under root: String, within boundary: String?, suffix: String, recursive: Bool, hidden: Bool = false
    ) -> (files: [String], escapes: [Escape]) {
        var found: [[UInt8]] = []
        var escapes: [Escape] = []
        let suffixBytes = Array(suffix.utf8)
        if let boundary, let real = Confinement.realPath(root), !Confinement.isInside(real, boundary) {
            return ([], [Escape(path: root, target: real, isFolder: true)])
        }
        var pending: [[UInt8]] = [Array(root.utf8)]
        while let folder = pending.popLast() {
            forEachEntry(in: folder) { name, full, type in
                guard hidden || name.first != UInt8(ascii: ".") else { return }
                var isFile = false, isFolder = false
                switch type {
                case Int32(DT_REG): isFile = true
                case Int32(DT_DIR): isFolder = true
                case Int32(DT_LNK):
                    let path = String(decoding: full, as: UTF8.self)
                    var info = stat()
                    let kind = stat(path, &info) == 0 ? info.st_mode & S_IFMT : 0  // what the link names, one stat
                    isFile = kind == S_IFREG
                    guard let boundary, let real = Confinement.realPath(path) else { break }
                    let matches = name.count >= suffixBytes.count && name.suffix(suffixBytes.count).elementsEqual(suffixBytes)
                    let linksFolder = kind == S_IFDIR
                    if (isFile && matches || linksFolder) && !Confinement.isInside(real, boundary) {
                        escapes.append(Escape(path: path, target: real, isFolder: linksFolder))
                        return
                    }
                default:
                    var info = stat()
                    guard stat(String(decoding: full, as: UTF8.self), &info) == 0 else { return }
                    isFile = (info.st_mode & S_IFMT) == S_IFREG
                    isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                }
                if isFile, name.count >= suffixBytes.count, name.suffix(suffixBytes.count).elementsEqual(suffixBytes) {
                    found.append(full)
                } else if isFolder, recursive {
                    pending.append(full)
                }
            }
        }
        found.sort { a, b in
            let n = min(a.count, b.count)
            let order = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in memcmp(pa.baseAddress!, pb.baseAddress!, n) }
            }
            return order != 0 ? order < 0 : a.count < b.count
        }
        escapes.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (found.map { String(decoding: $0, as: UTF8.self) }, escapes)
    }

    /// Everything below `root`, hidden names too, as paths relative to it: the folders, each
    /// listed before what it holds, and all else (files, and links, which are not followed).
    /// Unsorted. A missing folder holds nothing.
    public static func entries(under root: String) -> (files: [String], folders: [String]) {
        var files: [String] = [], folders: [String] = []
        let rootBytes = Array(root.utf8)
        var pending: [[UInt8]] = [rootBytes]
        while let folder = pending.popLast() {
            forEachEntry(in: folder) { _, full, type in
                var isFolder = type == Int32(DT_DIR)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    isFolder = lstat(String(decoding: full, as: UTF8.self), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                }
                let relative = String(decoding: full[(rootBytes.count + 1)...], as: UTF8.self)
                if isFolder {
                    folders.append(relative)  // found while its parent is listed, so after it
                    pending.append(full)
                } else {
                    files.append(relative)
                }
            }
        }
        return (files, folders)
    }

    /// Calls `body` with each entry's name, full path and `d_type`, `.` and `..` left out.
    private static func forEachEntry(in folder: [UInt8], _ body: (_ name: [UInt8], _ full: [UInt8], _ type: Int32) -> Void) {
        guard let stream = opendir(String(decoding: folder, as: UTF8.self)) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                return Array(bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)])
            }
            if name.isEmpty || name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            body(name, folder + [UInt8(ascii: "/")] + name, Int32(entry.pointee.d_type))
        }
    }
}

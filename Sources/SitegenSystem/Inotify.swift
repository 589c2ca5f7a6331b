import Foundation
import CSitegenSystem
import Glibc

/// An inotify instance with one watch per folder of the watched trees.
/// Used by the watcher's thread alone once made.
public final class Inotify: @unchecked Sendable {
    // From <sys/inotify.h>, through the C shim (the compiler checks them there).
    static let modify = UInt32(SITEGEN_IN_MODIFY), closeWrite = UInt32(SITEGEN_IN_CLOSE_WRITE)
    static let movedFrom = UInt32(SITEGEN_IN_MOVED_FROM), movedTo = UInt32(SITEGEN_IN_MOVED_TO)
    static let create = UInt32(SITEGEN_IN_CREATE), delete = UInt32(SITEGEN_IN_DELETE)
    static let deleteSelf = UInt32(SITEGEN_IN_DELETE_SELF), moveSelf = UInt32(SITEGEN_IN_MOVE_SELF)
    static let overflow = UInt32(SITEGEN_IN_Q_OVERFLOW), ignored = UInt32(SITEGEN_IN_IGNORED)
    static let isDirectory = UInt32(SITEGEN_IN_ISDIR)
    static let watchMask = modify | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf

    let fd: Int32
    let root: String
    /// Watch descriptor → folder relative to the root.
    private var folders: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// The root's own watch, for the watched folders it does not have yet (a site without
    /// `Templates/` or `static/` that makes one while `serve` runs): its other events are not reported.
    private var rootWatch: Int32 = -1
    private let topFolders: Set<String>

    public init?(root: String, folders: [String]) {
        let fd = sitegen_inotify_init()
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.root = root
        topFolders = Set(folders)
        rootWatch = inotify_add_watch(fd, root, Self.create | Self.movedTo)
        for folder in folders { addTree(folder) }
    }

    public func close() { _ = Glibc.close(fd) }

    /// Watches `folder` and every folder below it.
    private func addTree(_ folder: String) {
        let full = root + "/" + folder
        let wd = inotify_add_watch(fd, full, Self.watchMask)
        guard wd >= 0 else { return }
        folders[wd] = folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
        for name in names {
            var info = stat()
            if stat(full + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                addTree(folder + "/" + name)
            }
        }
    }

    /// Stops watching `folder` and the folders below it (it was moved away; a new watch follows it if it stays inside).
    private func removeTree(_ folder: String) {
        for (wd, name) in folders where name == folder || name.hasPrefix(folder + "/") {
            inotify_rm_watch(fd, wd)
            folders[wd] = nil
        }
    }

    public func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Reads the queued events: the paths they name, and whether the queue overflowed.
    public func readEvents() -> (Set<String>, Bool) {
        var paths = Set<String>()
        var overflowed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + 16 <= count {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    var name = ""
                    if length > 0 {
                        let bytes = raw[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                        name = String(decoding: bytes, as: UTF8.self)
                    }
                    offset += 16 + length
                    if mask & Self.overflow != 0 { overflowed = true; continue }
                    if mask & Self.ignored != 0 { folders[wd] = nil; continue }
                    if wd == rootWatch {
                        guard mask & Self.isDirectory != 0, topFolders.contains(name), !folders.values.contains(name) else { continue }
                        addTree(name)
                        paths.insert(name)
                        if let walker = FileManager.default.enumerator(atPath: root + "/" + name) {
                            while let relative = walker.nextObject() as? String { paths.insert(name + "/" + relative) }
                        }
                        continue
                    }
                    guard let folder = folders[wd] else { continue }
                    let path = name.isEmpty ? folder : folder + "/" + name
                    paths.insert(path)
                    if mask & Self.isDirectory != 0 {
                        if mask & (Self.create | Self.movedTo) != 0 {
                            addTree(path)
                            // Files may have landed in it before its watch existed.
                            if let walker = FileManager.default.enumerator(atPath: root + "/" + path) {
                                while let relative = walker.nextObject() as? String { paths.insert(path + "/" + relative) }
                            }
                        } else if mask & Self.movedFrom != 0 {
                            removeTree(path)
                        }
                    }
                }
            }
        }
        return (paths, overflowed)
    }
}

/// What the preview's poller compares between two looks at a file: size, inode, and the
/// modification and status-change times, in nanoseconds.
public struct WatchStamp: Equatable, Sendable {
    public var size: Int64
    public var inode: UInt64
    public var modified: Int64
    public var changed: Int64

    /// The stamp of whatever is at `path` (links followed), or nil.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}

import Dispatch
import Foundation
import Glibc
import SitegenSupport

/// Watches folders of the site (recursively) and reports the paths that changed, in batches.
///
/// Uses inotify where it exists, a poller otherwise. A batch is reported once no event has come
/// for `debounce`, so an editor's burst (write a temp file, rename it over the old one) is one
/// batch. Paths are relative to the site's folder (`Content/articles/x.md`); a batch of `nil`
/// means "events were lost, look at everything".
final class FileWatcher: @unchecked Sendable {
    enum Mode: Sendable { case automatic, polling }

    let root: String
    let folders: [String]
    let debounce: Duration
    let pollInterval: Duration
    private let onChange: @Sendable (Set<String>?) -> Void
    private let stopLock = NSLock()
    private var stopped = false
    private var thread: Thread?
    private(set) var usesInotify = false

    init(root: String, folders: [String], debounce: Duration, pollInterval: Duration = .milliseconds(300),
         onChange: @escaping @Sendable (Set<String>?) -> Void) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.folders = folders
        self.debounce = debounce
        self.pollInterval = pollInterval
        self.onChange = onChange
    }

    /// Starts the watching thread; returns the mechanism it uses.
    @discardableResult
    func start(mode: Mode = .automatic) -> String {
        let inotify: Inotify? = mode == .automatic ? Inotify(root: root, folders: folders) : nil
        usesInotify = inotify != nil
        let thread = Thread { [self] in
            if let inotify { self.runInotify(inotify) } else { self.runPoller() }
        }
        thread.name = "sitegen-watcher"
        self.thread = thread
        thread.start()
        return inotify != nil ? "inotify" : "polling every \(pollInterval)"
    }

    func stop() {
        stopLock.withLock { stopped = true }
    }

    private var isStopped: Bool { stopLock.withLock { stopped } }

    /// The paths the build would read: an editor's files in the theme (`Templates/.x.swp`,
    /// `x.html~`) are left out, as `ThemeFiles` leaves them out, so saving in an editor does not
    /// rebuild the site for them.
    static func relevant(_ paths: Set<String>) -> Set<String> {
        paths.filter { path in
            guard path.hasPrefix("Templates/") else { return true }
            return !ThemeFiles.isIgnored(String(path.dropFirst("Templates/".count)))
        }
    }

    // MARK: - inotify

    private func runInotify(_ inotify: Inotify) {
        defer { inotify.close() }
        var pending = Set<String>()
        var lost = false
        var deadline: UInt64 = 0
        let debounceNanos = UInt64(debounce.components.seconds) * 1_000_000_000
            + UInt64(debounce.components.attoseconds / 1_000_000_000)
        while !isStopped {
            let now = DispatchTime.now().uptimeNanoseconds
            var timeout: Int32 = 100
            if !pending.isEmpty || lost {
                if now >= deadline {
                    onChange(lost ? nil : pending)
                    pending = []
                    lost = false
                    continue
                }
                timeout = Int32(min(100, (deadline - now + 999_999) / 1_000_000))
            }
            guard inotify.wait(milliseconds: timeout) else { continue }
            let (events, overflowed) = inotify.readEvents()
            let paths = Self.relevant(events)
            if overflowed { lost = true }
            if !paths.isEmpty || overflowed {
                pending.formUnion(paths)
                deadline = DispatchTime.now().uptimeNanoseconds + debounceNanos
            }
        }
    }

    // MARK: - Polling

    private struct Stamp: Equatable {
        var size: Int64
        var inode: UInt64
        var modified: Int64
        var changed: Int64
    }

    private func runPoller() {
        var last = snapshot()
        let intervalNanos = UInt64(pollInterval.components.seconds) * 1_000_000_000
            + UInt64(pollInterval.components.attoseconds / 1_000_000_000)
        while !isStopped {
            var slept: UInt64 = 0
            while slept < intervalNanos && !isStopped {
                usleep(20_000)
                slept += 20_000_000
            }
            if isStopped { return }
            let now = snapshot()
            var changed = Set<String>()
            for (path, stamp) in now where last[path] != stamp { changed.insert(path) }
            for path in last.keys where now[path] == nil { changed.insert(path) }
            last = now
            changed = Self.relevant(changed)
            if !changed.isEmpty { onChange(changed) }
        }
    }

    private func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            let base = root + "/" + folder
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            while let relative = walker.nextObject() as? String {
                var info = stat()
                guard stat(base + "/" + relative, &info) == 0 else { continue }
                stamps[folder + "/" + relative] = Stamp(
                    size: Int64(info.st_size), inode: UInt64(info.st_ino),
                    modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                    changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
            }
        }
        return stamps
    }
}

/// An inotify instance with one watch per folder of the watched trees.
/// Used by the watcher's thread alone once made.
private final class Inotify: @unchecked Sendable {
    // From <sys/inotify.h>; spelled out because Glibc imports some of them as enums, some as macros.
    static let modify: UInt32 = 0x2, closeWrite: UInt32 = 0x8, movedFrom: UInt32 = 0x40, movedTo: UInt32 = 0x80
    static let create: UInt32 = 0x100, delete: UInt32 = 0x200, deleteSelf: UInt32 = 0x400, moveSelf: UInt32 = 0x800
    static let overflow: UInt32 = 0x4000, ignored: UInt32 = 0x8000, isDirectory: UInt32 = 0x4000_0000
    static let watchMask = modify | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf

    let fd: Int32
    let root: String
    /// Watch descriptor → folder relative to the root.
    private var folders: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init?(root: String, folders: [String]) {
        let fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.root = root
        for folder in folders { addTree(folder) }
    }

    func close() { _ = Glibc.close(fd) }

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

    func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Reads the queued events: the paths they name, and whether the queue overflowed.
    func readEvents() -> (Set<String>, Bool) {
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

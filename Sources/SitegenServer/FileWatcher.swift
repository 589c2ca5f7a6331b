import Dispatch
import Foundation
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

    private func snapshot() -> [String: WatchStamp] {
        var stamps: [String: WatchStamp] = [:]
        for folder in folders {
            let base = root + "/" + folder
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            while let relative = walker.nextObject() as? String {
                guard let stamp = WatchStamp(path: base + "/" + relative) else { continue }
                stamps[folder + "/" + relative] = stamp
            }
        }
        return stamps
    }
}

import Glibc

/// What `stat` says of a file that tells a rewrite from an untouched file: size, inode,
/// modification time and change time. The build cache trusts a file whose stamp is unchanged
/// without reading it. The change time (`st_ctime`) is what an edit cannot put back: `touch -r`
/// restores the modification time of a file rewritten in place, but the kernel sets its ctime.
public struct FileStamp: Hashable, Sendable {
    public var size: Int64
    public var inode: UInt64
    public var seconds: Int64
    public var nanoseconds: Int64
    /// The change time, in nanoseconds since 1970.
    public var change: Int64

    public init(size: Int64, inode: UInt64, seconds: Int64, nanoseconds: Int64, change: Int64 = 0) {
        self.size = size
        self.inode = inode
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.change = change
    }

    /// The later of the modification and change times, in whole seconds: a stamp is trusted only
    /// once both are older than the file system's clock tick.
    public var newestSeconds: Int64 { max(seconds, change / 1_000_000_000) }

    /// Whether two stamps name the same bytes of a file sitegen wrote itself, whose change time
    /// moves whenever a build hard-links it (the previous build's folder, the cache's pages).
    public func sameWrite(as other: FileStamp) -> Bool {
        size == other.size && inode == other.inode && seconds == other.seconds && nanoseconds == other.nanoseconds
    }

    /// The stamp of a regular file (symbolic links followed), or nil.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(info)
    }

    /// The stamp of the regular file itself at `path` (a link is not followed), or nil.
    public init?(linkAt path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(info)
    }

    /// Whether anything (a file, a folder, a dangling link) is at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 || errno != ENOENT
    }

    /// The stamp of an open file.
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    public init(_ info: stat) {
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
        seconds = Int64(info.st_mtim.tv_sec)
        nanoseconds = Int64(info.st_mtim.tv_nsec)
        change = Int64(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_ctim.tv_nsec)
    }
}

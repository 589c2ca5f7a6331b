import CSitegenSystem
import Glibc

/// The POSIX calls the build's writer and cache make, with Swift types: paths as `String`,
/// results as `Bool` or a descriptor (-1 when it failed), `errno` left as the call set it
/// (`Posix.error`, `Posix.errorText`). One place holds every flag, mode and system name, so
/// no other module imports Glibc for files.
public enum Posix {
    /// The errno of the call that just failed, and its message.
    public static var error: Int32 { errno }
    public static var errorText: String { String(cString: strerror(errno)) }

    /// The errno values callers tell apart.
    public static let noEntry = ENOENT, exists = EEXIST, interrupted = EINTR, notEmpty = ENOTEMPTY
    public static let isDirectory = EISDIR, notPermitted = EPERM

    // MARK: - Descriptors

    /// A folder, opened to hold a lock on it.
    public static func openDirectory(_ path: String) -> Int32 { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }

    public static func openForReading(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }

    /// The file itself, never a link (`O_NOFOLLOW`): the build cache reads only its own files.
    /// Only a regular file: a FIFO or a device is closed at once (opened without blocking), never read.
    public static func openOwnFileForReading(_ path: String) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return -1 }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            _ = Glibc.close(fd)
            return -1
        }
        return fd
    }

    /// Created if missing (mode 0644), emptied when `truncate`, for reading and writing.
    public static func openForUpdate(_ path: String, truncate: Bool) -> Int32 {
        open(path, O_RDWR | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o644)
    }

    /// Created or emptied (mode 0644), for writing.
    public static func openForWriting(_ path: String) -> Int32 { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }

    public static func close(_ descriptor: Int32) { _ = Glibc.close(descriptor) }

    /// An exclusive `flock`: waits for it (through interruptions) unless `wait` is false;
    /// whether it is held.
    public static func lock(_ descriptor: Int32, wait: Bool) -> Bool {
        if !wait { return flock(descriptor, LOCK_EX | LOCK_NB) == 0 }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// Runs `step` (a write or read of what is left after `done` bytes) until `count` bytes are
    /// done, again after an interruption; stops at an error or at a step that moved nothing.
    /// How many bytes were done.
    private static func whole(_ count: Int, _ step: (_ done: Int) -> Int) -> Int {
        var done = 0
        while done < count {
            let n = step(done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return done
    }

    /// Writes all of `bytes` (through interruptions and short writes); false on an error, or
    /// when the file system took nothing (a full disk).
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        whole(bytes.count) { Glibc.write(descriptor, bytes.baseAddress! + $0, bytes.count - $0) } == bytes.count
    }

    /// Writes all of `bytes` at `offset` of the file (pwrite), through interruptions and short
    /// writes; false on an error or a full disk.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        whole(bytes.count) { pwrite(descriptor, bytes.baseAddress! + $0, bytes.count - $0, off_t(offset + $0)) } == bytes.count
    }

    /// Fills `buffer` from `offset` of the file (pread, through short reads); how many bytes it got.
    public static func readAll(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        whole(buffer.count) { pread(descriptor, buffer.baseAddress! + $0, buffer.count - $0, off_t(offset + $0)) }
    }

    /// Reads into `buffer`, through interruptions: the bytes read (0 at the end), or -1.
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    // MARK: - Paths

    public static func makeDirectory(_ path: String) -> Bool { mkdir(path, 0o755) == 0 }

    /// `unlink`: a file or a link.
    public static func removeFile(_ path: String) -> Bool { unlink(path) == 0 }

    /// `rmdir`: an empty folder.
    public static func removeDirectory(_ path: String) -> Bool { rmdir(path) == 0 }

    public static func rename(_ from: String, _ to: String) -> Bool { Glibc.rename(from, to) == 0 }

    /// Swaps two paths atomically (Linux's renameat2 with RENAME_EXCHANGE, through the C shim).
    public static func exchange(_ a: String, _ b: String) -> Bool { sitegen_exchange_paths(a, b) == 0 }

    /// Renames `from` to `to` only when nothing is at `to`: never replaces a file or an empty
    /// folder that appeared there (`errno` is `EEXIST` then).
    public static func renameWithoutReplacing(_ from: String, _ to: String) -> Bool { sitegen_rename_noreplace(from, to) == 0 }

    /// A hard link `to` naming the file `from`.
    public static func hardLink(_ from: String, _ to: String) -> Bool { link(from, to) == 0 }

    public static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// What `lstat` (or `stat`, following links) says of a path: its kind, size, owner and identity.
    public struct Info: Sendable {
        public var isRegularFile: Bool
        public var isDirectory: Bool
        public var size: Int
        public var owner: UInt32
        public var inode: UInt64
        public var device: UInt64
        /// The stamp the cache keeps of a regular file.
        public var stamp: FileStamp
    }

    public static func info(_ path: String, followingLinks: Bool = false) -> Info? {
        var st = stat()
        guard (followingLinks ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        let kind = st.st_mode & S_IFMT
        return Info(
            isRegularFile: kind == S_IFREG, isDirectory: kind == S_IFDIR, size: Int(st.st_size), owner: st.st_uid,
            inode: UInt64(st.st_ino), device: UInt64(st.st_dev), stamp: FileStamp(st))
    }

    /// The effective user of this process.
    public static var userID: UInt32 { geteuid() }
}

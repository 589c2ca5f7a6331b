import Glibc

/// Whole-file reads with `open`/`read`, sized by `fstat`, and the `stat` questions the stages ask.
public enum FileReader {
    public struct Problem: Error, Sendable {
        public var reason: String
    }

    /// The whole file; with `followingLinks` false, a link is refused (`O_NOFOLLOW`), so a
    /// reader of its own folder (the build cache) never reads a file elsewhere through one.
    /// Read that way, only a regular file is read (a FIFO or a device is refused at once, never
    /// waited on), and only up to `maxBytes`.
    public static func read(_ path: String, followingLinks: Bool = true, maxBytes: Int = Int.max) -> Result<[UInt8], Problem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW | O_NONBLOCK))
        guard fd >= 0 else { return .failure(Problem(reason: lastError())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Problem(reason: lastError())) }
        if !followingLinks, (info.st_mode & S_IFMT) != S_IFREG {
            return .failure(Problem(reason: "it is not a regular file"))
        }
        guard Int(info.st_size) <= maxBytes else {
            return .failure(Problem(reason: "it is \(info.st_size) bytes, more than the \(maxBytes) a file of this kind can be"))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: max(Int(info.st_size) + 1, 4096))
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Problem(reason: lastError()))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

// `FileReader.read` hides the C function of the same name inside the enum.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

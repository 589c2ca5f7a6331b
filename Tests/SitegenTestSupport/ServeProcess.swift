import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `sitegen` binary running `serve` in the background, its standard output and error
/// collected as they come (talk to it with `Connection` and `EventStream`).
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let out = Collected()
    private let err = Collected()

    var stdout: String { out.text }
    var stderr: String { err.text }

    /// `sitegen` beside the test bundle (which sits next to the products it was built with).
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("sitegen").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("sitegen")
    }

    init(_ arguments: [String], in directory: URL? = nil) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        out.read(outPipe.fileHandleForReading)
        err.read(errPipe.fileHandleForReading)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// The port of the `Serving http://HOST:PORT/` line, once it is printed; nil when the process
    /// ends first or at the timeout. Blocks. The output is looked at once more after the deadline:
    /// other tests of a full run can keep this thread from running for seconds.
    func port(timeout: TimeInterval = 30) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let match = stdout.firstMatch(of: /Serving http:\/\/[^\/]*:(\d+)\//) { return Int(match.output.1) }
            if !process.isRunning || Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Stops it with SIGTERM (SIGKILL after 5 s) and waits until its output is read to the end.
    func stop() {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        out.waitForEnd()
        err.waitForEnd()
    }

    /// The bytes of one pipe, read on a thread of its own until it ends.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()
        private let ended = DispatchSemaphore(value: 0)

        var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

        func read(_ handle: FileHandle) {
            Thread { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    lock.withLock { bytes += data }
                }
                ended.signal()
            }.start()
        }

        /// Waits (up to 5 s) for the end of the pipe; again returns at once.
        func waitForEnd() {
            _ = ended.wait(timeout: .now() + 5)
            ended.signal()
        }
    }
}

import Foundation
@testable import SitegenTestSupport
import SitegenServer
import SitegenSite
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension SiteFolder {
    /// Options for a preview server on this site: any free port, a short debounce, quiet.
    func serveOptions(port: Int = 0) -> ServeOptions {
        ServeOptions(
            build: BuildOptions(sourceDirectory: path), port: port, debounce: .milliseconds(20),
            heartbeat: .milliseconds(250), log: { _ in })
    }
}

/// Starts a server on a free port for the body, and shuts it down after.
func withServer(_ site: SiteFolder, _ body: (PreviewServer) async throws -> Void) async throws {
    let server = PreviewServer(options: site.serveOptions())
    let running = try await server.launch()
    do {
        try await body(server)
    } catch {
        try? await running.shutdown()
        throw error
    }
    try await running.shutdown()
}

// MARK: - A tiny HTTP client over a socket

/// One HTTP response.
struct Reply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    subscript(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Runs blocking socket work on a thread of its own: the server's handlers run on the
/// concurrency pool, which a blocked test must not starve (there may be only two threads).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

/// Sends one request with a raw target (no client-side normalisation) and reads the reply.
func request(
    _ port: Int, _ target: String, method: String = "GET", headers: [String: String] = [:], timeout: TimeInterval = 5
) async throws -> Reply {
    try await offPool { try blockingRequest(port, target, method: method, headers: headers, timeout: timeout) }
}

func blockingRequest(
    _ port: Int, _ target: String, method: String, headers: [String: String], timeout: TimeInterval
) throws -> Reply {
    let connection = try Connection(port: port)
    var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    connection.send(text + "\r\n")
    let deadline = Date().addingTimeInterval(timeout)
    guard let (status, head) = connection.readHead(until: deadline) else { throw POSIXError(.ETIMEDOUT) }
    let length = method == "HEAD" || status == 304 ? 0 : Int(head["content-length"] ?? "0") ?? 0
    return Reply(status: status, headers: head, body: connection.readBytes(length, until: deadline))
}

extension EventStream {
    /// Connects and waits for the greeting, so the server has registered this client.
    static func open(port: Int) async throws -> EventStream {
        try await offPool { try EventStream(port: port) }
    }

    /// Waits for an event called `name`, skipping others; nil at the timeout.
    func wait(for name: String, timeout: TimeInterval) async throws -> Event? {
        try await offPool { self.blockingWait(for: name, timeout: timeout) }
    }

    /// The next event or comment, off the pool.
    func nextEvent(timeout: TimeInterval, includingComments: Bool = false) async throws -> Event? {
        try await offPool { self.next(timeout: timeout, includingComments: includingComments) }
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: TimeInterval = 3, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

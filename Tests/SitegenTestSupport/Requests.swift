import Foundation

// A tiny HTTP client over a socket, for the server tests and the CLI tests of `serve`.

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

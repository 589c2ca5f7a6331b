import Foundation

/// A client of `serve`'s live-reload event stream (`/__sitegen/events`), with a deadline on every
/// read: blocking, or in async tests off the concurrency pool (`open`, `wait`, `nextEvent`).
final class EventStream: @unchecked Sendable {
    struct Event: Sendable {
        var name: String
        var data: String
    }

    let connection: Connection
    let status: Int
    let headers: [String: String]

    /// Connects and waits for the greeting, so the server has registered this client.
    init(port: Int) throws {
        connection = try Connection(port: port)
        connection.send("GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        guard let (status, headers) = connection.readHead(until: Date().addingTimeInterval(5)) else {
            throw POSIXError(.ETIMEDOUT)
        }
        self.status = status
        self.headers = headers
        // Wait for the greeting, so the server has registered this client before the test edits files.
        _ = next(timeout: 5, includingComments: true)
    }

    /// The next event (or comment, `name` ":"), skipping chunk-size lines of the chunked encoding.
    func next(timeout: TimeInterval, includingComments: Bool = false) -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        var name = "message"
        var data: [String] = []
        var sawField = false
        while let line = connection.readLine(until: deadline) {
            if line.isEmpty {
                if sawField { return Event(name: name, data: data.joined(separator: "\n")) }
                continue
            }
            if line.hasPrefix(":") {
                if includingComments { return Event(name: ":", data: String(line.dropFirst())) }
                continue
            }
            if line.hasPrefix("event:") {
                name = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
                sawField = true
            } else if line.hasPrefix("data:") {
                data.append(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
                sawField = true
            } else if line.hasPrefix("retry:") {
                sawField = false
            }
            // Anything else is a chunk-size line of the transfer encoding.
        }
        return nil
    }

    /// Waits for an event called `name`, skipping others; nil at the timeout.
    func blockingWait(for name: String, timeout: TimeInterval) -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            guard let event = next(timeout: deadline.timeIntervalSinceNow) else { return nil }
            if event.name == name { return event }
        }
        return nil
    }
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

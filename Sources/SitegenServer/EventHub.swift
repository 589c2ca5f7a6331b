import Foundation
import Hummingbird

/// The server-sent-events side of live reload: every open tab holds one stream, and each
/// rebuild sends one event to all of them.
///
/// Events: `reload` (a rebuild changed pages), `css` (only stylesheets changed; `data` is
/// `{"files": [...]}`), `diagnostics` (the build failed; `data` is `{"diagnostics": [...]}`).
/// Comments (`: heartbeat`) go out now and then so that dead clients are noticed and dropped.
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [Int: AsyncStream<ByteBuffer>.Continuation] = [:]
    private var nextID = 0
    /// Sent to a tab as it connects, so a tab that opens (or reconnects) during an error sees it.
    private var standing: ByteBuffer?

    var clientCount: Int {
        lock.withLock { clients.count }
    }

    /// A new stream for one tab: a `retry` hint, then the standing error if there is one, then every event.
    func subscribe() -> AsyncStream<ByteBuffer> {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id: Int = lock.withLock {
            nextID += 1
            clients[nextID] = continuation
            return nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.lock.withLock { _ = self?.clients.removeValue(forKey: id) }
        }
        continuation.yield(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
        if let standing = lock.withLock({ standing }) { continuation.yield(standing) }
        return stream
    }

    func send(event: String, json: [String: [String]]) {
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8)
        let message = ByteBuffer(string: "event: \(event)\ndata: \(String(decoding: data, as: UTF8.self))\n\n")
        lock.withLock { standing = event == "diagnostics" ? message : nil }
        broadcast(message)
    }

    func heartbeat() {
        broadcast(ByteBuffer(string: ": heartbeat\n\n"))
    }

    /// Ends every stream (the server is stopping).
    func finishAll() {
        let all = lock.withLock { Array(clients.values) }
        for continuation in all { continuation.finish() }
    }

    private func broadcast(_ message: ByteBuffer) {
        let all = lock.withLock { Array(clients.values) }
        for continuation in all { continuation.yield(message) }
    }
}

import Foundation
@testable import SitegenTestSupport
@testable import SitegenServer
import SitegenSite
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// No client can starve the others (issue 28): idle and trickling connections are closed, and a
/// flood of connections from one client costs it its own oldest ones.
@Suite struct ConnectionLimitTests {
    /// Whether the server closed `connection` before `deadline` (a read of end-of-stream).
    func closedByServer(_ connection: Connection, within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var entry = pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 100) > 0 else { continue }
            var byte: UInt8 = 0
            let n = recv(connection.fd, &byte, 1, 0)
            if n == 0 || (n < 0 && errno == ECONNRESET) { return true }
        }
        return false
    }

    func server(_ site: SiteFolder, idle: Duration) -> PreviewServer {
        var options = site.serveOptions()
        options.connections = ConnectionLimits(idleTimeout: idle, perClient: 32)
        return PreviewServer(options: options)
    }

    @Test("an idle connection, and one that trickles its request head, are closed after the idle timeout; an event stream is not")
    func idle() async throws {
        let site = SiteFolder.newsSite()
        let server = server(site, idle: .seconds(2))
        let running = try await server.launch()
        let stream = try await EventStream.open(port: server.port)
        let quiet = try Connection(port: server.port)
        let trickle = try Connection(port: server.port)
        trickle.send("GET / HTTP/1.1\r\nHo")
        let closed = try await offPool { [self] in (closedByServer(quiet, within: 15), closedByServer(trickle, within: 15)) }
        #expect(closed.0, "an idle connection is closed")
        #expect(closed.1, "a connection that never completes its request head is closed")
        // The event stream's request is in flight: its heartbeats go on past the idle timeout.
        #expect(try await stream.nextEvent(timeout: 3, includingComments: true) != nil)
        #expect(try await request(server.port, "/").status == 200)
        try await running.shutdown()
    }

    @Test("a flood of connections from one client closes its own oldest, and a new request is answered at once")
    func flood() async throws {
        let site = SiteFolder.newsSite()
        let server = server(site, idle: .seconds(60))
        let running = try await server.launch()
        var flood: [Connection] = []
        for _ in 0..<300 {
            let connection = try Connection(port: server.port)
            connection.send("GET / HTTP/1.1\r\n")  // and nothing more
            flood.append(connection)
        }
        #expect(await eventually(timeout: 5) { server.openConnections <= 32 }, "at most 32 kept for one client: \(server.openConnections)")
        let started = Date()
        let reply = try await request(server.port, "/articles/story-2/")
        #expect(reply.status == 200 && reply.text.contains("Story number 2"))
        #expect(Date().timeIntervalSince(started) < 5)
        let oldest = flood[0]
        let oldestClosed = try await offPool { [self] in closedByServer(oldest, within: 2) }
        #expect(oldestClosed, "the oldest of the flood was closed")
        flood.removeAll()
        try await running.shutdown()
    }
}

import Foundation
@testable import SitegenTestSupport
import SitegenServer
import SitegenSite
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Ports and shutdown")
struct ShutdownTests {
    @Test("Graceful shutdown with an open event stream completes promptly (within 5 s on a loaded machine)")
    func shutdownWithOpenStream() async throws {
        let site = SiteFolder.newsSite(articles: 2)
        let server = PreviewServer(options: site.serveOptions())
        let running = try await server.launch()
        let stream = try await EventStream.open(port: server.port)
        #expect(await eventually { server.connectedClients == 1 })
        let start = Date()
        try await running.shutdown()
        let elapsed = Date().timeIntervalSince(start)
        // Alone it takes milliseconds. What this guards is a stream that holds shutdown open (for
        // the 60 s idle timeout, or for ever); the bound leaves room for a full run on two cores,
        // whose synchronous tests can keep this task from resuming for seconds.
        #expect(elapsed < 5, "shutdown took \(elapsed) s")
        // The stream was ended, not left hanging.
        #expect(try await stream.wait(for: "never", timeout: 1) == nil)
        #expect(throws: (any Error).self) { try Connection(port: server.port) }
    }

    @Test("A taken port is skipped for the next free one")
    func portFallback() async throws {
        let site = SiteFolder.newsSite(articles: 1)
        let first = PreviewServer(options: site.serveOptions())
        let running = try await first.launch()
        let second = PreviewServer(options: site.serveOptions(port: first.port))
        let runningSecond = try await second.launch()
        #expect(second.port > first.port && second.port < first.port + 10)
        #expect(second.url == "http://127.0.0.1:\(second.port)/")
        // Its pages name the port it got.
        #expect(try await request(second.port, "/").text.contains("http://127.0.0.1:\(second.port)/"))
        try await runningSecond.shutdown()

        var only = site.serveOptions(port: first.port)
        only.portAttempts = 1
        await #expect(throws: ServeError.self) { try await PreviewServer(options: only).launch() }
        try await running.shutdown()
    }

    // Alone it exits in tens of milliseconds. The exit is timed on a thread of its own, not on
    // the test pool (which a full run's synchronous tests can hold for seconds); the bound
    // leaves room for a loaded machine (4.6 s was seen with two compilers running beside the
    // suite), not for a shutdown that hangs on the open stream.
    @Test("sitegen serve exits promptly (within 10 s on a loaded machine) on SIGTERM with a client connected")
    func sigterm() async throws {
        let site = SiteFolder.newsSite(articles: 2)
        let serve = try ServeProcess(["serve", "--source", site.path, "--port", "0"])
        let port = try #require(try await offPool { serve.port() })
        let stream = try await EventStream.open(port: port)
        #expect(try await request(port, "/").status == 200)
        let process = serve.process
        let elapsed = try await offPool { () -> TimeInterval in
            let start = Date()
            kill(process.processIdentifier, SIGTERM)
            while process.isRunning, Date().timeIntervalSince(start) < 10 { usleep(5_000) }
            return Date().timeIntervalSince(start)
        }
        let exited = !process.isRunning
        #expect(exited, "still running after \(elapsed) s")
        #expect(elapsed < 10)
        if !exited { serve.process.terminate() }
        serve.process.waitUntitExitOrKill()
        #expect(serve.process.terminationStatus == 0)
        _ = stream
    }

    @Test("--host 0.0.0.0 works with a warning")
    func everyInterface() async throws {
        let site = SiteFolder.newsSite(articles: 1)
        let serve = try ServeProcess(["serve", "--source", site.path, "--host", "0.0.0.0", "--port", "0"])
        let port = try #require(try await offPool { serve.port() })
        #expect(try await request(port, "/").status == 200)
        kill(serve.process.processIdentifier, SIGINT)
        serve.process.waitUntitExitOrKill()
        #expect(serve.stderr.contains("warning: listening on every network interface"))
    }
}

extension Process {
    /// Waits up to five seconds, then kills.
    func waitUntitExitOrKill() {
        let deadline = Date().addingTimeInterval(5)
        while isRunning && Date() < deadline { usleep(10_000) }
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}

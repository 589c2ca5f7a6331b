import Foundation
@testable import SitegenTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `sitegen serve` under the common 1,024 open-file limit, flooded with 1,262 connections that
/// each send half a request and wait: it still answers a new client at once (issue 28).
@Suite struct ServeFloodTests {
    @Test("1,262 trickling connections under a 1,024 open-file limit: another client is still answered")
    func flood() throws {
        // This test's own process needs more than 1,024 descriptors for the flood.
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        guard limit.rlim_max >= 4096 else { return }  // nothing to test with: the machine's hard limit is too low
        limit.rlim_cur = max(limit.rlim_cur, 4096)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)

        let site = SiteFolder(files: [
            "Content/site.yml": "title: Test News\nbaseURL: https://example.org/\n",
            "Content/articles/a.md": "---\ntitle: Launch\ndate: 2025-07-31\n---\nThe launch went well.\n",
        ])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 1024; exec '\(SitegenRun.binary.path)' serve --port 0"]
        process.currentDirectoryURL = site.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        var printed = ""
        var port: Int?
        let started = Date()
        while port == nil, Date().timeIntervalSince(started) < 120 {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
            if let match = printed.firstMatch(of: /Serving http:\/\/127\.0\.0\.1:(\d+)\//) { port = Int(match.output.1) }
        }
        let served = try #require(port, "no 'Serving' line: \(printed)")

        var flood: [Connection] = []
        for _ in 0..<1_262 {
            guard let connection = try? Connection(port: served) else { continue }
            connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  // half a request head, never finished
            flood.append(connection)
        }
        #expect(flood.count > 1_000)
        let asked = Date()
        let client = try Connection(port: served)
        client.send("GET /articles/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let deadline = asked.addingTimeInterval(10)
        let head = client.readHead(until: deadline)
        #expect(head?.0 == 200, "no answer within 10 s")
        let body = client.readBytes(Int(head?.1["content-length"] ?? "0") ?? 0, until: deadline)
        #expect(String(decoding: body, as: UTF8.self).contains("Launch"))
        #expect(Date().timeIntervalSince(asked) < 10)
        withExtendedLifetime(flood) {}
        #expect(process.isRunning, "the server is still up")
    }
}

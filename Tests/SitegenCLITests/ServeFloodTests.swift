import Foundation
@testable import SitegenTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `sitegen serve` under the common 1,024 open-file limit, flooded with 1,262 connections that
/// each send half a request and wait: it still answers a new client at once (issue 28).
@Suite struct ServeFloodTests {
    /// A connected socket to 127.0.0.1:`port`, or -1.
    static func connectTo(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 { close(fd); return -1 }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// What the server answered on `fd` before `seconds` passed.
    static func read(_ fd: Int32, seconds: Double) -> String {
        var text = ""
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 100) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            text += String(decoding: chunk[0..<n], as: UTF8.self)
            if text.contains("</html>") { break }
        }
        return text
    }

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

        var flood: [Int32] = []
        defer { for fd in flood { close(fd) } }
        for _ in 0..<1_262 {
            let fd = Self.connectTo(served)
            guard fd >= 0 else { continue }
            Self.send(fd, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  // half a request head, never finished
            flood.append(fd)
        }
        #expect(flood.count > 1_000)
        let asked = Date()
        let client = Self.connectTo(served)
        #expect(client >= 0)
        defer { close(client) }
        Self.send(client, "GET /articles/a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let answer = Self.read(client, seconds: 10)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(200))")
        #expect(answer.contains("Launch"))
        #expect(Date().timeIntervalSince(asked) < 10)
        #expect(process.isRunning, "the server is still up")
    }
}

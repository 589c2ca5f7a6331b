import Foundation
@testable import SitegenTestSupport
import Testing

/// `sitegen serve` follows the clock (issue 29): with no file touched, an article scheduled a few
/// seconds ahead appears at its time and an expiring one goes, and open tabs are told to reload.
/// Through the real binary, on the real clock: each test waits 2–4 s (in parallel), longer only
/// when the machine is too loaded to start `serve` in time.
@Suite struct ServeClockTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\nauthor: Test Desk\n"
    static let live = "---\ntitle: Live story\ndate: 2025-07-31T10:00:00Z\ntopics: [Moon]\n---\nThe live one.\n"

    static func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// Servers started on a site that names an instant a little ahead, and the events of the
    /// first one's stream, read from before that instant.
    struct Started {
        var instant: Date
        var servers: [ServeProcess]
        var ports: [Int]
        var arrivals: Arrivals
    }

    /// Writes `files(instant)` for a whole second at least `lead` s ahead, starts `serve` with each
    /// set of arguments and reads the first one's event stream. A machine so loaded that they are up
    /// too late for the instant gets another try, with a longer lead.
    func start(_ site: SiteFolder, _ arguments: [[String]], files: (Date) -> [String: String]) async throws -> Started {
        var lead: TimeInterval = 2
        for _ in 1...3 {
            let instant = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + lead).rounded(.up))
            for (path, text) in files(instant) { site.write(path, text) }
            let began = Date()
            let servers = try arguments.map { try ServeProcess($0, in: site.root) }
            let (ports, arrivals, ready) = try await offPool { () -> ([Int], Arrivals?, Date) in
                let ports = servers.compactMap { $0.port() }
                let stream = ports.count == servers.count ? try? EventStream(port: ports[0]) : nil
                return (ports, stream.map { Arrivals($0, until: instant.addingTimeInterval(30)) }, Date())
            }
            try #require(ports.count == servers.count, "no 'Serving' line: \(servers.map(\.stdout))")
            if let arrivals, ready < instant.addingTimeInterval(-0.5) {
                return Started(instant: instant, servers: servers, ports: ports, arrivals: arrivals)
            }
            try await offPool { servers.forEach { $0.stop() } }
            lead = 2 * ready.timeIntervalSince(began) + 1
        }
        Issue.record("serve was never up half a second before the instant, with leads of up to \(lead) s")
        throw CancellationError()
    }

    /// The answer to a GET of each path, and when it came (read off the pool, which a full run keeps busy).
    static func answers(_ port: Int, _ paths: [String]) async throws -> [(path: String, reply: Reply, at: Date)] {
        try await offPool {
            try paths.map { path in (path, try blockingRequest(port, path, method: "GET", headers: [:], timeout: 10), Date()) }
        }
    }

    /// A stream's events, read on a thread of their own as they come, each with the time it came:
    /// an async test may resume seconds late in a full run, whose synchronous tests hold the
    /// concurrency pool (two threads on two cores).
    final class Arrivals: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [(EventStream.Event, Date)] = []

        /// Reads until the stream ends (the server stops) or `deadline`.
        init(_ stream: EventStream, until deadline: Date) {
            Thread { [self] in
                while let event = stream.next(timeout: deadline.timeIntervalSinceNow) {
                    lock.withLock { events.append((event, Date())) }
                }
            }.start()
        }

        /// Event `index` (from 0) and when it came, once it has; nil at `deadline`.
        func event(_ index: Int, before deadline: Date) async throws -> (EventStream.Event?, Date) {
            try await offPool { [self] in
                while true {
                    if let arrived = lock.withLock({ events.count > index ? events[index] : nil }) { return arrived }
                    if Date() >= deadline { return (nil, Date()) }
                    usleep(5_000)
                }
            }
        }
    }

    @Test("serve publishes a scheduled article and takes an expiring one down at their times, reloading open tabs")
    func publishesAndExpiresOnTime() async throws {
        let site = SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/articles/live.md": Self.live])
        let started = try await start(site, [["serve", "--port", "0"]]) { t1 in [
            "Content/articles/soon.md": "---\ntitle: Dawn launch\ndate: \(Self.stamp(t1))\ntopics: [Moon]\n---\nNow live.\n",
            "Content/articles/gone.md": "---\ntitle: Live blog\ndate: 2025-07-30T09:00:00Z\n"
                + "expires: \(Self.stamp(t1.addingTimeInterval(1)))\ntopics: [Moon]\n---\nOver soon.\n",
        ] }
        let (t1, t2) = (started.instant, started.instant.addingTimeInterval(1))
        let (server, port) = (started.servers[0], started.ports[0])

        // Before its time (an answer that came before it can only be the site before it): no page,
        // the expiring one there.
        for answer in try await Self.answers(port, ["/articles/soon/", "/articles/gone/"]) where answer.at < t1 {
            #expect(answer.reply.status == (answer.path == "/articles/soon/" ? 404 : 200), "\(answer.path) before its time")
        }

        // The first event is the publication's reload, and none comes before its time.
        let (published, publishedAt) = try await started.arrivals.event(0, before: t1.addingTimeInterval(10))
        #expect(published?.name == "reload", "\(String(describing: published))")
        #expect(published?.data.contains("articles\\/soon\\/index.html") == true)
        #expect(publishedAt >= t1, "reloaded \(t1.timeIntervalSince(publishedAt)) s early")
        #expect(publishedAt.timeIntervalSince(t1) < 2, "reloaded \(publishedAt.timeIntervalSince(t1)) s late")
        let page = try await request(port, "/articles/soon/")
        #expect(page.status == 200 && page.text.contains("Dawn launch"))
        #expect(!page.text.contains("scheduled-badge"))
        #expect(try await request(port, "/").text.contains("/articles/soon/"))

        // The next event is the expiry's reload, at its own time.
        let (expired, expiredAt) = try await started.arrivals.event(1, before: t2.addingTimeInterval(10))
        #expect(expired?.name == "reload", "\(String(describing: expired))")
        #expect(expiredAt >= t2, "reloaded \(t2.timeIntervalSince(expiredAt)) s early")
        #expect(expiredAt.timeIntervalSince(t2) < 2, "reloaded \(expiredAt.timeIntervalSince(t2)) s late")
        #expect(try await request(port, "/articles/gone/").status == 404)
        #expect(try await !request(port, "/").text.contains("/articles/gone/"))
        #expect(try await !request(port, "/topics/moon/").text.contains("Live blog"))

        // What it serves now is what `sitegen build --now` makes, file for file.
        try await expectServedEqualsBuild(port: port, site: site, ["--now", Self.stamp(t2)])

        try await offPool { server.stop() }
        let log = server.stdout
        #expect(log.contains("On schedule at \(Self.stamp(t1)): Content/articles/soon.md publishes\n"), "\(log)")
        #expect(log.contains("On schedule at \(Self.stamp(t2)): Content/articles/gone.md expires\n"), "\(log)")
        #expect(log.components(separatedBy: "On schedule").count == 3, "one line for each timed rebuild: \(log)")
    }

    @Test("serve --future drops the Scheduled box at the article's time; serve --now keeps its clock still")
    func futureAndFixedClock() async throws {
        let site = SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/articles/live.md": Self.live])
        // The fixed clock is a minute before any instant the article may get.
        let fixedNow = Self.stamp(Date().addingTimeInterval(-60))
        let started = try await start(site, [["serve", "--port", "0", "--future"], ["serve", "--port", "0", "--now", fixedNow]]) { t1 in [
            "Content/articles/soon.md": "---\ntitle: Dawn launch\ndate: \(Self.stamp(t1))\ntopics: [Moon]\n---\nNow live.\n",
        ] }
        let t1 = started.instant
        let (preview, port) = (started.servers[0], started.ports[0])
        let (fixed, fixedPort) = (started.servers[1], started.ports[1])

        for answer in try await Self.answers(port, ["/articles/soon/"]) where answer.at < t1 {
            #expect(answer.reply.status == 200 && answer.reply.text.contains("scheduled-badge"), "a preview shows it, marked")
        }
        let (event, at) = try await started.arrivals.event(0, before: t1.addingTimeInterval(10))
        #expect(event?.name == "reload", "\(String(describing: event))")
        #expect(at >= t1 && at.timeIntervalSince(t1) < 2, "reloaded \(at.timeIntervalSince(t1)) s after its time")
        let page = try await request(port, "/articles/soon/")
        #expect(page.status == 200 && !page.text.contains("scheduled-badge"), "published: the box is gone")
        try await expectServedEqualsBuild(port: port, site: site, ["--future", "--now", Self.stamp(t1)])

        // The fixed clock never reaches the article's time: no timed rebuild, still no page.
        #expect(try await request(fixedPort, "/articles/soon/").status == 404)
        try await offPool { fixed.stop() }
        #expect(!fixed.stdout.contains("On schedule"), "\(fixed.stdout)")
        try await offPool { preview.stop() }
        #expect(preview.stdout.contains("On schedule at \(Self.stamp(t1)): Content/articles/soon.md publishes\n"), "\(preview.stdout)")
    }

    /// Every file `sitegen build` makes with `arguments` (and the server's own base URL) is served
    /// byte for byte, HTML less the live-reload script `serve` adds.
    func expectServedEqualsBuild(
        port: Int, site: SiteFolder, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let output = site.parent.appendingPathComponent("built-\(UUID().uuidString)").path
        let run = try await offPool {
            try SitegenRun.run(
                ["build", "--quiet", "--no-cache", "--base-url", "http://127.0.0.1:\(port)/", "--output", output] + arguments,
                in: site.root)
        }
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        let built = folderSnapshot(output).filter { !$0.key.hasPrefix(".") }
        #expect(built["articles/soon/index.html"] != nil, sourceLocation: sourceLocation)
        let differing = try await offPool {
            try built.keys.sorted().filter { path in
                var served = try blockingRequest(port, "/" + path, method: "GET", headers: [:], timeout: 10).body
                if path.hasSuffix(".html") { served = Self.withoutLiveReload(served) }
                return served != Array(built[path]!)
            }
        }
        #expect(differing == [], "differ from sitegen build \(arguments.joined(separator: " "))", sourceLocation: sourceLocation)
    }

    /// A served page without the `<script id="__sitegen-live">…</script>` line `serve` puts before `</body>`.
    static func withoutLiveReload(_ page: [UInt8]) -> [UInt8] {
        let text = String(decoding: page, as: UTF8.self)
        guard let start = text.range(of: "<script id=\"__sitegen-live\">"),
              let end = text.range(of: "</script>\n", range: start.upperBound..<text.endIndex) else { return page }
        return Array((String(text[..<start.lowerBound]) + String(text[end.upperBound...])).utf8)
    }
}

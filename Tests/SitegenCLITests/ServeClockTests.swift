import Foundation
@testable import SitegenTestSupport
import Testing

/// `sitegen serve` follows the clock (issue 29): with no file touched, an article scheduled a few
/// seconds ahead appears at its time and an expiring one goes, and open tabs are told to reload.
/// Through the real binary, on the real clock: each test waits 2–4 s, in parallel.
@Suite struct ServeClockTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\nauthor: Test Desk\n"
    static let live = "---\ntitle: Live story\ndate: 2025-07-31T10:00:00Z\ntopics: [Moon]\n---\nThe live one.\n"

    /// A whole second 2 to 3 s ahead (front-matter dates and `--now` are written to the second).
    static func soon() -> Date { Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2).rounded(.up)) }

    static func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test("serve publishes a scheduled article and takes an expiring one down at their times, reloading open tabs")
    func publishesAndExpiresOnTime() throws {
        let t1 = Self.soon()
        let t2 = t1.addingTimeInterval(1)
        let site = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/live.md": Self.live,
            "Content/articles/soon.md": "---\ntitle: Dawn launch\ndate: \(Self.stamp(t1))\ntopics: [Moon]\n---\nNow live.\n",
            "Content/articles/gone.md":
                "---\ntitle: Live blog\ndate: 2025-07-30T09:00:00Z\nexpires: \(Self.stamp(t2))\ntopics: [Moon]\n---\nOver soon.\n",
        ])
        let server = try ServeProcess(["serve", "--port", "0"], in: site.root)
        defer { server.stop() }
        let port = try #require(server.port(), "no 'Serving' line: \(server.stdout)")
        let stream = try EventStream(port: port)
        try #require(Date() < t1.addingTimeInterval(-0.2), "serve took until \(Date()) to start; the article publishes at \(t1)")

        // Before its time: no page, and the expiring one is there.
        #expect(fetch(port, "/articles/soon/").status == 404)
        #expect(fetch(port, "/articles/gone/").status == 200)
        #expect(!fetch(port, "/").text.contains("/articles/soon/"))

        // The first event is the publication's reload, and none comes before its time.
        let published = stream.next(timeout: t1.timeIntervalSinceNow + 10)
        let publishedAt = Date()
        #expect(published?.name == "reload", "\(String(describing: published))")
        #expect(published?.data.contains("articles\\/soon\\/index.html") == true)
        #expect(publishedAt >= t1, "reloaded \(t1.timeIntervalSince(publishedAt)) s early")
        #expect(publishedAt.timeIntervalSince(t1) < 2, "reloaded \(publishedAt.timeIntervalSince(t1)) s late")
        let page = fetch(port, "/articles/soon/")
        #expect(page.status == 200 && page.text.contains("Dawn launch"))
        #expect(!page.text.contains("scheduled-badge"))
        #expect(fetch(port, "/").text.contains("/articles/soon/"))

        // The next event is the expiry's reload, at its own time.
        let expired = stream.next(timeout: t2.timeIntervalSinceNow + 10)
        let expiredAt = Date()
        #expect(expired?.name == "reload", "\(String(describing: expired))")
        #expect(expiredAt >= t2, "reloaded \(t2.timeIntervalSince(expiredAt)) s early")
        #expect(expiredAt.timeIntervalSince(t2) < 2, "reloaded \(expiredAt.timeIntervalSince(t2)) s late")
        #expect(fetch(port, "/articles/gone/").status == 404)
        #expect(!fetch(port, "/").text.contains("/articles/gone/"))
        #expect(!fetch(port, "/topics/moon/").text.contains("Live blog"))

        // What it serves now is what `sitegen build --now` makes, file for file.
        expectServedEqualsBuild(port: port, site: site, ["--now", Self.stamp(t2)])

        server.stop()
        let log = server.stdout
        #expect(log.contains("On schedule at \(Self.stamp(t1)): Content/articles/soon.md publishes\n"), "\(log)")
        #expect(log.contains("On schedule at \(Self.stamp(t2)): Content/articles/gone.md expires\n"), "\(log)")
        #expect(log.components(separatedBy: "On schedule").count == 3, "one line for each timed rebuild: \(log)")
    }

    @Test("serve --future drops the Scheduled box at the article's time; serve --now keeps its clock still")
    func futureAndFixedClock() throws {
        let t1 = Self.soon()
        let site = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/live.md": Self.live,
            "Content/articles/soon.md": "---\ntitle: Dawn launch\ndate: \(Self.stamp(t1))\ntopics: [Moon]\n---\nNow live.\n",
        ])
        let preview = try ServeProcess(["serve", "--port", "0", "--future"], in: site.root)
        defer { preview.stop() }
        let fixed = try ServeProcess(["serve", "--port", "0", "--now", Self.stamp(t1.addingTimeInterval(-10))], in: site.root)
        defer { fixed.stop() }
        let port = try #require(preview.port(), "no 'Serving' line: \(preview.stdout)")
        let fixedPort = try #require(fixed.port(), "no 'Serving' line: \(fixed.stdout)")
        let stream = try EventStream(port: port)
        try #require(Date() < t1.addingTimeInterval(-0.2), "serve took until \(Date()) to start; the article publishes at \(t1)")

        #expect(fetch(port, "/articles/soon/").text.contains("scheduled-badge"), "a preview shows it, marked")
        let event = stream.next(timeout: t1.timeIntervalSinceNow + 10)
        let at = Date()
        #expect(event?.name == "reload", "\(String(describing: event))")
        #expect(at >= t1 && at.timeIntervalSince(t1) < 2, "reloaded \(at.timeIntervalSince(t1)) s after its time")
        let page = fetch(port, "/articles/soon/")
        #expect(page.status == 200 && !page.text.contains("scheduled-badge"), "published: the box is gone")
        expectServedEqualsBuild(port: port, site: site, ["--future", "--now", Self.stamp(t1)])

        // The fixed clock never reaches the article's time: no timed rebuild, still no page.
        #expect(fetch(fixedPort, "/articles/soon/").status == 404)
        fixed.stop()
        #expect(!fixed.stdout.contains("On schedule"), "\(fixed.stdout)")
        preview.stop()
        #expect(preview.stdout.contains("On schedule at \(Self.stamp(t1)): Content/articles/soon.md publishes\n"), "\(preview.stdout)")
    }

    /// Every file `sitegen build` makes with `arguments` (and the server's own base URL) is served
    /// byte for byte, HTML less the live-reload script `serve` adds.
    func expectServedEqualsBuild(port: Int, site: SiteFolder, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let output = site.parent.appendingPathComponent("built-\(UUID().uuidString)").path
        let run = try? SitegenRun.run(
            ["build", "--quiet", "--no-cache", "--base-url", "http://127.0.0.1:\(port)/", "--output", output] + arguments, in: site.root)
        #expect(run?.status == 0, "\(run?.stderr ?? "")", sourceLocation: sourceLocation)
        let built = folderSnapshot(output)
        #expect(built["articles/soon/index.html"] != nil, sourceLocation: sourceLocation)
        for (path, bytes) in built.sorted(by: { $0.key < $1.key }) where !path.hasPrefix(".") {
            var served = fetch(port, "/" + path).body
            if path.hasSuffix(".html") { served = Self.withoutLiveReload(served) }
            let same = served == Array(bytes)
            #expect(same, "\(path) differs from sitegen build \(arguments.joined(separator: " "))", sourceLocation: sourceLocation)
        }
    }

    /// A served page without the `<script id="__sitegen-live">…</script>` line `serve` puts before `</body>`.
    static func withoutLiveReload(_ page: [UInt8]) -> [UInt8] {
        let text = String(decoding: page, as: UTF8.self)
        guard let start = text.range(of: "<script id=\"__sitegen-live\">"),
              let end = text.range(of: "</script>\n", range: start.upperBound..<text.endIndex) else { return page }
        return Array((String(text[..<start.lowerBound]) + String(text[end.upperBound...])).utf8)
    }

    /// One GET over a fresh connection.
    func fetch(_ port: Int, _ path: String) -> (status: Int, body: [UInt8], text: String) {
        guard let connection = try? Connection(port: port) else { return (0, [], "") }
        connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        let deadline = Date().addingTimeInterval(10)
        guard let (status, head) = connection.readHead(until: deadline) else { return (0, [], "") }
        let body = connection.readBytes(Int(head["content-length"] ?? "0") ?? 0, until: deadline)
        return (status, body, String(decoding: body, as: UTF8.self))
    }
}

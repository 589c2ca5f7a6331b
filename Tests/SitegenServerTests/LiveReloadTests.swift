import Foundation
@testable import SitegenTestSupport
@testable import SitegenServer
import SitegenSupport
import Testing

@Suite("Watching, rebuilding and live reload")
struct LiveReloadTests {
    /// The overlay's markup (its id alone also appears in the script).
    let overlay = "<div id=\"\(LiveReload.overlayID)\""

    @Test("Editing an article sends a reload within 2 s, and the new page is served")
    func editReloads() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let stream = try await EventStream.open(port: server.port)
            #expect(stream.status == 200)
            #expect(stream.headers["content-type"]?.hasPrefix("text/event-stream") == true)
            let saved = Date()
            site.write(SiteFolder.articlePath(3), SiteFolder.article(3, title: "Fresh headline"))
            let event = try await stream.wait(for: "reload", timeout: 2)
            #expect(event != nil)
            #expect(Date().timeIntervalSince(saved) < 2)
            #expect(event?.data.contains("articles\\/story-3\\/index.html") == true)
            #expect(try await request(server.port, "/articles/story-3/").text.contains("Fresh headline"))
            #expect(try await request(server.port, "/page/2/").text.contains("Fresh headline"))
        }
    }

    @Test("Replacing a photo under the same name reloads its article, with the new files served from memory")
    func photoReplaced() async throws {
        let site = SiteFolder.newsSite()
        site.addPhotoStory()
        try await withServer(site) { server in
            func leadFile() async throws -> String? {
                let page = try await request(server.port, "/articles/photo/").text
                return page.firstMatch(of: /<img src="\/images\/(lead-[0-9a-f]{12}-[0-9]+\.jpg)"/).map { String($0.output.1) }
            }
            let before = try #require(try await leadFile())
            #expect(try await request(server.port, "/images/" + before).status == 200)
            let stream = try await EventStream.open(port: server.port)
            site.copyImage("rotated-gps.jpg", to: "Content/articles/2025-07-20-photo/lead.jpg")
            let event = try await stream.wait(for: "reload", timeout: 5)
            #expect(event?.data.contains("articles\\/photo\\/index.html") == true, "\(event?.data ?? "no reload")")
            let after = try #require(try await leadFile())
            #expect(after != before, "the new photo has a new URL")
            let served = try await request(server.port, "/images/" + after)
            #expect(served.status == 200 && served.headers["content-type"] == "image/jpeg")
            #expect(served.body.count > 1000)
            #expect(try await request(server.port, "/images/" + before).status == 404, "the old file is gone, as in a build")
        }
    }

    @Test("An editor's save to a temporary file renamed over the article reloads")
    func editorSave() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let stream = try await EventStream.open(port: server.port)
            site.saveLikeAnEditor(SiteFolder.articlePath(2), SiteFolder.article(2, title: "Saved by vim"))
            #expect(try await stream.wait(for: "reload", timeout: 2) != nil)
            #expect(try await request(server.port, "/articles/story-2/").text.contains("Saved by vim"))
        }
    }

    @Test("Adding, renaming and deleting articles and folders is seen")
    func addRenameDelete() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let stream = try await EventStream.open(port: server.port)

            site.write("Content/articles/2025/deep/2025-07-20-story-20.md", SiteFolder.article(20))
            #expect(try await stream.wait(for: "reload", timeout: 2) != nil)
            #expect(try await request(server.port, "/articles/story-20/").status == 200)

            site.move("Content/articles/2025", "Content/articles/moved")
            site.move(SiteFolder.articlePath(4), "Content/articles/moved/2025-07-04-renamed-four.md")
            #expect(try await eventually {
                try await request(server.port, "/articles/renamed-four/").status == 200
            })
            #expect(try await request(server.port, "/articles/story-4/").status == 404)
            #expect(try await request(server.port, "/articles/story-20/").status == 200)

            site.remove("Content/articles/moved")
            #expect(try await eventually {
                try await request(server.port, "/articles/story-20/").status == 404
            })
            #expect(try await request(server.port, "/articles/renamed-four/").status == 404)
        }
    }

    @Test("A stylesheet-only change swaps the stylesheet instead of reloading")
    func cssOnly() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let stream = try await EventStream.open(port: server.port)
            let css = try String(contentsOf: site.root.appendingPathComponent("Templates/assets/style.css"), encoding: .utf8)
            site.write("Templates/assets/style.css", css + "\nbody { color: rebeccapurple; }\n")
            let event = try await stream.wait(for: "css", timeout: 2)
            #expect(event?.data == #"{"files":["assets\/style.css"]}"#)
            #expect(try await request(server.port, "/assets/style.css").text.contains("rebeccapurple"))
        }
    }

    @Test("A template change reloads every page")
    func templateChange() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let stream = try await EventStream.open(port: server.port)
            let base = try String(contentsOf: site.root.appendingPathComponent("Templates/base.html"), encoding: .utf8)
            site.write("Templates/base.html", base.replacingOccurrences(of: "</body>", with: "<p>theme-marker</p></body>"))
            #expect(try await stream.wait(for: "reload", timeout: 2) != nil)
            #expect(try await request(server.port, "/articles/story-1/").text.contains("theme-marker"))
            #expect(try await request(server.port, "/topics/moon/").text.contains("theme-marker"))
        }
    }

    @Test("A broken front-matter shows every diagnostic on the stream and in pages, and fixing it clears them")
    func errorOverlay() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let stream = try await EventStream.open(port: server.port)
            let path = SiteFolder.articlePath(5)
            site.write(path, "---\ntitle: [unclosed\ndate: 2025-07-05\n---\nBody.\n")
            site.write(SiteFolder.articlePath(6), "---\ndate: 2025-07-06\n---\nNo title.\n")
            // A rebuild may catch the first write alone: wait for the event that has both files.
            var lines: [String] = []
            for _ in 0..<3 {
                let event = try #require(try await stream.wait(for: "diagnostics", timeout: 2))
                let json = try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: [String]]
                lines = try #require(json?["diagnostics"])
                if lines.contains(where: { $0.hasPrefix(site.path + "/" + SiteFolder.articlePath(6) + ":") }) { break }
            }
            #expect(lines.contains { $0.hasPrefix(site.path + "/" + path + ":2:8: error: invalid YAML") })
            #expect(lines.contains { $0.hasPrefix(site.path + "/" + SiteFolder.articlePath(6) + ":") })

            // The last good site is still served, with the overlay on HTML pages only.
            let page = try await request(server.port, "/articles/story-5/")
            #expect(page.status == 200)
            #expect(page.text.contains("Story number 5"))
            #expect(page.text.contains(overlay))
            #expect(page.text.contains(HTMLEscape.escape(path + ":2:8: error: invalid YAML")))
            #expect(page.text.contains("missing required key"))
            #expect(!(try await request(server.port, "/feed.xml").text.contains(overlay)))

            // A tab that connects now hears about the error at once.
            let late = try await EventStream.open(port: server.port)
            #expect(try await late.wait(for: "diagnostics", timeout: 1) != nil)

            site.write(path, SiteFolder.article(5, title: "Fixed five"))
            site.write(SiteFolder.articlePath(6), SiteFolder.article(6))
            #expect(try await stream.wait(for: "reload", timeout: 2) != nil)
            let fixed = try await request(server.port, "/articles/story-5/")
            #expect(fixed.text.contains("Fixed five"))
            #expect(!fixed.text.contains(overlay))
        }
    }

    @Test("A broken Markdown link shows in a warnings panel on every page; fixing it clears the panel")
    func brokenLinkPanel() async throws {
        let site = SiteFolder.newsSite()
        let panel = "<details id=\"\(LiveReload.overlayID)\""
        try await withServer(site) { server in
            #expect(!(try await request(server.port, "/").text.contains(panel)))
            let stream = try await EventStream.open(port: server.port)
            let path = SiteFolder.articlePath(3)
            site.write(path, SiteFolder.article(3).replacingOccurrences(of: "\n---\n", with: "\n---\nSee [story two](/articles/story-22/).\n\n"))
            #expect(try await stream.wait(for: "reload", timeout: 2) != nil)
            let home = try await request(server.port, "/")
            #expect(home.status == 200)
            #expect(home.text.contains(panel), "\(home.text.suffix(600))")
            #expect(home.text.contains("sitegen: 1 warning"))
            #expect(home.text.contains(HTMLEscape.escape(
                path + ":7:5: warning: link to '/articles/story-22/' leads nowhere: there is no page /articles/story-22/; "
                    + "did you mean /articles/story-2/?")))
            #expect(!home.text.contains(overlay), "a warning is not the failed-build overlay")

            site.write(path, SiteFolder.article(3))
            #expect(try await stream.wait(for: "reload", timeout: 2) != nil)
            #expect(!(try await request(server.port, "/").text.contains(panel)))
        }
    }

    @Test("A site that fails from the start serves the errors, then the site once fixed")
    func failingFromTheStart() async throws {
        let site = SiteFolder.newsSite()
        site.write(SiteFolder.articlePath(1), "---\ntitle: No date\n---\nBody.\n")
        try await withServer(site) { server in
            let reply = try await request(server.port, "/")
            #expect(reply.status == 500)
            #expect(reply.text.contains(overlay))
            #expect(reply.text.contains(SiteFolder.articlePath(1)))
            let stream = try await EventStream.open(port: server.port)
            site.write(SiteFolder.articlePath(1), SiteFolder.article(1))
            #expect(try await stream.wait(for: "reload", timeout: 2) != nil)
            #expect(try await request(server.port, "/").status == 200)
        }
    }

    @Test("Event streams get heartbeat comments")
    func heartbeat() async throws {
        let site = SiteFolder.newsSite(articles: 1)
        try await withServer(site) { server in
            let stream = try await EventStream.open(port: server.port)
            let comment = try await stream.nextEvent(timeout: 2, includingComments: true)
            #expect(comment?.name == ":")
            #expect(comment?.data.contains("heartbeat") == true)
        }
    }

    @Test("The poller sees changes where inotify is not used")
    func poller() async throws {
        let site = SiteFolder.newsSite(articles: 2)
        var options = site.serveOptions()
        options.polling = true
        let server = PreviewServer(options: options)
        let running = try await server.launch()
        let stream = try await EventStream.open(port: server.port)
        site.write(SiteFolder.articlePath(1), SiteFolder.article(1, title: "Polled"))
        let event = try await stream.wait(for: "reload", timeout: 2)
        #expect(event != nil)
        #expect(try await request(server.port, "/articles/story-1/").text.contains("Polled"))
        try await running.shutdown()
    }
}

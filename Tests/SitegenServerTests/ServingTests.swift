import Foundation
@testable import SitegenTestSupport
@testable import SitegenServer
import SitegenSite
import Testing

@Suite("Serving the site from memory")
struct ServingTests {
    @Test("A page is served with its type, no-cache, an ETag and the live-reload script")
    func servesPages() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let home = try await request(server.port, "/")
            #expect(home.status == 200)
            #expect(home["Content-Type"] == "text/html; charset=utf-8")
            #expect(home["Cache-Control"] == "no-cache")
            #expect(home["ETag"]?.hasPrefix("\"") == true)
            #expect(home.text.contains("Story number 6"))
            #expect(home.text.contains("id=\"\(LiveReload.scriptID)\""))
            #expect(home.text.contains("/__sitegen/events"))

            let article = try await request(server.port, "/articles/story-3/")
            #expect(article.status == 200)
            #expect(article.text.contains("Story number 3"))
            #expect(try await request(server.port, "/articles/story-3/index.html").body == article.body)
            #expect(try await request(server.port, "/about/").text.contains("We test things."))
        }
    }

    @Test("Every kind of file gets its Content-Type, and only HTML gets the script")
    func contentTypes() async throws {
        let site = SiteFolder.newsSite()
        let assets: [String: String] = [
            "a.js": "text/javascript; charset=utf-8", "a.json": "application/json", "a.svg": "image/svg+xml",
            "a.png": "image/png", "a.jpg": "image/jpeg", "a.webp": "image/webp", "a.woff2": "font/woff2",
            "a.ico": "image/x-icon", "a.txt": "text/plain; charset=utf-8", "a.xml": "application/xml; charset=utf-8",
            "a.html": "text/html; charset=utf-8", "a.bin": "application/octet-stream",
        ]
        for name in assets.keys { site.write("Templates/assets/\(name)", "x") }
        try await withServer(site) { server in
            for (name, type) in assets {
                let reply = try await request(server.port, "/assets/\(name)")
                #expect(reply.status == 200, "\(name)")
                #expect(reply["Content-Type"] == type, "\(name)")
                #expect(reply.text.contains(LiveReload.scriptID) == name.hasSuffix(".html"), "\(name)")
            }
            #expect(try await request(server.port, "/assets/a.svg")["Content-Security-Policy"] == "script-src 'none'",
                    "an SVG opened on its own may run no script")
            #expect(try await request(server.port, "/assets/a.png")["Content-Security-Policy"] == nil)
            #expect(try await request(server.port, "/assets/style.css")["Content-Type"] == "text/css; charset=utf-8")
            let feed = try await request(server.port, "/feed.xml")
            #expect(feed["Content-Type"] == "application/xml; charset=utf-8")
            #expect(!feed.text.contains("__sitegen"))
            #expect(try await request(server.port, "/robots.txt")["Content-Type"] == "text/plain; charset=utf-8")
            #expect(try await request(server.port, "/sitemap.xml").status == 200)
        }
    }

    @Test("HEAD answers with GET's headers and no body")
    func head() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let get = try await request(server.port, "/articles/story-2/")
            let head = try await request(server.port, "/articles/story-2/", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head["Content-Length"] == String(get.body.count))
            #expect(head["ETag"] == get["ETag"])
            #expect(head["Content-Type"] == get["Content-Type"])
            #expect(try await request(server.port, "/nowhere/", method: "HEAD").status == 404)
            #expect(try await request(server.port, "/", method: "POST").status == 405)
        }
    }

    @Test("If-None-Match with the ETag gets 304 Not Modified, a stale tag the page")
    func notModified() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let first = try await request(server.port, "/assets/style.css")
            let etag = try #require(first["ETag"])
            let again = try await request(server.port, "/assets/style.css", headers: ["If-None-Match": etag])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again["ETag"] == etag)
            #expect(try await request(server.port, "/assets/style.css", headers: ["If-None-Match": "W/\(etag)"]).status == 304)
            let stale = try await request(server.port, "/assets/style.css", headers: ["If-None-Match": "\"nope\""])
            #expect(stale.status == 200)
            #expect(stale.body == first.body)
        }
    }

    @Test("A folder without its slash redirects with 301, keeping the query")
    func folderRedirect() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            let topics = try await request(server.port, "/topics")
            #expect(topics.status == 301)
            #expect(topics["Location"] == "/topics/")
            #expect(topics["Cache-Control"] == "no-cache")
            #expect(try await request(server.port, "/articles/story-1?x=1")["Location"] == "/articles/story-1/?x=1")
            #expect(try await request(server.port, "/topics/").status == 200)
        }
    }

    @Test("A missing path gets the site's 404.html with status 404")
    func notFound() async throws {
        let site = SiteFolder.newsSite()
        try await withServer(site) { server in
            for target in ["/nowhere/", "/articles/none", "/assets/missing.css", "/Content/site.yml"] {
                let reply = try await request(server.port, target)
                #expect(reply.status == 404, "\(target)")
                #expect(reply.text.contains("Page not found"), "\(target)")
                #expect(reply.text.contains(LiveReload.scriptID), "\(target)")
            }
        }
    }

    @Test("The live-reload script is never in the output of a build")
    func scriptOnlyWhenServed() throws {
        let site = SiteFolder.newsSite()
        let built = try SiteBuilder.buildInMemory(BuildOptions(sourceDirectory: site.path))
        for file in built.files {
            #expect(!String(decoding: file.bytes, as: UTF8.self).contains("__sitegen"), "\(file.path)")
        }
    }

    @Test("A site with a base path is served under it")
    func basePath() async throws {
        let site = SiteFolder.newsSite()
        var options = site.serveOptions()
        options.build.baseURL = "http://127.0.0.1/news/"
        let server = PreviewServer(options: options)
        let running = try await server.launch()
        #expect(server.mount == "/news/")
        #expect(try await request(server.port, "/news/articles/story-1/").status == 200)
        #expect(try await request(server.port, "/news")["Location"] == "/news/")
        #expect(try await request(server.port, "/articles/story-1/").status == 404)
        try await running.shutdown()
    }
}

/// `serve --future` shows what `build --future` writes, byte for byte but for the live-reload script.
@Suite struct FuturePreviewTests {
    @Test("serve --future serves every file build --future makes, the same bytes (the script aside)")
    func serveFutureEqualsBuildFuture() async throws {
        let site = SiteFolder(files: [
            "Content/site.yml": "title: Test News\nbaseURL: https://example.org/\ntimezone: America/New_York\n",
            "Content/articles/live.md":
                "---\ntitle: Live story\ndate: 2025-07-31T10:00:00Z\nauthor: Jane Doe\ntopics: [Moon]\n"
                + "corrections: [{date: 2025-08-01, text: An earlier version misspelt a name.}]\n---\nThe live one.\n",
            "Content/articles/soon.md":
                "---\ntitle: Dawn launch\ndate: 2025-08-01T08:00:00+02:00\nauthor: [Jane Doe, Sam Lee]\ntopics: [Moon]\n---\nNot yet.\n",
        ])
        var build = BuildOptions(sourceDirectory: site.path)
        build.now = Date(timeIntervalSince1970: 1_753_999_200)  // 2025-07-31T22:00:00Z: soon.md is scheduled
        build.includeFuture = true
        var options = site.serveOptions()
        options.build = build
        let server = PreviewServer(options: options)
        let running = try await server.launch()
        // The preview's URLs name its port; the build compared with it is given the same base URL.
        build.baseURL = "http://127.0.0.1:\(server.port)/"
        let built = try SiteBuilder.buildInMemory(build)
        let paths = built.files.map(\.path)
        #expect(paths.contains("articles/soon/index.html") && paths.contains("authors/sam-lee/index.html"))
        #expect(paths.contains("archive/2025/08/index.html"), "the preview's archive holds it (08:00 in +02:00 is August 1 in New York)")
        do {
            for file in built.files {
                let reply = try await request(server.port, "/" + file.path)
                let expected = file.path.hasSuffix(".html") ? LiveReload.inject(LiveReload.script, into: file.bytes) : file.bytes
                #expect(reply.status == 200 && reply.body == expected, "/\(file.path) differs from build --future's")
            }
            #expect(try await request(server.port, "/articles/soon/").text.contains("scheduled-badge"))
        } catch {
            try? await running.shutdown()
            throw error
        }
        try await running.shutdown()
    }
}

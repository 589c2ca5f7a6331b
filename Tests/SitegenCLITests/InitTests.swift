import Foundation
@testable import SitegenTestSupport
import Testing

/// `sitegen init DIR`, through the real binary in a temporary folder: a site that `serve` shows
/// at once, that builds with a base URL and that `check --strict` has nothing to say of; without
/// a base URL, `build` and `check` stop with one line; bad input is one line and writes nothing.
@Suite struct InitTests {
    /// A temporary folder to run `init` in (its `site/` is an empty folder).
    func place() -> SiteFolder { SiteFolder(files: [:], theme: false) }

    func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> SitegenRun {
        try SitegenRun.run(arguments, in: folder, environment: environment)
    }

    /// Every file and folder below `folder` (hidden ones too), relative, sorted.
    func entries(_ folder: URL) -> [String] {
        var found: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        while let path = walker.nextObject() as? String { found.append(path) }
        return found.sorted()
    }

    func text(_ folder: URL, _ path: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// The day the example article's folder is named after, from its `date:` (`2025-08-01-welcome`).
    func articleFolder(_ site: URL) -> String {
        (try? FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("Content/articles").path))?.first ?? "?"
    }

    /// Words of this repository's demo site (its title, its story), which no file of a new site may hold.
    static let demoWords = ["orbit", "nasa", "roscosmos", "spaceflight", "crew-11", "crew‑11", "space chiefs"]

    /// The demo words found in the text files below `folder` (`path: word`).
    func demoTraces(_ folder: URL) -> [String] {
        let textTypes: Set<String> = ["html", "xml", "json", "txt", "md", "yml", "css", "js", "svg", "gitignore"]
        var traces: [String] = []
        for (path, bytes) in folderSnapshot(folder.path) {
            let type = (path as NSString).pathExtension.isEmpty ? (path as NSString).lastPathComponent.replacingOccurrences(of: ".", with: "")
                : (path as NSString).pathExtension
            guard textTypes.contains(type) else { continue }
            let lower = String(decoding: bytes, as: UTF8.self).lowercased()
            traces += Self.demoWords.filter { lower.contains($0) }.map { "\(path): \($0)" }
        }
        return traces.sorted()
    }

    @Test("init writes a site without Templates/ that serve shows at once, that builds with --base-url, and that check --strict finds nothing in; nothing names the demo")
    func serveBuildCheck() async throws {
        let place = place()
        let made = try run(["init", "paper", "--title", "Riverside Gazette", "--timezone", "Europe/Paris", "--language", "en-GB"], in: place.parent)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr == "")
        #expect(made.stdout == """
            Made a new site in paper: Content/ (settings, an example article and its photo, an About page, an author), README.md and .gitignore
            Next:
              cd paper && sitegen serve
              sitegen build --base-url https://example.org/   (the site's own address; or set baseURL in Content/site.yml)

            """)
        let site = place.parent.appendingPathComponent("paper")
        let article = articleFolder(site)
        #expect(article.hasSuffix("-welcome"))
        #expect(entries(site) == [
            ".gitignore", "Content", "Content/articles", "Content/articles/\(article)", "Content/articles/\(article)/index.md",
            "Content/articles/\(article)/lead.jpg", "Content/authors", "Content/authors/sam-rivera.md", "Content/images",
            "Content/images/site.jpg", "Content/pages", "Content/pages/about.md", "Content/site.yml", "README.md",
        ])
        let settings = text(site, "Content/site.yml")
        for line in ["title: \"Riverside Gazette\"", "# baseURL: https://example.org/", "language: en-GB", "timezone: Europe/Paris",
                     "author: \"Riverside Gazette newsroom\"",
                     "image: {src: /images/site.jpg, alt: \"A soft gradient from slate blue to sea green, with two pale discs\"}"] {
            #expect(settings.split(separator: "\n").contains { $0 == line }, "\(line) in:\n\(settings)")
        }
        let story = text(site, "Content/articles/\(article)/index.md")
        #expect(story.contains("\nauthor: \"Sam Rivera\"\n") && story.contains("\nsources: [\"Example Wire\"]\n"), "\(story)")
        #expect(story.contains("as this one is. (Example Wire)\n"), "a paragraph attributed to the declared source")
        #expect(text(site, "Content/authors/sam-rivera.md").contains("\nname: \"Sam Rivera\"\ntitle: Reporter\n"))
        #expect(text(site, ".gitignore").split(separator: "\n").filter { !$0.hasPrefix("#") } == [
            "/Public/", "/Public.preview/", "/.Public.previous/", "/.Public.record", "/.Public.preview.*", "/.sitegen-cache/",
        ])
        // Dated this minute, in the site's time zone: published at once.
        let date = try #require(story.split(separator: "\n").first { $0.hasPrefix("date: ") }).dropFirst(6)
        #expect(date.hasPrefix(article.prefix(10)) && (date.hasSuffix(":00+01:00") || date.hasSuffix(":00+02:00")), "\(date)")

        // serve: the example article, at once (serve gives the site its own address).
        let server = try ServeProcess(["serve", "--port", "0"], in: site)
        let port = try await offPool { server.port() }
        let replies = try await offPool { () -> [Reply] in
            guard let port else { return [] }
            return try ["/articles/welcome/", "/", "/about/", "/authors/sam-rivera/"].map {
                try blockingRequest(port, $0, method: "GET", headers: [:], timeout: 10)
            }
        }
        try await offPool { server.stop() }
        try #require(replies.count == 4, "serve did not start: \(server.stdout)\n\(server.stderr)")
        #expect(replies.map(\.status) == [200, 200, 200, 200], "\(server.stderr)")
        #expect(replies[0].text.contains("<h1") && replies[0].text.contains("Welcome to Riverside Gazette"))
        #expect(replies[1].text.contains("Welcome to Riverside Gazette"), "the home page lists it")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))

        // build with a base URL: no warning; check --strict: nothing to say, every link leads to a page or file.
        let build = try run(["build", "--quiet", "--base-url", "https://example.org/"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr == "" && build.stdout == "")
        let page = text(site, "Public/articles/welcome/index.html")
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/articles/welcome/\""), "\(page.prefix(3000))")
        #expect(page.contains("href=\"/sources/example-wire/\"") && page.contains("href=\"/authors/sam-rivera/\""))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/images/lead-"))
        let check = try run(["check", "--strict", "--base-url", "https://example.org/"], in: site)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == "")
        #expect(check.stdout.hasSuffix(": 0 errors, 0 warnings\n"), "\(check.stdout)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Templates").path))
        #expect(demoTraces(site) == [])
        #expect(folderSnapshot(site.appendingPathComponent("Public").path).count > 30)
    }

    @Test("without a base URL, build and check stop with one line and write nothing")
    func noBaseURL() throws {
        let place = place()
        #expect(try run(["init", "paper", "--now", "2025-08-01T09:30:00Z"], in: place.parent).status == 0)
        let site = place.parent.appendingPathComponent("paper")
        let before = entries(site)
        let line = "sitegen: error: no base URL: canonical links, feeds and sitemaps need the address where the site will live; "
            + "set it in Content/site.yml (baseURL: https://example.org/) or pass --base-url https://example.org/\n"
        for command in [["build"], ["build", "--strict"], ["check"], ["check", "--strict"]] {
            let stopped = try run(command, in: site)
            #expect(stopped.status == 1, "\(command)")
            #expect(stopped.stderr == line, "\(command)")
            #expect(stopped.stdout == "", "\(command)")
        }
        #expect(entries(site) == before, "no Public/, no cache, nothing beside")
        // From another folder, the path is the one given.
        let elsewhere = try run(["build", "--source", "paper"], in: place.parent)
        #expect(elsewhere.stderr == line.replacingOccurrences(of: "set it in Content/site.yml", with: "set it in paper/Content/site.yml"))
        // Once site.yml names the address, build and check work with no option.
        let settings = text(site, "Content/site.yml").replacingOccurrences(of: "# baseURL: https://example.org/", with: "baseURL: https://example.org/")
        try Data(settings.utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        let build = try run(["build", "--quiet", "--now", "2025-08-01T10:00:00Z"], in: site)
        #expect(build.status == 0 && build.stderr == "", "\(build.stderr)")
        let check = try run(["check", "--strict", "--now", "2025-08-01T10:00:00Z"], in: site)
        #expect(check.status == 0 && check.stderr == "", "\(check.stderr)")
    }

    @Test("with --base-url (a base path too), build works directly and check --strict is silent; the next commands say so")
    func withBaseURL() throws {
        let place = place()
        let made = try run(["init", "news site", "--base-url", "https://example.org/news"], in: place.parent)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasSuffix("Next:\n  cd 'news site' && sitegen serve\n  sitegen build\n"), "\(made.stdout)")
        let site = place.parent.appendingPathComponent("news site")
        #expect(text(site, "Content/site.yml").contains("\nbaseURL: https://example.org/news/\n"))
        #expect(text(site, "Content/site.yml").contains("\ntitle: \"News Site\"\n"), "the title is made from the folder's name")
        #expect(text(site, "README.md").split(separator: "\n").contains { $0.hasPrefix("sitegen build ") && $0.hasSuffix("# the site into Public/, to upload to a web host") },
                "\(text(site, "README.md"))")
        let build = try run(["build", "--quiet"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr == "")
        #expect(text(site, "Public/articles/welcome/index.html").contains("href=\"/news/about/\""), "a Markdown link honours the base path")
        let check = try run(["check", "--strict"], in: site)
        #expect(check.status == 0 && check.stderr == "", "\(check.stderr)")
        #expect(check.stdout.hasSuffix(": 0 errors, 0 warnings\n"), "\(check.stdout)")
    }

    struct BadInit: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        /// Set-up of the place, relative to it: a file (text) or a folder (nil).
        var setUp: [String: String?] = [:]
        var message: String
        var testDescription: String { name }
    }

    static let bad: [BadInit] = [
        BadInit(name: "a file", arguments: ["init", "notes.txt"], setUp: ["notes.txt": "mine"],
                message: "notes.txt is a file, not a folder: init makes a new folder (or fills an empty one); choose another name"),
        BadInit(name: "below a file", arguments: ["init", "notes.txt/paper"], setUp: ["notes.txt": "mine"],
                message: "cannot make the folder notes.txt/paper: notes.txt is a file, not a folder"),
        BadInit(name: "a folder with a hidden file", arguments: ["init", "mine"], setUp: ["mine": nil, "mine/.git": "x"],
                message: "mine is not empty (it holds .git): init writes only into a new or empty folder, so nothing of yours is overwritten; choose another folder"),
        BadInit(name: "a folder with files", arguments: ["init", "mine"], setUp: ["mine": nil, "mine/a.md": "x", "mine/b": nil],
                message: "mine is not empty (it holds a.md and 1 more): init writes only into a new or empty folder, so nothing of yours is overwritten; choose another folder"),
        BadInit(name: "a bad base URL", arguments: ["init", "paper", "--base-url", "example.org"],
                message: "--base-url: 'example.org' is not an absolute http or https URL: write it whole, like --base-url https://example.org/news/"),
        BadInit(name: "a bad time zone", arguments: ["init", "paper", "--timezone", "Europe/Pariss"],
                message: "--timezone: unknown time zone 'Europe/Pariss': use an IANA name such as UTC, Europe/Paris or America/New_York"),
        BadInit(name: "a language's name", arguments: ["init", "paper", "--language", "english"],
                message: "--language: 'english' is the name of a language, not a BCP 47 language tag: did you mean 'en'?"),
        BadInit(name: "a language with '_'", arguments: ["init", "paper", "--language", "en_US"],
                message: "--language: 'en_US' is not a BCP 47 language tag: subtags are joined by '-', not '_'; did you mean 'en-US'?"),
        BadInit(name: "an empty title", arguments: ["init", "paper", "--title", " "],
                message: "--title: the title is empty: write the site's name, like --title \"Riverside Gazette\""),
        BadInit(name: "a bad clock", arguments: ["init", "paper", "--now", "tomorrow"],
                message: "--now: invalid date 'tomorrow': write it as 2025-07-31 or 2025-07-31T14:30:00+02:00"),
        // Options are checked before the folder: a bad option on a file names the option.
        BadInit(name: "a bad option and a file", arguments: ["init", "notes.txt", "--language", "english"], setUp: ["notes.txt": "mine"],
                message: "--language: 'english' is the name of a language, not a BCP 47 language tag: did you mean 'en'?"),
    ]

    @Test("bad input is one line naming the folder or the option, exit 1, and nothing is written", arguments: bad)
    func badInput(_ bad: BadInit) throws {
        let place = place()
        for (path, content) in bad.setUp.sorted(by: { $0.key < $1.key }) {
            let url = place.parent.appendingPathComponent(path)
            if let content {
                try Data(content.utf8).write(to: url)
            } else {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            }
        }
        let before = entries(place.parent)
        let snapshot = folderSnapshot(place.parent.path)
        let result = try run(bad.arguments, in: place.parent)
        #expect(result.status == 1)
        #expect(result.stderr == "sitegen: error: \(bad.message)\n")
        #expect(result.stdout == "")
        #expect(entries(place.parent) == before, "nothing written, no temporary folder left")
        #expect(folderSnapshot(place.parent.path) == snapshot)
    }

    @Test("an existing empty folder is filled in place (the same folder, so a shell standing in it sees the site), '.' included")
    func emptyFolder() throws {
        let place = place()
        let folder = place.root  // site/, empty
        let inode = try #require(try FileManager.default.attributesOfItem(atPath: folder.path)[.systemFileNumber] as? UInt64)
        let made = try run(["init", ".", "--base-url", "https://example.org/", "--title", "Valley Post"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasSuffix("Next:\n  sitegen serve\n  sitegen build\n"), "\(made.stdout)")
        #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.systemFileNumber] as? UInt64 == inode)
        #expect(entries(folder).filter { !$0.contains("/") } == [".gitignore", "Content", "README.md"], "no temporary folder left")
        #expect(entries(place.parent) == ["site"] + entries(folder).map { "site/" + $0 })
        #expect(try run(["build", "--quiet"], in: folder).status == 0)
        // A new folder gets a new folder's permissions, not mkdtemp's 0700.
        #expect(try run(["init", "fresh"], in: place.parent).status == 0)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: place.parent.appendingPathComponent("fresh").path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 != 0, "\(String(mode, radix: 8))")
    }

    @Test("defaults: the title from the folder's name, the machine's time zone, en; missing parents are made; the same options and clock give the same bytes")
    func defaults() throws {
        let place = place()
        let environment = ["TZ": "America/New_York"]
        let first = try run(["init", "a/riverside-gazette", "--now", "2025-11-02T05:30:00Z"], in: place.parent, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let site = place.parent.appendingPathComponent("a/riverside-gazette")
        let settings = text(site, "Content/site.yml")
        #expect(settings.contains("\ntitle: \"Riverside Gazette\"\n") && settings.contains("\ntimezone: America/New_York\n")
            && settings.contains("\nlanguage: en\n"), "\(settings)")
        // 01:30 in New York on the night summer time ends: written with its offset, never ambiguous.
        #expect(articleFolder(site) == "2025-11-02-welcome")
        #expect(text(site, "Content/articles/2025-11-02-welcome/index.md").contains("\ndate: 2025-11-02T01:30:00-04:00\n"))
        let second = try run(["init", "b/riverside-gazette", "--now", "2025-11-02T05:30:00Z"], in: place.parent, environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        let again = folderSnapshot(place.parent.appendingPathComponent("b/riverside-gazette").path)
        #expect(again == folderSnapshot(site.path), "\(differences(again, folderSnapshot(site.path)))")
        // A machine whose zone has no IANA name, and a folder name without a letter.
        let plain = try run(["init", "2025", "--now", "2025-08-01T12:00:00Z"], in: place.parent, environment: ["TZ": "Nowhere/Atlantis"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let other = text(place.parent.appendingPathComponent("2025"), "Content/site.yml")
        #expect(other.contains("\ntitle: \"My News Site\"\n") && other.contains("\ntimezone: UTC\n"), "\(other)")
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every input has a bound (issue 28): a theme or an article that would run for ever or take the
/// machine's memory ends in an error at its position, exit 1, in bounded time, under a 2 GB
/// memory limit (so a failure here fails the test instead of taking the machine), and the
/// output folder stays as it was.
@Suite struct BoundsTests {
    static let siteYML = "title: Test News\nbaseURL: https://example.org/\n"
    static let article = "---\ntitle: Launch\ndate: 2025-07-31\n---\nThe launch went well.\n"

    /// `sitegen ARGS` in `site` under `ulimit -v` (2 GB), with its wall time.
    func bounded(_ site: SiteFolder, _ arguments: [String]) throws -> (SitegenRun, TimeInterval) {
        let started = Date()
        let quoted = ([SitegenRun.binary.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 2000000; exec \(quoted)"]
        process.currentDirectoryURL = site.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let run = SitegenRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
        return (run, Date().timeIntervalSince(started))
    }

    func site(partial: String) -> SiteFolder {
        let site = SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/articles/a.md": Self.article])
        site.write("Templates/partials/heavy.html", partial)
        let index = site.root.appendingPathComponent("Templates/index.html")
        let text = try! String(contentsOf: index, encoding: .utf8)
        site.write("Templates/index.html", text.replacingOccurrences(of: "{% block content %}", with: "{% block content %}{% include \"partials/heavy.html\" %}"))
        return site
    }

    @Test("a theme past a render limit: an error at its position naming the setting, exit 1, bounded, Public/ untouched", arguments: [
        ("{% set l = [" + Array(repeating: "1", count: 1000).joined(separator: ",") + "] %}{% for a in l %}{% for b in l %}{% for c in l %}x{% endfor %}{% endfor %}{% endfor %}",
         "error: this page runs more than 10,000,000 loop iterations: raise site.yml's limits: loopIterations if this is meant (on /)"),
        ("{% set l = [\"x\"] %}" + String(repeating: "{% set l = l + l %}", count: 40),
         "error: this makes a value of more than 16 MiB: raise site.yml's limits: valueBytes if this is meant (on /)"),
        ("{% set l = [" + Array(repeating: "1", count: 1000).joined(separator: ",") + "] %}{% for a in l %}{% for b in l %}"
            + String(repeating: "x", count: 100) + "{% endfor %}{% endfor %}",
         "error: this page is more than 32 MiB of output: raise site.yml's limits: pageBytes if this is meant (on /)"),
    ])
    func renderLimits(partial: String, message: String) throws {
        let site = site(partial: "")
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let before = site.snapshot("Public")
        site.write("Templates/partials/heavy.html", partial)
        let (run, seconds) = try bounded(site, ["build", "--quiet"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("Templates/partials/heavy.html:1:") && run.stderr.contains(message), "\(run.stderr)")
        #expect(seconds < 120, "refused in \(seconds) s")
        #expect(site.snapshot("Public") == before)
        // Raised in site.yml, the same theme builds (here: the loop, with room for its million iterations).
        if message.contains("loopIterations") {
            site.write("Content/site.yml", Self.siteYML + "limits: {loopIterations: 1000000001, pageBytes: 1073741824}\n")
            site.write("Templates/partials/heavy.html", "{% set l = [" + Array(repeating: "1", count: 1000).joined(separator: ",")
                + "] %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}")
            #expect(try bounded(site, ["build", "--quiet"]).0.status == 0)
        }
    }

    @Test("an article with more terms than limits: terms is an error at the list; a raised limit builds it")
    func terms() throws {
        let topics = (0..<4_000).map { "T\($0)" }.joined(separator: ", ")
        let site = SiteFolder(files: [
            "Content/site.yml": Self.siteYML,
            "Content/articles/a.md": "---\ntitle: Many\ndate: 2025-07-31\ntopics: [\(topics)]\n---\nText.\n",
        ])
        let (run, seconds) = try bounded(site, ["build", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Content/articles/a.md:4:9: error: 'topics' has 4000 terms, more than the 100 an article may have in one taxonomy"),
                "\(run.stderr)")
        #expect(seconds < 60)
        site.write("Content/articles/a.md", "---\ntitle: Many\ndate: 2025-07-31\ntopics: [\((0..<150).map { "T\($0)" }.joined(separator: ", "))]\n---\nText.\n")
        #expect(try bounded(site, ["build", "--quiet"]).0.status == 1)
        site.write("Content/site.yml", Self.siteYML + "limits: {terms: 200}\n")
        #expect(try bounded(site, ["build", "--quiet"]).0.status == 0)
    }

    @Test("a build cache path that is a file, or a memo that is a FIFO, is one line and a full build, never a hang")
    func cacheShapes() throws {
        let site = SiteFolder(files: ["Content/site.yml": Self.siteYML, "Content/articles/a.md": Self.article])
        FileManager.default.createFile(atPath: site.root.appendingPathComponent(".sitegen-cache").path, contents: Data("x".utf8))
        let (file, _) = try bounded(site, ["build", "--quiet"])
        #expect(file.status == 0)
        #expect(file.stderr.contains("sitegen: warning: the build cache .sitegen-cache is not a folder; building without it"), "\(file.stderr)")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".sitegen-cache"))
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let memo = site.root.appendingPathComponent(".sitegen-cache/memo.bin").path
        try FileManager.default.removeItem(atPath: memo)
        #expect(mkfifo(memo, 0o644) == 0)
        let (fifo, seconds) = try bounded(site, ["build", "--quiet"])
        #expect(fifo.status == 0)
        #expect(seconds < 60)
        #expect(fifo.stderr.contains("ignoring the build cache .sitegen-cache/memo.bin: it is not a regular file of the cache"), "\(fifo.stderr)")

        // A pack of body blobs that is a FIFO: never waited on; the bodies are made again.
        let cache = site.root.appendingPathComponent(".sitegen-cache")
        site.write("Content/articles/a.md", Self.article + "\nMore text.\n")
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let packs = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("blobs-") }
        #expect(!packs.isEmpty)
        for pack in packs {
            try FileManager.default.removeItem(at: cache.appendingPathComponent(pack))
            #expect(mkfifo(cache.appendingPathComponent(pack).path, 0o644) == 0)
        }
        let expected = site.snapshot("Public")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".Public.previous"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".Public.record"))
        let (packRun, packSeconds) = try bounded(site, ["build", "--quiet"])
        #expect(packRun.status == 0, "\(packRun.stderr)")
        #expect(packSeconds < 60)
        #expect(site.snapshot("Public") == expected, "the same site, its bodies made again")
    }
}

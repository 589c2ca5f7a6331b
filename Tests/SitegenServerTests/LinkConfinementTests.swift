import Foundation
@testable import SitegenTestSupport
@testable import SitegenServer
import SitegenSite
import Testing

/// `serve` reads the site by the build's rule: a link out of `Content/` or `Templates/` is never
/// read, so nothing of the file it names is served; the preview shows the error instead.
@Suite struct LinkConfinementTests {
    static let secret = "root:x:0:0:SECRET-OUTSIDE-THE-SITE:/root:/bin/bash"

    @Test("links out of Templates/ and Content/ serve nothing of their target, and the error names them")
    func linksOut() async throws {
        let site = SiteFolder.newsSite()
        let outside = site.parent.appendingPathComponent("passwd")
        try Data((Self.secret + "\n").utf8).write(to: outside)
        let story = site.parent.appendingPathComponent("story.md")
        try Data("---\ntitle: Outside story\ndate: 2025-07-30\n---\n\(Self.secret)\n".utf8).write(to: story)
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Templates/assets/passwd.txt").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Templates/partials/passwd.html").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Content/articles/outside.md").path, withDestinationPath: story.path)
        try await withServer(site) { server in
            let asset = try await request(server.port, "/assets/passwd.txt")
            #expect(!asset.text.contains("SECRET"))
            let home = try await request(server.port, "/")
            #expect(!home.text.contains("SECRET"))
            #expect(home.text.contains("is a link to a file outside Templates/"), "the error page says why")
            #expect(home.text.contains("Content/articles/outside.md"))
            let article = try await request(server.port, "/articles/outside-story/")
            #expect(!article.text.contains("SECRET"))
        }
    }
}

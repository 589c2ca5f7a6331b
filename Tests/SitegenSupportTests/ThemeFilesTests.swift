import Foundation
import Testing
import SitegenSupport

@Suite struct ThemeFilesTests {
    @Test("a theme's files leave out what editors leave beside them; templates are the html, xml and txt outside assets/")
    func listing() throws {
        let root = FileManager.default.temporaryDirectory.path + "/sitegen-theme-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = [
            "base.html", "feed.xml", "robots.txt", "notes.md", "partials/card.html", "assets/style.css", "assets/x.html",
            ".base.html.swp", "base.html~", "#base.html#", ".#feed.xml", ".git/config", "partials/.card.html.swp",
        ]
        for file in files {
            let path = root + "/" + file
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        }
        let theme = ThemeFiles(root: root)
        #expect(theme.exists)
        #expect(theme.files == ["assets/style.css", "assets/x.html", "base.html", "feed.xml", "notes.md", "partials/card.html", "robots.txt"])
        #expect(theme.templates == ["base.html", "feed.xml", "partials/card.html", "robots.txt"])
        #expect(ThemeFiles.isIgnored(".hidden/a.html") && ThemeFiles.isIgnored("a.html~") && !ThemeFiles.isIgnored("a#b.html"))
        #expect(!ThemeFiles(root: root + "/missing").exists)
    }
}

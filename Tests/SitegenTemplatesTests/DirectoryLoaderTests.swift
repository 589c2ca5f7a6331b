import Foundation
import Testing
@testable import SitegenTemplates

@Suite struct DirectoryLoaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Templates")

    @Test func aDirectoryLoadsTemplatesByRelativePathSkippingAssets() throws {
        let env = try TemplateEnvironment(loader: .directory(Self.fixtures))
        #expect(env.templateNames == ["article.html", "base.html", "feed.xml", "partials/title.html"])
        #expect(try env.render("article.html", context: ["title": "A & B"]) == "<html><h1>A &amp; B</h1></html>\n")
    }

    @Test func errorsFromADirectoryShowTheDisplayPrefix() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("partials"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{{ x | nope }}".write(to: dir.appendingPathComponent("partials/x.html"), atomically: true, encoding: .utf8)
        #expect(throws: TemplateLoadError.self) { try TemplateEnvironment(loader: .directory(dir, displayPrefix: "Templates")) }
        do {
            _ = try TemplateEnvironment(loader: .directory(dir, displayPrefix: "Templates"))
        } catch {
            #expect(error.errors.map { "\($0.path):\($0.line):\($0.column)" } == ["Templates/partials/x.html:1:8"])
        }
    }
}

import Foundation
import Testing
@testable import SitegenTemplates

@Suite struct SourceLoaderTests {
    @Test("templates given by name load by that name, and their errors show the display prefix")
    func errorsShowTheDisplayPrefix() throws {
        let files: [(name: String, bytes: [UInt8]?)] = [
            ("partials/x.html", Array("{{ x | nope }}".utf8)), ("base.html", Array("<p>{{ title }}</p>".utf8)),
        ]
        #expect(throws: TemplateLoadError.self) { try TemplateEnvironment(loader: .sources(files, displayPrefix: "Templates")) }
        do {
            _ = try TemplateEnvironment(loader: .sources(files, displayPrefix: "Templates"))
        } catch {
            #expect(error.errors.map { "\($0.path):\($0.line):\($0.column)" } == ["Templates/partials/x.html:1:8"])
        }
        let good = try TemplateEnvironment(loader: .sources([files[1]], displayPrefix: "Templates"))
        #expect(good.templateNames == ["base.html"])
        #expect(try good.render("base.html", context: ["title": "A & B"]) == "<p>A &amp; B</p>")
    }

    @Test("a file that could not be read, or is not UTF-8, is an error at its path")
    func unreadable() {
        do {
            _ = try TemplateEnvironment(loader: .sources([("a.html", nil), ("b.html", [0xFF, 0xFE])], displayPrefix: "T"))
            Issue.record("loaded")
        } catch {
            #expect(error.errors.map(\.path) == ["T/a.html", "T/b.html"])
        }
    }
}

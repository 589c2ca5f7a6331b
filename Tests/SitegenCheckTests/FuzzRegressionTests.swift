import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenTemplates
import Testing

/// Every input the fuzzers (Fuzz/, scripts/fuzz) found interesting or crashing, replayed with the
/// same checks as the fuzz targets: Fixtures/fuzz/<target>/<name>.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let folder = checkFixtures.appendingPathComponent("fuzz/\(target)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    static let targets = ["FuzzFrontMatter", "FuzzTemplates", "FuzzMarkdown"]

    /// A replay of no inputs passes whatever the code does: a moved or emptied folder must fail.
    @Test("every fuzz target has inputs to replay", arguments: targets)
    func fixturesExist(_ target: String) {
        #expect(!Self.inputs(target).isEmpty, "no inputs in Fixtures/fuzz/\(target)")
    }

    @Test(arguments: inputs("FuzzFrontMatter"))
    func frontMatter(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            let article = try Article.make(from: bytes, path: "x.md", config: SiteConfig(title: "F", baseURL: "https://example.org/"))
            #expect(article.bodyLine >= 1)
        } catch {
            for d in error.diagnostics { #expect(d.position.line >= 1 && d.position.column >= 1, "\(d)") }
        }
    }

    @Test(arguments: inputs("FuzzTemplates"))
    func templates(_ path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let parts = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
        let files = ["page.html": String(parts[0]), "partial.html": parts.count > 1 ? String(parts[1]) : "{{ x }}"]
        if let environment = try? TemplateEnvironment(loader: .memory(files)) {
            _ = try? environment.render("page.html", context: ["x": .string("<b>")])
        }
    }

    @Test(arguments: inputs("FuzzMarkdown"))
    func markdown(_ path: String) throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        guard let first = data.first else { return }
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        var lines = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 13 || (byte == 10 && previous != 13) { lines += 1 }
            previous = byte
        }
        let rendered = Markdown.render(text, options: MarkdownOptions(unsafeHTML: first & 1 == 1), path: "x.md", lineOffset: 5)
        for position in rendered.links.map(\.position) + rendered.headings.map(\.position) {
            #expect((6...(lines + 5)).contains(position.line), "\(position)")
        }
    }
}

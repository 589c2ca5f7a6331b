import ArgumentParser
import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport

/// `sitegen bench-floor`: the floor a build is measured against — read every article file, cut off
/// its front-matter, and parse and render its body with cmark-gfm on one thread; no templates, no writes.
struct FloorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-floor",
        abstract: "Parses and renders every article body on one thread, for benchmarks.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "The site's folder, holding Content/.")
    var source: String = "."

    func run() throws {
        let loader = ContentLoader(sourceDirectory: source)
        let paths = loader.articleFiles()
        var bytesOut = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let split = try? FrontMatterSplitter.split(Array(data), path: path) else { continue }
            bytesOut += Markdown.render(split.body).html.utf8.count
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("\(paths.count) bodies, \(bytesOut) bytes of HTML, \(String(format: "%.3f", seconds)) s")
    }
}

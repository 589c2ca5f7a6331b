import ArgumentParser
import Foundation
import SitegenSite
import SitegenSupport

/// `sitegen build`: builds the site into the output folder, atomically.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Builds the site into Public/ (or --output), replacing it only when the build succeeds."
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: "The folder to write (default: <source>/Public).")
    var output: String?

    @Flag(name: .long, help: "Prints only problems.")
    var quiet = false

    @Flag(name: .long, help: "Fails on warnings too (a broken link, an image without alt text), leaving the output as it was.")
    var strict = false

    @Flag(name: .customLong("print-next-change"), help: ArgumentHelp(
        "Builds as usual but prints only the next moment the site changes by itself (a publication, an expiry, an article leaving the news sitemap), as an RFC 3339 UTC timestamp, or nothing."))
    var printNextChange = false

    func validate() throws {
        try site.requireBaseURL()
    }

    func run() throws {
        var options = site.buildOptions()
        // A preview (--drafts, --future) has a folder of its own, never the one production serves.
        let folder = options.isPreview ? "Public.preview" : "Public"
        let outputPath = output ?? (site.source == "." ? folder : (site.source as NSString).appendingPathComponent(folder))
        do {
            cache.apply(to: &options)
            options.strict = strict
            let result = try SiteBuilder.build(options, writingTo: outputPath)
            report(result.warnings)
            reportBrokenLinks(result.site.brokenLinks)
            reportPreview(result.site.model, outputPath: outputPath)
            if printNextChange {
                if let next = result.site.nextChange { print(NextChange.timestamp(next.date)) }
            } else if !quiet {
                print(result.summary)
            }
            // The model and contexts of a large site are millions of small allocations: freeing
            // them one by one takes a tenth of a second at 10,000 articles and serves nothing,
            // since the process ends here. exit() flushes stdout; the system takes the memory back.
            withExtendedLifetime(result) { Foundation.exit(0) }
        } catch let error as DiagnosticsError {
            report(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            fail("build failed with \(count) error\(count == 1 ? "" : "s")\(strict ? " (--strict fails on warnings)" : "")"
                + "; \(outputPath) was left as it was")
        } catch {
            fail("\(error)")
        }
    }
}

/// What a preview shows that production would not, on standard error: each draft and scheduled
/// article by its file, so no one mistakes the preview for what will go live.
func reportPreview(_ model: SiteModel, outputPath: String) {
    guard model.isPreview else { return }
    let shown = model.previewOnly
    var text = "sitegen: preview in \(outputPath) (noindex, no sitemaps; never deploy it): "
    if shown.isEmpty {
        text += "it shows nothing that production would not\n"
    } else {
        text += "it shows \(shown.count) article\(shown.count == 1 ? "" : "s") that production would not:\n"
        for item in shown.sorted(by: { $0.entry.sourcePath < $1.entry.sourcePath }) {
            text += "  \(item.entry.sourcePath) \(item.reason)\n"
        }
    }
    FileHandle.standardError.write(Data(text.utf8))
}

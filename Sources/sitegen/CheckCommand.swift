import ArgumentParser
import Foundation
import SitegenSite
import SitegenSupport

/// `sitegen check`: builds the site in memory and reports broken links, anchors, ids and sources.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Builds the site in memory and reports broken links and anchors, duplicate ids, uncited sources and images without alt text.",
        discussion: "Exits 1 when there are errors (or, with --strict, warnings). External links are not fetched."
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var cache: CacheOptions

    @Flag(name: .long, help: "Fails on warnings too.")
    var strict = false

    @Flag(name: .customLong("external-list"), help: "Prints every external link, with where it is written.")
    var externalList = false

    func validate() throws {
        try site.requireBaseURL()
    }

    func run() throws {
        let checked: CheckReport
        do {
            var options = site.buildOptions()
            cache.apply(to: &options)
            checked = try SiteChecker.check(options)
        } catch {
            report(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            fail("the site does not build (\(count) error\(count == 1 ? "" : "s")), so it was not checked")
        }
        report(checked.diagnostics)
        if externalList {
            var text = ""
            for link in checked.externalLinks {
                let place = link.position.map { "\($0)" } ?? link.pages.first ?? ""
                text += "\(link.url)\t\(place)\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let errors = checked.errors.count, warnings = checked.warnings.count
        let summary = "checked \(checked.pagesChecked) page\(checked.pagesChecked == 1 ? "" : "s") and \(checked.linksChecked) link\(checked.linksChecked == 1 ? "" : "s"): "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            + (checked.externalLinks.isEmpty || externalList ? "" : "; \(checked.externalLinks.count) external links not fetched (list them with --external-list)")
        if errors > 0 || (strict && warnings > 0) {
            fail(summary + (errors == 0 ? " (--strict fails on warnings)" : ""))
        }
        print(summary)
    }
}

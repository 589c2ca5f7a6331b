import Foundation
import SitegenSupport

/// A finished `sitegen build`: the site, what the write did, and the report printed for it.
public struct BuildResult: Sendable {
    public var site: BuiltSite
    public var write: WriteReport
    public var outputPath: String
    /// Files written to the output folder, and how many of them are assets.
    public var fileCount: Int
    public var assetCount: Int
    /// What the build took from the memo.
    public var session: SessionBuild

    init(session: SessionBuild, outputPath: String) {
        self.session = session
        site = session.site
        write = session.write ?? WriteReport()
        self.outputPath = outputPath
        fileCount = session.fileCount
        assetCount = session.assetCount
    }

    public var warnings: [Diagnostic] { site.warnings }

    /// The build report, like Hugo's table: pages by kind, terms, files, time per stage.
    public var summary: String {
        var lines: [String] = []
        var byKind: [Route.Kind: Int] = [:]
        for route in site.routes { byKind[route.kind, default: 0] += 1 }
        let rows: [(String, Int)] = [
            ("Articles", byKind[.article] ?? 0),
            ("Pages", byKind[.page] ?? 0),
            ("Home pages", byKind[.home] ?? 0),
            ("Taxonomy lists", byKind[.taxonomy] ?? 0),
            ("Term pages", byKind[.term] ?? 0),
            ("Feeds (Atom, RSS, JSON)", Route.Kind.allCases.filter(\.isFeed).reduce(0) { $0 + (byKind[$1] ?? 0) }),
            ("Aliases", byKind[.alias] ?? 0),
            ("Other (sitemaps, robots, 404)",
             [.sitemap, .newsSitemap, .robots, .notFound].reduce(0) { $0 + (byKind[$1] ?? 0) }),
            ("Assets", assetCount),
        ]
        var table = rows
        for taxonomy in site.model.taxonomies { table.append(("Terms: \(taxonomy.name)", taxonomy.terms.count)) }
        if site.draftsSkipped > 0 { table.append(("Drafts skipped", site.draftsSkipped)) }
        if site.scheduled > 0 { table.append(("Scheduled (not yet published)", site.scheduled)) }
        if site.expired > 0 { table.append(("Expired", site.expired)) }
        let width = (table.map(\.0.count).max() ?? 0) + 1
        lines.append(pad("", width) + "| count")
        lines.append(String(repeating: "-", count: width) + "+-------")
        for (name, count) in table { lines.append(pad(name, width) + "| " + String(count)) }
        lines.append("")
        lines.append("Wrote \(outputPath): \(write.written) files written, \(write.unchanged) unchanged, \(write.removed) removed")
        lines.append(session.reuseLine)
        lines.append("Next change: " + (site.nextChange?.description ?? "none (nothing is scheduled, expires or is in the news sitemap)"))
        let t = site.timings
        lines.append("Time: " + (t.cacheLoad > 0 ? "cache read \(ms(t.cacheLoad)), " : "") + "load \(ms(t.load)), markdown \(ms(t.markdown)), model \(ms(t.model)), "
            + "links \(ms(t.links)), render and write \(ms(t.render + t.write)), cache saved \(ms(t.cache)); total \(ms(t.total))")
        return lines.joined(separator: "\n")
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    private func ms(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded())) ms" }
}

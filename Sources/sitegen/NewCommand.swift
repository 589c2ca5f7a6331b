import ArgumentParser
import Foundation
import SitegenContent
import SitegenSupport

/// `sitegen new "Title"`: writes `Content/articles/<date>-<slug>.md` with its front-matter filled in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Writes a new article file, Content/articles/<date>-<slug>.md, and prints its path.",
        discussion: "It never overwrites a file."
    )

    @Argument(help: "The article's title.")
    var title: String

    @Option(name: .long, help: "Topics, separated by commas: --topics NASA,SpaceX")
    var topics: String?

    @Option(name: .long, help: "Sources, separated by commas: --sources Reuters,\"AP News\"")
    var sources: String?

    @Option(name: .long, help: "The date, YYYY-MM-DD (default: today in the site's time zone).")
    var date: String?

    @Option(name: .long, help: "The slug (default: made from the title).")
    var slug: String?

    @Option(name: .long, help: "The site's folder, holding Content/.")
    var source: String = "."

    func validate() throws {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("the title is empty: sitegen new \"Crew-11 reaches the station\"")
        }
        if let date, Self.parse(date) == nil {
            throw ValidationError("invalid date '\(date)': write it as YYYY-MM-DD, a day that exists, like 2025-07-31")
        }
        if slug == nil, Slug.make(title) == nil {
            throw ValidationError("the title '\(title)' gives no usable slug (a URL needs letters or digits): add --slug")
        }
        if let slug, Slug.make(slug) != slug {
            throw ValidationError("'\(slug)' is not a slug: use lower-case ASCII words joined by '-', like \(Slug.make(slug) ?? "crew-11-docks")")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder("Content"), isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("no Content/ folder in '\(source)': run sitegen in a site's folder, or name one with --source")
        }
    }

    func run() throws {
        let day = date ?? Self.today(in: siteTimeZone())
        let slug = self.slug ?? Slug.make(title)!
        let path = folder("Content/articles/\(day)-\(slug).md")
        try? FileManager.default.createDirectory(
            atPath: folder("Content/articles"), withIntermediateDirectories: true)
        do {
            try Data(text(date: day).utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: path) {
                fail("\(path) already exists: sitegen new never overwrites a file; choose another title, --slug or --date")
            }
            fail("cannot write \(path): \(error.localizedDescription)")
        }
        print(path)
    }

    /// The new file: front-matter, then an empty body.
    func text(date: String) -> String {
        var lines = ["---", "title: \(Self.yamlString(title))", "date: \(date)"]
        for (key, value) in [("topics", topics), ("sources", sources)] {
            let names = Self.list(value)
            if !names.isEmpty { lines.append("\(key): [\(names.map(Self.yamlString).joined(separator: ", "))]") }
        }
        if let slug { lines.append("slug: \(slug)") }
        lines += ["---", "", ""]
        return lines.joined(separator: "\n")
    }

    // MARK: - Helpers

    private func folder(_ relative: String) -> String {
        source == "." ? relative : (source as NSString).appendingPathComponent(relative)
    }

    /// The time zone of `site.yml`, or UTC when it cannot be read.
    private func siteTimeZone() -> TimeZone {
        let path = folder("Content/site.yml")
        guard let data = FileManager.default.contents(atPath: path),
              let config = try? SiteConfig.make(from: Array(data), path: path) else { return TimeZone(identifier: "UTC")! }
        return config.timeZone
    }

    static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A YAML double-quoted scalar: safe for any title, colon, quote or `#` included.
    static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func today(in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A real calendar day written as YYYY-MM-DD.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: y, month: m, day: d)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}

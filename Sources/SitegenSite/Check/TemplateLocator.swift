import Foundation
import SitegenSupport

/// Finds where in the theme a piece of a rendered page was written, for problems not in Markdown.
///
/// Rendered HTML keeps no template positions, so the locator searches the template sources for
/// the URL as written (`/assets/x.css`, or the same without the base path, as `relative_url`
/// takes it); it tries the page's own template first.
struct TemplateLocator {
    private struct Source {
        var path: String
        var lines: [Substring]
    }

    private let sources: [String: Source]
    private let names: [String]
    private let displayPrefix: String

    /// Every template of the site's theme (the built-in theme and the site's `Templates/`, as
    /// the build reads them), named as problems show them.
    init(theme: SiteTheme, displayPrefix: String) {
        var sources: [String: Source] = [:]
        for file in theme.templates {
            guard let bytes = file.bytes, let text = String(validating: bytes, as: UTF8.self) else { continue }
            sources[file.path] = Source(path: file.display, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        }
        self.sources = sources
        self.displayPrefix = displayPrefix
        names = sources.keys.sorted()
    }

    /// The first place one of `needles` is written, in `template` and then in the others;
    /// a line that also holds `context` (`src=`, `<img`) is taken first.
    func locate(_ needles: [String], context: String? = nil, preferring template: String) -> SourcePosition? {
        if let context, let found = search(needles, context: context, preferring: template) { return found }
        return search(needles, context: nil, preferring: template)
    }

    private func search(_ needles: [String], context: String?, preferring template: String) -> SourcePosition? {
        for name in [template] + names where name != template || sources[name] != nil {
            guard let source = sources[name] else { continue }
            for needle in needles where !needle.isEmpty {
                for (index, line) in source.lines.enumerated() where context.map({ line.contains($0) }) ?? true {
                    if let range = line.range(of: needle) {
                        let column = line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
                        return SourcePosition(path: source.path, line: index + 1, column: column)
                    }
                }
            }
        }
        return nil
    }

    /// The template file itself, for a problem that cannot be placed more exactly.
    func file(_ template: String) -> SourcePosition {
        SourcePosition(path: sources[template]?.path ?? displayPrefix + "/" + template)
    }
}

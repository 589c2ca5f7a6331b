import Foundation
import SitegenSupport

/// The anchors known in one output file: ids, and the prefixes of ids a template makes from data
/// (`id="letter-{{ letter }}"` makes any `letter-…`).
struct AnchorSet: Sendable {
    var ids: Set<String>
    var prefixes: [String] = []

    func contains(_ id: String) -> Bool { ids.contains(id) || prefixes.contains { id.hasPrefix($0) } }
}

/// What a link of the site may lead to: its output files, and the anchors in them. `sitegen check`
/// knows every id of every rendered page; a build knows the files and the anchors of its articles
/// and pages (their headings' ids and the theme's), which is what Markdown links point at.
struct LinkTargets: Sendable {
    let urls: SiteURLs
    let files: Set<String>
    /// The anchors of an output file, or nil when they are not known: its anchors are then not checked.
    let anchors: @Sendable (String) -> AnchorSet?
    /// The site paths of articles the clock leaves out, with their source file and why.
    let unpublished: [String: (source: String, reason: String)]
    private let candidates: LazyCandidates

    init(urls: SiteURLs, files: Set<String>, unpublished: [SiteModel.Unpublished] = [],
         anchors: @escaping @Sendable (String) -> AnchorSet?) {
        self.urls = urls
        self.files = files
        self.anchors = anchors
        self.unpublished = Dictionary(unpublished.map { ($0.entry.path, ($0.entry.sourcePath, $0.reason)) }, uniquingKeysWith: { a, _ in a })
        candidates = LazyCandidates(files)
    }

    /// What is wrong with a link to `target`, or nil when it leads somewhere.
    func problem(with target: LinkTarget, written: String, onPage page: String, what: String = "link") -> String? {
        switch target {
        case .unchecked, .external:
            return nil
        case .outsideBasePath(let path):
            return "\(what) to \(quoted(written)) leads outside the site: every page is below \(urls.basePath), "
                + "and \(path) is not (write site links as /path/, sitegen adds the base path)"
        case .site(let path, let fragment):
            guard let file = lookup(path) else {
                let folder = path.isEmpty || path.hasSuffix("/") ? path : path + "/"
                if let held = unpublished[folder] {
                    return "\(what) to \(quoted(written)) leads to an article that is not published: \(held.source) \(held.reason), "
                        + "so the link is a 404 on the live site"
                }
                let noun = path.hasPrefix("assets/") || what == "image" ? "file" : "page"
                var message = what == "image"
                    ? "image \(quoted(written)) is missing: there is no file \(display(path))"
                    : "link to \(quoted(written)) leads nowhere: there is no \(noun) \(display(path))"
                if let near = Self.nearest(path, in: candidates.paths) { message += "; did you mean \(display(near))?" }
                return message
            }
            guard let fragment, !fragment.isEmpty, fragment != "top", file.hasSuffix(".html"),
                  let known = anchors(file) else {
                return nil
            }
            if known.contains(fragment) { return nil }
            let where_ = path == page ? "this page" : display(path)
            var message = "\(what) to \(quoted(written)) leads to a missing anchor: \(where_) has no id '\(fragment)'"
            if let near = Self.nearest(fragment, in: known.ids.sorted()) { message += "; did you mean '#\(near)'?" }
            return message
        }
    }

    /// The output file a site path is served from, if there is one.
    func lookup(_ path: String) -> String? {
        if path.isEmpty || path.hasSuffix("/") { return files.contains(SitePaths.file(path)) ? SitePaths.file(path) : nil }
        if files.contains(path) { return path }
        if files.contains(SitePaths.file(path + "/")) { return SitePaths.file(path + "/") }
        return nil
    }

    func display(_ sitePath: String) -> String { urls.url(sitePath) }

    private func quoted(_ url: String) -> String { "'\(url)'" }

    /// The closest of `candidates` to `word`, if one is close enough to be a typo.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        if let same = Typos.sameButCase(word, in: candidates) { return same }
        // Typos are judged on the last segment: `articles/b/` is not a typo of `articles/a/`.
        let segment = word.split(separator: "/").last.map(\.utf8.count) ?? 0
        let limit = min(3, segment / 3)
        guard limit > 0, candidates.count <= 20_000 else { return nil }
        return Typos.nearest(to: word, in: candidates) { _ in limit }
    }

    /// The site paths of the files, sorted, made when a broken link first needs a suggestion.
    private final class LazyCandidates: @unchecked Sendable {
        private let files: Set<String>
        private let lock = NSLock()
        private var made: [String]?

        init(_ files: Set<String>) { self.files = files }

        var paths: [String] {
            lock.withLock {
                if let made { return made }
                let paths = files.map { SitePaths.path(ofFile: $0) }.sorted()
                made = paths
                return paths
            }
        }
    }
}

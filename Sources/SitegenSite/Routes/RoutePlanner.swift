import Foundation
import SitegenSupport
import SitegenTemplates

/// Lists every route of a site model, and reports two routes that would write one file.
struct RoutePlanner {
    let model: SiteModel
    /// The most URLs one sitemap file lists (sitemaps.org allows 50,000); past it, an index.
    var sitemapLimit = 50_000

    func plan() -> ([Route], [Diagnostic]) {
        var routes: [Route] = []
        let perPage = model.config.perPage

        let homePages = Pagination.pageCount(items: model.articles.count, perPage: perPage)
        for page in 1...homePages {
            routes.append(Route(kind: .home, path: Pagination.path("", page: page), target: .home(page: page)))
        }
        // Entries are read in place (a copied entry retains every string and list it holds).
        routes.reserveCapacity(homePages + model.articles.count * 2 + model.pages.count + 20)
        for i in model.articles.indices {
            routes.append(Route(
                kind: .article, path: model.articles[i].path, origin: model.articles[i].frontMatter.slugPosition, target: .article(i)))
        }
        for i in model.pages.indices {
            routes.append(Route(kind: .page, path: model.pages[i].path, origin: model.pages[i].frontMatter.slugPosition, target: .page(i)))
        }
        for (t, taxonomy) in model.taxonomies.enumerated() {
            routes.append(Route(kind: taxonomy.isAuthors ? .authors : .taxonomy, path: taxonomy.path, target: .taxonomy(t)))
            for (k, term) in taxonomy.terms.enumerated() {
                let pages = Pagination.pageCount(items: term.articles.count, perPage: perPage)
                for page in 1...pages {
                    routes.append(Route(
                        kind: taxonomy.isAuthors ? .author : .term, path: Pagination.path(term.path, page: page),
                        origin: page == 1 ? term.profile.map { model.authors[$0].frontMatter.position } : nil,
                        target: .term(taxonomy: t, term: k, page: page)))
                }
                for format in FeedFormat.allCases {
                    routes.append(Route(
                        kind: .feed(format, ofTerm: true), path: SitePaths.feed(of: term.path, format: format),
                        target: .termFeed(taxonomy: t, term: k, format: format)))
                }
            }
        }
        if !model.archive.isEmpty {
            routes.append(Route(kind: .archive, path: SitePaths.archive(), target: .archive(year: nil, month: nil, page: 1)))
            for year in model.archive {
                routes.append(Route(kind: .archive, path: year.path, target: .archive(year: year.year, month: nil, page: 1)))
                for month in year.months {
                    for page in 1...Pagination.pageCount(items: month.articles.count, perPage: perPage) {
                        routes.append(Route(
                            kind: .archive, path: Pagination.path(month.path, page: page),
                            target: .archive(year: year.year, month: month.month, page: page)))
                    }
                }
            }
        }
        if !model.corrections.isEmpty {
            for page in 1...Pagination.pageCount(items: model.corrections.count, perPage: perPage) {
                routes.append(Route(kind: .corrections, path: Pagination.path(SitePaths.corrections, page: page), target: .corrections(page: page)))
            }
        }
        for format in FeedFormat.allCases {
            routes.append(Route(kind: .feed(format, ofTerm: false), path: SitePaths.feed(of: "", format: format), target: .siteFeed(format)))
        }
        // A preview is for the newsroom's eyes: nothing in it invites a crawler.
        if !model.isPreview {
            routes.append(Route(kind: .sitemap, path: SitePaths.sitemap, target: .sitemap))
            routes.append(Route(kind: .newsSitemap, path: SitePaths.newsSitemap, target: .newsSitemap))
        }
        routes.append(Route(kind: .robots, path: SitePaths.robots, target: .robots))
        routes.append(Route(kind: .notFound, path: SitePaths.notFound, target: .notFound))
        for entries in [model.articles, model.pages] {
            for i in entries.indices where !entries[i].frontMatter.aliases.isEmpty {
                for alias in entries[i].frontMatter.aliases where Self.isSafeAlias(alias) {
                    let path = Self.sitePath(alias)
                    routes.append(Route(kind: .alias, path: path, origin: entries[i].frontMatter.position(of: "aliases"),
                                        target: .alias(to: entries[i].path)))
                }
            }
        }
        let listed = routes.filter(\.isListed).count
        let limit = max(1, sitemapLimit)
        if listed > limit, let at = routes.firstIndex(where: { $0.kind == .sitemap }) {
            let parts = (listed + limit - 1) / limit
            routes[at].target = .sitemapIndex(parts: parts)
            for part in 1...parts {
                let range = Pagination.slice(listed, page: part, perPage: limit)
                routes.append(Route(kind: .sitemap, path: SitePaths.sitemapPart(part), target: .sitemapPart(range)))
            }
        }
        return (routes, collisions(routes))
    }

    /// Whether an alias stays inside the site: no `..` or `.` segment, backslash, or control character.
    static func isSafeAlias(_ alias: String) -> Bool {
        if alias.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }) { return false }
        let decoded = alias.removingPercentEncoding ?? alias
        return !decoded.split(separator: "/", omittingEmptySubsequences: true).contains { $0 == ".." || $0 == "." }
            && !decoded.contains("\\") && !alias.contains("://") && !sitePath(alias).isEmpty
    }

    /// An alias as a site path: `/old/url` → `old/url/`; a path naming a file (`old.html`) stays a file.
    static func sitePath(_ alias: String) -> String {
        var path = String(alias.drop(while: { $0 == "/" }))
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        if !path.isEmpty, !path.hasSuffix("/"), !last.contains(".") { path += "/" }
        return path
    }

    private func collisions(_ routes: [Route]) -> [Diagnostic] {
        var firstByFile: [String: Int] = [:]
        firstByFile.reserveCapacity(routes.count)
        var diagnostics: [Diagnostic] = []
        for (index, route) in routes.enumerated() {
            guard let firstIndex = firstByFile.updateValue(index, forKey: route.file) else { continue }
            firstByFile[route.file] = firstIndex  // the first stays the one others collide with
            let first = routes[firstIndex]
            // The error is about a file the user wrote (a page, an alias), at its position; the
            // other is named by its file, or as the site's own pages.
            let (mine, theirs) = route.origin == nil && first.origin != nil ? (first, route) : (route, first)
            let url = model.urls.url(route.path)
            let here = mine.origin ?? SourcePosition(path: "Content", line: 1, column: 1)
            let other = theirs.origin.map { "\(describe(theirs)) (\($0))" } ?? describe(theirs)
            diagnostics.append(.error(
                "\(describe(mine)) would be written to \(url), which \(other) already uses: give it another slug or alias",
                at: here))
        }
        return diagnostics
    }

    /// A file of the output that no route makes: a theme asset, a processed image, a file of
    /// `static/`, a preview's record; what makes it, and where that is.
    struct OtherOutput {
        var file: String
        var source: String
        var position: SourcePosition
    }

    /// The one collision rule for the files no route makes, against the routes (which
    /// `plan()` checks among themselves) and each other: a clash names both sources, at the
    /// position of the one the user wrote (a page or alias, else the file).
    func collisions(_ routes: [Route], others: [OtherOutput]) -> [Diagnostic] {
        guard !others.isEmpty else { return [] }
        // Indexed by the few other files, so the many routes are only looked up, never indexed again.
        var firstOther: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for (index, other) in others.enumerated() {
            if let first = firstOther[other.file] {
                diagnostics.append(.error(
                    "\(other.source) would be written to /\(other.file), which \(others[first].source) already writes: "
                        + "rename or move one of them", at: other.position))
            } else {
                firstOther[other.file] = index
            }
        }
        for route in routes {
            guard let index = firstOther.removeValue(forKey: route.file) else { continue }  // the first route to a file clashes
            let other = others[index]
            if let origin = route.origin {
                diagnostics.append(.error(
                    "\(describe(route)) would be written to /\(other.file), which \(other.source) already writes: "
                        + "give it another slug or alias", at: origin))
            } else {
                diagnostics.append(.error(
                    "\(other.source) would be written to /\(other.file), which \(describe(route)) already writes: "
                        + "rename or move the file", at: other.position))
            }
        }
        return diagnostics
    }

    private func describe(_ route: Route) -> String {
        switch route.target {
        case .article(let i): "the article '\(model.articles[i].title)'"
        case .page(let i): "the page '\(model.pages[i].title)'"
        case .alias: "the alias \(model.urls.url(route.path))"
        case .taxonomy(let t): model.taxonomies[t].isAuthors ? "sitegen's index of authors" : "the \(model.taxonomies[t].name) index"
        case .term(let t, let k, _):
            model.taxonomies[t].isAuthors ? "the author page of \(model.taxonomies[t].terms[k].name)"
                : "the page of \(model.taxonomies[t].terms[k].name) in \(model.taxonomies[t].name)"
        case .home: "the home page"
        case .corrections: "sitegen's list of corrections"
        case .archive(let year, let month, _):
            year == nil ? "sitegen's date archive" : month == nil ? "sitegen's archive of \(year!)" : "sitegen's archive of \(monthName(month!)) \(year!)"
        case .siteFeed(let format): "sitegen's \(format.displayName) feed"
        case .termFeed(let t, let k, let format):
            "the \(format.displayName) feed of \(model.taxonomies[t].terms[k].name) in \(model.taxonomies[t].name)"
        case .sitemap, .sitemapIndex, .sitemapPart: "sitegen's sitemap"
        case .newsSitemap: "sitegen's news sitemap"
        case .robots: "sitegen's robots.txt (made by Templates/robots.txt)"
        case .notFound: "sitegen's 404 page (made by Templates/404.html)"
        default: "sitegen's own \(route.kind.rawValue) page"
        }
    }
}

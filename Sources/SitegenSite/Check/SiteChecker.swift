import SitegenContent
import SitegenMarkdown
import SitegenSupport

/// `sitegen check`: follows every link, image and anchor of a site built in memory, and
/// cross-checks each article's attributed paragraphs against its declared sources.
///
/// A problem in an article's Markdown is reported at its Markdown line; one that comes from
/// the theme at the template line that writes the URL (or the template, when the URL is made
/// from data), once, with the number of pages it appears on.
public struct SiteChecker: Sendable {
    public let site: BuiltSite
    public let options: BuildOptions

    public init(site: BuiltSite, options: BuildOptions) {
        self.site = site
        self.options = options
    }

    /// Builds the site in memory and checks it; the build's own errors are thrown as they are.
    public static func check(_ options: BuildOptions) throws(DiagnosticsError) -> CheckReport {
        var options = options
        // Check reports broken Markdown links itself, as errors.
        options.checksLinks = false
        options.strict = false
        return SiteChecker(site: try SiteBuilder.buildInMemory(options), options: options).check()
    }

    public func check() -> CheckReport {
        var run = CheckRun(site: site, options: options)
        run.checkPages()
        run.checkEntries()
        return run.report()
    }
}

/// The state of one check: the scanned pages, and what has been found so far.
private struct CheckRun {
    let site: BuiltSite
    let model: SiteModel
    let resolver: LinkResolver
    let templates: TemplateLocator
    /// Scanned HTML and XML files by output path.
    var scanned: [String: ScannedPage] = [:]
    var idSets: [String: Set<String>] = [:]
    let files: Set<String>
    /// Made once the pages are scanned.
    var targets: LinkTargets!
    let routesByFile: [String: Route]
    let entriesByPath: [String: Entry]

    var diagnostics: [Diagnostic] = []
    /// Problems found in rendered pages that come from the theme: one diagnostic, many pages.
    var themeProblems: [Diagnostic: [String]] = [:]
    var external: [String: (position: SourcePosition?, pages: Set<String>)] = [:]
    var linksChecked = 0

    init(site: BuiltSite, options: BuildOptions) {
        self.site = site
        model = site.model
        resolver = LinkResolver(urls: site.model.urls)
        templates = TemplateLocator(
            theme: SiteTheme(root: options.displayPath("Templates")), displayPrefix: options.displayPath("Templates"))
        files = Set(site.files.map(\.path))
        routesByFile = Dictionary(site.routes.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        entriesByPath = Dictionary(
            (site.model.articles + site.model.pages).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for file in site.files where file.path.hasSuffix(".html") || file.path.hasSuffix(".xml") {
            guard routesByFile[file.path] != nil || file.path.hasSuffix(".html") else { continue }
            let page = HTMLScanner.scan(file.bytes)
            scanned[file.path] = page
            idSets[file.path] = Set(page.ids)
        }
        let ids = idSets
        targets = LinkTargets(urls: model.urls, files: files, unpublished: model.unpublished, anchors: { ids[$0].map { AnchorSet(ids: $0) } })
    }

    // MARK: - Rendered pages

    mutating func checkPages() {
        for file in scanned.keys.sorted() {
            let page = scanned[file]!
            let sitePath = Self.sitePath(ofFile: file)
            let template = routesByFile[file]?.template ?? file
            let entry = entriesByPath[sitePath]
            let markdownURLs = Set((entry?.markdown.links ?? []).map { LinkResolver.decode(rebased($0.url)) })

            if file.hasSuffix(".html") { checkDuplicateIDs(page, file: file, template: template, entry: entry) }

            for reference in page.references {
                // A link written in this page's Markdown is checked at its Markdown line instead.
                if entry != nil, markdownURLs.contains(LinkResolver.decode(reference.url)) { continue }
                linksChecked += 1
                switch resolver.resolve(reference.url, onPage: sitePath) {
                case .unchecked:
                    continue
                case .external(let url):
                    // A source's homepage comes from front-matter: point at that source.
                    let declared = entry?.frontMatter.terms.values.joined().first { $0.url == reference.url }?.position
                    let position = declared ?? templates.locate([url], preferring: template)
                    external[url, default: (position, [])].pages.insert(sitePath)
                case let target:
                    guard let problem = targets.problem(with: target, written: reference.url, onPage: sitePath) else { continue }
                    let position = templates.locate(
                        needles(for: reference.url), context: reference.attribute + "=", preferring: template)
                        ?? templates.file(template)
                    themeProblems[.error(problem, at: position), default: []].append(display(sitePath))
                }
            }
            for src in page.imagesWithoutAlt {
                let position = templates.locate(src.isEmpty ? ["<img"] : needles(for: src), context: "<img", preferring: template)
                    ?? templates.file(template)
                themeProblems[.warning("image \(quoted(src)) has no alt attribute: add alt=\"…\" describing it, or alt=\"\" if it is decoration",
                                       at: position), default: []].append(display(sitePath))
            }
        }
    }

    private mutating func checkDuplicateIDs(_ page: ScannedPage, file: String, template: String, entry: Entry?) {
        var counts: [String: Int] = [:]
        for id in page.ids { counts[id, default: 0] += 1 }
        for (id, count) in counts where count > 1 {
            let message = "the id '\(id)' appears \(count) times on \(display(Self.sitePath(ofFile: file))): ids must be unique in a page"
            if let heading = entry?.markdown.headings.first(where: { $0.id == id }) {
                diagnostics.append(.error(
                    message + "; this heading's id collides with one in the template: reword the heading",
                    at: heading.position))
            } else {
                let position = templates.locate(["id=\"\(id)\"", "id='\(id)'"], preferring: template) ?? templates.file(template)
                themeProblems[.error("the id '\(id)' appears more than once in a page: ids must be unique in a page",
                                     at: position), default: []].append(display(Self.sitePath(ofFile: file)))
            }
        }
    }

    // MARK: - Markdown

    mutating func checkEntries() {
        checkSchedule()
        for entry in model.articles + model.pages {
            for link in entry.markdown.links { checkMarkdownLink(link, in: entry) }
            if entry.kind == .article {
                checkAttributions(entry)
                checkStructuredData(entry)
            }
        }
    }

    /// Scheduling slips the build lets pass (its own date rules are `EntryRules.dates`): a
    /// correction dated before its article, an article scheduled more than a year ahead (a
    /// mistyped year, most often).
    private mutating func checkSchedule() {
        for entry in model.articles + model.unpublished.map(\.entry) {
            let fm = entry.frontMatter
            // A correction is published after its article: one dated before it is a mistyped date
            // (a date without a time counts as the whole day, so one on the article's day is fine).
            for correction in fm.corrections {
                guard ContentDate.end(of: correction.date, written: correction.dateText) <= entry.date else { continue }
                diagnostics.append(.warning(
                    "this correction is dated \(correction.dateText), before the article it corrects (\(fm.dateText ?? NextChange.timestamp(entry.date))): is the date right?",
                    at: correction.position))
            }
            if entry.date.timeIntervalSince(model.now) > 366 * 24 * 3600 {
                diagnostics.append(.warning(
                    "this article is scheduled more than a year ahead (\(NextChange.timestamp(entry.date))): is the year right?",
                    at: fm.position(of: "date")))
            }
        }
    }

    /// What Google asks of an article's structured data and this one lacks: an image, an
    /// author, a headline of at most 110 characters (warnings: the page itself is fine).
    private mutating func checkStructuredData(_ entry: Entry) {
        let fm = entry.frontMatter
        if entry.leadImage == nil && model.siteImage == nil {
            diagnostics.append(.warning(
                "this article has no image, so its structured data has none (search engines ask for one): "
                    + "add 'image:' to the front-matter, or a site-wide 'image:' to site.yml",
                at: fm.position(of: "image")))
        }
        if (fm.author ?? model.config.author)?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            diagnostics.append(.warning(
                "this article has no author, so its structured data has none (search engines ask for one): "
                    + "add 'author:' to the front-matter, or a site-wide 'author:' to site.yml",
                at: fm.position(of: "author")))
        }
        let length = entry.title.count
        if length > StructuredData.headlineLimit {
            diagnostics.append(.warning(
                "the title is \(length) characters long; search engines show at most \(StructuredData.headlineLimit), "
                    + "so the structured data's headline is cut to '\(StructuredData.headline(entry.title))'",
                at: fm.titlePosition))
        }
    }

    private mutating func checkMarkdownLink(_ link: RenderedMarkdown.Link, in entry: Entry) {
        linksChecked += 1
        let what = link.kind == .image ? "image" : "link"
        if link.kind == .image, link.altIsEmpty {
            // A warning in build, an error here: a reader who cannot see the photo gets nothing.
            diagnostics.append(.error(
                "image \(quoted(link.url)) has no alt text: describe it between the brackets, ![like this](\(link.url))",
                at: link.position))
        }
        // An image that is a content file was made (and its problems reported) by the image stage.
        if link.kind == .image, site.contentImages.contains(link.url, of: entry) { return }
        // The build warns of it too, in the same words (EntryRules).
        if let unsafe = EntryRules.unsafeLink(link, unsafeHTML: model.config.unsafeHTML) {
            diagnostics.append(unsafe)
            return
        }
        switch resolver.resolve(rebased(link.url), onPage: entry.path) {
        case .unchecked:
            return
        case .external(let url):
            var known = external[url] ?? (link.position, [])
            if known.position == nil || link.position < known.position! { known.position = link.position }
            known.pages.insert(entry.path)
            external[url] = known
        case let target:
            if let problem = targets.problem(with: target, written: link.url, onPage: entry.path, what: what) {
                diagnostics.append(.error(problem, at: link.position))
            }
        }
    }

    private mutating func checkAttributions(_ entry: Entry) {
        guard let taxonomy = model.config.attributionTaxonomy else { return }
        // The build warns of an undeclared source; check stops on it, in the same words.
        diagnostics += EntryRules.undeclaredSources(
            entry.markdown.attributions, frontMatter: entry.frontMatter, config: model.config, severity: .error)
        var cited: Set<String> = []
        for attribution in entry.markdown.attributions {
            for name in attribution.sources { if let slug = model.config.termSlug(name) { cited.insert(slug) } }
        }
        for ref in entry.frontMatter.terms[taxonomy] ?? [] {
            guard let slug = model.config.termSlug(ref.name), !cited.contains(slug) else { continue }
            diagnostics.append(.warning(
                "the source '\(ref.name)' is declared but no paragraph cites it: end a paragraph with '(\(ref.name))', or remove it",
                at: ref.position))
        }
    }

    // MARK: - Targets

    // MARK: - Report

    func report() -> CheckReport {
        var all = diagnostics + site.warnings
        for (diagnostic, pages) in themeProblems {
            let unique = Array(Set(pages)).sorted()
            var d = diagnostic
            d.message += Diagnostic.onPages(unique.count, first: unique[0])
            all.append(d)
        }
        let externalLinks = external.map { url, info in
            CheckReport.ExternalLink(url: url, position: info.position, pages: info.pages.map { display($0) }.sorted())
        }.sorted { $0.url < $1.url }
        // A build warning that check reports as an error (an image without alt text) is listed once, as the error.
        let errors = Set(all.filter { $0.severity == .error }.map { "\($0.position)\u{0}\($0.message)" })
        all = all.filter { $0.severity == .error || !errors.contains("\($0.position)\u{0}\($0.message)") }
        return CheckReport(
            diagnostics: Array(Set(all)).sorted(), externalLinks: externalLinks,
            pagesChecked: scanned.keys.filter { $0.hasSuffix(".html") }.count, linksChecked: linksChecked)
    }

    // MARK: - Helpers

    /// A Markdown URL as the page prints it: root-relative ones are put under the base path.
    private func rebased(_ url: String) -> String {
        model.urls.relative(url)
    }

    /// How a URL of a rendered page may be written in a template.
    private func needles(for url: String) -> [String] {
        var result = ["\"\(url)\"", "'\(url)'", url]
        let basePath = model.urls.basePath
        if basePath != "/", url.hasPrefix(basePath) {
            let bare = "/" + url.dropFirst(basePath.count)
            result += ["\"\(bare)\"", "'\(bare)'"]
        }
        if url.hasPrefix(model.urls.origin + "/"), !model.urls.origin.isEmpty {
            result.append(String(url.dropFirst(model.urls.origin.count)))
        }
        return result
    }

    private func display(_ sitePath: String) -> String { model.urls.url(sitePath) }

    private func quoted(_ url: String) -> String { "'\(url)'" }

    static func sitePath(ofFile file: String) -> String { SitePaths.path(ofFile: file) }

}

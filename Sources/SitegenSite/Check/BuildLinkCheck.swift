import SitegenMarkdown
import SitegenSupport

/// The link check every build runs: each link and image written in an article's or page's
/// Markdown that leads to no file of the site, or to an anchor its page does not have, is a
/// warning at its Markdown position (an error with `--strict`). `sitegen check` goes further:
/// every rendered page's links, template links, ids, sources and alt text.
enum BuildLinkCheck {
    /// The theme's anchors: the ids its templates write (`id="main"`), and the literal start of
    /// those made from data; nil when a template makes an id wholly from data (any id may exist).
    static func themeAnchors(_ sources: [(String, [UInt8]?)]) -> AnchorSet? {
        var anchors = AnchorSet(ids: [])
        for (_, bytes) in sources {
            guard let bytes else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            for match in text.matches(of: /\bid\s*=\s*(?:"([^"]*)"|'([^']*)')/) {
                let value = String(match.output.1 ?? match.output.2 ?? "")
                guard let open = value.range(of: "{") else {
                    anchors.ids.insert(value)
                    continue
                }
                let prefix = String(value[..<open.lowerBound])
                if prefix.isEmpty { return nil }
                anchors.prefixes.append(prefix)
            }
        }
        anchors.prefixes = Array(Set(anchors.prefixes)).sorted()
        return anchors
    }

    /// The output files of the build and the anchors of its entries' pages (made when a link needs them).
    static func targets(model: SiteModel, files: Set<String>, theme: AnchorSet?) -> LinkTargets {
        // Raw HTML may hold ids of its own: with unsafeHTML on, only check knows the anchors.
        guard let theme, !model.config.unsafeHTML else {
            return LinkTargets(urls: model.urls, files: files, unpublished: model.unpublished, anchors: { _ in nil })
        }
        var headings: [String: [RenderedMarkdown.Heading]] = [:]
        headings.reserveCapacity(model.articles.count + model.pages.count)
        for entry in model.articles { headings[SitePaths.file(entry.path)] = entry.markdown.headings }
        for entry in model.pages { headings[SitePaths.file(entry.path)] = entry.markdown.headings }
        let known = headings
        // cmark-gfm's footnotes are fn-1, fnref-1…
        let prefixes = theme.prefixes + ["fn-", "fnref-"]
        return LinkTargets(urls: model.urls, files: files, unpublished: model.unpublished, anchors: { file in
            known[file].map { AnchorSet(ids: theme.ids.union($0.map(\.id)), prefixes: prefixes) }
        })
    }

    /// Every broken Markdown link of the site, in the order of the entries: a warning (a stale
    /// link in an archive must not stop a publish), but an error for an image that names no
    /// file of the site (the page would ship a broken `<img>`; check says the same).
    static func problems(model: SiteModel, targets: LinkTargets, images: ContentImages, threads: Int) -> [Diagnostic] {
        let resolver = LinkResolver(urls: model.urls)
        let origin = model.urls.origin
        return Parallel.map(model.articles + model.pages, threads: threads) { entry -> [Diagnostic] in
            var warnings: [Diagnostic] = []
            // Nothing to report of a link to another host: skipped before any value is made for it.
            for link in entry.markdown.links where !LinkResolver.isPlainlyElsewhere(link.url, origin: origin) {
                // An image that is a content file is the image stage's: made and checked there.
                if link.kind == .image, images.contains(link.url, of: entry) { continue }
                let target = resolver.resolve(model.urls.relative(link.url), onPage: entry.path)
                guard let problem = targets.problem(
                    with: target, written: link.url, onPage: entry.path, what: link.kind == .image ? "image" : "link")
                else { continue }
                warnings.append(Diagnostic(link.kind == .image ? .error : .warning, at: link.position, problem))
            }
            return warnings
        }.flatMap { $0 }
    }
}

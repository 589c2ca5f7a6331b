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

    /// The output files of the build and the anchors of its entries' pages.
    static func targets(model: SiteModel, files: Set<String>, theme: AnchorSet?) -> LinkTargets {
        var byFile: [String: AnchorSet] = [:]
        if let theme, !model.config.unsafeHTML {
            // Raw HTML may hold ids of its own: with unsafeHTML on, only check knows the anchors.
            for entry in model.articles + model.pages {
                var anchors = theme
                anchors.ids.formUnion(entry.markdown.headings.map(\.id))
                // cmark-gfm's footnotes.
                anchors.prefixes += ["fn-", "fnref-"]
                byFile[SitePaths.file(entry.path)] = anchors
            }
        }
        let known = byFile
        return LinkTargets(urls: model.urls, files: files, anchors: { known[$0] })
    }

    /// Every broken Markdown link of the site, as warnings, in the order of the entries.
    static func warnings(model: SiteModel, targets: LinkTargets) -> [Diagnostic] {
        let resolver = LinkResolver(urls: model.urls)
        var warnings: [Diagnostic] = []
        for entry in model.articles + model.pages {
            for link in entry.markdown.links {
                let target = resolver.resolve(model.urls.relative(link.url), onPage: entry.path)
                guard let problem = targets.problem(
                          with: target, written: link.url, onPage: entry.path, what: link.kind == .image ? "image" : "link")
                else { continue }
                warnings.append(.warning(problem, at: link.position))
            }
        }
        return warnings
    }
}

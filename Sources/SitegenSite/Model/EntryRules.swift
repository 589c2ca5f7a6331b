import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSupport

/// Rules that the build and `sitegen check` both apply to an entry, so that they judge it alike:
/// the same words at the same place. The build reports each as the issue says (an error stops a
/// publish, a warning fails `--strict`); `check` may judge one more severely (an undeclared
/// source is its error), never differently worded.
enum EntryRules {
    // MARK: - Dates

    /// Date slips of articles, published or not: an `expires:` at or before `date:` (an error:
    /// the article is never on the site), an `updated:` before `date:` (an error: it reaches
    /// `dateModified` and the sitemap's `lastmod`), an `updated:` more than a day after the clock
    /// (a warning: a mistyped year, most often).
    static func dates(of entries: [Entry], now: Date) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for entry in entries where entry.kind == .article {
            let fm = entry.frontMatter
            if let expires = fm.expires, expires <= entry.date {
                found.append(.error(
                    "this article expires (\(NextChange.timestamp(expires))) before it is published (\(NextChange.timestamp(entry.date))), "
                        + "so it is never on the site: correct 'expires:' or 'date:'",
                    at: fm.position(of: "expires")))
            }
            guard let updated = fm.updated else { continue }
            let written = fm.updatedText ?? NextChange.timestamp(updated)
            if ContentDate.end(of: updated, written: fm.updatedText) <= entry.date, updated < entry.date {
                found.append(.error(
                    "this article is updated (\(written)) before it is published (\(fm.dateText ?? NextChange.timestamp(entry.date))): "
                        + "correct 'updated:' or 'date:'",
                    at: fm.position(of: "updated")))
            } else if updated.timeIntervalSince(now) > 24 * 3600 {
                found.append(.warning(
                    "this article is updated in the future (\(written), after the clock's \(NextChange.timestamp(now))): "
                        + "is the date right? 'updated:' is when the article last changed",
                    at: fm.position(of: "updated")))
            }
        }
        return found
    }

    // MARK: - Terms

    /// Two names that would share one term page: across articles, or within one.
    static func termCollision(
        _ taxonomy: String, ref: TermRef, slug: String, first: (name: String, position: SourcePosition), urls: SiteURLs
    ) -> Diagnostic {
        .error(
            "'\(ref.name)' and '\(first.name)' (\(first.position)) would share the URL \(urls.url(SitePaths.term(taxonomy, slug))): "
                + "spell them the same, or give one its own slug in Content/site.yml, e.g. termSlugs: {\"\(ref.name)\": \(slug)-2}",
            at: ref.position)
    }

    // MARK: - Sources

    /// A paragraph attributed to a source the article does not declare: the build's warning,
    /// `check`'s error (an attribution is a claim about where a fact came from).
    static func undeclaredSources(
        _ attributions: [RenderedMarkdown.Attribution], frontMatter fm: FrontMatter, config: SiteConfig,
        severity: Diagnostic.Severity
    ) -> [Diagnostic] {
        guard let taxonomy = config.attributionTaxonomy else { return [] }
        let listed = fm.terms[taxonomy] ?? []
        let declared = Set(listed.compactMap { config.termSlug($0.name) })
        var found: [Diagnostic] = []
        for attribution in attributions {
            for name in attribution.sources {
                guard let slug = config.termSlug(name), declared.contains(slug) else {
                    let message = "paragraph \(attribution.paragraphIndex + 1) is attributed to '\(name)', which is not in this article's sources"
                        + (listed.isEmpty ? "" : " (\(listed.map(\.name).joined(separator: ", ")))")
                        + ": add it to '\(taxonomy):' in the front-matter, or correct the name"
                    found.append(Diagnostic(severity, at: attribution.position, message))
                    continue
                }
            }
        }
        return found
    }

    // MARK: - Links

    /// The schemes cmark-gfm's safe mode empties (`href=""`): everything a link can run or read.
    static let unsafeSchemes: Set<String> = ["javascript", "vbscript", "file", "data"]

    /// cmark-gfm's safe mode keeps these: `data:image/png`, `gif`, `jpeg` and `webp`.
    static func isSafeDataImage(_ url: String) -> Bool {
        let lower = url.lowercased()
        return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
    }

    /// A link or image whose target cmark-gfm leaves out (`javascript:`, `data:text/html`…)
    /// unless the site turns unsafeHTML on: a warning at the link.
    static func unsafeLink(_ link: RenderedMarkdown.Link, unsafeHTML: Bool) -> Diagnostic? {
        guard !unsafeHTML, let scheme = URLScheme.of(link.url), unsafeSchemes.contains(scheme),
              !(scheme == "data" && isSafeDataImage(link.url)) else { return nil }
        let what = link.kind == .image ? "image" : "link"
        return .warning(
            "the \(what) target '\(scheme):…' was left out: \(scheme): URLs are not emitted unless unsafeHTML is on",
            at: link.position)
    }
}

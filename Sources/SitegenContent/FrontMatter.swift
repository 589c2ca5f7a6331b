import Foundation
import SitegenSupport

/// The typed front-matter of an article or page, with the positions of its values for later errors.
public struct FrontMatter: Sendable, Hashable {
    public var title: String
    /// The instant of `date:`; always set for articles, optional for pages.
    public var date: Date?
    /// `date:` as written in the file.
    public var dateText: String?
    public var updated: Date?
    public var updatedText: String?
    /// `expires:`: from this instant the article is no longer published.
    public var expires: Date?
    /// Terms by taxonomy name, for every taxonomy in `site.yml`; a taxonomy the file does not name is an empty list.
    public var terms: [String: [TermRef]]
    public var summary: String?
    /// `slug:` as written, or the file name less `.md` and any leading `YYYY-MM-DD-`; not yet passed through `Slug.make`.
    public var slug: String
    /// Whether `slug` was written in the file rather than taken from the file name.
    public var hasExplicitSlug: Bool
    public var author: String?
    public var draft: Bool
    public var aliases: [String]
    /// `image:`, the lead image (an author file's portrait).
    public var image: LeadImage?
    /// An author file's `title:`: the author's role ("Science editor"). Its `name:` is `title`.
    public var role: String?
    /// An author file's `links:`, in the order written.
    public var links: [ProfileLink] = []
    /// `corrections:`, oldest first (as written when two share a date): each a dated note
    /// published with the article.
    public var corrections: [Correction] = []
    /// Keys this stage does not know, kept for templates.
    public var params: [String: ParamValue]
    /// Where the front-matter starts (its opening `---` line): the place for errors about the file as a whole.
    public var position: SourcePosition
    /// The position of each key's value, by key (`title`, `slug`, `topics`, params…).
    public var valuePositions: [String: SourcePosition]

    public init(
        title: String, date: Date? = nil, dateText: String? = nil, updated: Date? = nil, updatedText: String? = nil,
        terms: [String: [TermRef]] = [:], summary: String? = nil, slug: String, hasExplicitSlug: Bool = false,
        author: String? = nil, draft: Bool = false, aliases: [String] = [], params: [String: ParamValue] = [:],
        position: SourcePosition, valuePositions: [String: SourcePosition] = [:]
    ) {
        self.title = title
        self.date = date
        self.dateText = dateText
        self.updated = updated
        self.updatedText = updatedText
        self.terms = terms
        self.summary = summary
        self.slug = slug
        self.hasExplicitSlug = hasExplicitSlug
        self.author = author
        self.draft = draft
        self.aliases = aliases
        self.params = params
        self.position = position
        self.valuePositions = valuePositions
    }

    /// The position of a key's value, or of the front-matter when the key is absent.
    public func position(of key: String) -> SourcePosition {
        valuePositions[key] ?? position
    }

    /// The names of `author:` (or `authors:`), in the order written, with their positions.
    public var authors: [TermRef] { terms[SiteConfig.authorsTaxonomy] ?? [] }

    /// When the article last changed, as written: `updated:`, or the newest correction when it
    /// is later than both `updated:` and `date:` (a published correction is an update).
    public var revised: (date: Date, text: String)? {
        var newest = updated.map { (date: $0, text: updatedText ?? "") }
        for correction in corrections where correction.date > (newest?.date ?? date ?? .distantFuture) {
            newest = (correction.date, correction.dateText)
        }
        return newest
    }

    /// The position of `title:`'s value.
    public var titlePosition: SourcePosition { position(of: "title") }

    /// The position of `slug:`'s value, or of the front-matter when the slug comes from the file name.
    public var slugPosition: SourcePosition { position(of: "slug") }

    /// The slug a file's name gives when its front-matter has no `slug:`: the name less `.md`
    /// and any leading `YYYY-MM-DD-` (`Content/articles/2025-07-31-crew-11.md` → `crew-11`);
    /// not yet passed through `Slug.make`.
    public static func slug(fromPath path: String) -> String {
        FrontMatterDecoder.defaultSlug(forPath: path)
    }
}

/// One of `corrections:`: `{date: 2025-08-02, text: "An earlier version misstated the docking time."}`.
public struct Correction: Sendable, Hashable {
    public var date: Date
    /// `date:` as written (a time of day when longer than a date).
    public var dateText: String
    /// Plain text, shown as written.
    public var text: String
    /// Where the item starts, for `check`'s warnings about it.
    public var position: SourcePosition

    public init(date: Date, dateText: String, text: String, position: SourcePosition) {
        self.date = date
        self.dateText = dateText
        self.text = text
        self.position = position
    }
}

/// One of an author file's `links:`: `https://…`, or `{title: Mastodon, url: https://…}`.
public struct ProfileLink: Sendable, Hashable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }

    /// The title a bare URL gets: its host, less `www.` (`https://www.bsky.app/x` → `bsky.app`).
    public static func title(forURL url: String) -> String {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return url }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}

/// A byline as a display string: `A`, `A and B`, `A, B and C`.
public enum Byline {
    public static func display(_ names: [String]) -> String? {
        switch names.count {
        case 0: nil
        case 1: names[0]
        default: names.dropLast().joined(separator: ", ") + " and " + names.last!
        }
    }
}

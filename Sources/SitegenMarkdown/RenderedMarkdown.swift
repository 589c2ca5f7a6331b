import SitegenSupport

/// One Markdown body rendered: its HTML and the facts the site needs from its AST.
public struct RenderedMarkdown: Sendable, Hashable {
    /// The body HTML: what the `cmark-gfm` CLI prints with `--table-prefer-style-attributes`,
    /// plus an `id` on every heading, the video players and source links, and for validators a
    /// named, focusable box around each table, a name on each task checkbox and a heading for
    /// the footnotes (README, Videos, lists them).
    public var html: String
    /// Every heading in document order, with the unique id it carries in `html`.
    public var headings: [Heading]
    /// The first paragraph as plain text (no markup; soft breaks as spaces).
    public var summary: String
    /// Words of body text, markup and image alt text left out.
    public var wordCount: Int
    /// `ceil(wordCount / 220)`, at least 1.
    public var readingMinutes: Int
    /// Every link and image target in document order, for the link checker.
    public var links: [Link]
    /// Every paragraph that closes with its sources in parentheses, "(Reuters; AP News)".
    public var attributions: [Attribution]
    /// Raw HTML that safe mode left out of `html` (one per line), for the build to warn of.
    public var omittedHTML: [OmittedHTML]

    /// A piece of raw HTML written in Markdown that `html` leaves out, unless `unsafeHTML` is on;
    /// with it on, a tag that GFM's tag filter still escapes (`filteredTag`).
    public struct OmittedHTML: Sendable, Hashable {
        /// Where its `<` is.
        public var position: SourcePosition
        /// Whether it is a YouTube or Vimeo `<iframe>`, which a link alone in its paragraph replaces.
        public var isVideoFrame: Bool
        /// With unsafeHTML on: the tag (`script`, `iframe`…) that is shown as text, not run.
        public var filteredTag: String?

        public init(position: SourcePosition, isVideoFrame: Bool, filteredTag: String? = nil) {
            self.position = position
            self.isVideoFrame = isVideoFrame
            self.filteredTag = filteredTag
        }

        /// What GFM's tag filter escapes even in raw HTML (spec, "Disallowed Raw HTML").
        public static let filteredTags: Set<String> = [
            "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
        ]
    }

    public init(
        html: String, headings: [Heading], summary: String, wordCount: Int,
        links: [Link], attributions: [Attribution], omittedHTML: [OmittedHTML] = []
    ) {
        self.html = html
        self.headings = headings
        self.summary = summary
        self.wordCount = wordCount
        self.readingMinutes = max(1, (wordCount + 219) / 220)
        self.links = links
        self.attributions = attributions
        self.omittedHTML = omittedHTML
    }
}

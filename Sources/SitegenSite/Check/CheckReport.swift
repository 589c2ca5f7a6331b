import SitegenSupport

/// What `sitegen check` found: problems with their positions, and the external links it did not fetch.
public struct CheckReport: Sendable {
    /// One external URL and where it is first written.
    public struct ExternalLink: Sendable, Hashable {
        public var url: String
        /// The Markdown line or template it comes from, when known.
        public var position: SourcePosition?
        /// The site paths of the pages that link to it, sorted.
        public var pages: [String]
    }

    /// Every problem, sorted; the build's own warnings included.
    public var diagnostics: [Diagnostic]
    /// Every `http:` and `https:` URL of another host, sorted.
    public var externalLinks: [ExternalLink]
    /// How many pages and links were looked at.
    public var pagesChecked: Int
    public var linksChecked: Int

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

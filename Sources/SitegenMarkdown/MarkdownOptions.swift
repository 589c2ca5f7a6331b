/// How the Markdown stage parses and renders a body.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML through (cmark's `--unsafe`); by default it becomes `<!-- raw HTML omitted -->`.
    public var unsafeHTML: Bool
    /// The path of the site's base URL (`/news/`): link and image URLs that start with one `/`
    /// are put under it in the HTML (`/feed.xml` → `/news/feed.xml`); `links` keeps them as written.
    public var basePath: String

    public init(unsafeHTML: Bool = false, basePath: String = "/") {
        self.unsafeHTML = unsafeHTML
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
    }
}

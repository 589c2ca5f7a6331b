/// How the Markdown stage parses and renders a body.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML through (cmark's `--unsafe`); by default it becomes `<!-- raw HTML omitted -->`.
    public var unsafeHTML: Bool

    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }
}

/// The Markdown stage: GitHub Flavored Markdown in, body HTML and the facts of its AST out, through cmark-gfm.
public enum Markdown {
    /// Lets Markdown be parsed on several threads at once. cmark-gfm keeps one process-wide
    /// table that every parse switches on and off, racing; once this is called, sitegen's
    /// replacement of that switch keeps it on (see `SpecialCharacters`). Until then parses
    /// take turns, so a program that only links this library is not changed by it. Call it
    /// before parsing; whether it took (false where the replacement is not in place).
    @discardableResult
    public static func enableParallelParsing() -> Bool { SpecialCharacters.enable() }

    /// Parses and renders `source`, the body of one file.
    ///
    /// `path` and `lineOffset` (the lines before the body, e.g. the front-matter) make the
    /// positions of headings, links and attributions point into the file. `isDeclaredSource`
    /// says whether a name is one of the article's declared sources (a paragraph closing with
    /// such names is attributed whatever they look like); `attributionLink` returns the URL of
    /// a source's page, or nil to leave that name as text.
    public static func render(
        _ source: String,
        options: MarkdownOptions = MarkdownOptions(),
        path: String = "",
        lineOffset: Int = 0,
        isDeclaredSource: ((String) -> Bool)? = nil,
        attributionLink: ((String) -> String?)? = nil
    ) -> RenderedMarkdown {
        var source = source
        return source.withUTF8 { bytes in
            let document = CmarkDocument(parsing: bytes, options: options)
            var walker = DocumentWalker(source: bytes, path: path, lineOffset: lineOffset)
            walker.basePath = options.basePath
            if let isDeclaredSource { walker.isDeclaredSource = isDeclaredSource }
            walker.unsafeHTML = options.unsafeHTML
            walker.walk(document.root)
            if let attributionLink { walker.linkAttributions(attributionLink) }
            walker.placeEmbeds()
            walker.markHeadings()
            walker.wrapTables()
            walker.markTasks()
            walker.markFootnotes()
            let ids = walker.headings.map(\.id)
            let marked = walker.hasMarks
            let html = document.withHTML { HTMLMarker.finish($0, headingIDs: ids, marked: marked) }
            return RenderedMarkdown(
                html: html, headings: walker.headings, summary: walker.summary, wordCount: walker.wordCount,
                links: walker.links, attributions: walker.attributions, omittedHTML: walker.omittedHTML)
        }
    }
}

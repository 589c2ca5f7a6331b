import SitegenSupport

extension Article {
    /// Decodes one article file, read from `path`: a pure function, safe to call for many files at once.
    public static func make(from bytes: [UInt8], path: String, config: SiteConfig) throws(DiagnosticsError) -> Article {
        let split = try FrontMatterSplitter.split(bytes, path: path)
        let frontMatter = try FrontMatterDecoder(config: config, path: path, kind: .article).decode(split)
        guard let date = frontMatter.date else {
            throw DiagnosticsError([.error("missing required key 'date'", at: frontMatter.position)])
        }
        return Article(path: path, frontMatter: frontMatter, date: date, body: split.body, bodyLine: split.bodyLine)
    }
}

extension Page {
    /// Decodes one page file, read from `path`; `date:` is optional.
    public static func make(from bytes: [UInt8], path: String, config: SiteConfig) throws(DiagnosticsError) -> Page {
        let split = try FrontMatterSplitter.split(bytes, path: path)
        let frontMatter = try FrontMatterDecoder(config: config, path: path, kind: .page).decode(split)
        return Page(path: path, frontMatter: frontMatter, body: split.body, bodyLine: split.bodyLine)
    }
}

extension Page {
    /// Decodes an author file (`Content/authors/<slug>.md`): `name:` is the page's `title`, its
    /// `title:` the author's role, the body the biography.
    public static func makeAuthor(from bytes: [UInt8], path: String, config: SiteConfig) throws(DiagnosticsError) -> Page {
        let split = try FrontMatterSplitter.split(bytes, path: path)
        let frontMatter = try FrontMatterDecoder(config: config, path: path, kind: .author).decode(split)
        return Page(path: path, frontMatter: frontMatter, body: split.body, bodyLine: split.bodyLine)
    }
}

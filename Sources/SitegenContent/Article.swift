import Foundation
import SitegenSupport

/// One article file, decoded: typed front-matter and the Markdown body with the line it starts on.
public struct Article: Sendable, Hashable {
    /// The path as the user would write it (`Content/articles/x.md`).
    public var path: String
    public var frontMatter: FrontMatter
    /// `frontMatter.date`, which every article has.
    public var date: Date
    public var body: String
    /// The 1-based line of the file on which `body` starts, to map Markdown positions to the file.
    public var bodyLine: Int

    public init(path: String, frontMatter: FrontMatter, date: Date, body: String, bodyLine: Int) {
        self.path = path
        self.frontMatter = frontMatter
        self.date = date
        self.body = body
        self.bodyLine = bodyLine
    }

    /// Whether the file says `draft: true`.
    public var isDraft: Bool { frontMatter.draft }
}

/// One standalone page (`Content/pages/about.md`): like an article, but `date:` is optional.
public struct Page: Sendable, Hashable {
    public var path: String
    public var frontMatter: FrontMatter
    public var body: String
    public var bodyLine: Int

    public init(path: String, frontMatter: FrontMatter, body: String, bodyLine: Int) {
        self.path = path
        self.frontMatter = frontMatter
        self.body = body
        self.bodyLine = bodyLine
    }
}

/// Turns a site path (`topics/nasa/`) into the URLs pages print, honouring the path of `baseURL`.
///
/// `url` is site-relative and starts with the base path (`/news/topics/nasa/`); `permalink` is
/// absolute (`https://example.org/news/topics/nasa/`). Feeds and the sitemap use permalinks.
public struct SiteURLs: Sendable, Hashable {
    /// The configured base URL, ending in `/`.
    public let baseURL: String
    /// The path part of `baseURL`, starting and ending with `/`.
    public let basePath: String
    /// Scheme and host (`https://example.org`), or empty when `baseURL` is a bare path.
    public let origin: String

    public init(baseURL: String) {
        var base = baseURL.isEmpty ? "/" : baseURL
        if !base.hasSuffix("/") { base += "/" }
        self.baseURL = base
        if let schemeEnd = base.range(of: "://") {
            let afterScheme = base[schemeEnd.upperBound...]
            if let slash = afterScheme.firstIndex(of: "/") {
                origin = String(base[..<slash])
                basePath = String(base[slash...])
            } else {
                origin = String(base.dropLast())
                basePath = "/"
            }
        } else {
            origin = ""
            basePath = base.hasPrefix("/") ? base : "/" + base
        }
    }

    /// The site-relative URL of a site path: `topics/` → `/news/topics/`.
    public func url(_ path: String) -> String {
        basePath + path.drop(while: { $0 == "/" })
    }

    /// The absolute URL of a site path: `topics/` → `https://example.org/news/topics/`.
    public func permalink(_ path: String) -> String {
        origin + url(path)
    }

    /// A URL as written by a user or template: site-absolute paths (`/feed.xml`) get the base path,
    /// anything with a scheme, a `#` or a `?` is left alone.
    public func relative(_ link: String) -> String {
        if link.hasPrefix("/") && !link.hasPrefix("//") { return url(link) }
        return link
    }

    /// Like `relative`, then made absolute.
    public func absolute(_ link: String) -> String {
        if link.contains("://") || link.hasPrefix("//") { return link }
        if link.hasPrefix("/") { return permalink(link) }
        return permalink(link)
    }
}

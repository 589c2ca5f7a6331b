/// `site.yml`'s `limits:`: the bounds every input meets, so that no content or theme, however
/// large or strange, can hang a build or exhaust the machine. Each is an error at its position
/// naming the limit and the key that raises it.
public struct Limits: Sendable, Hashable {
    /// Loop iterations the template engine runs for one page.
    public var loopIterations = 10_000_000
    /// Bytes of one rendered page (or feed, or sitemap).
    public var pageBytes = 32 << 20
    /// Bytes of any one value a template makes (a string joined, a list added to itself).
    public var valueBytes = 16 << 20
    /// How deep includes may nest.
    public var nesting = 64
    /// Terms of one taxonomy in one article (an article with 4,000 topics put 4,000 copies of
    /// itself, each with every topic, into the terms' feeds).
    public var terms = 100

    public init() {}

    /// The keys of `limits:`.
    static let keys = ["loopIterations", "pageBytes", "valueBytes", "nesting", "terms"]
}

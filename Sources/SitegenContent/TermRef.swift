import SitegenSupport

/// One term of a taxonomy as an article names it (`NASA`, or `{name: NASA, url: https://nasa.gov}`), with its place in the file.
public struct TermRef: Sendable, Hashable {
    public var name: String
    public var url: String?
    public var position: SourcePosition

    public init(name: String, url: String? = nil, position: SourcePosition) {
        self.name = name
        self.url = url
        self.position = position
    }
}

import SitegenSupport

extension RenderedMarkdown {
    /// A link or image target as written (before any safe-mode filtering), and where it is.
    public struct Link: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case link, image
        }

        public var kind: Kind
        public var url: String
        public var position: SourcePosition
        /// True for an image whose alt text is empty; always false for links.
        public var altIsEmpty: Bool

        public init(kind: Kind, url: String, position: SourcePosition, altIsEmpty: Bool = false) {
            self.kind = kind
            self.url = url
            self.position = position
            self.altIsEmpty = altIsEmpty
        }
    }
}

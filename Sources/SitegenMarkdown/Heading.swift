import SitegenSupport

extension RenderedMarkdown {
    /// A heading: its level (1–6), its text without markup, and its id, unique in the document.
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String
        public var position: SourcePosition

        public init(level: Int, text: String, id: String, position: SourcePosition) {
            self.level = level
            self.text = text
            self.id = id
            self.position = position
        }
    }
}

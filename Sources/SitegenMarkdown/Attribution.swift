import SitegenSupport

extension RenderedMarkdown {
    /// The sources named in the parenthesis that closes a paragraph: "(Reuters; AP News)".
    public struct Attribution: Sendable, Hashable {
        /// Zero-based index of the paragraph among all paragraphs of the body, in document order.
        public var paragraphIndex: Int
        public var sources: [String]
        /// Where the opening parenthesis is.
        public var position: SourcePosition

        public init(paragraphIndex: Int, sources: [String], position: SourcePosition) {
            self.paragraphIndex = paragraphIndex
            self.sources = sources
            self.position = position
        }
    }
}

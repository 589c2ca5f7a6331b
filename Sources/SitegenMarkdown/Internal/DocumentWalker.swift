import CCmarkGFM
import SitegenSupport

/// Walks a parsed document once to collect the facts of `RenderedMarkdown`, then edits the tree for rendering.
///
/// The walk uses cmark's iterator, not recursion, so deeply nested quotes cannot overflow a
/// task's small stack. The tree is edited only after the walk, never under the iterator.
struct DocumentWalker {
    private(set) var headings: [RenderedMarkdown.Heading] = []
    private(set) var summary = ""
    private(set) var links: [RenderedMarkdown.Link] = []
    private(set) var attributions: [RenderedMarkdown.Attribution] = []
    var wordCount: Int { words.count }

    private var map: SourceMap
    private let path: String
    private let lineOffset: Int
    /// The site's base path (`/news/`): root-relative link and image URLs are put under it.
    var basePath = "/"
    /// Whether raw HTML is passed through; when not, each piece cmark omits is recorded.
    var unsafeHTML = false
    private(set) var omittedHTML: [RenderedMarkdown.OmittedHTML] = []
    /// Paragraphs that are a YouTube or Vimeo link alone, and the placeholder each becomes.
    private var embeds: [(paragraph: OpaquePointer, html: String)] = []
    /// Whether a name is one of the article's declared sources: such a name closing a paragraph is an attribution.
    var isDeclaredSource: (String) -> Bool = { _ in false }
    private var root: OpaquePointer?
    private var words = WordCounter()
    private var ids = HeadingIDs()
    private var headingNodes: [OpaquePointer] = []
    private var headingText: [UInt8]?
    private var summaryText: [UInt8]?
    private var summaryFound = false
    private var paragraphCount = 0
    private var openImages: [(index: Int, hasAlt: Bool)] = []
    /// Where in the source the next link may start; used to place links cmark gives no position.
    private var linkCursor = 0
    private var attributionRuns: [AttributionRun] = []
    /// Each table and the plain text of its header cells, to name the scrolling box it is put in.
    private var tables: [(node: OpaquePointer, header: [String])] = []
    /// Each task-list item and its own text (its first paragraph's, not its sub-items'), to name its checkbox.
    private var tasks: [(node: OpaquePointer, text: String)] = []
    /// The first footnote definition: cmark drops unreferenced ones when parsing, so the first it writes.
    private var firstFootnote: OpaquePointer?
    /// The plain text, image alt text included, of the header cell or task paragraph being walked.
    private var nameText: [UInt8]?
    private var nameNode: OpaquePointer?

    /// The plain-text nodes closing a paragraph whose parenthesis names sources.
    private struct AttributionRun {
        var paragraph: OpaquePointer
        var nodes: [OpaquePointer]
        var text: [UInt8]
        var names: [Range<Int>]
    }

    init(source: UnsafeBufferPointer<UInt8>, path: String, lineOffset: Int) {
        map = SourceMap(source)
        self.path = path
        self.lineOffset = lineOffset
    }

    mutating func walk(_ root: OpaquePointer) {
        self.root = root
        guard let iterator = cmark_iter_new(root) else { fatalError("cmark_iter_new failed: out of memory") }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER { enter(node) } else { exit(node) }
        }
        words.boundary()
    }

    // MARK: - Collecting

    private mutating func enter(_ node: OpaquePointer) {
        let type = Node.type(node)
        if Node.isBlock(node) {
            words.boundary()
            if let start = map.offset(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node)),
               start > linkCursor {
                linkCursor = start
            }
            switch type {
            case CMARK_NODE_PARAGRAPH:
                if !summaryFound, cmark_node_parent(node) == root { summaryText = [] }
                startTaskText(node)
            case CMARK_NODE_HEADING:
                headingText = []
                startTaskText(node)
            case CMARK_NODE_CODE_BLOCK:
                words.feed(Node.literal(node))
            case CMARK_NODE_HTML_BLOCK:
                if !unsafeHTML { omitted(node) } else { filtered(node) }
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                if firstFootnote == nil { firstFootnote = node }
            default:
                if let extensionNode = cmark_node_get_syntax_extension(node) { enter(node, of: extensionNode) }
            }
            return
        }
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            let literal = Node.literal(node)
            nameText?.append(contentsOf: literal)
            if !openImages.isEmpty {
                if literal.contains(where: { $0 != 0x20 && $0 != 0x09 }) { openImages[openImages.count - 1].hasAlt = true }
                return
            }
            headingText?.append(contentsOf: literal)
            summaryText?.append(contentsOf: literal)
            words.feed(literal)
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            nameText?.append(0x20)
            guard openImages.isEmpty else { return }
            headingText?.append(0x20)
            summaryText?.append(0x20)
            words.boundary()
        case CMARK_NODE_HTML_INLINE:
            if !unsafeHTML { omitted(node) } else { filtered(node) }
        case CMARK_NODE_LINK:
            links.append(link(node, kind: .link))
        case CMARK_NODE_IMAGE:
            links.append(link(node, kind: .image))
            openImages.append((links.count - 1, false))
        default:
            break
        }
    }

    private mutating func exit(_ node: OpaquePointer) {
        if Node.isBlock(node) { words.boundary() }
        if node == nameNode { endName(node) }
        switch Node.type(node) {
        case CMARK_NODE_PARAGRAPH:
            let index = paragraphCount
            paragraphCount += 1
            findEmbed(node)
            let attributionLength = findAttribution(in: node, index: index)
            if var text = summaryText {
                summaryText = nil
                // A summary (on cards, in feeds, as the meta description) leaves the closing attribution out.
                if let attributionLength, attributionLength <= text.count { text.removeLast(attributionLength) }
                let plain = Self.plainText(text)
                if !plain.isEmpty {
                    summary = plain
                    summaryFound = true
                }
            }
        case CMARK_NODE_HEADING:
            let text = Self.plainText(headingText ?? [])
            headingText = nil
            headings.append(RenderedMarkdown.Heading(
                level: Int(cmark_node_get_heading_level(node)), text: text, id: ids.make(for: text),
                position: blockStart(node)))
            headingNodes.append(node)
        case CMARK_NODE_IMAGE:
            let image = openImages.removeLast()
            links[image.index].altIsEmpty = !image.hasAlt
        default:
            break
        }
    }

    /// A list item of the tasklist extension, or a table, or one of its header cells.
    private mutating func enter(_ node: OpaquePointer, of extensionNode: OpaquePointer) {
        if extensionNode == Cmark.tasklistExtension {
            if Node.type(node) == CMARK_NODE_ITEM { tasks.append((node, "")) }
        } else if extensionNode == Cmark.tableExtension, let typeString = cmark_node_get_type_string(node) {
            let kind = String(cString: typeString)
            if kind == "table" {
                tables.append((node, []))
            } else if kind == "table_cell", let row = cmark_node_parent(node),
                      cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
                nameText = []
                nameNode = node
            }
        }
    }

    /// Starts reading a task's own text: its item's first block, when that is a paragraph or a heading.
    private mutating func startTaskText(_ block: OpaquePointer) {
        guard let item = tasks.last?.node, cmark_node_parent(block) == item, cmark_node_previous(block) == nil else { return }
        nameText = []
        nameNode = block
    }

    private mutating func endName(_ node: OpaquePointer) {
        let text = Self.plainText(nameText ?? [])
        nameText = nil
        nameNode = nil
        switch Node.type(node) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            if !tasks.isEmpty { tasks[tasks.count - 1].text = text }
        default:
            if !tables.isEmpty { tables[tables.count - 1].header.append(text) }
        }
    }

    /// A link where cmark puts it; autolinks have no or a wrong position, so they are found
    /// by their text, which is verbatim in the source, after the last link.
    private mutating func link(_ node: OpaquePointer, kind: RenderedMarkdown.Link.Kind) -> RenderedMarkdown.Link {
        var offset = map.offset(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node))
        if let start = offset {
            let first = map.bytes[start]
            let opens = kind == .image ? first == UInt8(ascii: "!") : (first == UInt8(ascii: "[") || first == UInt8(ascii: "<"))
            offset = opens ? start : nil
        }
        if let start = offset {
            linkCursor = start + 1
        } else if let child = cmark_node_first_child(node), Node.type(child) == CMARK_NODE_TEXT,
                  let found = Self.find(Node.literal(child), in: map.bytes, from: linkCursor) {
            // cmark puts a `<https://…>` autolink after its `<`; point at the `<`, as for `[`.
            offset = found > 0 && map.bytes[found - 1] == UInt8(ascii: "<") ? found - 1 : found
            linkCursor = found + 1
        }
        let url = Node.url(node)
        if basePath != "/", url.hasPrefix("/"), !url.hasPrefix("//") {
            cmark_node_set_url(node, basePath + url.dropFirst())
        }
        return RenderedMarkdown.Link(kind: kind, url: url, position: position(ofOffset: offset ?? linkCursor))
    }

    /// Where a raw HTML node's `<` is in the source: at the node's start when that is a `<`,
    /// else where its text is next found (cmark-gfm gives inline HTML no position of its own).
    private mutating func htmlOffset(_ node: OpaquePointer, _ literal: UnsafeBufferPointer<UInt8>) -> Int? {
        if let start = map.offset(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node)),
           map.bytes[start] == UInt8(ascii: "<") {
            return start
        }
        return Self.find(literal, in: map.bytes, from: linkCursor)
    }

    /// Records raw HTML that safe mode leaves out, once per line, at its `<`.
    private mutating func omitted(_ node: OpaquePointer) {
        let literal = Node.literal(node)
        let offset = htmlOffset(node, literal)
        let position = position(ofOffset: offset ?? linkCursor)
        if let start = offset, start + 1 > linkCursor { linkCursor = start + 1 }
        guard omittedHTML.last?.position.line != position.line else { return }
        let text = String(decoding: literal, as: UTF8.self).lowercased()
        let isVideo = text.contains("<iframe") && (text.contains("youtube") || text.contains("vimeo"))
        omittedHTML.append(RenderedMarkdown.OmittedHTML(position: position, isVideoFrame: isVideo))
    }

    /// With raw HTML on, records each tag that GFM's tag filter still escapes (`<script>` is
    /// shown as text), once per line, at its `<`.
    private mutating func filtered(_ node: OpaquePointer) {
        let literal = Node.literal(node)
        let tags = Self.filteredTags(in: literal)
        guard !tags.isEmpty else { return }
        let offset = htmlOffset(node, literal)
        let text = String(decoding: literal, as: UTF8.self).lowercased()
        for (index, name) in tags {
            let position = position(ofOffset: offset.map { $0 + index } ?? linkCursor)
            guard omittedHTML.last?.position.line != position.line else { continue }
            let isVideo = name == "iframe" && (text.contains("youtube") || text.contains("vimeo"))
            omittedHTML.append(RenderedMarkdown.OmittedHTML(position: position, isVideoFrame: isVideo, filteredTag: name))
        }
        if let start = offset, start + 1 > linkCursor { linkCursor = start + 1 }
    }

    /// The opening tags GFM's tag filter escapes (spec 6.11: `<`, an optional `/`, one of these
    /// names in any case, then white space, `>` or `/>`): their offsets in `html` and lower-cased names.
    static func filteredTags(in html: UnsafeBufferPointer<UInt8>) -> [(Int, String)] {
        var found: [(Int, String)] = []
        var i = 0
        while i < html.count {
            defer { i += 1 }
            guard html[i] == UInt8(ascii: "<") else { continue }
            // Opening tags only: the closing one of the same element is the same slip.
            let start = i + 1
            var j = start
            while j < html.count, j - start < 10, (html[j] | 0x20) >= UInt8(ascii: "a"), (html[j] | 0x20) <= UInt8(ascii: "z") { j += 1 }
            let name = String(decoding: html[start..<j].map { $0 | 0x20 }, as: UTF8.self)
            guard RenderedMarkdown.OmittedHTML.filteredTags.contains(name) else { continue }
            let ends = j == html.count || [0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: ">")].contains(html[j])
                || (html[j] == UInt8(ascii: "/") && j + 1 < html.count && html[j + 1] == UInt8(ascii: ">"))
            if ends { found.append((i, name)) }
        }
        return found
    }

    /// A paragraph that is one link to a YouTube or Vimeo video, to become a click-to-load player.
    private mutating func findEmbed(_ paragraph: OpaquePointer) {
        // The autolink extension may leave empty text beside a bare URL's link.
        var only: OpaquePointer?
        var child = cmark_node_first_child(paragraph)
        while let current = child {
            child = cmark_node_next(current)
            if Node.type(current) == CMARK_NODE_TEXT, Node.literal(current).allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard only == nil else { return }
            only = current
        }
        guard let link = only, Node.type(link) == CMARK_NODE_LINK else { return }
        let href = Node.url(link)
        guard let embed = VideoEmbed(url: href) else { return }
        var text: [UInt8] = []
        child = cmark_node_first_child(link)
        while let current = child {
            guard [CMARK_NODE_TEXT, CMARK_NODE_CODE].contains(Node.type(current)) else { return }
            text.append(contentsOf: Node.literal(current))
            child = cmark_node_next(current)
        }
        let label = Self.plainText(text)
        embeds.append((paragraph, embed.html(href: href, text: label.isEmpty || label == href ? nil : label)))
    }

    /// Records the paragraph's closing attribution, if it has one; the length of its text from the `(` on.
    private mutating func findAttribution(in paragraph: OpaquePointer, index: Int) -> Int? {
        guard let last = cmark_node_last_child(paragraph), Node.type(last) == CMARK_NODE_TEXT,
              Node.literal(last).last == UInt8(ascii: ")") else { return nil }
        var nodes: [OpaquePointer] = []
        var node: OpaquePointer? = last
        while let current = node, Node.type(current) == CMARK_NODE_TEXT {
            nodes.append(current)
            node = cmark_node_previous(current)
        }
        nodes.reverse()
        let mayOpenText = node.map { [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(Node.type($0)) } ?? true
        var text: [UInt8] = []
        for node in nodes { text.append(contentsOf: Node.literal(node)) }
        guard let match = AttributionScanner.scan(text, mayOpenText: mayOpenText, isDeclared: isDeclaredSource) else {
            return nil
        }
        attributions.append(RenderedMarkdown.Attribution(
            paragraphIndex: index,
            sources: match.names.map { String(decoding: text[$0], as: UTF8.self) },
            position: openingParenthesis(of: paragraph)))
        attributionRuns.append(AttributionRun(paragraph: paragraph, nodes: nodes, text: text, names: match.names))
        return text.count - match.open
    }

    /// The `(` before the `)` that ends the paragraph in the source; the paragraph's start if not found.
    private mutating func openingParenthesis(of paragraph: OpaquePointer) -> SourcePosition {
        guard var i = map.offset(line: cmark_node_get_end_line(paragraph), column: cmark_node_get_end_column(paragraph)) else {
            return blockStart(paragraph)
        }
        let bytes = map.bytes
        while i > 0, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i -= 1 }
        let lineStart = map.lineStart(of: i)
        guard bytes[i] == UInt8(ascii: ")") else { return blockStart(paragraph) }
        while i > lineStart, bytes[i] != UInt8(ascii: "(") { i -= 1 }
        return bytes[i] == UInt8(ascii: "(") ? position(ofOffset: i) : blockStart(paragraph)
    }

    // MARK: - Editing the tree for rendering

    /// Wraps each source name the hook has a URL for in `<a href="URL" class="source">`.
    ///
    /// The closing text nodes are replaced by new ones cut from the same bytes, so the
    /// escaped text comes out exactly as before. A custom inline is written verbatim even in
    /// safe mode, where raw HTML would be omitted.
    func linkAttributions(_ attributionLink: (String) -> String?) {
        // Paragraph after paragraph cites the same few names: ask the hook and escape its URL once per name.
        var openingTags: [ArraySlice<UInt8>: String?] = [:]
        func openingTag(_ name: ArraySlice<UInt8>) -> String? {
            if let known = openingTags[name] { return known }
            let tag = attributionLink(String(decoding: name, as: UTF8.self))
                .map { "<a href=\"\(HTMLEscape.escape($0))\" class=\"source\">" }
            openingTags[name] = tag
            return tag
        }
        for run in attributionRuns {
            let tags = run.names.map { openingTag(run.text[$0]) }
            guard tags.contains(where: { $0 != nil }) else { continue }
            for node in run.nodes {
                cmark_node_unlink(node)
                cmark_node_free(node)
            }
            var cursor = 0
            for (name, tag) in zip(run.names, tags) {
                guard let tag else { continue }
                if cursor < name.lowerBound {
                    cmark_node_append_child(run.paragraph, Node.makeText(run.text[cursor..<name.lowerBound]))
                }
                let anchor = Node.makeCustomInline(enter: tag, exit: "</a>")
                cmark_node_append_child(anchor, Node.makeText(run.text[name]))
                cmark_node_append_child(run.paragraph, anchor)
                cursor = name.upperBound
            }
            cmark_node_append_child(run.paragraph, Node.makeText(run.text[cursor...]))
        }
    }

    /// Puts each video placeholder in place of its paragraph, as a custom block (written verbatim, in safe mode too).
    func placeEmbeds() {
        for (paragraph, html) in embeds {
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { fatalError("cmark_node_new failed: out of memory") }
            cmark_node_set_on_enter(block, html)
            cmark_node_set_on_exit(block, "")
            cmark_node_insert_before(paragraph, block)
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
    }

    /// Puts `HTMLMarker.heading` first in every heading, so the ids can be inserted into the rendered HTML.
    func markHeadings() {
        for node in headingNodes {
            cmark_node_prepend_child(node, Node.makeText([HTMLMarker.heading]))
        }
    }

    /// Whether `HTMLMarker` has marks to finish in the rendered HTML.
    var hasMarks: Bool { !headingNodes.isEmpty || !tasks.isEmpty || firstFootnote != nil }

    /// Puts each table in the box that scrolls it when it is wide: a named region that takes
    /// keyboard focus, so it can be scrolled without a mouse. Its name is the header's text,
    /// "Table: Mission, Launch, Crew", or "Table" when the header row is empty.
    func wrapTables() {
        for (table, header) in tables {
            let cells = header.filter { !$0.isEmpty }.joined(separator: ", ")
            let name = cells.isEmpty ? "Table" : Self.shortened("Table: " + cells)
            let box = Node.makeCustomBlock(
                enter: "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTMLEscape.escape(name))\">",
                exit: "</div>")
            guard cmark_node_insert_before(table, box) != 0 else {
                cmark_node_free(box)
                continue
            }
            if cmark_node_append_child(box, table) == 0 {
                cmark_node_unlink(box)
                cmark_node_free(box)
            }
        }
    }

    /// Puts each task's name, between two `HTMLMarker.taskName`, first in its item: its checkbox's `aria-label`.
    /// An item with no text of its own (`- [ ]` alone, or a code block first) is "Task".
    func markTasks() {
        for (item, text) in tasks {
            let name = HTMLEscape.escape(text.isEmpty ? "Task" : Self.shortened(text))
            let mark = Node.makeCustom(CMARK_NODE_CUSTOM_INLINE, enter: [HTMLMarker.taskName] + Array(name.utf8) + [HTMLMarker.taskName])
            // The tasklist extension lets its items hold inlines, so the mark renders right after the checkbox.
            if cmark_node_prepend_child(item, mark) == 0 { cmark_node_free(mark) }
        }
    }

    /// Puts `HTMLMarker.footnotes` before the first footnote, so that their section gets its heading.
    func markFootnotes() {
        guard let firstFootnote else { return }
        let mark = Node.makeCustom(CMARK_NODE_CUSTOM_BLOCK, enter: [HTMLMarker.footnotes])
        if cmark_node_insert_before(firstFootnote, mark) == 0 { cmark_node_free(mark) }
    }

    // MARK: - Helpers

    private func blockStart(_ node: OpaquePointer) -> SourcePosition {
        SourcePosition(
            path: path, line: Int(cmark_node_get_start_line(node)) + lineOffset,
            column: max(1, Int(cmark_node_get_start_column(node))))
    }

    private mutating func position(ofOffset offset: Int) -> SourcePosition {
        guard offset < map.bytes.count else {
            return SourcePosition(path: path, line: 1 + lineOffset, column: 1)
        }
        let (line, column) = map.lineAndColumn(of: offset)
        return SourcePosition(path: path, line: line + lineOffset, column: column)
    }

    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// A name cut, at a space when it can be, to at most `limit` characters ending in "…": a
    /// screen reader says it before what it names, which repeats it.
    static func shortened(_ text: String, limit: Int = 100) -> String {
        guard text.count > limit else { return text }
        var cut = text.prefix(limit - 1)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= limit / 2 {
            cut = cut[..<space]
        }
        while let last = cut.last, last == " " || last == "," || last == ";" || last == ":" { cut = cut.dropLast() }
        return cut + "…"
    }

    /// The text with each run of spaces, tabs and line breaks made one space, and none at either end.
    private static func plainText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import CCmarkGFM
import Foundation

/// The process-wide state of cmark-gfm: its registered extensions and the lock every parse and render takes.
///
/// Why one lock: Debian's cmark-gfm 0.29.0.gfm.6 is not safe to parse on several threads at
/// once. Each parser switches the extensions' special characters (`|`, `~`, `:`, `w`…) on and
/// off in one process-wide table while it parses inlines (fixed upstream in github/cmark-gfm
/// PR #176), so with two threads 2–30% of documents come out wrong. `SpecialCharacters` removes
/// the race where it can (and says so in `isActive`); where it cannot, parsing and rendering are
/// serialised behind `lock`. Walking and editing a document's own AST runs outside it.
enum Cmark {
    /// The extensions of the SPEC, in the CLI's order. Tagfilter acts when rendering; it is
    /// attached to the parser so that the parser's extension list carries it to the renderer.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    static let lock = NSLock()

    /// Registers the core extensions exactly once (a `static let` runs its initialiser once,
    /// thread-safely) before any parser exists, and finds them by name.
    static let extensions: Extensions = {
        cmark_gfm_core_extensions_ensure_registered()
        return Extensions(pointers: extensionNames.map { name in
            guard let found = cmark_find_syntax_extension(name) else {
                fatalError("cmark-gfm has no \(name) extension: is libcmark-gfm-extensions installed?")
            }
            return found
        })
    }()

    /// Extension pointers are to immutable, process-lifetime objects, so they may be shared.
    struct Extensions: @unchecked Sendable {
        let pointers: [OpaquePointer]
    }

    /// The table extension, which marks the table, row and cell nodes it makes.
    static var tableExtension: OpaquePointer { extensions.pointers[0] }
    /// The tasklist extension, which marks the list items it makes tasks.
    static var tasklistExtension: OpaquePointer { extensions.pointers[4] }

    /// The cmark options for parsing and rendering: footnotes, table cells aligned with
    /// `style="text-align: …"` rather than the obsolete `align` attribute (the CLI's
    /// `--table-prefer-style-attributes`), and raw HTML only when asked.
    static func optionBits(_ options: MarkdownOptions) -> Int32 {
        var bits = Int32(CMARK_OPT_DEFAULT) | Int32(CMARK_OPT_FOOTNOTES) | Int32(CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)
        if options.unsafeHTML { bits |= Int32(CMARK_OPT_UNSAFE) }
        return bits
    }
}

/// One parsed document: owns its parser and node tree and frees both when it goes.
final class CmarkDocument {
    let root: OpaquePointer
    private let parser: OpaquePointer
    private let optionBits: Int32

    init(parsing source: UnsafeBufferPointer<UInt8>, options: MarkdownOptions) {
        let extensions = Cmark.extensions
        optionBits = Cmark.optionBits(options)
        let serialised = !SpecialCharacters.isActive
        if serialised { Cmark.lock.lock() }
        defer { if serialised { Cmark.lock.unlock() } }
        guard let parser = cmark_parser_new(optionBits) else { fatalError("cmark_parser_new failed: out of memory") }
        for pointer in extensions.pointers {
            cmark_parser_attach_syntax_extension(parser, pointer)
        }
        if let base = source.baseAddress, source.count > 0 {
            base.withMemoryRebound(to: CChar.self, capacity: source.count) { chars in
                cmark_parser_feed(parser, chars, source.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { fatalError("cmark_parser_finish failed: out of memory") }
        self.parser = parser
        self.root = root
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Renders the (possibly edited) tree to HTML and hands the bytes to `body` before freeing them.
    func withHTML<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let serialised = !SpecialCharacters.isActive
        if serialised { Cmark.lock.lock() }
        let rendered = cmark_render_html(root, optionBits, cmark_parser_get_syntax_extensions(parser))
        if serialised { Cmark.lock.unlock() }
        guard let rendered else { fatalError("cmark_render_html failed: out of memory") }
        defer { free(rendered) }
        let bytes = UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self)
        return body(UnsafeBufferPointer(start: bytes, count: strlen(rendered)))
    }
}

/// Small, typed views of cmark's C accessors.
enum Node {
    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    static func isBlock(_ node: OpaquePointer) -> Bool {
        cmark_node_get_type(node).rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK)
    }

    /// The literal of a text, code or HTML node as bytes, valid while the node lives.
    static func literal(_ node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        guard let chars = cmark_node_get_literal(node) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let bytes = UnsafeRawPointer(chars).assumingMemoryBound(to: UInt8.self)
        return UnsafeBufferPointer(start: bytes, count: strlen(chars))
    }

    static func url(_ node: OpaquePointer) -> String {
        guard let chars = cmark_node_get_url(node) else { return "" }
        return String(cString: chars)
    }

    /// A new text node holding `bytes` exactly (they need not be UTF-8).
    static func makeText(_ bytes: some Collection<UInt8>) -> OpaquePointer {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { fatalError("cmark_node_new failed: out of memory") }
        var chars = bytes.map { CChar(bitPattern: $0) }
        chars.append(0)
        cmark_node_set_literal(node, chars)
        return node
    }

    /// A new custom inline that writes `enter` and `exit` verbatim around its children, in safe mode too.
    static func makeCustomInline(enter: String, exit: String) -> OpaquePointer {
        guard let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { fatalError("cmark_node_new failed: out of memory") }
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// A new custom block that writes `enter` and `exit` verbatim, each on a line of its own, around its children.
    static func makeCustomBlock(enter: String, exit: String) -> OpaquePointer {
        guard let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { fatalError("cmark_node_new failed: out of memory") }
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// A new custom inline or block whose `enter` is `bytes` exactly (they need not be UTF-8, but hold no 0) and whose exit is empty.
    static func makeCustom(_ type: cmark_node_type, enter bytes: [UInt8]) -> OpaquePointer {
        guard let node = cmark_node_new(type) else { fatalError("cmark_node_new failed: out of memory") }
        var chars = bytes.map { CChar(bitPattern: $0) }
        chars.append(0)
        cmark_node_set_on_enter(node, chars)
        cmark_node_set_on_exit(node, "")
        return node
    }
}

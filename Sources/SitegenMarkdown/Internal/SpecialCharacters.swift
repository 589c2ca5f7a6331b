import CCmarkGFM
import Foundation
import Glibc
import Synchronization

/// Makes cmark-gfm safe to parse on several threads at once.
///
/// Debian's cmark-gfm 0.29.0.gfm.6 keeps one process-wide table of "special" inline characters.
/// Around every document's inline pass, `process_inlines` calls
/// `cmark_manage_extensions_special_characters(parser, 1)` to switch the extensions' characters
/// (`~`, `:`, `w`…) on and `(parser, 0)` to switch them off again; a thread that switches them off
/// while another is still parsing inlines makes the other miss strikethroughs and autolinks
/// (fixed upstream in github/cmark-gfm PR #176). Every parser sitegen makes attaches the same
/// extensions, so the table only ever needs the same characters on: switching them off is the
/// only step that races, and it is the one this file removes.
///
/// The library calls that function through its PLT, so a definition exported from our own binary
/// takes its place (SwiftPM links executables with `--export-dynamic` on Linux). Until a program
/// asks for parallel parsing (`Markdown.enableParallelParsing()`, which the `sitegen` executable
/// does first thing), our definition forwards every call to the library's own, so a program that
/// merely links this library behaves as with cmark-gfm alone; once asked, it forwards "on" and
/// ignores "off". Whether the replacement took is checked once, with a serialised parse
/// (`replaced`); where it did not, or until parallel parsing is asked for, parses are serialised.
enum SpecialCharacters {
    typealias Manage = @convention(c) (OpaquePointer?, Int32) -> Void

    /// The library's own function, found after ours in the symbol search order.
    static let original: Manage? = {
        let next = UnsafeMutableRawPointer(bitPattern: -1)  // RTLD_NEXT
        guard let symbol = dlsym(next, "cmark_manage_extensions_special_characters") else { return nil }
        return unsafeBitCast(symbol, to: Manage.self)
    }()

    /// Set by our replacement when the library calls it.
    static let called = Atomic<Bool>(false)
    /// Whether "off" is ignored: set once, for good, by `enable()`.
    static let parallel = Atomic<Bool>(false)

    /// Whether the library calls our replacement. Found out once, with one serialised parse.
    static let replaced: Bool = {
        _ = original
        Cmark.lock.lock()
        defer { Cmark.lock.unlock() }
        called.store(false, ordering: .sequentiallyConsistent)
        let options = Cmark.optionBits(MarkdownOptions())
        guard let parser = cmark_parser_new(options) else { return false }
        defer { cmark_parser_free(parser) }
        for pointer in Cmark.extensions.pointers { cmark_parser_attach_syntax_extension(parser, pointer) }
        let probe = "~~x~~ www.example.org\n"
        probe.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        if let root = cmark_parser_finish(parser) { cmark_node_free(root) }
        return called.load(ordering: .sequentiallyConsistent) && original != nil
    }()

    /// Switches "off" calls off, under the parse lock (so no serialised parse is half-way
    /// through): from here on parses run in parallel. Whether they can.
    static func enable() -> Bool {
        guard replaced else { return false }
        Cmark.lock.withLock { parallel.store(true, ordering: .sequentiallyConsistent) }
        return true
    }

    /// Whether parses may run on several threads.
    static var isActive: Bool { parallel.load(ordering: .acquiring) }
}

/// Replaces the library's function of the same name; see `SpecialCharacters`.
@_cdecl("cmark_manage_extensions_special_characters")
public func sitegenManageExtensionsSpecialCharacters(_ parser: OpaquePointer?, _ add: Int32) {
    if !SpecialCharacters.called.load(ordering: .relaxed) { SpecialCharacters.called.store(true, ordering: .relaxed) }
    guard let original = SpecialCharacters.original else { return }
    if add == 0 && SpecialCharacters.parallel.load(ordering: .acquiring) { return }
    original(parser, add)
}

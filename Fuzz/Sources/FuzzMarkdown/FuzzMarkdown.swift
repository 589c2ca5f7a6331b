import FuzzDriver
import SitegenMarkdown

/// Any bytes as a Markdown body, with the first byte choosing safe or unsafe mode: it must render,
/// and every position it reports must be inside the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let unsafe = data[0] & 1 == 1
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: count - 1), as: UTF8.self)
    // Lines end at \n, \r or \r\n, as in CommonMark.
    var lines = 1
    var previous: UInt8 = 0
    for byte in text.utf8 {
        if byte == 13 || (byte == 10 && previous != 13) { lines += 1 }
        previous = byte
    }
    let rendered = Markdown.render(
        text, options: MarkdownOptions(unsafeHTML: unsafe), path: "x.md", lineOffset: 5,
        attributionLink: { "/sources/\($0.utf8.count)/" })
    for link in rendered.links {
        precondition(link.position.line >= 6 && link.position.line <= lines + 5, "link outside the text: \(link)")
    }
    for heading in rendered.headings {
        precondition(heading.position.line >= 6 && heading.position.line <= lines + 5, "heading outside the text: \(heading)")
    }
    if !unsafe { precondition(!rendered.html.contains("<script"), "raw HTML in safe mode") }
    return 0
}

@_cdecl("FuzzMarkdown_main")
public func FuzzMarkdownMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzMarkdown)
}

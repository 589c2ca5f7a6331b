import FuzzDriver
import SitegenTemplates

/// Any text as a template (and as a partial it may include or extend): it must parse or give
/// errors with positions, and a parsed template must render or fail cleanly, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    // Split at the first NUL: the first part is page.html, the rest partial.html.
    let parts = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
    var files = ["page.html": String(parts[0])]
    files["partial.html"] = parts.count > 1 ? String(parts[1]) : "{{ x }}"
    guard let environment = try? TemplateEnvironment(loader: .memory(files)) else { return 0 }
    let context: [String: Value] = [
        "x": .string("<b>&"), "n": .int(3), "items": .list([.int(1), .string("two"), .null]),
        "page": .dictionary(["title": .string("T"), "kind": .string("home")]),
    ]
    _ = try? environment.render("page.html", context: context)
    return 0
}

@_cdecl("FuzzTemplates_main")
public func FuzzTemplatesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzTemplates)
}

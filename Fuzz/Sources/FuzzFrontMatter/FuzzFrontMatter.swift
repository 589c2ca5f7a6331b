import FuzzDriver
import SitegenContent

private let config = SiteConfig(title: "Fuzz", baseURL: "https://example.org/")

/// Any bytes as an article file: it must decode or give diagnostics with sane positions, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    do {
        let article = try Article.make(from: bytes, path: "x.md", config: config)
        precondition(article.bodyLine >= 1)
    } catch {
        for diagnostic in error.diagnostics {
            precondition(diagnostic.position.line >= 1 && diagnostic.position.column >= 1, "bad position \(diagnostic)")
        }
    }
    return 0
}

@_cdecl("FuzzFrontMatter_main")
public func FuzzFrontMatterMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzFrontMatter)
}

import FuzzDriver
import SitegenImages

/// Any bytes as an SVG file: the sanitiser must refuse it with an error or give a copy that
/// keeps every property of `SVGAudit`; a broken property is a `fatalError`, which libFuzzer saves
/// as a crash. The same checks replay in Tests/SitegenImagesTests/SVGFuzzReplayTests.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSVG(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let output = try? SVGSanitizer.sanitize(bytes) else { return 0 }
    if let violation = SVGAudit.violation(output) {
        fatalError("FuzzSVG: \(violation)\n--- output:\n\(String(decoding: output, as: UTF8.self))")
    }
    return 0
}

@_cdecl("FuzzSVG_main")
public func FuzzSVGMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzSVG)
}

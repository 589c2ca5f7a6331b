import Foundation
@testable import SitegenImages
import Testing

/// The SVG sanitiser: script vectors are defused, drawings keep their rendering, metadata goes.
@Suite struct SVGSanitizerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func files(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".svg") }.sorted()
    }

    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Lowercased, without ASCII white space and controls: how a browser could read a scheme.
    static func folded(_ text: String) -> String {
        String(decoding: SVGSanitizer.folded(Array(text.utf8)), as: UTF8.self)
    }

    @Test("the corpus holds at least 40 script vectors and a dozen legitimate drawings")
    func corpus() {
        #expect(Self.files("svg-vectors").count >= 40)
        #expect(Self.files("svg-legit").count >= 10)
    }

    @Test("every script vector comes out without script, handlers, script URLs or foreign content, and stays so",
          arguments: files("svg-vectors"))
    func vector(name: String) throws {
        let source = try Self.read("svg-vectors/\(name)")
        #expect(SVGCheck.looksLikeSVG(source))
        if name.contains("-entity-") {
            #expect(throws: ImageError.self) { try SVGSanitizer.sanitize(source) }
            let error = try #require(throws: ImageError.self) { try SVGSanitizer.sanitize(source) }
            #expect(error.message.hasSuffix("the SVG declares XML entities, which can expand without bound or read other files"))
            return
        }
        let clean = try SVGSanitizer.sanitize(source)
        let raw = Self.text(clean).lowercased()
        for word in ["script", "alert(", "msgbox", "foreignobject", "iframe", "embed", "handler", "listener", "xml-stylesheet",
                     "javascript", "vbscript", "data:", "expression", "@import", "xml:base", "xinclude"] {
            #expect(!raw.contains(word), "\(name) keeps \(word): \(Self.text(clean))")
        }
        // After decoding (the parser's), nothing either: every element allowed, no handler, no script URL.
        let outline = try SVGSanitizer.outline(clean)
        for line in outline {
            if line.hasPrefix("<") {
                let local = line.split(separator: "}").last.map(String.init) ?? line
                #expect(line.hasPrefix("<{http://www.w3.org/2000/svg}") && SVGSanitizer.elements.contains(local), "\(name): \(line)")
            }
            if line.hasPrefix("@") {
                let attribute = line.dropFirst().split(separator: "=", maxSplits: 1)[0].split(separator: "}").last ?? ""
                #expect(!attribute.lowercased().hasPrefix("on"), "\(name): \(line)")
            }
            for scheme in ["javascript:", "vbscript:", "data:"] {
                #expect(!Self.folded(line).contains(scheme), "\(name): \(line)")
            }
        }
        #expect(try SVGSanitizer.sanitize(clean) == clean, "sanitising is idempotent: \(name)")
    }

    @Test("a legitimate drawing keeps every element, attribute and text", arguments: files("svg-legit"))
    func legitimate(name: String) throws {
        let source = try Self.read("svg-legit/\(name)")
        let clean = try SVGSanitizer.sanitize(source)
        let before = try SVGSanitizer.outline(source), after = try SVGSanitizer.outline(clean)
        #expect(after == before, "\(name):\n\(Self.text(clean))")
        #expect(Set(after.filter { $0.hasPrefix("<") }) == Set(before.filter { $0.hasPrefix("<") }))
        #expect(try SVGSanitizer.sanitize(clean) == clean, "idempotent")
    }

    @Test("the output is the rebuilt tree: declaration, namespaces, attributes in order, escapes")
    func serializer() throws {
        let source = """
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <!-- a comment -->
            <svg:svg xmlns:svg="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink" viewBox='0 0 10 10'>
            <svg:a l:href="#x" data-x="1"><svg:text x="1" y="2" aria-label="a &quot;b&quot; &amp; c&#10;d">1 &lt; 2 &amp;&amp; 3 &gt; 2<![CDATA[ & <raw> ]]></svg:text></svg:a>
            <svg:g/><?pi ignored?>
            </svg:svg>
            """
        let clean = try SVGSanitizer.sanitize(Array(source.utf8))
        #expect(Self.text(clean) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
            <a xlink:href="#x"><text x="1" y="2" aria-label="a &quot;b&quot; &amp; c&#10;d">1 &lt; 2 &amp;&amp; 3 &gt; 2 &amp; &lt;raw&gt; </text></a>
            <g/>
            </svg>

            """)
        // No xlink attribute left: no xlink declaration.
        let plain = try SVGSanitizer.sanitize(Array(#"<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="javascript:x"/></svg>"#.utf8))
        #expect(Self.text(plain) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><use/></svg>\n")
    }

    @Test("links keep fragments, relative URLs, http, https and mailto only, judged after decoding", arguments: [
        ("#a", true), ("/articles/x/", true), ("x.svg#a", true), ("../up?q=a:b", true), ("https://example.org/", true),
        ("HTTP://example.org/", true), ("mailto:desk@example.org", true), ("//cdn.example.org/x.png", true),
        ("javascript:alert(1)", false), (" JavaScript:alert(1)", false), ("java\tscript:x", false), ("java\nscript:x", false),
        ("java\u{0}script:x", false), ("java\u{7F}script:x", false), ("data:image/png;base64,AAAA", false), ("vbscript:x", false),
        ("file:///etc/passwd", false), ("ftp://example.org/", false), ("javascript%3Aalert(1)", true),
    ])
    func links(url: String, kept: Bool) {
        #expect(SVGSanitizer.isSafeLink(Array(url.utf8)) == kept)
    }

    @Test("values keep url() only to a fragment; styles lose imports, escapes and expressions", arguments: [
        ("url(#g)", false, true), ("url('#g')", false, true), ("URL( \"#g\" )", false, true), ("fill: url(#g); stroke: red", true, true),
        ("url(https://example.org/x.svg#g)", false, false), ("url(x.svg#g)", false, false), ("url(data:image/png,x)", false, false),
        ("fill: u\\72l(x)", true, false), ("@import 'x.css'", true, false), ("width: expression(alert(1))", true, false),
        ("fill: red; background: image-set('x.png' 1x)", true, false), ("ur/**/l(x)", true, false),
        ("font: 12px sans-serif", true, true), ("#c0392b", false, true),
    ])
    func values(value: String, css: Bool, kept: Bool) {
        #expect(SVGSanitizer.isSafeValue(Array(value.utf8), css: css) == kept)
    }

    @Test("editor metadata, comments and other namespaces leave nothing behind")
    func metadata() throws {
        let source = try Self.read("svg-metadata.svg")
        let clean = Self.text(try SVGSanitizer.sanitize(source))
        for word in ["inkscape", "sodipodi", "whistleblower", "rdf", "metadata", "creativecommons", "purl.org", "Camera", "GPS", "exif",
                     "xmp", "/home/", "map.png", "Created with"] {
            #expect(!clean.lowercased().contains(word.lowercased()), "keeps \(word): \(clean)")
        }
        #expect(clean.contains("<path style=\"fill:#c0392b;stroke:#000000;stroke-width:0.26\" d=\"M 20,20 H 190 V 270 H 20 Z\" id=\"rect1\"/>"))
        #expect(SVGCheck.size(source).map { [$0.0, $0.1] } == [210, 297], "210mm is no size in pixels: the viewBox's")
    }

    @Test("a file that does not parse, or is not an SVG, is an error with its line and libxml2's words")
    func malformed() {
        #expect(throws: ImageError("the SVG does not parse: line 3: Opening and ending tag mismatch: g line 2 and svg")) {
            try SVGSanitizer.sanitize(Array("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>\n".utf8))
        }
        #expect(throws: ImageError("the SVG does not parse: line 2: Entity 'nbsp' not defined")) {
            try SVGSanitizer.sanitize(Array("<svg>\n<text>a&nbsp;b</text></svg>".utf8))
        }
        #expect(throws: ImageError("line 1: the root element is <html>, not <svg>: it is not an SVG document")) {
            try SVGSanitizer.sanitize(Array("<html><svg/></html>".utf8))
        }
        #expect(throws: ImageError("line 1: the root element <svg> is in the namespace http://www.w3.org/1999/xhtml, "
            + "not SVG's (http://www.w3.org/2000/svg): it is not an SVG document")) {
            try SVGSanitizer.sanitize(Array("<svg xmlns=\"http://www.w3.org/1999/xhtml\"/>".utf8))
        }
        #expect(throws: ImageError.self) { try SVGSanitizer.sanitize([]) }
    }

    @Test("entities are refused as soon as they are declared: no expansion, no file read, no fetch")
    func entities() throws {
        let start = Date()
        #expect(throws: ImageError("line 2: the SVG declares XML entities, which can expand without bound or read other files")) {
            try SVGSanitizer.sanitize(Array("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg>&a;</svg>".utf8))
        }
        var laughs = "<!DOCTYPE svg [\n<!ENTITY l0 \"lol\">\n"
        for i in 1...30 { laughs += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">\n" }
        laughs += "]>\n<svg><text>&l30;</text></svg>"
        #expect(throws: ImageError("line 2: the SVG declares XML entities, which can expand without bound or read other files")) {
            try SVGSanitizer.sanitize(Array(laughs.utf8))
        }
        #expect(throws: ImageError.self) {
            try SVGSanitizer.sanitize(Array("<!DOCTYPE svg [\n%undeclared;\n]>\n<svg><text>&x;</text></svg>".utf8))
        }
        #expect(Date().timeIntervalSince(start) < 1)
        // A DOCTYPE without an internal subset is accepted and dropped; its DTD is not fetched.
        let doctype = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg/>"
        #expect(Self.text(try SVGSanitizer.sanitize(Array(doctype.utf8))) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
    }

    @Test("size and depth are bounded")
    func bounds() throws {
        let deep = "<svg>" + String(repeating: "<g>", count: 300) + String(repeating: "</g>", count: 300) + "</svg>"
        let error = try #require(throws: ImageError.self) { try SVGSanitizer.sanitize(Array(deep.utf8)) }
        #expect(error.message.hasSuffix("the SVG nests elements deeper than 256 levels"), "\(error)")
        let fine = "<svg>" + String(repeating: "<g>", count: 200) + String(repeating: "</g>", count: 200) + "</svg>"
        #expect(throws: Never.self) { try SVGSanitizer.sanitize(Array(fine.utf8)) }
        let huge = Array("<svg>".utf8) + [UInt8](repeating: 0x20, count: (17 << 20) - 11) + Array("</svg>".utf8)
        #expect(throws: ImageError("the SVG is 17 MiB, more than the 16 MiB sitegen accepts: simplify it or export it as a PNG")) {
            try SVGSanitizer.sanitize(huge)
        }
    }

    @Test("a 1 MB drawing is sanitised fast")
    func speed() throws {
        var source = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 1000\">\n"
        var i = 0
        while source.utf8.count < 1_000_000 {
            source += "<g id=\"g\(i)\" transform=\"translate(\(i % 1000) 0)\"><path d=\"M0 0 L\(i % 97) \(i % 89) Z\" fill=\"url(#p)\" "
                + "stroke=\"#333\" stroke-width=\"0.5\" onclick=\"x()\"/><text x=\"1\" y=\"2\">label \(i)</text></g>\n"
            i += 1
        }
        source += "</svg>\n"
        let bytes = Array(source.utf8)
        _ = try SVGSanitizer.sanitize(bytes)
        let start = Date()
        let clean = try SVGSanitizer.sanitize(bytes)
        let elapsed = Date().timeIntervalSince(start)
        print("sanitised \(bytes.count) bytes in \(Int(elapsed * 1000)) ms")
        #expect(clean.count > 800_000 && !Self.text(clean).contains("onclick"))
        // Debug builds are several times slower than release; the release build takes well under 100 ms.
        #expect(elapsed < 1.0)
    }

    @Test("sanitising from many threads at once gives the same bytes")
    func threads() async throws {
        let source = try Self.read("svg-legit/08-style.svg")
        let expected = try SVGSanitizer.sanitize(source)
        let bad = Array("<svg>\n<g></svg>".utf8)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    let ok = try SVGSanitizer.sanitize(source) == expected
                    let error = (try? SVGSanitizer.sanitize(bad)) == nil
                    return ok && error
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}

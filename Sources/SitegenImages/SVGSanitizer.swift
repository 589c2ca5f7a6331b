import CLibXML2
import Glibc

/// The SVG sanitiser: an SVG from content is served from the site's own origin, where script in
/// it would run with the site's rights (an SVG opened on its own is a document), so what is
/// published is never the file's bytes but a tree rebuilt from an allow-list.
///
/// The file is parsed by libxml2 (no network, no DTD loaded, no entity substituted, CDATA as
/// text), so character references and the predefined entities are decoded before anything is
/// judged: `&#106;avascript:` is `javascript:` here as in the browser. A document that declares
/// entities is refused (they can expand without bound or read other files); one that does not
/// parse, or whose root is not `<svg>`, is refused with libxml2's message and line. Of the
/// tree, only SVG elements and attributes of the allow-lists (in the spirit of DOMPurify's SVG
/// profile) are written back, by a serializer of its own: every other element goes with its
/// subtree (`<script>`, `<foreignObject>`, editor metadata, other namespaces), as do comments,
/// processing instructions and the DOCTYPE; links keep only fragment, relative, `http:`,
/// `https:` and `mailto:` URLs; values with a `url(` to anything but a fragment are dropped.
public enum SVGSanitizer {
    /// The largest SVG accepted, in bytes.
    public static let maxBytes = 16 << 20
    /// The deepest nesting of elements accepted (libxml2's own limit without XML_PARSE_HUGE).
    public static let maxDepth = 256

    /// `bytes` (an SVG document) rebuilt from its allowed elements and attributes, as UTF-8;
    /// an error when it is too large, does not parse, is not an SVG or declares entities.
    public static func sanitize(_ bytes: [UInt8]) throws(ImageError) -> [UInt8] {
        try sanitized(bytes).bytes
    }

    /// The rebuilt file and the size the root declares (`SVGCheck.size`'s rule).
    struct Sanitized {
        var bytes: [UInt8]
        var size: (Int, Int)?
    }

    static func sanitized(_ bytes: [UInt8]) throws(ImageError) -> Sanitized {
        try parsed(bytes) { root throws(ImageError) in
            var writer = Writer()
            try writer.root(root)
            return Sanitized(bytes: writer.out, size: size(of: root))
        }
    }

    /// The width and height `bytes`' root declares, or nil when it is not an SVG that parses.
    static func size(_ bytes: [UInt8]) -> (Int, Int)? {
        (try? parsed(bytes) { root in size(of: root) }) ?? nil
    }

    // MARK: Parsing

    private static let started: Void = sg_xml_start()

    /// `body` on the root element of `bytes` parsed, with every refusal of the document as a whole.
    private static func parsed<T>(
        _ bytes: [UInt8], _ body: (xmlNodePtr) throws(ImageError) -> T
    ) throws(ImageError) -> T {
        guard bytes.count <= maxBytes else {
            throw ImageError("the SVG is \((bytes.count + (1 << 20) - 1) >> 20) MiB, more than the \(maxBytes >> 20) MiB sitegen accepts: "
                + "simplify it or export it as a PNG")
        }
        _ = started
        var outcome = sg_xml_outcome()
        let doc = bytes.withUnsafeBytes { sg_xml_parse($0.baseAddress, Int32($0.count), &outcome) }
        defer {
            free(outcome.message)
            if let doc { xmlFreeDoc(doc) }
        }
        if outcome.entities != 0 || doc.map(declaresEntities) == true {
            throw ImageError("line \(max(1, outcome.entityLine)): the SVG declares XML entities, which can expand without bound or read other files")
        }
        guard let doc else {
            let message = outcome.message.map { String(cString: $0) }?.trimmingWhitespace.split(separator: "\n").joined(separator: "; ")
                ?? "it is empty or not XML"
            if message.hasPrefix("Excessive depth in document") {
                throw ImageError("line \(outcome.line): the SVG nests elements deeper than \(maxDepth) levels")
            }
            throw ImageError("the SVG does not parse: line \(max(1, outcome.line)): \(message)")
        }
        guard let root = xmlDocGetRootElement(doc) else { throw ImageError("the SVG does not parse: it has no root element") }
        let name = String(cString: root.pointee.name)
        guard name == "svg" else {
            let prefix = root.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" } ?? ""
            throw ImageError("line \(sg_xml_line(root)): the root element is <\(prefix)\(name)>, not <svg>: it is not an SVG document")
        }
        guard isSVG(root.pointee.ns) else {
            let space = root.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
            throw ImageError("line \(sg_xml_line(root)): the root element <svg> is in the namespace \(space), not SVG's "
                + "(\(svgNamespace)): it is not an SVG document")
        }
        // Without a DTD, an undeclared entity is a fatal error: references are left only beside one.
        var node: xmlNodePtr? = doc.pointee.intSubset == nil ? nil : doc.pointee.children
        while let current = node {
            if let reference = firstEntityReference(under: current) { throw entityReference(reference) }
            node = current.pointee.next
        }
        return try body(root)
    }

    private static func declaresEntities(_ doc: xmlDocPtr) -> Bool {
        for dtd in [doc.pointee.intSubset, doc.pointee.extSubset] {
            if let dtd, dtd.pointee.entities != nil || dtd.pointee.pentities != nil { return true }
        }
        return false
    }

    static let svgNamespace: StaticString = "http://www.w3.org/2000/svg"
    static let xlinkNamespace: StaticString = "http://www.w3.org/1999/xlink"
    static let xmlNamespace: StaticString = "http://www.w3.org/XML/1998/namespace"

    /// An element in the SVG namespace, or in none (taken as SVG).
    static func isSVG(_ ns: xmlNsPtr?) -> Bool {
        guard let href = ns?.pointee.href else { return true }
        return equals(href, svgNamespace)
    }

    private static func equals(_ c: UnsafePointer<xmlChar>, _ string: StaticString) -> Bool {
        string.withUTF8Buffer { expected in
            var i = 0
            while i < expected.count {
                if c[i] != expected[i] { return false }
                i += 1
            }
            return c[i] == 0
        }
    }

    // MARK: Size

    private static func size(of root: xmlNodePtr) -> (Int, Int)? {
        func value(_ name: String) -> String? {
            guard let value = attribute(named: name, of: root), let text = try? text(of: value) else { return nil }
            return String(decoding: text, as: UTF8.self)
        }
        func number(_ name: String) -> Double? {
            guard var value = value(name)?.trimmingWhitespace else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            guard let number = Double(value.trimmingWhitespace), number > 0, number.isFinite, number < 1e9 else { return nil }
            return number
        }
        if let width = number("width"), let height = number("height") {
            return (Int(width.rounded()), Int(height.rounded()))
        }
        guard let box = value("viewBox") else { return nil }
        let parts = box.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count == 4, let width = Double(parts[2]), let height = Double(parts[3]),
              width > 0, height > 0, width < 1e9, height < 1e9 else { return nil }
        return (Int(width.rounded()), Int(height.rounded()))
    }

    // MARK: The allow-lists

    /// Elements written back (in the SVG namespace, or none); every other one goes with its subtree.
    static let elements: Set<String> = [
        "svg", "g", "defs", "symbol", "use", "title", "desc", "a", "switch", "view",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath", "image", "marker", "mask", "pattern", "clipPath",
        "linearGradient", "radialGradient", "stop", "style", "filter",
        "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
        "animateTransform", "animateMotion", "mpath", "animate", "set",
    ]

    /// The elements whose `attributeName` must name an attribute of `animatable`.
    static let animations: Set<String> = ["animate", "set", "animateTransform"]

    /// Elements whose character data is shown or used; elsewhere only white space is kept.
    static let textElements: Set<String> = ["text", "tspan", "textPath", "a", "title", "desc", "style"]

    /// Attributes in no namespace written back (DOMPurify's svg and svgFilters lists in SVG's
    /// own case, with ARIA's names and the animation timing attributes).
    static let attributes: Set<String> = [
        // Core, styling, accessibility.
        "id", "class", "style", "lang", "tabindex", "role", "focusable",
        "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
        // The root and viewports.
        "version", "baseProfile", "width", "height", "x", "y", "viewBox", "preserveAspectRatio", "zoomAndPan",
        // Geometry.
        "d", "transform", "transform-origin", "cx", "cy", "r", "rx", "ry", "fr", "fx", "fy", "x1", "y1", "x2", "y2",
        "points", "pathLength", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
        "href",
        // Presentation.
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
        "color-interpolation-filters", "color-rendering", "cursor", "direction", "display", "dominant-baseline",
        "fill", "fill-opacity", "fill-rule", "filter", "flood-color", "flood-opacity", "font-family", "font-size",
        "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight", "image-rendering", "isolation",
        "letter-spacing", "lighting-color", "marker-end", "marker-mid", "marker-start", "mask", "mask-type",
        "mix-blend-mode", "opacity", "overflow", "paint-order", "pointer-events", "shape-rendering", "stop-color",
        "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor", "text-decoration", "text-rendering",
        "unicode-bidi", "vector-effect", "visibility", "word-spacing", "writing-mode",
        // Gradients, patterns, markers, masks, clips.
        "gradientUnits", "gradientTransform", "spreadMethod", "offset", "patternUnits", "patternContentUnits",
        "patternTransform", "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient", "maskUnits",
        "maskContentUnits", "clipPathUnits",
        // Filters.
        "filterUnits", "primitiveUnits", "in", "in2", "result", "mode", "type", "values", "tableValues", "slope",
        "intercept", "amplitude", "exponent", "operator", "k1", "k2", "k3", "k4", "order", "kernelMatrix", "divisor",
        "bias", "targetX", "targetY", "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale",
        "diffuseConstant", "specularConstant", "specularExponent", "scale", "xChannelSelector", "yChannelSelector",
        "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "stdDeviation",
        "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles", "k",
        // Conditional processing, style sheets.
        "systemLanguage", "media",
        // Animation.
        "attributeName", "attributeType", "begin", "dur", "end", "min", "max", "restart", "repeatCount", "repeatDur",
        "calcMode", "keyTimes", "keySplines", "keyPoints", "from", "to", "by", "additive", "accumulate", "path",
    ]

    /// What `<animate>`, `<set>` and `<animateTransform>` may change: the allowed attributes but
    /// links, styles, identities and the animation's own.
    static let animatable: Set<String> = attributes.subtracting([
        "href", "style", "id", "class", "lang", "tabindex", "role", "focusable", "aria-label", "aria-labelledby",
        "aria-describedby", "aria-hidden", "type", "media", "systemLanguage", "attributeName", "attributeType", "begin",
        "dur", "end", "min", "max", "restart", "repeatCount", "repeatDur", "calcMode", "keyTimes", "keySplines",
        "keyPoints", "from", "to", "by", "values", "additive", "accumulate", "path",
    ])

    /// Attributes whose value an animation sets: a `data:` URL is refused in them too.
    static let animationValues: Set<String> = ["from", "to", "by", "values"]

    /// Schemes a link may have (after `SVGSanitizer.folded`).
    static let schemes: Set<String> = ["http", "https", "mailto"]

    // MARK: Judging values

    /// `value` lowercased (ASCII), without any ASCII white space or control character
    /// (U+0000–U+0020, U+007F): what the browser makes of a scheme, and more.
    static func folded(_ value: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        for byte in value where byte > 0x20 && byte != 0x7F {
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return out
    }

    /// Whether a link may be kept: a fragment, a relative URL (no scheme), or an http:, https: or mailto: one.
    static func isSafeLink(_ value: some Collection<UInt8>) -> Bool {
        guard value.contains(UInt8(ascii: ":")) else { return true }
        let url = folded(value)
        guard let colon = url.firstIndex(of: UInt8(ascii: ":")) else { return true }
        // A colon after the path's first slash, the query or the fragment starts no scheme.
        if let end = url.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }),
           end < colon {
            return true
        }
        return schemes.contains(String(decoding: url[..<colon], as: UTF8.self))
    }

    /// Whether a value (any attribute's but a link's, or a style sheet's) is free of what can load
    /// or run something: a `url(` to anything but a fragment, a CSS escape (which could spell
    /// either), a `javascript:` or `vbscript:` URL; in style, `@import`, `expression(`, bindings,
    /// image functions; in animation values, `data:` URLs.
    static func isSafeValue(_ value: some Collection<UInt8>, css: Bool, animation: Bool = false) -> Bool {
        // All of it needs one of these: most values (numbers, paths, colours) have none.
        guard value.contains(where: { $0 == 0x5C || $0 == 0x28 || $0 == 0x3A || $0 == 0x40 }) else { return true }  // \ ( : @
        var text = folded(value)
        if text.contains(UInt8(ascii: "\\")) { return false }
        if css { text = withoutComments(text) }
        if find("javascript:", in: text) != nil || find("vbscript:", in: text) != nil { return false }
        if animation || css, find("data:", in: text) != nil { return false }
        if css {
            for bad: StaticString in ["@import", "expression(", "-moz-binding", "behavior", "image-set(", "image(", "cross-fade(", "src("]
            where find(bad, in: text) != nil {
                return false
            }
        }
        // Every url( must name a fragment: url(#g), url('#g'), url("#g").
        var start = 0
        while let found = find("url(", in: text, from: start) {
            var next = found + 4
            if next < text.count, text[next] == UInt8(ascii: "'") || text[next] == UInt8(ascii: "\"") { next += 1 }
            guard next < text.count, text[next] == UInt8(ascii: "#") else { return false }
            start = found + 4
        }
        return true
    }

    /// Where `needle` first occurs in `hay` from `start`.
    static func find(_ needle: StaticString, in hay: [UInt8], from start: Int = 0) -> Int? {
        needle.withUTF8Buffer { needle in
            hay.withUnsafeBufferPointer { hay in
                guard needle.count > 0, hay.count >= needle.count else { return nil }
                let first = needle[0]
                var i = start
                while i <= hay.count - needle.count {
                    if hay[i] == first {
                        var j = 1
                        while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                        if j == needle.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// CSS without its /* comments */ (an unclosed one runs to the end).
    static func withoutComments(_ text: [UInt8]) -> [UInt8] {
        guard find("/*", in: text) != nil else { return text }
        var out: [UInt8] = []
        var i = 0
        while i < text.count {
            if text[i] == UInt8(ascii: "/"), i + 1 < text.count, text[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i < text.count, !(text[i] == UInt8(ascii: "*") && i + 1 < text.count && text[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 2
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    /// The text of an attribute (its children: text, and entity references, which are refused).
    fileprivate static func text(of attribute: xmlAttrPtr) throws(ImageError) -> [UInt8] {
        var out: [UInt8] = []
        var child = attribute.pointee.children
        while let node = child {
            if node.pointee.type == XML_ENTITY_REF_NODE { throw entityReference(node) }
            if let content = node.pointee.content {
                out.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
            }
            child = node.pointee.next
        }
        return out
    }

    fileprivate static func entityReference(_ node: xmlNodePtr) -> ImageError {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        return ImageError("line \(sg_xml_line(node)): the SVG refers to the XML entity &\(name);, which can expand without bound or read other files")
    }

    // MARK: Writing

    /// The serializer: elements and attributes in document order, values escaped, text as it was.
    private struct Writer {
        var out: [UInt8] = []
        var usesXlink = false
        /// Names by libxml2's interned pointer: the allowed element's name, or nil.
        var elementNames: [UnsafeRawPointer: String?] = [:]
        /// The same for attributes in no namespace.
        var attributeNames: [UnsafeRawPointer: String?] = [:]

        mutating func root(_ root: xmlNodePtr) throws(ImageError) {
            out.reserveCapacity(4096)
            out += Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"".utf8)
            let declaration = out.count
            try element(root, name: "svg", depth: 1, opened: true)
            if usesXlink {
                out.insert(contentsOf: " xmlns:xlink=\"http://www.w3.org/1999/xlink\"".utf8, at: declaration)
            }
            out.append(UInt8(ascii: "\n"))
        }

        /// The name `node` is written with, or nil when it goes (`SVGSanitizer.keeps`).
        mutating func name(of node: xmlNodePtr) -> String? {
            guard node.pointee.type == XML_ELEMENT_NODE, SVGSanitizer.isSVG(node.pointee.ns) else { return nil }
            let key = UnsafeRawPointer(node.pointee.name!)
            let name: String?
            if let cached = elementNames[key] {
                name = cached
            } else {
                let string = String(cString: node.pointee.name)
                name = SVGSanitizer.elements.contains(string) ? string : nil
                elementNames[key] = name
            }
            guard let name else { return nil }
            return SVGSanitizer.keeps(node, named: name) ? name : nil
        }

        /// Writes `node` (an allowed element called `name`) and what it holds; `opened` when `<name` is written.
        mutating func element(_ node: xmlNodePtr, name: String, depth: Int, opened: Bool = false) throws(ImageError) {
            guard depth <= SVGSanitizer.maxDepth else {
                throw ImageError("line \(sg_xml_line(node)): the SVG nests elements deeper than \(SVGSanitizer.maxDepth) levels")
            }
            if !opened {
                out.append(UInt8(ascii: "<"))
                out += name.utf8
            }
            try attributes(of: node)
            out.append(UInt8(ascii: ">"))
            let empty = out.count
            let keepsText = SVGSanitizer.textElements.contains(name)
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    // A style sheet is its text: element children are not part of it.
                    guard name != "style", let childName = self.name(of: current) else { continue }
                    try element(current, name: childName, depth: depth + 1)
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    guard let content = current.pointee.content else { continue }
                    let bytes = UnsafeBufferPointer(start: content, count: strlen(content))
                    if keepsText || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                        escape(bytes, attribute: false)
                    }
                case XML_ENTITY_REF_NODE:
                    throw SVGSanitizer.entityReference(current)
                default:
                    continue  // comments, processing instructions, XInclude markers
                }
            }
            if out.count == empty {
                out[out.count - 1] = UInt8(ascii: "/")
                out.append(UInt8(ascii: ">"))
            } else {
                out += [UInt8(ascii: "<"), UInt8(ascii: "/")]
                out += name.utf8
                out.append(UInt8(ascii: ">"))
            }
        }

        /// The allowed attributes of `node`, in document order.
        mutating func attributes(of node: xmlNodePtr) throws(ImageError) {
            var written: [String] = []
            var attribute = node.pointee.properties
            while let current = attribute {
                attribute = current.pointee.next
                let name: String
                if let href = current.pointee.ns?.pointee.href {
                    let local = String(cString: current.pointee.name)
                    if SVGSanitizer.equals(href, SVGSanitizer.xlinkNamespace), local == "href" || local == "title" {
                        name = "xlink:" + local
                    } else if SVGSanitizer.equals(href, SVGSanitizer.xmlNamespace), local == "space" || local == "lang" {
                        name = "xml:" + local
                    } else {
                        continue
                    }
                } else {
                    let key = UnsafeRawPointer(current.pointee.name!)
                    if let cached = attributeNames[key] {
                        guard let cached else { continue }
                        name = cached
                    } else {
                        let string = String(cString: current.pointee.name)
                        let allowed = SVGSanitizer.attributes.contains(string) ? string : nil
                        attributeNames[key] = allowed
                        guard let allowed else { continue }
                        name = allowed
                    }
                }
                let isLink = name == "href" || name == "xlink:href"
                let css = name == "style", animation = SVGSanitizer.animationValues.contains(name)
                try SVGSanitizer.withValue(of: current) { value in
                    let safe = isLink ? SVGSanitizer.isSafeLink(value) : SVGSanitizer.isSafeValue(value, css: css, animation: animation)
                    guard safe, !written.contains(name) else { return }
                    written.append(name)
                    if name.hasPrefix("xlink:") { usesXlink = true }
                    out.append(UInt8(ascii: " "))
                    out += name.utf8
                    out += [UInt8(ascii: "="), UInt8(ascii: "\"")]
                    escape(value, attribute: true)
                    out.append(UInt8(ascii: "\""))
                }
            }
        }

        /// `bytes` with `&`, `<`, `>` and CR as references (a bare CR would be read back as LF);
        /// in an attribute, `"`, tab and LF too (a parser turns them into spaces).
        mutating func escape(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool) {
            var run = 0
            for i in 0..<bytes.count {
                let reference: StaticString
                switch bytes[i] {
                case UInt8(ascii: "&"): reference = "&amp;"
                case UInt8(ascii: "<"): reference = "&lt;"
                case UInt8(ascii: ">"): reference = "&gt;"
                case 0x0D: reference = "&#13;"
                case UInt8(ascii: "\"") where attribute: reference = "&quot;"
                case 0x09 where attribute: reference = "&#9;"
                case 0x0A where attribute: reference = "&#10;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                reference.withUTF8Buffer { out.append(contentsOf: $0) }
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }
}

extension SVGSanitizer {
    /// `body` on the value of `attribute`, read in place when it is one text.
    static func withValue(of attribute: xmlAttrPtr, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(ImageError) {
        if let child = attribute.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
           let content = child.pointee.content {
            body(UnsafeBufferPointer(start: content, count: strlen(content)))
        } else {
            try text(of: attribute).withUnsafeBufferPointer(body)
        }
    }

    /// Whether the allowed element `node`, called `name`, is kept (else it goes with its subtree):
    /// an animation must change an allowed, animatable attribute; a style sheet must be free of
    /// imports, escapes, expressions and `url(`s to anything but a fragment.
    static func keeps(_ node: xmlNodePtr, named name: String) -> Bool {
        if animations.contains(name) {
            guard let attribute = attribute(named: "attributeName", of: node), let value = try? text(of: attribute) else { return false }
            var target = String(decoding: value, as: UTF8.self).trimmingWhitespace
            if let colon = target.lastIndex(of: ":") { target = String(target[target.index(after: colon)...]) }
            guard animatable.contains(target), !target.hasPrefix("on") else { return false }
        }
        if name == "style", !isSafeValue(styleText(of: node), css: true) { return false }
        return true
    }

    /// The attribute `name` (in no namespace) of `node`.
    static func attribute(named name: String, of node: xmlNodePtr) -> xmlAttrPtr? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if current.pointee.ns == nil, String(cString: current.pointee.name) == name { return current }
            attribute = current.pointee.next
        }
        return nil
    }

    /// The style sheet of a `<style>`: its text children, one after the other.
    static func styleText(of node: xmlNodePtr) -> [UInt8] {
        var out: [UInt8] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                out.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
            }
            child = current.pointee.next
        }
        return out
    }

    /// The first entity reference anywhere in the tree (content or attribute values), in kept
    /// parts or not: none may be left.
    static func firstEntityReference(under root: xmlNodePtr) -> xmlNodePtr? {
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            if node.pointee.type == XML_ENTITY_REF_NODE { return node }
            if node.pointee.type == XML_ELEMENT_NODE {
                var attribute = node.pointee.properties
                while let current = attribute {
                    var value = current.pointee.children
                    while let part = value {
                        if part.pointee.type == XML_ENTITY_REF_NODE { return part }
                        value = part.pointee.next
                    }
                    attribute = current.pointee.next
                }
            }
            var child = node.pointee.children
            while let current = child {
                stack.append(current)
                child = current.pointee.next
            }
        }
        return nil
    }
}

extension String {
    /// Without XML's white space (space, tab, LF, CR) at either end.
    var trimmingWhitespace: String {
        let space: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !space($0) }), let last = lastIndex(where: { !space($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension SVGSanitizer {
    /// The whole tree of `bytes` (an SVG), kept parts or not, one line a node in document order:
    /// `<{namespace}name`, `@{namespace}name=value` for each attribute, `#text` for character
    /// data, `>` at each element's end. For tests: what a file holds, and what its sanitised
    /// copy holds, compared after parsing (character references decoded).
    static func outline(_ bytes: [UInt8]) throws(ImageError) -> [String] {
        try parsed(bytes) { root in
            var lines: [String] = []
            func name(_ ns: xmlNsPtr?, _ local: UnsafePointer<xmlChar>) -> String {
                let space = ns?.pointee.href.map { "{" + String(cString: $0) + "}" } ?? ""
                return space + String(cString: local)
            }
            func walk(_ node: xmlNodePtr) {
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    lines.append("<" + name(node.pointee.ns, node.pointee.name))
                    var attribute = node.pointee.properties
                    while let current = attribute {
                        let value = (try? text(of: current)).map { String(decoding: $0, as: UTF8.self) } ?? "&"
                        lines.append("@" + name(current.pointee.ns, current.pointee.name) + "=" + value)
                        attribute = current.pointee.next
                    }
                    var child = node.pointee.children
                    while let current = child {
                        walk(current)
                        child = current.pointee.next
                    }
                    lines.append(">")
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    let text = node.pointee.content.map { String(cString: $0) } ?? ""
                    // Adjacent text is one text.
                    if let last = lines.last, last.hasPrefix("#") { lines[lines.count - 1] = last + text } else { lines.append("#" + text) }
                default:
                    break
                }
            }
            walk(root)
            return lines
        }
    }
}

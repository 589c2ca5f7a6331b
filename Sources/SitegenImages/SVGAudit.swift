/// The properties every sanitised SVG has, checked independently of how `SVGSanitizer` makes
/// them (its own scanning, not the sanitiser's rules): what the fuzz target (Fuzz/Sources/FuzzSVG)
/// and its replay test (SVGFuzzReplayTests) assert of each output.
/// What a sanitised SVG must be: valid UTF-8; a fixed point (sanitising it again succeeds and
/// changes nothing); and, read ASCII-lowercased, free of `<script`, of `<foreignObject>`, of any
/// attribute named on… (`\son[a-z]+\s*=` over each tag with its quoted values blanked), and of
/// `javascript:` and `vbscript:` where they could act: in any attribute value but a link's
/// (decoded and folded as a browser reads a scheme, CSS comments removed from style), at the
/// start of a link (`href`, `xlink:href`; elsewhere in a link they are a path, query or
/// fragment), and in a `<style>` sheet. Character data of other elements is text: it is not checked.
public enum SVGAudit {
    public static func violation(_ output: [UInt8]) -> String? {
        // (3) Valid UTF-8: decoding replaces nothing.
        if !String(decoding: output, as: UTF8.self).utf8.elementsEqual(output) { return "the output is not valid UTF-8" }
        // (1) Idempotence.
        do {
            let again = try SVGSanitizer.sanitize(output)
            if again != output { return "sanitising the output changes it to:\n\(String(decoding: again, as: UTF8.self))" }
        } catch {
            return "the output is refused when sanitised again: \(error)"
        }
        return runnable(output)
    }

    /// (2) What in `output` (the serializer's form) could run, or nil.
    public static func runnable(_ output: [UInt8]) -> String? {
        let lower = output.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        if find("<script", in: lower) != nil { return "the output contains <script" }
        var i = 0
        while i < lower.count {
            guard lower[i] == UInt8(ascii: "<") else { i += 1; continue }
            guard let close = lower[i...].firstIndex(of: UInt8(ascii: ">")) else { return "a tag is not closed" }
            let tag = Array(lower[i...close])
            i = close + 1
            if tag.starts(with: Array("<?".utf8)) { continue }
            var start = 1
            if tag.count > 1, tag[1] == UInt8(ascii: "/") { start = 2 }
            let name = tag[start...].prefix { !isSpace($0) && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ">") }
            let elementName = String(decoding: name, as: UTF8.self)
            if elementName == "script" || elementName == "foreignobject" { return "the output has an element <\(elementName)>" }
            if start == 2 { continue }
            // The tag with its quoted values emptied, for the handler pattern.
            var blanked: [UInt8] = []
            var quoted = false
            for byte in tag {
                if byte == UInt8(ascii: "\"") { quoted.toggle(); blanked.append(byte) } else if !quoted { blanked.append(byte) }
            }
            if let handler = handlerAttribute(in: blanked) { return "the output has a handler attribute \(handler)" }
            // Attributes: name="value", the serializer's only form (values hold no " < >).
            var attributes: [(name: String, value: [UInt8])] = []
            var j = start + name.count
            while true {
                while j < tag.count, isSpace(tag[j]) { j += 1 }
                guard j < tag.count, tag[j] != UInt8(ascii: "/"), tag[j] != UInt8(ascii: ">") else { break }
                let nameStart = j
                while j < tag.count, tag[j] != UInt8(ascii: "="), !isSpace(tag[j]), tag[j] != UInt8(ascii: ">") { j += 1 }
                let attribute = String(decoding: tag[nameStart..<j], as: UTF8.self)
                guard j + 1 < tag.count, tag[j] == UInt8(ascii: "="), tag[j + 1] == UInt8(ascii: "\""),
                      let end = tag[(j + 2)...].firstIndex(of: UInt8(ascii: "\"")) else {
                    return "a tag is not name=\"value\" pairs: \(String(decoding: tag, as: UTF8.self))"
                }
                attributes.append((attribute, Array(tag[(j + 2)..<end])))
                j = end + 1
            }
            for (attribute, raw) in attributes {
                if attribute.hasPrefix("on") { return "the output has a handler attribute \(attribute)" }
                let value = folded(decoded(raw))
                if attribute == "href" || attribute == "xlink:href" {
                    for scheme in ["javascript:", "vbscript:"] where value.starts(with: Array(scheme.utf8)) {
                        return "the output has a \(scheme) link: \(attribute)=\"\(String(decoding: raw, as: UTF8.self))\""
                    }
                } else if let scheme = scriptURL(in: attribute == "style" ? withoutComments(value) : value) {
                    return "the output has \(scheme) in \(attribute)=\"\(String(decoding: raw, as: UTF8.self))\""
                }
            }
            // A style sheet: its text, up to the next tag (</style>).
            if elementName == "style", tag.count > 2, tag[tag.count - 2] != UInt8(ascii: "/") {
                let end = lower[i...].firstIndex(of: UInt8(ascii: "<")) ?? lower.count
                if let scheme = scriptURL(in: withoutComments(folded(decoded(Array(lower[i..<end]))))) {
                    return "the output has \(scheme) in a style sheet"
                }
            }
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    /// A match of `\son[a-z]+\s*=` in `tag`.
    static func handlerAttribute(in tag: [UInt8]) -> String? {
        var i = 0
        while i + 3 < tag.count {
            defer { i += 1 }
            guard isSpace(tag[i]), tag[i + 1] == UInt8(ascii: "o"), tag[i + 2] == UInt8(ascii: "n") else { continue }
            var j = i + 3
            while j < tag.count, tag[j] >= UInt8(ascii: "a") && tag[j] <= UInt8(ascii: "z") { j += 1 }
            guard j > i + 3 else { continue }
            let name = String(decoding: tag[(i + 1)..<j], as: UTF8.self)
            while j < tag.count, isSpace(tag[j]) { j += 1 }
            if j < tag.count, tag[j] == UInt8(ascii: "=") { return name }
        }
        return nil
    }

    static func scriptURL(in value: [UInt8]) -> String? {
        for scheme in ["javascript:", "vbscript:"] where find(scheme, in: value) != nil { return scheme }
        return nil
    }

    /// The serializer's references decoded (it writes no others: every & is &amp;).
    static func decoded(_ raw: [UInt8]) -> [UInt8] {
        guard raw.contains(UInt8(ascii: "&")) else { return raw }
        let references: [(String, UInt8)] = [
            ("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#9;", 0x09), ("&#10;", 0x0A), ("&#13;", 0x0D),
        ]
        var out: [UInt8] = []
        var i = 0
        outer: while i < raw.count {
            if raw[i] == UInt8(ascii: "&") {
                for (reference, byte) in references where raw[i...].starts(with: reference.utf8) {
                    out.append(byte)
                    i += reference.utf8.count
                    continue outer
                }
            }
            out.append(raw[i])
            i += 1
        }
        return out
    }

    /// Without ASCII white space and controls (U+0000–U+0020, U+007F): how a browser may read a scheme, and more.
    static func folded(_ value: [UInt8]) -> [UInt8] {
        value.filter { $0 > 0x20 && $0 != 0x7F }.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// CSS without its /* comments */ (an unclosed one runs to the end): the sanitiser's own rule.
    static func withoutComments(_ text: [UInt8]) -> [UInt8] { SVGSanitizer.withoutComments(text) }

    static func find(_ needle: String, in hay: [UInt8]) -> Int? {
        let needle = Array(needle.utf8)
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}

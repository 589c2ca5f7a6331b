import Foundation

/// Escaping on UTF-8 bytes.
enum Escaping {
    /// Appends `s` with `& < > " '` replaced by entities.
    @inline(__always)
    static func appendHTML(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendHTML($0, to: &out) }
    }

    static func appendHTML(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            // Everything above '>' and most punctuation needs no escape; test the common case first.
            if b > UInt8(ascii: ">") || (b != UInt8(ascii: "&") && b != UInt8(ascii: "<") && b != UInt8(ascii: ">")
                && b != UInt8(ascii: "\"") && b != UInt8(ascii: "'")) {
                i += 1
                continue
            }
            if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: amp)
            case UInt8(ascii: "<"): out.append(contentsOf: lt)
            case UInt8(ascii: ">"): out.append(contentsOf: gt)
            case UInt8(ascii: "\""): out.append(contentsOf: quot)
            default: out.append(contentsOf: apos)
            }
            i += 1
            start = i
        }
        if start < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let apos = Array("&#39;".utf8)

    /// `s` escaped for HTML text and attributes (and XML).
    static func html(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        appendHTML(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes everything but unreserved characters and `/`.
    static func url(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes tags, decodes the basic entities and collapses whitespace, so the text can be escaped afresh.
    static func stripTags(_ s: String) -> String {
        var text = ""
        var inTag = false
        for c in s {
            if inTag {
                if c == ">" { inTag = false; text.append(" ") }
            } else if c == "<" {
                inTag = true
            } else {
                text.append(c)
            }
        }
        let entities = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&nbsp;", " "), ("&amp;", "&")]
        for (entity, plain) in entities where text.contains(entity) {
            text = text.replacingOccurrences(of: entity, with: plain)
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// JSON that is safe inside `<script>`: `<`, `>`, `&`, U+2028 and U+2029 are written as `\u` escapes.
enum JSONWriting {
    static func write(_ value: Value, timeZone: TimeZone) throws -> String {
        var out = ""
        try write(value, timeZone: timeZone, to: &out)
        return out
    }

    private static func write(_ value: Value, timeZone: TimeZone, to out: inout String) throws {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            guard d.isFinite else { throw FilterError("cannot write \(d) as JSON") }
            out += Value.format(d)
        case .string(let s): writeString(s, to: &out)
        case .html(let h): writeString(h.markup, to: &out)
        case .date(let d): writeString(DateFormatting.rfc3339(d, timeZone: timeZone), to: &out)
        case .list(let l):
            out += "["
            for (i, v) in l.enumerated() {
                if i > 0 { out += "," }
                try write(v, timeZone: timeZone, to: &out)
            }
            out += "]"
        case .dictionary(let d):
            out += "{"
            for (i, key) in d.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                try write(d[key]!, timeZone: timeZone, to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "'": out += "\\u0027"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

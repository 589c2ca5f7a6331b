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

    /// A JSON string literal, escaped byte by byte over the UTF-8 (a feed's content is
    /// kilobytes long, written once per feed it is in): runs of plain bytes are copied whole.
    private static func writeString(_ s: String, to out: inout String) {
        var s = s
        let literal: [UInt8] = s.withUTF8 { bytes in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(bytes.count + bytes.count / 8 + 2)
            buffer.append(UInt8(ascii: "\""))
            var plain = 0
            var i = 0
            func flush(_ upTo: Int) { if upTo > plain { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<upTo])) } }
            func escape(_ text: StaticString, at index: Int, length: Int = 1) {
                flush(index)
                text.withUTF8Buffer { buffer.append(contentsOf: $0) }
                plain = index + length
            }
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\""): escape("\\\"", at: i)
                case UInt8(ascii: "\\"): escape("\\\\", at: i)
                case UInt8(ascii: "\n"): escape("\\n", at: i)
                case UInt8(ascii: "\r"): escape("\\r", at: i)
                case UInt8(ascii: "\t"): escape("\\t", at: i)
                case UInt8(ascii: "<"): escape("\\u003c", at: i)
                case UInt8(ascii: ">"): escape("\\u003e", at: i)
                case UInt8(ascii: "&"): escape("\\u0026", at: i)
                case UInt8(ascii: "'"): escape("\\u0027", at: i)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape(bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", at: i, length: 3)
                    i += 2
                case 0..<0x20:
                    flush(i)
                    let hex = Array("0123456789abcdef".utf8)
                    buffer.append(contentsOf: Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                    plain = i + 1
                default: break
                }
                i += 1
            }
            flush(bytes.count)
            buffer.append(UInt8(ascii: "\""))
            return buffer
        }
        out += String(decoding: literal, as: UTF8.self)
    }
}

/// What the link checker needs from one rendered page: its ids, and every URL it points at.
struct ScannedPage: Sendable {
    /// One `href`, `src` or refresh target, entity-decoded.
    struct Reference: Sendable {
        var tag: String
        var attribute: String
        var url: String
    }

    var ids: [String] = []
    var references: [Reference] = []
    /// `<img>` tags that have no `alt` attribute at all (`alt=""` is a deliberate choice).
    var imagesWithoutAlt: [String] = []
}

/// A small, forgiving HTML and XML tag scanner: a byte cursor, no regular expressions, no tree.
///
/// It reads start tags and their attributes, skips comments, CDATA, doctype and the raw text
/// of `<script>` and `<style>`, and reads the text of `<loc>` (the sitemap's URLs).
struct HTMLScanner {
    private let bytes: [UInt8]
    private var i = 0

    static func scan(_ bytes: [UInt8]) -> ScannedPage {
        var scanner = HTMLScanner(bytes: bytes)
        return scanner.run()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func run() -> ScannedPage {
        var page = ScannedPage()
        while let lt = next(UInt8(ascii: "<")) {
            i = lt + 1
            if starts(with: "!--") {
                i = find("-->").map { $0 + 3 } ?? bytes.count
            } else if starts(with: "![CDATA[") {
                i = find("]]>").map { $0 + 3 } ?? bytes.count
            } else if i < bytes.count, bytes[i] == UInt8(ascii: "!") || bytes[i] == UInt8(ascii: "?") || bytes[i] == UInt8(ascii: "/") {
                i = next(UInt8(ascii: ">")).map { $0 + 1 } ?? bytes.count
            } else if i < bytes.count, isNameStart(bytes[i]) {
                readTag(into: &page)
            }
        }
        return page
    }

    private mutating func readTag(into page: inout ScannedPage) {
        let tag = readName().lowercased()
        var attributes: [(String, String)] = []
        while i < bytes.count {
            skipSpace()
            guard i < bytes.count else { break }
            if bytes[i] == UInt8(ascii: ">") { i += 1; break }
            if bytes[i] == UInt8(ascii: "/") { i += 1; continue }
            let name = readName().lowercased()
            if name.isEmpty { i += 1; continue }
            skipSpace()
            var value = ""
            if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                i += 1
                skipSpace()
                value = HTMLEntities.decode(readValue())
            }
            attributes.append((name, value))
        }
        record(tag, attributes, into: &page)
        switch tag {
        case "script", "style":
            // Raw text: nothing inside is markup.
            i = find("</" + tag).map { $0 + 2 } ?? bytes.count
        case "loc":
            let end = next(UInt8(ascii: "<")) ?? bytes.count
            let text = HTMLEntities.decode(String(decoding: bytes[i..<end], as: UTF8.self))
            let url = text.trimmingWhitespace()
            if !url.isEmpty { page.references.append(.init(tag: tag, attribute: "", url: url)) }
            i = end
        default:
            break
        }
    }

    private func record(_ tag: String, _ attributes: [(String, String)], into page: inout ScannedPage) {
        var hasAlt = false
        var httpEquivRefresh = false
        var content: String?
        for (name, value) in attributes {
            switch name {
            case "id":
                page.ids.append(value)
            case "name" where tag == "a":
                page.ids.append(value)
            case "href", "src":
                page.references.append(.init(tag: tag, attribute: name, url: value))
            case "alt":
                hasAlt = true
            case "http-equiv":
                httpEquivRefresh = value.lowercased() == "refresh"
            case "content":
                content = value
            default:
                break
            }
        }
        if tag == "img", !hasAlt {
            let src = attributes.first { $0.0 == "src" }?.1 ?? ""
            page.imagesWithoutAlt.append(src)
        }
        // <meta http-equiv="refresh" content="0; url=…">: the target of an alias page.
        if tag == "meta", httpEquivRefresh, let content, let range = content.range(of: "url=", options: .caseInsensitive) {
            let url = content[range.upperBound...].trimmingWhitespace()
            page.references.append(.init(tag: tag, attribute: "content", url: url))
        }
    }

    // MARK: - Cursor

    private func next(_ byte: UInt8) -> Int? {
        var j = i
        while j < bytes.count {
            if bytes[j] == byte { return j }
            j += 1
        }
        return nil
    }

    /// The offset of `needle` at or after the cursor, compared case-insensitively.
    private func find(_ needle: String) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, bytes.count >= n.count else { return nil }
        var j = i
        while j + n.count <= bytes.count {
            var k = 0
            while k < n.count, lower(bytes[j + k]) == lower(n[k]) { k += 1 }
            if k == n.count { return j }
            j += 1
        }
        return nil
    }

    private func starts(with prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard i + p.count <= bytes.count else { return false }
        for k in 0..<p.count where lower(bytes[i + k]) != lower(p[k]) { return false }
        return true
    }

    private mutating func readName() -> String {
        let start = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/"),
              bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'") {
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func readValue() -> String {
        guard i < bytes.count else { return "" }
        let quote = bytes[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != quote { i += 1 }
            defer { if i < bytes.count { i += 1 } }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        let start = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    private func isNameStart(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}

/// Decodes the character references an attribute value may hold.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semi]
                if let scalar = scalar(for: name) {
                    out += scalar
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    private static func scalar(for name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return named[String(name)]
    }
}

fileprivate extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

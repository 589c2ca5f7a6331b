/// Puts the heading ids into cmark's HTML, at the `<hN>` tags of the headings, in order.
///
/// Before rendering, each heading gets a first text node holding the byte 0xFF. That byte
/// never occurs in UTF-8, and the source is a Swift string, so in the output it follows the
/// `<hN>` of a real heading and nothing else; raw `<h2>` in unsafe HTML is left alone.
enum HeadingMarker {
    static let byte: UInt8 = 0xFF

    static func insertIDs(_ ids: [String], into html: UnsafeBufferPointer<UInt8>) -> String {
        guard !ids.isEmpty else { return String(decoding: html, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + ids.count * 32)
        var copied = 0
        var next = 0
        var i = 0
        let n = html.count
        while i < n {
            if html[i] == byte {
                let isOpenTag = i >= 4 && html[i - 4] == UInt8(ascii: "<") && html[i - 3] == UInt8(ascii: "h")
                    && html[i - 1] == UInt8(ascii: ">")
                if isOpenTag, next < ids.count {
                    out.append(contentsOf: html[copied..<(i - 1)])
                    out.append(contentsOf: " id=\"".utf8)
                    out.append(contentsOf: ids[next].utf8)
                    out.append(contentsOf: "\">".utf8)
                    next += 1
                } else {
                    out.append(contentsOf: html[copied..<i])
                }
                copied = i + 1
            }
            i += 1
        }
        out.append(contentsOf: html[copied..<n])
        return String(decoding: out, as: UTF8.self)
    }
}

/// Finishes the tags cmark writes whose attributes sitegen adds to: a heading's `id`, a task's
/// checkbox name.
///
/// Before rendering, the tree gets a byte that never occurs in UTF-8 right after each such tag
/// (a text node first in a heading; a custom inline first in a task item). The source is a
/// Swift string, so these bytes in the output come from the marks and nothing else: raw HTML
/// that looks the same (`<h2>` in unsafe HTML) is left alone.
enum HTMLMarker {
    /// First in every heading: the `<hN>` before it gets the next id.
    static let heading: UInt8 = 0xFF
    /// Around a task's name (escaped), first in its item: the checkbox before it gets it as `aria-label`.
    static let taskName: UInt8 = 0xFD

    /// How the tasklist extension ends a checkbox: `<input type="checkbox" disabled="" /> `.
    private static let checkboxEnd = Array(" disabled=\"\" /> ".utf8)

    /// The HTML with every mark finished and removed; `ids` are the headings' ids in order,
    /// `marked` whether the tree had any mark at all.
    static func finish(_ html: UnsafeBufferPointer<UInt8>, headingIDs ids: [String], marked: Bool) -> String {
        guard marked else { return String(decoding: html, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + ids.count * 32 + 256)
        var copied = 0
        var next = 0
        var i = 0
        let n = html.count
        while i < n {
            let b = html[i]
            guard b >= taskName else {
                i += 1
                continue
            }
            out.append(contentsOf: html[copied..<i])
            copied = i + 1
            switch b {
            case heading:
                let c = out.count
                let isOpenTag = c >= 4 && out[c - 4] == UInt8(ascii: "<") && out[c - 3] == UInt8(ascii: "h")
                    && out[c - 1] == UInt8(ascii: ">")
                if isOpenTag, next < ids.count {
                    out.removeLast()
                    out.append(contentsOf: " id=\"".utf8)
                    out.append(contentsOf: ids[next].utf8)
                    out.append(contentsOf: "\">".utf8)
                    next += 1
                }
            default:
                var end = copied
                while end < n, html[end] != taskName { end += 1 }
                if out.count >= checkboxEnd.count, out[(out.count - checkboxEnd.count)...].elementsEqual(checkboxEnd) {
                    out.removeLast(4)  // " /> "
                    out.append(contentsOf: " aria-label=\"".utf8)
                    out.append(contentsOf: html[copied..<end])
                    out.append(contentsOf: "\" /> ".utf8)
                }
                copied = min(end + 1, n)
            }
            i = copied
        }
        out.append(contentsOf: html[copied..<n])
        return String(decoding: out, as: UTF8.self)
    }
}

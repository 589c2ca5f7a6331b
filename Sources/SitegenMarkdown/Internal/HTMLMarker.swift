/// Finishes the tags cmark writes whose attributes sitegen adds to: a heading's `id`, a task's
/// checkbox name, the footnotes' heading.
///
/// Before rendering, the tree gets a byte that never occurs in UTF-8 right after each such tag
/// (a text node first in a heading; a custom node first in a task item or before the first
/// footnote). The source is a Swift string, so these bytes in the output come from the marks
/// and nothing else: raw HTML that looks the same (`<h2>` in unsafe HTML) is left alone.
enum HTMLMarker {
    /// First in every heading: the `<hN>` before it gets the next id.
    static let heading: UInt8 = 0xFF
    /// On its own line before the footnotes' `<section>`, which gets its heading.
    static let footnotes: UInt8 = 0xFE
    /// Around a task's name (escaped), first in its item: the checkbox before it gets it as `aria-label`.
    static let taskName: UInt8 = 0xFD

    /// The id of the footnotes' heading, as on GitHub; `HeadingIDs` never gives it to a heading.
    static let footnotesHeadingID = "footnote-label"

    /// What cmark writes after the mark to open the footnotes, and what it becomes.
    private static let footnotesOpening = Array("\n<section class=\"footnotes\" data-footnotes>\n<ol>\n".utf8)
    private static let footnotesWithHeading = Array((
        "<section class=\"footnotes\" data-footnotes aria-labelledby=\"\(footnotesHeadingID)\">\n"
            + "<h2 id=\"\(footnotesHeadingID)\" class=\"visually-hidden\">Footnotes</h2>\n<ol>\n").utf8)

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
            case footnotes:
                if html[copied...].starts(with: footnotesOpening) {
                    out.append(contentsOf: footnotesWithHeading)
                    copied += footnotesOpening.count
                } else if copied < n, html[copied] == 0x0A {
                    copied += 1  // the line break cmark put after the mark's block
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

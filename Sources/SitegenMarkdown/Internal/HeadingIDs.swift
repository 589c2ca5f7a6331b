import SitegenSupport

/// Gives each heading of one document an id: its slug, made unique the way GitHub does it.
///
/// The first "Launch" is `launch`, the next `launch-1`, then `launch-2`; a suffixed id skips
/// any id already taken ("Launch 1" written out). A heading with no usable slug is `section`.
/// The footnotes' heading's id is always taken: a heading "Footnote label" is `footnote-label-1`.
struct HeadingIDs {
    private var taken: Set<String> = [HTMLMarker.footnotesHeadingID]
    private var suffixes: [String: Int] = [:]

    mutating func make(for text: String) -> String {
        let base = Slug.make(text) ?? "section"
        var id = base
        if taken.contains(base) {
            var n = suffixes[base, default: 0]
            repeat {
                n += 1
                id = base + "-" + String(n)
            } while taken.contains(id)
            suffixes[base] = n
        }
        taken.insert(id)
        return id
    }
}

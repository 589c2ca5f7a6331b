/// Finds the source names in the parenthesis that closes a paragraph's text: "… tensions. (Reuters; AP News)".
///
/// The parenthesis must be the very end of the text and follow white space (or open the text);
/// it may hold parentheses of its own ("(Ministry of Health (Ghana))"). Split on `;` outside
/// those, each name trimmed and non-empty, it is an attribution when every name is one the
/// article declares (whatever it looks like: "(Mayor's office)", "(the family)"), or looks like
/// a source's name. A name looks like one when it starts with an upper-case letter or a digit,
/// has at most five words, no lower-case word longer than three letters ("of", "the", "and"
/// pass; "was", "confirmed" in a sentence do not), no comma, no parenthesis and no closing
/// sentence punctuation. So "(see below)" and "(This was confirmed later.)" are not
/// attributions unless the article declares a source of that name, and an undeclared name
/// that looks like a source's is still found (so `sitegen check` can say it is not declared).
enum AttributionScanner {
    struct Match {
        /// Offset of `(` in the scanned text.
        var open: Int
        /// Byte ranges of the names in the scanned text, in order.
        var names: [Range<Int>]
    }

    static let maximumWords = 5

    /// Scans `text`, the last run of plain text in a paragraph. `mayOpenText` says whether a
    /// `(` at offset 0 follows a line break or starts the paragraph.
    /// `isDeclared` says whether a name is one of the article's declared sources.
    static func scan(_ text: [UInt8], mayOpenText: Bool, isDeclared: (String) -> Bool = { _ in false }) -> Match? {
        guard text.count >= 3, text[text.count - 1] == UInt8(ascii: ")"), let open = matchingOpen(text) else { return nil }
        guard open == 0 ? mayOpenText : endsWithSpace(text, before: open) else { return nil }

        var names: [Range<Int>] = []
        var start = open + 1
        let end = text.count - 1
        while start <= end {
            var stop = start
            var depth = 0
            while stop < end, depth > 0 || text[stop] != UInt8(ascii: ";") {
                if text[stop] == UInt8(ascii: "(") { depth += 1 } else if text[stop] == UInt8(ascii: ")") { depth -= 1 }
                stop += 1
            }
            guard let name = trimmed(text, start..<stop),
                  isSourceName(text, name) || isDeclared(String(decoding: text[name], as: UTF8.self)) else { return nil }
            names.append(name)
            start = stop + 1
        }
        return Match(open: open, names: names)
    }

    /// The `(` that the final `)` closes, counting the parentheses between.
    private static func matchingOpen(_ text: [UInt8]) -> Int? {
        var depth = 0
        var i = text.count - 1
        while i >= 0 {
            if text[i] == UInt8(ascii: ")") {
                depth += 1
            } else if text[i] == UInt8(ascii: "(") {
                depth -= 1
                if depth == 0 { return i }
            }
            i -= 1
        }
        return nil
    }

    private static func endsWithSpace(_ text: [UInt8], before index: Int) -> Bool {
        let b = text[index - 1]
        if b == 0x20 || b == 0x09 { return true }
        // U+00A0 no-break space, U+202F narrow no-break space.
        if b == 0xA0, index >= 2, text[index - 2] == 0xC2 { return true }
        if b == 0xAF, index >= 3, text[index - 2] == 0x80, text[index - 3] == 0xE2 { return true }
        return false
    }

    private static func trimmed(_ text: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, text[lower] == 0x20 || text[lower] == 0x09 { lower += 1 }
        while upper > lower, text[upper - 1] == 0x20 || text[upper - 1] == 0x09 { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    private static func isSourceName(_ text: [UInt8], _ range: Range<Int>) -> Bool {
        let last = text[range.upperBound - 1]
        if [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ",")].contains(last) {
            return false
        }
        if text[range].contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) {
            return false
        }
        if text[range].allSatisfy({ $0 < 0x80 }) { return isASCIISourceName(text[range]) }
        let name = String(decoding: text[range], as: UTF8.self)
        let words = name.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace })
        guard !words.isEmpty, words.count <= maximumWords else { return false }
        guard let first = words[0].first, first.properties.isUppercase || first.properties.numericType != nil else {
            return false
        }
        for word in words.dropFirst() {
            if let initial = word.first, initial.properties.isLowercase, word.count > 3 { return false }
        }
        return true
    }

    /// The same rule as `isSourceName` on ASCII bytes, without decoding: most names are "Reuters" or "AP News".
    private static func isASCIISourceName(_ name: ArraySlice<UInt8>) -> Bool {
        var words = 0
        var i = name.startIndex
        while i < name.endIndex {
            let b = name[i]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { i += 1; continue }
            var end = i
            while end < name.endIndex, !(name[end] == 0x20 || (name[end] >= 0x09 && name[end] <= 0x0D)) { end += 1 }
            words += 1
            if words == 1 {
                guard (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else {
                    return false
                }
            } else if b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z"), end - i > 3 {
                return false
            }
            i = end
        }
        return words >= 1 && words <= maximumWords
    }
}

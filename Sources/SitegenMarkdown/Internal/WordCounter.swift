/// Counts words in text fed to it piece by piece, so that a word split by markup ("foo*bar*") counts once.
///
/// A word is a run of bytes between white space (ASCII, no-break and the other Unicode
/// spaces) holding at least one letter or digit; a lone dash or bullet is not a word. The
/// non-breaking hyphen U+2011 joins, so "Crew‑11" is one word.
struct WordCounter {
    private(set) var count = 0
    private var inWord = false
    private var wordHasLetter = false

    /// Ends the current word: at block boundaries and line breaks.
    mutating func boundary() {
        if inWord, wordHasLetter { count += 1 }
        inWord = false
        wordHasLetter = false
    }

    mutating func feed(_ text: UnsafeBufferPointer<UInt8>) {
        // The state lives in locals for the loop; ASCII bytes are classed by a table.
        var count = self.count, inWord = self.inWord, hasLetter = wordHasLetter
        Self.asciiClasses.withUnsafeBufferPointer { classes in
            var i = 0
            let n = text.count
            while i < n {
                let b = text[i]
                if b < 0x80 {
                    switch classes[Int(b)] {
                    case Self.space:
                        if inWord, hasLetter { count += 1 }
                        inWord = false
                        hasLetter = false
                    case Self.letter:
                        inWord = true
                        hasLetter = true
                    default:
                        inWord = true
                    }
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                let b1: UInt8 = i + 1 < n ? text[i + 1] : 0
                let b2: UInt8 = i + 2 < n ? text[i + 2] : 0
                if Self.isSpace(b, b1, b2) {
                    if inWord, hasLetter { count += 1 }
                    inWord = false
                    hasLetter = false
                } else {
                    inWord = true
                    // U+0080–U+00BF (Latin-1 signs) and U+2000–U+206F (dashes, quotes, bullets) are not letters.
                    let isPunctuation = b == 0xC2 || (b == 0xE2 && (b1 == 0x80 || b1 == 0x81))
                    if !isPunctuation { hasLetter = true }
                }
                i += length
            }
        }
        self.count = count
        self.inWord = inWord
        wordHasLetter = hasLetter
    }

    private static let space: UInt8 = 0, letter: UInt8 = 1, other: UInt8 = 2
    /// For each ASCII byte: white space, a letter or digit, or anything else.
    private static let asciiClasses: [UInt8] = (0..<128).map { b -> UInt8 in
        switch UInt8(b) {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return space
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return letter
        default: return other
        }
    }

    /// U+00A0, U+2000–U+200A, U+202F, U+205F and U+3000.
    private static func isSpace(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        switch (b0, b1) {
        case (0xC2, 0xA0): return true
        case (0xE2, 0x80): return b2 <= 0x8A || b2 == 0xAF
        case (0xE2, 0x81): return b2 == 0x9F
        case (0xE3, 0x80): return b2 == 0x80
        default: return false
        }
    }
}

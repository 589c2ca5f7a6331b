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
        // The state lives in locals as 0 or 1, and ASCII bytes are classed by a table, so the
        // loop has no branch per word boundary (those mispredict every few bytes).
        var count = self.count
        var inWord: UInt8 = self.inWord ? 1 : 0
        var hasLetter: UInt8 = wordHasLetter ? 1 : 0
        Self.asciiClasses.withUnsafeBufferPointer { classes in
            var i = 0
            let n = text.count
            while i < n {
                let b = text[i]
                if b < 0x80 {
                    let c = classes[Int(b)]
                    let space = c & 1, letter = c >> 1
                    count &+= Int(space & inWord & hasLetter)
                    hasLetter = (space ^ 1) & (hasLetter | letter)
                    inWord = space ^ 1
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                let b1: UInt8 = i + 1 < n ? text[i + 1] : 0
                let b2: UInt8 = i + 2 < n ? text[i + 2] : 0
                if Self.isSpace(b, b1, b2) {
                    count &+= Int(inWord & hasLetter)
                    inWord = 0
                    hasLetter = 0
                } else {
                    inWord = 1
                    // U+0080–U+00BF (Latin-1 signs) and U+2000–U+206F (dashes, quotes, bullets) are not letters.
                    let isPunctuation = b == 0xC2 || (b == 0xE2 && (b1 == 0x80 || b1 == 0x81))
                    if !isPunctuation { hasLetter = 1 }
                }
                i += length
            }
        }
        self.count = count
        self.inWord = inWord == 1
        wordHasLetter = hasLetter == 1
    }

    /// For each ASCII byte: bit 0 set for white space, bit 1 for a letter or digit.
    private static let asciiClasses: [UInt8] = (0..<128).map { b -> UInt8 in
        switch UInt8(b) {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return 2
        default: return 0
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

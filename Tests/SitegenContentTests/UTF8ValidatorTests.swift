import Testing
@testable import SitegenContent

@Suite struct UTF8ValidatorTests {
    @Test("the first bad byte is found at its line and character column, wherever it falls among the eight-byte steps")
    func findsTheFirstBadByte() {
        let pieces = ["a", "bc", "é", "‑", "🚀", "\n", "defghij"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<30, using: &generator) { text += pieces.randomElement(using: &generator)! }
            var bytes = Array(text.utf8)
            #expect(UTF8Validator.firstInvalidByte(in: bytes) == nil)
            let bad: UInt8 = [0xE9, 0xFF, 0x80, 0xC0].randomElement(using: &generator)!
            bytes.append(bad)
            bytes += Array("tail ✓".utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let expected = UTF8Validator.BadByte(
                offset: text.utf8.count, line: lines.count, column: lines.last!.unicodeScalars.count + 1)
            #expect(UTF8Validator.firstInvalidByte(in: bytes) == expected, "\(text.debugDescription)")
        }
    }
}

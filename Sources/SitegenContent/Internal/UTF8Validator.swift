import SitegenSupport

/// Finds the first byte that is not well-formed UTF-8, with its line and column (counted in characters, after any BOM).
enum UTF8Validator {
    struct BadByte: Equatable {
        var offset: Int
        var line: Int
        var column: Int
    }

    static func firstInvalidByte(in bytes: [UInt8]) -> BadByte? {
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        guard let offset = bytes.withUnsafeBufferPointer({ firstInvalidOffset(in: $0, from: start) }) else { return nil }
        // Only a file in error pays for counting lines and characters.
        var line = 1, column = 1
        for i in start..<offset {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return BadByte(offset: offset, line: line, column: column)
    }

    /// The offset of the first byte that does not belong to well-formed UTF-8; ASCII is passed
    /// over eight bytes at a time.
    private static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = start
        let n = bytes.count
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            for k in 1..<length {
                guard i + k < n else { return i }
                let c = bytes[i + k]
                let (lo, hi) = k == 1 ? (lower, upper) : (0x80, 0xBF)
                guard c >= lo && c <= hi else { return i }
            }
            i += length
        }
        return nil
    }

    /// `invalid UTF-8 byte 0xE9: save the file as UTF-8`, at the byte.
    static func diagnostic(for bad: BadByte, in bytes: [UInt8], path: String) -> Diagnostic {
        let digits = Array("0123456789ABCDEF")
        let byte = bytes[bad.offset]
        let hex = String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        return .error(
            "invalid UTF-8 byte 0x\(hex): save the file as UTF-8",
            at: SourcePosition(path: path, line: bad.line, column: bad.column))
    }
}

import Glibc

/// Converts between byte offsets in the Markdown source and 1-based lines and columns.
///
/// cmark reports byte columns; positions handed on count Unicode scalars, as editors and
/// Yams do. The line table is built on first use, since most documents need no positions
/// beyond those of their headings.
struct SourceMap {
    let bytes: UnsafeBufferPointer<UInt8>
    private var lineStarts: [Int] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The byte offset of a cmark position (1-based line, 1-based byte column), if it is in the source.
    mutating func offset(line: Int32, column: Int32) -> Int? {
        buildIfNeeded()
        let line = Int(line), column = Int(column)
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let offset = lineStarts[line - 1] + column - 1
        return offset < bytes.count ? offset : nil
    }

    /// The 1-based line and scalar column of a byte offset.
    mutating func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        buildIfNeeded()
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        return (low + 1, 1 + (offset - start) - Self.continuationBytes(in: UnsafeBufferPointer(rebasing: bytes[start..<offset])))
    }

    /// How many bytes of `bytes` continue a UTF-8 sequence (`10xxxxxx`): every other byte starts a
    /// scalar. Eight bytes at a time, since links and attributions sit at the end of long lines.
    static func continuationBytes(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let high: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Bit 7 set and bit 6 clear, moved to bit 7 of each byte.
            count += (word & ~(word << 1) & high).nonzeroBitCount
            i += 8
        }
        while i < n {
            if base[i] & 0xC0 == 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The offset where the line holding `offset` starts.
    mutating func lineStart(of offset: Int) -> Int {
        let line = lineAndColumn(of: offset).line
        return lineStarts[line - 1]
    }

    /// Lines end at `\n`, `\r\n` or a lone `\r`, as in cmark.
    private mutating func buildIfNeeded() {
        guard lineStarts.isEmpty else { return }
        lineStarts.append(0)
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        if memchr(base, 0x0D, n) == nil {
            // The usual case, no carriage returns: let memchr find the line ends.
            let raw = UnsafeRawPointer(base)
            var from = 0
            while from < n, let found = memchr(raw + from, 0x0A, n - from) {
                from = UnsafeRawPointer(found) - raw + 1
                lineStarts.append(from)
            }
            return
        }
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                lineStarts.append(i + 1)
            } else if b == UInt8(ascii: "\r") {
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                lineStarts.append(i + 1)
            }
            i += 1
        }
    }
}

import Foundation

/// The build cache's binary format: little-endian varints, length-prefixed UTF-8 strings and
/// byte strings, written into one growing buffer. Compact, and decoded without any parsing
/// beyond reading lengths (a JSON memo of 100,000 articles would take longer to parse than
/// the build it saves).
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func write(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func write(_ value: Int) {
        // Zig-zag, so small negative numbers stay small.
        let v = Int64(value)
        write(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write(_ value: Double) { writeFixed(value.bitPattern) }

    public mutating func writeFixed(_ value: UInt64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ digest: Digest) {
        writeFixed(digest.high)
        writeFixed(digest.low)
    }

    public mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func write(_ string: String?) {
        write(string != nil)
        if let string { write(string) }
    }

    /// Bytes as they are, with no length.
    public mutating func appendRaw(_ raw: ArraySlice<UInt8>) { bytes.append(contentsOf: raw) }

    public mutating func write(bytes more: [UInt8]) {
        write(UInt64(more.count))
        bytes.append(contentsOf: more)
    }

    /// Exactly: the reference-date interval is what `Date` stores.
    public mutating func write(_ date: Date) { write(date.timeIntervalSinceReferenceDate) }

    public mutating func write<T>(_ items: [T], _ each: (inout BinaryWriter, T) -> Void) {
        write(UInt64(items.count))
        for item in items { each(&self, item) }
    }

    /// A dictionary in key order, so that equal dictionaries give equal bytes.
    public mutating func write<T>(_ items: [String: T], _ each: (inout BinaryWriter, T) -> Void) {
        write(UInt64(items.count))
        for key in items.keys.sorted() {
            write(key)
            each(&self, items[key]!)
        }
    }
}

/// Thrown when cached bytes do not decode: truncated, garbled, or from another format.
public struct MalformedData: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads what `BinaryWriter` wrote; every read is bounds-checked, so a garbled file is an
/// error, never a crash or an allocation of a length read from garbage.
public struct BinaryReader {
    private let base: UnsafeRawBufferPointer
    public private(set) var offset: Int

    /// Reads `buffer`, which must outlive the reader.
    public init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        base = buffer
        self.offset = offset
    }

    public var isAtEnd: Bool { offset >= base.count }

    public mutating func readUInt64() throws(MalformedData) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count else { throw MalformedData("truncated number") }
            let byte = base[offset]
            offset += 1
            guard shift < 64 else { throw MalformedData("number too long") }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    public mutating func readInt() throws(MalformedData) -> Int {
        let v = try readUInt64()
        return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
    }

    /// A count of things each at least one byte long, checked against what is left.
    public mutating func readCount() throws(MalformedData) -> Int {
        let v = try readUInt64()
        guard v <= UInt64(base.count - offset) else { throw MalformedData("count past the end") }
        return Int(v)
    }

    public mutating func readBool() throws(MalformedData) -> Bool {
        guard offset < base.count else { throw MalformedData("truncated flag") }
        defer { offset += 1 }
        switch base[offset] {
        case 0: return false
        case 1: return true
        default: throw MalformedData("bad flag")
        }
    }

    public mutating func readFixed() throws(MalformedData) -> UInt64 {
        guard base.count - offset >= 8 else { throw MalformedData("truncated word") }
        let v = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: v)
    }

    public mutating func readDouble() throws(MalformedData) -> Double { Double(bitPattern: try readFixed()) }

    public mutating func readDigest() throws(MalformedData) -> Digest {
        let high = try readFixed()
        return Digest(high: high, low: try readFixed())
    }

    public mutating func readString() throws(MalformedData) -> String {
        let count = try readCount()
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
        offset += count
        guard let string = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw MalformedData("bad UTF-8")
        }
        return string
    }

    public mutating func readOptionalString() throws(MalformedData) -> String? {
        try readBool() ? try readString() : nil
    }

    public mutating func readBytes() throws(MalformedData) -> [UInt8] {
        let count = try readCount()
        defer { offset += count }
        return Array(base[offset..<(offset + count)])
    }

    public mutating func readDate() throws(MalformedData) -> Date { Date(timeIntervalSinceReferenceDate: try readDouble()) }

    public mutating func readList<T>(_ each: (inout BinaryReader) throws(MalformedData) -> T) throws(MalformedData) -> [T] {
        let count = try readCount()
        var items: [T] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try each(&self)) }
        return items
    }

    public mutating func readDictionary<T>(
        _ each: (inout BinaryReader) throws(MalformedData) -> T
    ) throws(MalformedData) -> [String: T] {
        let count = try readCount()
        var items: [String: T] = [:]
        items.reserveCapacity(count)
        for _ in 0..<count {
            let key = try readString()
            items[key] = try each(&self)
        }
        return items
    }
}

// MARK: - Positions and diagnostics

extension BinaryWriter {
    /// A position; its path is written only when it is not `path` (most positions of a
    /// content file are in that file).
    public mutating func write(_ position: SourcePosition, in path: String) {
        if position.path == path {
            write(false)
        } else {
            write(true)
            write(position.path)
        }
        write(position.line)
        write(position.column)
    }

    public mutating func write(_ diagnostic: Diagnostic, in path: String) {
        write(diagnostic.position, in: path)
        write(diagnostic.severity == .error)
        write(diagnostic.message)
        write(diagnostic.notes) { $0.write($1) }
    }
}

extension BinaryReader {
    public mutating func readPosition(in path: String) throws(MalformedData) -> SourcePosition {
        let own = try readBool() ? try readString() : path
        let line = try readInt()
        return SourcePosition(path: own, line: line, column: try readInt())
    }

    public mutating func readDiagnostic(in path: String) throws(MalformedData) -> Diagnostic {
        let position = try readPosition(in: path)
        let severity: Diagnostic.Severity = try readBool() ? .error : .warning
        let message = try readString()
        return Diagnostic(severity, at: position, message, notes: try readList { r throws(MalformedData) in try r.readString() })
    }
}

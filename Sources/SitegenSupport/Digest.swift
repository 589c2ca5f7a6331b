import CXXHash

/// A 128-bit content digest (XXH3-128, from Debian's libxxhash): the key of every memo in the
/// build cache. The same bytes give the same digest in every process and on every machine.
///
/// Not a cryptographic hash: the cache trusts its own folder, it only needs accidental
/// collisions to be out of the question (2⁻¹²⁸ per pair), and hashing must be far cheaper than
/// the work it saves (XXH3 runs at memory speed; SHA-256 would be several times slower).
public struct Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public static let zero = Digest(high: 0, low: 0)

    /// The digest of some bytes.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> Digest {
        let h = XXH3_128bits(bytes.baseAddress, bytes.count)
        return Digest(high: h.high64, low: h.low64)
    }

    public static func of(_ bytes: [UInt8]) -> Digest {
        bytes.withUnsafeBytes { of($0) }
    }

    public static func of(_ string: String) -> Digest {
        var string = string
        return string.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    public var description: String {
        let h = String(high, radix: 16), l = String(low, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }

    public static func < (a: Digest, b: Digest) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// The digest of this one and `other`, in that order.
    public func combined(with other: Digest) -> Digest {
        var d = Digester()
        d.add(self)
        d.add(other)
        return d.finalize()
    }
}

/// Digests a sequence of values fed one by one (XXH3-128's streaming state). Every value is
/// framed (a tag and, for variable-length ones, its length), so `["ab", "c"]` and `["a", "bc"]`
/// differ.
public struct Digester: ~Copyable {
    private let state: OpaquePointer

    public init() {
        state = XXH3_createState()!
        XXH3_128bits_reset(state)
    }

    deinit { XXH3_freeState(state) }

    public mutating func add(bytes: UnsafeRawBufferPointer) {
        _ = XXH3_128bits_update(state, bytes.baseAddress, bytes.count)
    }

    public mutating func add(_ value: UInt64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { add(bytes: $0) }
    }

    public mutating func add(_ value: Int) { add(UInt64(bitPattern: Int64(value))) }

    public mutating func add(_ value: Bool) { add(value ? 1 as UInt64 : 0) }

    public mutating func add(_ value: Double) { add(value.bitPattern) }

    public mutating func add(_ digest: Digest) {
        add(digest.high)
        add(digest.low)
    }

    public mutating func add(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            add(UInt64(utf8.count))
            add(bytes: UnsafeRawBufferPointer(utf8))
        }
    }

    public mutating func add(_ bytes: [UInt8]) {
        add(UInt64(bytes.count))
        bytes.withUnsafeBytes { add(bytes: $0) }
    }

    public mutating func add(_ string: String?) {
        if let string { add(true); add(string) } else { add(false) }
    }

    public consuming func finalize() -> Digest {
        let h = XXH3_128bits_digest(state)
        return Digest(high: h.high64, low: h.low64)
    }
}

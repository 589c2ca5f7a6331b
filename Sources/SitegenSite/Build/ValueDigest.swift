import SitegenSupport
import SitegenTemplates

/// The digest of a template value: what a page's memo is keyed by.
///
/// Any value a context holds goes into the digest, whatever it is and wherever it came from, so
/// a page is rendered again exactly when something it could print changed: no list of which
/// pages show which article is kept anywhere. Dictionaries are digested as the sum of their
/// entries' digests, so their key order does not matter and no keys are sorted.
///
/// Values many pages share (an article's card, a term, the `site` object) are digested once:
/// `remember` records the digest of a shared dictionary or list by the address of its storage,
/// and the value is kept alive here, so the address cannot be reused by another value while
/// the table lives. A remembered digest is the one the value would get anyway: the table only
/// saves time, it cannot change a result.
struct ValueDigester: Sendable {
    fileprivate var known: [UInt: Digest] = [:]
    fileprivate var kept: [Value] = []

    init() {
        precondition(MemoryLayout<[String: Value]>.size == MemoryLayout<UInt>.size
                     && MemoryLayout<[Value]>.size == MemoryLayout<UInt>.size)
    }

    func digest(_ value: Value) -> Digest {
        var none: [(UInt, Digest)]?
        return walk(value, &none)
    }

    /// The digest of `value`; with `nodes`, every dictionary and list inside it (itself
    /// included) is appended with its digest.
    fileprivate func walk(_ value: Value, _ nodes: inout [(UInt, Digest)]?) -> Digest {
        switch value {
        case .string(let s):
            var s = s
            return s.withUTF8 { Self.leaf(1, UnsafeRawBufferPointer($0)) }
        case .int(let i):
            return Self.leaf(2, UInt64(bitPattern: Int64(i)))
        case .double(let d):
            return Self.leaf(3, d.bitPattern)
        case .bool(let b):
            return Self.leaf(4, b ? 1 : 0)
        case .date(let date):
            return Self.leaf(5, date.timeIntervalSinceReferenceDate.bitPattern)
        case .null:
            return Self.leaf(6, 0)
        case .html(let h):
            if let deferred = h.deferred, deferred.key.count == 2 {
                // The body's own digest (of its markup), as `Digest.of` gives for inline markup.
                return Self.combine(7, Digest(high: deferred.key[0], low: deferred.key[1]))
            }
            return Self.combine(7, Digest.of(h.markup))
        case .list(let items):
            if let d = known[Self.address(items)] { return d }
            let d = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * items.count + 2) { words in
                words[0] = 8
                words[1] = UInt64(items.count)
                for (i, item) in items.enumerated() {
                    let d = walk(item, &nodes)
                    words[2 + 2 * i] = d.high
                    words[3 + 2 * i] = d.low
                }
                return Digest.of(UnsafeRawBufferPointer(words))
            }
            if !items.isEmpty { nodes?.append((Self.address(items), d)) }
            return d
        case .dictionary(let entries):
            if let d = known[Self.address(entries)] { return d }
            var high: UInt64 = 0, low: UInt64 = 0
            for (key, item) in entries {
                let entry = Self.entry(key, walk(item, &nodes))
                high = high &+ entry.high
                low = low &+ entry.low
            }
            var words: (UInt64, UInt64, UInt64, UInt64) = (9, UInt64(entries.count), high, low)
            let d = withUnsafeBytes(of: &words) { Digest.of($0) }
            if !entries.isEmpty { nodes?.append((Self.address(entries), d)) }
            return d
        }
    }

    // MARK: - Leaves

    private static func address(_ d: [String: Value]) -> UInt { unsafeBitCast(d, to: UInt.self) }
    private static func address(_ l: [Value]) -> UInt { unsafeBitCast(l, to: UInt.self) }

    private static func leaf(_ tag: UInt8, _ bytes: UnsafeRawBufferPointer) -> Digest {
        if bytes.count <= 64 {
            // Small strings, the common case, in one pass over a stack buffer.
            return withUnsafeTemporaryAllocation(byteCount: bytes.count + 1, alignment: 1) { buffer in
                buffer[0] = tag
                if bytes.count > 0 { UnsafeMutableRawBufferPointer(rebasing: buffer[1...]).copyMemory(from: bytes) }
                return Digest.of(UnsafeRawBufferPointer(buffer))
            }
        }
        var digester = Digester()
        digester.add(UInt64(tag))
        digester.add(bytes: bytes)
        return digester.finalize()
    }

    private static func leaf(_ tag: UInt8, _ word: UInt64) -> Digest {
        var words: (UInt64, UInt64) = (UInt64(tag), word.littleEndian)
        return withUnsafeBytes(of: &words) { Digest.of($0) }
    }

    private static func combine(_ tag: UInt8, _ digest: Digest) -> Digest {
        var words: (UInt64, UInt64, UInt64) = (UInt64(tag), digest.high, digest.low)
        return withUnsafeBytes(of: &words) { Digest.of($0) }
    }

    private static func entry(_ key: String, _ value: Digest) -> Digest {
        var key = key
        return key.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(byteCount: utf8.count + 24, alignment: 8) { buffer in
                buffer.storeBytes(of: UInt64(utf8.count).littleEndian, toByteOffset: 0, as: UInt64.self)
                buffer.storeBytes(of: value.high, toByteOffset: 8, as: UInt64.self)
                buffer.storeBytes(of: value.low, toByteOffset: 16, as: UInt64.self)
                if utf8.count > 0 {
                    UnsafeMutableRawBufferPointer(rebasing: buffer[24...]).copyMemory(from: UnsafeRawBufferPointer(utf8))
                }
                return Digest.of(UnsafeRawBufferPointer(buffer))
            }
        }
    }
}

extension ValueDigester {
    /// Remembers many values and every dictionary and list inside them, digesting them on every core.
    mutating func remember(_ values: [Value], threads: Int) {
        let found = Parallel.map(values, threads: threads) { value -> [(UInt, Digest)] in
            var nodes: [(UInt, Digest)]? = []
            _ = self.walk(value, &nodes)
            return nodes!
        }
        for (value, nodes) in zip(values, found) where !nodes.isEmpty {
            for (address, digest) in nodes { known[address] = digest }
            kept.append(value)  // it holds what is inside it
        }
    }
}

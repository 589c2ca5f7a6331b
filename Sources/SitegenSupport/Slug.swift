import Foundation

/// The one slug rule, used for articles, terms and heading ids: lower-case ASCII words joined by `-`.
///
/// Names that are not Latin are transliterated with ICU ("Москва" → `moskva`, "東京" → `dong-jing`);
/// diacritics are dropped ("Año" → `ano`); every run of anything that is not a letter or digit
/// (spaces, punctuation, the non-breaking hyphen U+2011) becomes one `-`. A name with nothing
/// usable left ("🚀") has no slug: the function returns nil and the caller reports it.
public enum Slug {
    public static func make(_ name: String) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(name.utf8.count)
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            appendWords(name.utf8, to: &out)
        } else {
            let latin = cache.transliterate(name)
            appendWords(latin.utf8, to: &out)
        }
        if out.last == UInt8(ascii: "-") { out.removeLast() }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// Appends the ASCII letters and digits of `bytes`, lower-cased, with one `-` for each run of others.
    private static func appendWords<S: Sequence>(_ bytes: S, to out: inout [UInt8]) where S.Element == UInt8 {
        var pendingDash = false
        for b in bytes {
            let lower: UInt8
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): lower = b
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): lower = b + 32
            default:
                pendingDash = !out.isEmpty
                continue
            }
            if pendingDash { out.append(UInt8(ascii: "-")); pendingDash = false }
            out.append(lower)
        }
    }

    private static let cache = TransliterationCache()
}

/// ICU transliteration is slow to set up; names repeat across a site, so results are kept.
private final class TransliterationCache: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [String: String] = [:]
    private let transform = StringTransform("Any-Latin; Latin-ASCII")

    func transliterate(_ name: String) -> String {
        lock.lock()
        if let hit = results[name] { lock.unlock(); return hit }
        lock.unlock()
        let latin = name.applyingTransform(transform, reverse: false) ?? name
        lock.lock()
        results[name] = latin
        lock.unlock()
        return latin
    }
}

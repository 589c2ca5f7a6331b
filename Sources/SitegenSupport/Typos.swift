/// Telling a slip of the keyboard from a name of one's own.
public enum Typos {
    /// Edit distance counting a swap of neighbours as one edit ("mian" is one from "main").
    public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// The candidate that is `word` but for case (`IMG_5678.JPG` for `img_5678.jpg`): a web
    /// server's names are case-sensitive, a laptop's often not, so this slip passes a preview.
    public static func sameButCase(_ word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        return candidates.first { $0 != word && $0.lowercased() == lower }
    }

    /// The candidate nearest to `word` within `limit(candidate)` edits (the first of the nearest), or nil.
    public static func nearest(to word: String, in candidates: [String], limit: (_ candidate: [UInt8]) -> Int) -> String? {
        let w = Array(word.utf8)
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(candidate.utf8)
            let most = limit(c)
            guard abs(c.count - w.count) <= most else { continue }
            let d = distance(w, c, limit: most)
            if d <= most, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// The known key that `key` (not itself known) is a slip of: the same but for case, one
    /// edit from a known key of up to five letters, or up to two from a longer one (`autor` →
    /// `author`, `baseUrl` → `baseURL`, but `name` is no slip of `date`). Nil when none is that close.
    public static func knownKey(near key: String, in known: [String]) -> String? {
        guard !known.contains(key) else { return nil }
        let lower = key.lowercased()
        if let same = known.first(where: { $0.lowercased() == lower }) { return same }
        return nearest(to: key, in: known) { $0.count <= 5 ? 1 : 2 }
    }
}

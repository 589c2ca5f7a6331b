import SitegenSupport
/// Where a URL on a page leads: a file of this site (and an anchor in it), elsewhere, or nowhere checkable.
enum LinkTarget: Equatable {
    /// A site path below the base path (`articles/x/`, `assets/style.css`), and the `#fragment` if any.
    case site(path: String, fragment: String?)
    /// A root-relative URL outside the base path (`/other/` when the site lives at `/news/`).
    case outsideBasePath(String)
    /// An `http:` or `https:` URL of another host.
    case external(String)
    /// `mailto:`, `tel:`, an empty `href`, and other schemes nobody can check here.
    case unchecked
}

/// Resolves the URLs of a page against the site's URLs, as a browser would.
struct LinkResolver {
    let urls: SiteURLs

    /// Resolves `url`, found on the page at site path `page` (`articles/x/`, `404.html`).
    func resolve(_ raw: String, onPage page: String) -> LinkTarget {
        // Most links of a news article are plainly on another host: answered before any string is made.
        if Self.isPlainlyElsewhere(raw, origin: urls.origin) { return .external(raw) }
        let url = raw.trimmed(" \t\n\r")
        if url.isEmpty { return .unchecked }
        if url.hasPrefix("#") { return .site(path: page, fragment: Self.decode(String(url.dropFirst()))) }

        if let scheme = Self.scheme(of: url) {
            guard scheme == "http" || scheme == "https" else { return .unchecked }
            if !urls.origin.isEmpty, url == urls.origin || url.hasPrefix(urls.origin + "/") {
                return resolveRooted(String(url.dropFirst(urls.origin.count)).orRoot)
            }
            return .external(url)
        }
        if url.hasPrefix("//") {
            let host = urls.origin.split(separator: ":", maxSplits: 1).last.map { String($0) } ?? ""
            if !host.isEmpty, url == host || url.hasPrefix(host + "/") {
                return resolveRooted(String(url.dropFirst(host.count)).orRoot)
            }
            return .external(url)
        }
        if url.hasPrefix("/") { return resolveRooted(url) }
        // Relative to the page's folder.
        let folder = page.hasSuffix("/") || page.isEmpty ? page : String(page[..<(page.lastIndex(of: "/").map { page.index(after: $0) } ?? page.startIndex)])
        return resolveRooted(urls.basePath + folder + url)
    }

    /// Whether `url` is an `http:`/`https:` URL, without surrounding white space, of a host other
    /// than `origin`: what `resolve` would find `.external`, known from its bytes alone.
    static func isPlainlyElsewhere(_ url: String, origin: String) -> Bool {
        let utf8 = url.utf8
        guard utf8.starts(with: "https://".utf8) || utf8.starts(with: "http://".utf8),
              let last = utf8.last, last != 0x20, last != 0x09, last != 0x0A, last != 0x0D else { return false }
        guard !origin.isEmpty, utf8.starts(with: origin.utf8) else { return true }
        let next = utf8.dropFirst(origin.utf8.count).first
        return !(next == nil || next == UInt8(ascii: "/") || next == UInt8(ascii: "?") || next == UInt8(ascii: "#"))
    }

    /// A URL that starts with `/`: it must be below the base path.
    private func resolveRooted(_ url: String) -> LinkTarget {
        var rest = Substring(url)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = Self.decode(String(rest[rest.index(after: hash)...]))
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        let path = Self.normalize(Self.decode(String(rest)))
        let base = urls.basePath
        if path + "/" == base { return .site(path: "", fragment: fragment) }
        guard path.hasPrefix(base) else { return .outsideBasePath(path) }
        return .site(path: String(path.dropFirst(base.count)), fragment: fragment)
    }

    /// Removes `.` and `..` segments, keeping a trailing `/`.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".": if isLast { parts.append("") }
            case "..":
                if parts.count > 1 { parts.removeLast() }
                if isLast { parts.append("") }
            default: parts.append(segment)
            }
        }
        var result = parts.joined(separator: "/")
        if !result.hasPrefix("/") { result = "/" + result }
        return result
    }

    /// The lower-cased scheme of `url`, if it starts with one (`https:`, `mailto:`).
    static func scheme(of url: String) -> String? { URLScheme.of(url) }

    /// Percent-decodes `text`; invalid escapes and bytes that are not UTF-8 are left as they are.
    static func decode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? text
    }
}

private extension String {
    var orRoot: String { isEmpty ? "/" : self }

    func trimmed(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

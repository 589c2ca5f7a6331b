import SitegenSite

/// Maps the raw target of a request to a file of the site, refusing anything that could name
/// a place outside it.
///
/// The site is served from memory, so no request can reach the disk; still, a path that
/// climbs (`..`, `%2e%2e`), hides a separator (`%2f`, a backslash), doubles a slash or holds a
/// NUL byte is refused outright rather than normalised, so no form of it can ever match.
enum RequestPath: Equatable {
    /// A site file to serve (`articles/x/index.html`).
    case file(String)
    /// A folder asked for without its slash: the location to send the browser to.
    case folderRedirect(String)
    /// A path that is fine but outside the site's base path, or refused.
    case notFound
    /// A target that is not a path at all (bad percent-encoding, a NUL byte).
    case badRequest

    /// Resolves `target` (path and query, as sent) below `mount`, the base path (`/` or `/news/`).
    static func resolve(_ target: String, mount: String, exists: (String) -> Bool) -> RequestPath {
        let rawPath: Substring
        let query: Substring?
        if let mark = target.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rawPath = target[..<mark]
            query = target[mark] == "?" ? target[target.index(after: mark)...] : nil
        } else {
            rawPath = Substring(target)
            query = nil
        }
        guard rawPath.hasPrefix("/") else { return .badRequest }
        let lowered = rawPath.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || rawPath.contains("\\") { return .notFound }
        guard let decoded = percentDecoded(rawPath) else { return .badRequest }
        if decoded.contains(0) { return .badRequest }
        guard let path = String(validating: decoded, as: UTF8.self) else { return .notFound }

        let mountWithoutSlash = String(mount.dropLast())
        if path == mountWithoutSlash && !mountWithoutSlash.isEmpty {
            return .folderRedirect(String(rawPath) + "/" + (query.map { "?" + $0 } ?? ""))
        }
        guard path.hasPrefix(mount) else { return .notFound }
        let rest = path.dropFirst(mount.count)
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return .notFound }
            if segment.isEmpty && index != segments.count - 1 { return .notFound }
        }
        if rest.isEmpty || rest.hasSuffix("/") { return .file(SitePaths.file(String(rest))) }
        let file = String(rest)
        if exists(file) { return .file(file) }
        if exists(SitePaths.file(file + "/")) {
            return .folderRedirect(String(rawPath) + "/" + (query.map { "?" + $0 } ?? ""))
        }
        return .file(file)
    }

    /// The bytes of a percent-encoded string; nil when an escape is malformed.
    static func percentDecoded(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

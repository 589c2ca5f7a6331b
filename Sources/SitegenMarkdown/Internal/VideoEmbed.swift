import SitegenSupport

/// A YouTube or Vimeo link alone in its paragraph, made a click-to-load player.
///
/// The page holds a placeholder: a `<figure>` with the link to the video (which works as a plain
/// link without script) and the player's address in `data-embed-src`. Nothing is requested from
/// the provider until the reader clicks; the theme's `assets/embeds.js` then puts the player in
/// its place (YouTube's privacy-enhanced youtube-nocookie.com; Vimeo with `dnt=1`).
struct VideoEmbed: Equatable {
    enum Provider: String {
        case youtube = "YouTube"
        case vimeo = "Vimeo"
    }

    var provider: Provider
    /// The video's id: 11 characters of `[A-Za-z0-9_-]` for YouTube, digits for Vimeo.
    var id: String
    /// Where a YouTube link starts playing, in seconds (`t=90`, `t=1m30s`).
    var start: Int?

    /// The embed of a link to a video page, or nil for any other URL.
    init?(url: String) {
        guard let (host, path, query) = Self.split(url) else { return nil }
        let segments = path.split(separator: "/").map(String.init)
        switch host {
        case "youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com":
            var id: String?
            if segments == ["watch"] {
                id = query["v"]
            } else if segments.count == 2, ["shorts", "embed", "live"].contains(segments[0]) {
                id = segments[1]
            }
            guard let id, Self.isYouTubeID(id) else { return nil }
            self.init(provider: .youtube, id: id, start: query["t"].flatMap(Self.seconds) ?? query["start"].flatMap(Self.seconds))
        case "youtu.be":
            guard segments.count == 1, Self.isYouTubeID(segments[0]) else { return nil }
            self.init(provider: .youtube, id: segments[0], start: query["t"].flatMap(Self.seconds))
        case "vimeo.com", "www.vimeo.com", "player.vimeo.com":
            let id = host == "player.vimeo.com" ? (segments.count == 2 && segments[0] == "video" ? segments[1] : nil)
                : (segments.count == 1 ? segments[0] : nil)
            guard let id, !id.isEmpty, id.count <= 12, id.allSatisfy(\.isASCIIDigit) else { return nil }
            self.init(provider: .vimeo, id: id, start: nil)
        default:
            return nil
        }
    }

    init(provider: Provider, id: String, start: Int?) {
        self.provider = provider
        self.id = id
        self.start = start
    }

    /// The player's address, loaded only when the reader asks for it.
    var playerURL: String {
        switch provider {
        case .youtube:
            return "https://www.youtube-nocookie.com/embed/\(id)?autoplay=1" + (start.map { "&start=\($0)" } ?? "")
        case .vimeo:
            return "https://player.vimeo.com/video/\(id)?autoplay=1&dnt=1"
        }
    }

    /// The placeholder's markup; `href` is the link as written, `text` its text (nil when it was the URL itself).
    func html(href: String, text: String?) -> String {
        let label = text.map { HTMLEscape.escape($0) } ?? "Watch the video on \(provider.rawValue)"
        let title = HTMLEscape.escape(text ?? "\(provider.rawValue) video")
        return "<figure class=\"video-embed\" data-embed-src=\"\(HTMLEscape.escape(playerURL))\" data-embed-title=\"\(title)\">\n"
            + "<a class=\"video-embed-link\" href=\"\(HTMLEscape.escape(href))\">\(label)</a>\n"
            + "<figcaption>\(provider.rawValue) video: it loads from \(provider == .youtube ? "youtube-nocookie.com" : "vimeo.com") "
            + "only when you play it</figcaption>\n</figure>\n"
    }

    // MARK: - Reading URLs

    /// Host (lower-cased), path and query of an `https:` or `http:` URL; nil for anything else.
    private static func split(_ url: String) -> (String, String, [String: String])? {
        var rest = Substring(url)
        if rest.hasPrefix("https://") { rest = rest.dropFirst(8) } else if rest.hasPrefix("http://") { rest = rest.dropFirst(7) } else { return nil }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let host = rest[..<hostEnd].lowercased()
        guard !host.contains("@"), !host.contains(":") else { return nil }
        let afterHost = rest[hostEnd...]
        let queryStart = afterHost.firstIndex(of: "?")
        let path = String(afterHost[..<(queryStart ?? afterHost.endIndex)])
        var query: [String: String] = [:]
        if let queryStart {
            for pair in afterHost[afterHost.index(after: queryStart)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, query[String(parts[0])] == nil { query[String(parts[0])] = String(parts[1]) }
            }
        }
        return (host, path, query)
    }

    private static func isYouTubeID(_ id: String) -> Bool {
        id.utf8.count == 11 && id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
    }

    /// `90`, `90s`, `1m30s`, `1h2m3s` as seconds.
    static func seconds(_ text: String) -> Int? {
        if let plain = Int(text), plain >= 0 { return plain }
        var total = 0, number = 0, sawDigit = false
        for c in text {
            if let digit = c.wholeNumberValue, c.isASCII {
                number = number * 10 + digit
                sawDigit = true
                guard number < 1_000_000 else { return nil }
            } else if sawDigit, let unit = ["h": 3600, "m": 60, "s": 1][c] {
                total += number * unit
                number = 0
                sawDigit = false
            } else {
                return nil
            }
        }
        return sawDigit ? nil : total
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

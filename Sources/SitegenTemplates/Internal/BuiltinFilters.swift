import Foundation

/// The filters every environment starts with; the host may replace any of them by name.
enum BuiltinFilters {
    static func make(timeZone: TimeZone, baseURL: String) -> [String: Filter] {
        var filters = escaping(timeZone: timeZone)
        filters.merge(text(), uniquingKeysWith: { a, _ in a })
        filters.merge(lists(timeZone: timeZone), uniquingKeysWith: { a, _ in a })
        filters.merge(formats(timeZone: timeZone, base: BaseURL(baseURL)), uniquingKeysWith: { a, _ in a })
        return filters
    }

    // MARK: - Escaping: escape, safe, xml, striptags, json

    private static func escaping(timeZone: TimeZone) -> [String: Filter] {
        [
            "escape": Filter(escapes: .keepingMarkup) { input, _ in
                if case .html = input { return input }
                guard let s = input.plainText(timeZone: timeZone) else { throw FilterError("cannot escape a \(input.kindName)") }
                return .html(HTML(Escaping.html(s)))
            },
            "safe": Filter { input, _ in
                if case .html = input { return input }
                guard let s = input.plainText(timeZone: timeZone) else { throw FilterError("cannot mark a \(input.kindName) as safe") }
                return .html(HTML(s))
            },
            "xml": Filter(escapes: .markupToo) { input, _ in
                guard let s = input.plainText(timeZone: timeZone) else { throw FilterError("cannot escape a \(input.kindName)") }
                return .html(HTML(Escaping.html(s)))
            },
            "striptags": Filter { input, _ in
                guard let s = input.stringValue else { throw FilterError("expected a string, got \(input.kindName)") }
                return .string(Escaping.stripTags(s))
            },
            "json": Filter { input, _ in .html(HTML(try JSONWriting.write(input, timeZone: timeZone))) },
        ]
    }

    // MARK: - Text: lower, upper, capitalize, title, trim, truncate, wordcount, slugify, pluralize

    private static func text() -> [String: Filter] {
        [
            "lower": .string { $0.lowercased() },
            "upper": .string { $0.uppercased() },
            "capitalize": .string { s in s.prefix(1).uppercased() + s.dropFirst().lowercased() },
            "title": .string(titleCase),
            "trim": .string { s in String(s.trimmingCharacters(in: .whitespacesAndNewlines)) },
            "truncate": Filter(truncate),
            "wordcount": Filter { input, _ in
                guard let s = input.stringValue else { throw FilterError("expected a string, got \(input.kindName)") }
                return .int(s.split(whereSeparator: { $0.isWhitespace }).count)
            },
            "slugify": .string(slugify),
            "pluralize": Filter(pluralize),
        ]
    }

    /// `pluralize(singular="", plural="s")`, as Tera's and Django's: `singular` for a count of 1
    /// (or -1), else `plural`, so `{{ n }} article{{ n | pluralize }}` reads "1 article", "2 articles"
    /// and `{{ n | pluralize("person", "people") }}` names the word whole.
    private static func pluralize(_ input: Value, _ args: FilterArguments) throws -> Value {
        let one: Bool
        switch input {
        case .int(let i): one = i == 1 || i == -1
        case .double(let d): one = d == 1 || d == -1
        default: throw FilterError("expected a number, got \(input.kindName)")
        }
        let singular = try args.string("singular", at: 0, default: "")
        let plural = try args.string("plural", at: 1, default: "s")
        return .string(one ? singular : plural)
    }

    /// Each word's first letter upper-cased, the rest lower-cased.
    private static func titleCase(_ s: String) -> String {
        var out = ""
        var atWordStart = true
        for c in s {
            out += atWordStart ? c.uppercased() : c.lowercased()
            atWordStart = !(c.isLetter || c.isNumber || c == "'")
        }
        return out
    }

    /// `truncate(length=255, end="…")`: cut at `length` characters, trailing spaces dropped.
    private static func truncate(_ input: Value, _ args: FilterArguments) throws -> Value {
        guard let s = input.stringValue else { throw FilterError("expected a string, got \(input.kindName)") }
        let length = try args.int("length", at: 0, default: 255)
        let end = try args.string("end", at: 1, default: "…")
        guard s.count > length else { return .string(s) }
        var cut = String(s.prefix(length))
        while let last = cut.last, last.isWhitespace { cut.removeLast() }
        return .string(cut + end)
    }

    /// ASCII letters and digits, lower-cased, every other run of characters one `-`.
    private static func slugify(_ s: String) -> String {
        var out = [UInt8]()
        var pendingDash = false
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): break
            default:
                pendingDash = !out.isEmpty
                continue
            }
            if pendingDash { out.append(UInt8(ascii: "-")); pendingDash = false }
            out.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Lists: length, join, first, last, reverse, slice, sort

    private static func lists(timeZone: TimeZone) -> [String: Filter] {
        [
            "length": Filter { input, _ in
                switch input {
                case .string(let s): return .int(s.count)
                case .html(let h): return .int(h.markup.count)
                case .list(let l): return .int(l.count)
                case .dictionary(let d): return .int(d.count)
                default: throw FilterError("a \(input.kindName) has no length")
                }
            },
            "join": Filter { input, args in try join(input, args, timeZone: timeZone) },
            "first": Filter { input, _ in
                switch input {
                case .list(let l): return l.first ?? .null
                case .string(let s): return s.first.map { .string(String($0)) } ?? .null
                default: throw FilterError("expected a list, got \(input.kindName)")
                }
            },
            "last": Filter { input, _ in
                switch input {
                case .list(let l): return l.last ?? .null
                case .string(let s): return s.last.map { .string(String($0)) } ?? .null
                default: throw FilterError("expected a list, got \(input.kindName)")
                }
            },
            "reverse": Filter { input, _ in
                switch input {
                case .list(let l): return .list(l.reversed())
                case .string(let s): return .string(String(s.reversed()))
                default: throw FilterError("expected a list, got \(input.kindName)")
                }
            },
            "slice": Filter(slice),
            "sort": Filter(sort),
        ]
    }

    /// `join(sep="")`: a string, or HTML (the text items escaped) when any item is HTML.
    private static func join(_ input: Value, _ args: FilterArguments, timeZone: TimeZone) throws -> Value {
        guard case .list(let items) = input else { throw FilterError("expected a list, got \(input.kindName)") }
        let separator = try args.string("sep", at: 0, default: "")
        let anyHTML = items.contains { if case .html = $0 { true } else { false } }
        var parts: [String] = []
        for item in items {
            guard let text = item.plainText(timeZone: timeZone) else { throw FilterError("cannot join a \(item.kindName)") }
            if anyHTML, case .html = item { parts.append(text) } else { parts.append(anyHTML ? Escaping.html(text) : text) }
        }
        return anyHTML ? .html(HTML(parts.joined(separator: Escaping.html(separator)))) : .string(parts.joined(separator: separator))
    }

    /// `slice(start=0, end=count)` of a list or a string; negative bounds count from the end.
    private static func slice(_ input: Value, _ args: FilterArguments) throws -> Value {
        func bounds(_ count: Int) throws -> Range<Int> {
            func clamp(_ i: Int) -> Int { min(max(i < 0 ? count + i : i, 0), count) }
            let start = clamp(try args.int("start", at: 0, default: 0))
            let end = clamp(try args.int("end", at: 1, default: count))
            return start..<max(start, end)
        }
        switch input {
        case .list(let l): return .list(Array(l[try bounds(l.count)]))
        case .string(let s):
            let chars = Array(s)
            return .string(String(chars[try bounds(chars.count)]))
        default: throw FilterError("expected a list, got \(input.kindName)")
        }
    }

    /// `sort(attribute=nil)`: a stable sort, by a dotted attribute path when given.
    private static func sort(_ input: Value, _ args: FilterArguments) throws -> Value {
        guard case .list(let l) = input else { throw FilterError("expected a list, got \(input.kindName)") }
        let attribute = try args.value("attribute", at: 0).map { v -> String in
            guard let s = v.stringValue else { throw FilterError("argument 'attribute' must be a string") }
            return s
        }
        var keyed: [(key: Value, index: Int, value: Value)] = []
        keyed.reserveCapacity(l.count)
        for (i, v) in l.enumerated() {
            var key = v
            if let attribute {
                for part in attribute.split(separator: ".") {
                    guard case .dictionary(let d) = key, let next = d[String(part)] else {
                        throw FilterError("cannot sort by '\(attribute)': an element has no attribute '\(part)'")
                    }
                    key = next
                }
            }
            keyed.append((key, i, v))
        }
        var failure: FilterError?
        keyed.sort { a, b in
            switch Comparison.order(a.key, b.key) {
            case .some(.orderedAscending): return true
            case .some(.orderedDescending): return false
            case .some(.orderedSame): return a.index < b.index
            case nil:
                failure = FilterError("cannot sort: cannot compare \(a.key.kindName) and \(b.key.kindName)")
                return a.index < b.index
            }
        }
        if let failure { throw failure }
        return .list(keyed.map(\.value))
    }

    // MARK: - Dates and URLs: date, urlencode, absolute_url, relative_url, absolute_urls

    private static func formats(timeZone: TimeZone, base: BaseURL) -> [String: Filter] {
        [
            "date": Filter { input, args in
                let format = try args.string("format", at: 0, default: "%Y-%m-%d")
                let date: Date
                switch input {
                case .date(let d): date = d
                case .string(let s):
                    guard let d = DateFormatting.parse(s, timeZone: timeZone) else { throw FilterError("'\(s)' is not a date") }
                    date = d
                case .int(let seconds): date = Date(timeIntervalSince1970: TimeInterval(seconds))
                default: throw FilterError("expected a date, got \(input.kindName)")
                }
                return .string(DateFormatting.format(date, format, timeZone: timeZone))
            },
            "urlencode": .string { Escaping.url($0) },
            "absolute_url": .string { base.absolute($0) },
            "relative_url": .string { base.relative($0) },
            "absolute_urls": Filter { input, args in
                guard let markup = input.plainText(timeZone: timeZone) else { throw FilterError("expected HTML, got \(input.kindName)") }
                let page = try args.string("base", at: 0, default: nil)
                if case .html = input {} else { throw FilterError("expected HTML (a page's content), got \(input.kindName)") }
                return .html(HTML(AbsoluteURLs.rewrite(markup, base: page)))
            },
        ]
    }
}

/// The site's base URL split into origin (`https://example.org`) and path (`/news/`).
struct BaseURL: Sendable {
    let origin: String
    let path: String

    init(_ url: String) {
        var origin = ""
        var path = url
        if let scheme = url.range(of: "://") {
            let afterScheme = url[scheme.upperBound...]
            if let slash = afterScheme.firstIndex(of: "/") {
                origin = String(url[..<slash])
                path = String(url[slash...])
            } else {
                origin = url
                path = "/"
            }
        }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        self.origin = origin
        self.path = path
    }

    /// `/topics/` → `/news/topics/`; URLs with a scheme, `//` or `#` are left alone.
    func relative(_ s: String) -> String {
        if s.contains("://") || s.hasPrefix("//") || s.hasPrefix("#") || s.hasPrefix("mailto:") { return s }
        return path + s.drop(while: { $0 == "/" })
    }

    /// `/topics/` → `https://example.org/news/topics/`.
    func absolute(_ s: String) -> String {
        if s.contains("://") || s.hasPrefix("mailto:") { return s }
        return origin + relative(s)
    }
}

import Foundation

/// Markup the site trusts: printed as is, never escaped again.
///
/// It holds its markup, or a `DeferredMarkup` that fetches it when a template prints it (an
/// article body kept on disk by the build cache, so a build that renders few pages does not
/// hold every body in memory).
public struct HTML: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: Sendable {
        case inline(String)
        case deferred(DeferredMarkup)
    }

    private let storage: Storage

    /// Wraps markup the caller vouches for.
    public init(_ markup: String) { storage = .inline(markup) }

    /// Markup fetched when it is first needed, each time it is needed.
    public init(deferred: DeferredMarkup) { storage = .deferred(deferred) }

    /// The trusted markup.
    public var markup: String {
        switch storage {
        case .inline(let markup): markup
        case .deferred(let deferred): deferred.load()
        }
    }

    /// The deferred markup, when this value has not got its markup at hand.
    public var deferred: DeferredMarkup? {
        if case .deferred(let d) = storage { return d }
        return nil
    }

    /// Whether there is no markup (known without fetching deferred markup).
    public var isEmpty: Bool {
        switch storage {
        case .inline(let markup): markup.isEmpty
        case .deferred(let deferred): deferred.isEmpty
        }
    }

    public var description: String { markup }

    public static func == (a: HTML, b: HTML) -> Bool {
        if case .deferred(let x) = a.storage, case .deferred(let y) = b.storage, x.key == y.key { return true }
        return a.markup == b.markup
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(markup) }
}

/// Markup that is fetched when a template prints it: `key` names its content (equal keys, equal
/// markup), so a caller can tell two of them apart without fetching either.
public final class DeferredMarkup: Sendable {
    public let key: [UInt64]
    public let isEmpty: Bool
    private let fetch: @Sendable () -> String

    public init(key: [UInt64], isEmpty: Bool, fetch: @escaping @Sendable () -> String) {
        self.key = key
        self.isEmpty = isEmpty
        self.fetch = fetch
    }

    public func load() -> String { fetch() }
}

/// A value a template can print, test, iterate or pass to a filter.
public enum Value: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case date(Date)
    case list([Value])
    case dictionary([String: Value])
    case html(HTML)
    case null
}

/// A type the site can hand to templates directly.
public protocol ValueConvertible {
    /// This value as a template value.
    var templateValue: Value { get }
}

extension Value: ValueConvertible {
    public var templateValue: Value { self }
}
extension String: ValueConvertible { public var templateValue: Value { .string(self) } }
extension Substring: ValueConvertible { public var templateValue: Value { .string(String(self)) } }
extension Int: ValueConvertible { public var templateValue: Value { .int(self) } }
extension Double: ValueConvertible { public var templateValue: Value { .double(self) } }
extension Bool: ValueConvertible { public var templateValue: Value { .bool(self) } }
extension Date: ValueConvertible { public var templateValue: Value { .date(self) } }
extension HTML: ValueConvertible { public var templateValue: Value { .html(self) } }
extension Optional: ValueConvertible where Wrapped: ValueConvertible {
    public var templateValue: Value { self?.templateValue ?? .null }
}
extension Array: ValueConvertible where Element: ValueConvertible {
    public var templateValue: Value { .list(map(\.templateValue)) }
}
extension Dictionary: ValueConvertible where Key == String, Value: ValueConvertible {
    public var templateValue: SitegenTemplates.Value { .dictionary(mapValues(\.templateValue)) }
}

// MARK: - Conversions

extension Value {
    /// Converts anything the site can describe as a value.
    public init(_ convertible: some ValueConvertible) { self = convertible.templateValue }
    /// A list from any convertible elements.
    public init(_ elements: [any ValueConvertible]) { self = .list(elements.map(\.templateValue)) }
    /// A dictionary from any convertible values.
    public init(_ entries: [String: any ValueConvertible]) { self = .dictionary(entries.mapValues(\.templateValue)) }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .dictionary(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

// MARK: - Inspection

extension Value {
    /// Jinja truthiness: false, null, zero, and empty strings, lists and dictionaries are false.
    public var isTruthy: Bool {
        switch self {
        case .bool(let b): return b
        case .null: return false
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .html(let h): return !h.isEmpty
        case .list(let l): return !l.isEmpty
        case .dictionary(let d): return !d.isEmpty
        case .date: return true
        }
    }

    /// The name of this value's kind, as used in error messages.
    public var kindName: String {
        switch self {
        case .string: return "string"
        case .int: return "integer"
        case .double: return "float"
        case .bool: return "bool"
        case .date: return "date"
        case .list: return "list"
        case .dictionary: return "dictionary"
        case .html: return "html"
        case .null: return "null"
        }
    }

    /// The string inside a string or html value.
    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .html(let h): return h.markup
        default: return nil
        }
    }

    /// The text a value prints as (before escaping); lists and dictionaries have none.
    func plainText(timeZone: TimeZone) -> String? {
        switch self {
        case .string(let s): return s
        case .html(let h): return h.markup
        case .int(let i): return String(i)
        case .double(let d): return Value.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .date(let d): return DateFormatting.rfc3339(d, timeZone: timeZone)
        case .list, .dictionary: return nil
        }
    }

    static func format(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) + ".0" }
        return String(d)
    }
}

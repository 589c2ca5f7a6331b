import Foundation

/// A named transformation applied with `value | name(arguments)`.
///
/// The host registers its own, or replaces a built-in, through `TemplateOptions.filters`.
public struct Filter: Sendable {
    let apply: @Sendable (Value, FilterArguments) throws -> Value
    /// Set on the built-in `escape` and `xml` only: the renderer then escapes the input straight
    /// into the page instead of building the escaped string first. A host's own filter of the
    /// same name has none, so replacing a built-in keeps its meaning.
    let escapes: Escapes?

    /// What an escaping built-in does with markup (`.html` values).
    enum Escapes {
        /// `escape`: markup is already safe and passes as it is.
        case keepingMarkup
        /// `xml`: markup is text too, escaped like any string.
        case markupToo
    }

    /// A filter from a closure; throw `FilterError` to report a problem at the filter's position.
    public init(_ apply: @escaping @Sendable (_ input: Value, _ arguments: FilterArguments) throws -> Value) {
        self.apply = apply
        self.escapes = nil
    }

    init(escapes: Escapes, _ apply: @escaping @Sendable (Value, FilterArguments) throws -> Value) {
        self.apply = apply
        self.escapes = escapes
    }

    /// A filter from a string transformation (html input is filtered as its markup, output is a plain string).
    public static func string(_ transform: @escaping @Sendable (String) -> String) -> Filter {
        Filter { input, _ in
            guard let s = input.stringValue else { throw FilterError("expected a string, got \(input.kindName)") }
            return .string(transform(s))
        }
    }
}

/// The arguments given to a filter: `truncate(40, end="…")` has one positional and one named.
public struct FilterArguments: Sendable {
    /// Arguments in order.
    public var positional: [Value]
    /// Arguments given as `name=value`.
    public var named: [String: Value]

    public init(positional: [Value] = [], named: [String: Value] = [:]) {
        self.positional = positional
        self.named = named
    }

    /// The argument called `name`, or else the positional one at `position`.
    public func value(_ name: String, at position: Int) -> Value? {
        if let v = named[name] { return v }
        return position < positional.count ? positional[position] : nil
    }

    func int(_ name: String, at position: Int, default fallback: Int) throws -> Int {
        switch value(name, at: position) {
        case nil: return fallback
        case .int(let i)?: return i
        case .double(let d)?: return Int(d)
        case let other?: throw FilterError("argument '\(name)' must be an integer, got \(other.kindName)")
        }
    }

    func string(_ name: String, at position: Int, default fallback: String?) throws -> String {
        switch value(name, at: position) {
        case nil:
            if let fallback { return fallback }
            throw FilterError("missing argument '\(name)'")
        case .string(let s)?: return s
        case .html(let h)?: return h.markup
        case let other?: throw FilterError("argument '\(name)' must be a string, got \(other.kindName)")
        }
    }
}

import Foundation

/// A YAML value kept for templates: an unknown front-matter or `site.yml` key, in a form that owes nothing to Yams.
public indirect enum ParamValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    /// A plain scalar that reads as a date, with the text as written.
    case date(Date, text: String)
    case list([ParamValue])
    case map([String: ParamValue])
    case null
}

extension ParamValue {
    /// The value as text where it is a scalar (a date as written), nil for lists, maps and null.
    public var text: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        case .date(_, let text): text
        case .list, .map, .null: nil
        }
    }
}

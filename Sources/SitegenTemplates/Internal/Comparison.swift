import Foundation

/// Equality and order between values, shared by operators and the `sort` filter.
enum Comparison {
    /// Numbers compare across int and float; html compares with strings by its markup.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)): return Double(x) == y
        case (.double(let x), .int(let y)): return x == Double(y)
        case (.html(let x), .string(let y)): return x.markup == y
        case (.string(let x), .html(let y)): return x == y.markup
        default: return a == b
        }
    }

    /// The order of two values of comparable kinds, or nil.
    static func order(_ a: Value, _ b: Value) -> ComparisonResult? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
            x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        }
        switch (a, b) {
        case (.int(let x), .int(let y)): return cmp(x, y)
        case (.double(let x), .double(let y)): return cmp(x, y)
        case (.int(let x), .double(let y)): return cmp(Double(x), y)
        case (.double(let x), .int(let y)): return cmp(x, Double(y))
        case (.date(let x), .date(let y)): return cmp(x, y)
        case (.bool(let x), .bool(let y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        default:
            if let x = a.stringValue, let y = b.stringValue { return cmp(x, y) }
            return nil
        }
    }
}

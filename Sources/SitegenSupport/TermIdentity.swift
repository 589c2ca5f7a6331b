import Foundation

/// What makes two spellings one term: case and word-separating punctuation do not count
/// ("NASA" and "Nasa", "Crew‑11" and "Crew 11" are one), symbols do ("C++" is not "C").
public enum TermIdentity {
    public static func key(_ name: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if isSeparator(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.unicodeScalars.append(scalar)
        }
        return out.lowercased()
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .dashPunctuation, .connectorPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .control, .lineSeparator, .paragraphSeparator:
            return true
        case .otherPunctuation:
            // `.`, `,`, `/`, `:` separate words; `#`, `&`, `@`, `*`, `%` carry meaning.
            return !"#&@*%§†‡".unicodeScalars.contains(scalar)
        default:
            return false
        }
    }
}

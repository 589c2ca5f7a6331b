import Foundation

/// One template's text, its name (`partials/nav.html`) and the path errors show (`Templates/partials/nav.html`).
public struct TemplateSource: Sendable, Equatable {
    public var name: String
    public var path: String
    public var text: String
    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        self.text = text
    }
}

/// Where templates come from.
public struct TemplateLoader: Sendable {
    let load: @Sendable () throws(TemplateLoadError) -> [TemplateSource]

    /// A loader from any closure.
    public init(_ load: @escaping @Sendable () throws(TemplateLoadError) -> [TemplateSource]) {
        self.load = load
    }

    /// Templates from their bytes, by name (nil: the file could not be read); errors show
    /// `displayPrefix/name`, and a file that cannot be read or is not UTF-8 is one.
    public static func sources(_ files: [(name: String, bytes: [UInt8]?)], displayPrefix: String = "Templates") -> TemplateLoader {
        sources(files.map { (name: $0.name, path: displayPrefix.isEmpty ? $0.name : displayPrefix + "/" + $0.name, bytes: $0.bytes) })
    }

    /// Templates from their bytes, each with the path its errors show (`theme:article.html`).
    public static func sources(_ files: [(name: String, path: String, bytes: [UInt8]?)]) -> TemplateLoader {
        TemplateLoader { () throws(TemplateLoadError) -> [TemplateSource] in
            var sources: [TemplateSource] = []
            var errors: [TemplateError] = []
            for (name, path, bytes) in files {
                guard let bytes else {
                    errors.append(TemplateError(path: path, line: 1, column: 1, message: "cannot read the template", source: nil))
                    continue
                }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    errors.append(TemplateError(path: path, line: 1, column: 1, message: "the template is not valid UTF-8", source: nil))
                    continue
                }
                sources.append(TemplateSource(name: name, path: path, text: text))
            }
            if !errors.isEmpty { throw TemplateLoadError(errors: errors) }
            return sources
        }
    }

    /// Templates given as name → text; errors show `displayPrefix/name` (or just the name).
    public static func memory(_ files: [String: String], displayPrefix: String = "") -> TemplateLoader {
        TemplateLoader { () throws(TemplateLoadError) -> [TemplateSource] in
            files.map { name, text in
                TemplateSource(name: name, path: displayPrefix.isEmpty ? name : displayPrefix + "/" + name, text: text)
            }
        }
    }
}

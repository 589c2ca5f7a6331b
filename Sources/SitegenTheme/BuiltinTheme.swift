import Foundation

/// The default theme, compiled into the binary from this repository's `Templates/` by the
/// EmbedTheme build plugin: what a site without a `Templates/` file of that name gets.
public enum BuiltinTheme {
    /// Every file of the theme by its path relative to `Templates/` (`article.html`,
    /// `partials/byline.html`, `assets/style.css`), with its bytes, in path order.
    public static let files: [(path: String, bytes: [UInt8])] = encoded.map { file in
        guard let data = Data(base64Encoded: file.base64) else { fatalError("the embedded theme file \(file.path) is not base64") }
        return (file.path, Array(data))
    }

    /// The bytes of one file of the theme, if it has one of that path.
    public static func file(_ path: String) -> [UInt8]? {
        byPath[path]
    }

    private static let byPath: [String: [UInt8]] = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })

    /// How errors name a built-in file: `theme:article.html`.
    public static func displayPath(_ path: String) -> String { "theme:" + path }
}

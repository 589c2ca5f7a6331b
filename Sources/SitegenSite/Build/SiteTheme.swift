import SitegenSupport
import SitegenSystem
import SitegenTheme

/// The theme a site renders with: the built-in theme (compiled into the binary), each file of
/// it replaced by the site's `Templates/` file of the same path, plus the site's own files.
/// The build, `sitegen check` (placing a problem in a template) and `sitegen theme list` read
/// this one set.
public struct SiteTheme: Sendable {
    public struct File: Sendable {
        /// The path below `Templates/` (`article.html`, `assets/style.css`).
        public var path: String
        /// How problems name it: `Templates/article.html`, or `theme:article.html` for a built-in file.
        public var display: String
        /// Nil when the site's file could not be read.
        public var bytes: [UInt8]?
        public var fromSite: Bool
    }

    /// Every file, in path order.
    public let files: [File]
    /// The site's `Templates/` listing (its link problems, whether it exists).
    public let site: ThemeFiles

    /// `root` is the site's `Templates/` folder as problems show it.
    public init(root: String) {
        site = ThemeFiles(root: root)
        var byPath: [String: File] = [:]
        for (path, bytes) in BuiltinTheme.files {
            byPath[path] = File(path: path, display: BuiltinTheme.displayPath(path), bytes: bytes, fromSite: false)
        }
        for relative in site.files {
            let path = root + "/" + relative
            byPath[relative] = File(path: relative, display: path, bytes: try? FileReader.read(path).get(), fromSite: true)
        }
        files = byPath.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    public var templates: [File] { files.filter { ThemeFiles.isTemplate($0.path) } }
    public var assets: [File] { files.filter { ThemeFiles.isAsset($0.path) } }
}

/// The files of a theme (`Templates/`), by the one rule every reader of it follows (the build,
/// `sitegen check` placing a problem in a template, the preview server's watcher): every regular
/// file below it, as paths relative to it, sorted, leaving out what editors leave beside the
/// files they edit: hidden names (`.x.swp`, `.#x.html`, and everything in a hidden folder),
/// backups ending in `~`, and `#autosaves#`. Templates are its `*.html`, `*.xml`, `*.txt` and `*.json`
/// files outside `assets/`; assets are everything under `assets/`.
public struct ThemeFiles: Sendable {
    public let exists: Bool
    /// Every file of the theme, templates and assets, relative to its folder.
    public let files: [String]
    /// The links below it that lead out of it (the folder itself may be a link, to a theme
    /// shared between sites): never read, each an error at its path.
    public let escapes: [DirectoryListing.Escape]

    public init(root: String) {
        exists = FileReader.isDirectory(root)
        // DirectoryListing already leaves out hidden names and hidden folders.
        let found = Confinement(root: root).files(under: root, suffix: "", recursive: true)
        files = found.files.compactMap { path in
            let relative = String(path.dropFirst(root.count + 1))
            return Self.isIgnored(relative) ? nil : relative
        }
        escapes = found.escapes.filter { !Self.isIgnored(String($0.path.dropFirst(root.count + 1))) }
    }

    /// Each link of `escapes` as an error at its path.
    public var linkProblems: [Diagnostic] {
        escapes.map { $0.diagnostic(folder: "Templates") }
    }

    /// The templates among `files`.
    public var templates: [String] { files.filter(Self.isTemplate) }

    /// Whether a path below the theme's folder is an editor's file, not part of the theme.
    public static func isIgnored(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/")
        if parts.contains(where: { $0.hasPrefix(".") }) { return true }
        guard let name = parts.last else { return true }
        return name.hasSuffix("~") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
    }

    public static func isTemplate(_ relative: String) -> Bool {
        !relative.hasPrefix("assets/")
            && (relative.hasSuffix(".html") || relative.hasSuffix(".xml") || relative.hasSuffix(".txt") || relative.hasSuffix(".json"))
    }

    public static func isAsset(_ relative: String) -> Bool { relative.hasPrefix("assets/") }
}

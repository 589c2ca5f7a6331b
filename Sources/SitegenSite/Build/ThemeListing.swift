import SitegenSupport

/// The files of a theme (`Templates/`): every regular file below it, as paths relative to it,
/// sorted, leaving out what editors leave beside the files they edit: hidden names (`.x.swp`,
/// `.#x.html`, and everything in a hidden folder), backups ending in `~`, and `#autosaves#`.
/// Templates are its `*.html`, `*.xml` and `*.txt` files outside `assets/`; assets are
/// everything under `assets/`.
struct ThemeListing {
    let exists: Bool
    let files: [String]

    init(root: String) {
        exists = FileReader.isDirectory(root)
        files = DirectoryListing.files(under: root, suffix: "", recursive: true).compactMap { path in
            let relative = String(path.dropFirst(root.count + 1))
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            if name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#")) { return nil }
            return relative
        }
    }

    static func isTemplate(_ relative: String) -> Bool {
        !relative.hasPrefix("assets/")
            && (relative.hasSuffix(".html") || relative.hasSuffix(".xml") || relative.hasSuffix(".txt"))
    }
}

import Foundation
import PackagePlugin

/// Compiles the default theme (this repository's `Templates/`) into the `SitegenTheme` target:
/// every file of it goes, base64-encoded, into one generated Swift file, so a `sitegen` binary
/// far from any checkout has the theme. `Templates/` stays the theme's only source; the file is
/// made again whenever one of its files changes, or one is added or removed (the listing is
/// made each time SwiftPM plans a build).
@main struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appendingPathComponent("Templates")
        let files = Self.files(under: root)
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinThemeData.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default theme (\(files.count) files of Templates/)",
                executable: try context.tool(named: "ThemeEmbedder").url,
                arguments: [root.path, output.path] + files,
                inputFiles: files.map { root.appendingPathComponent($0) },
                outputFiles: [output])
        ]
    }

    /// The theme's files relative to `root`, sorted, by `ThemeFiles`' rule: regular files,
    /// leaving out hidden names (and hidden folders), backups ending in `~`, and `#autosaves#`.
    static func files(under root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [String] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            if name.hasSuffix("~") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#")) { continue }
            found.append(relative)
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

import ArgumentParser
import Foundation
import SitegenSite
import SitegenSupport
import SitegenTheme

/// `sitegen theme eject|list`: the built-in theme as files of one's own, and which file of the
/// theme comes from where.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Writes the built-in theme into Templates/ (eject), or lists where each theme file comes from (list).",
        subcommands: [ThemeEjectCommand.self, ThemeListCommand.self]
    )

    /// `Templates/.sitegen-theme`: the digest of each built-in file `eject` wrote, so `list`
    /// can tell an override whose original changed in a newer binary. A hidden name: the build
    /// never reads it as part of the theme.
    static let recordName = ".sitegen-theme"

    static func digest(_ bytes: [UInt8]) -> String { Digest.of(bytes).description }

    /// The record's digests by path (none when there is no record, or a line is not one).
    static func record(in folder: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: folder + "/" + recordName, encoding: .utf8) else { return [:] }
        var digests: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { digests[String(parts[1])] = String(parts[0]) }
        }
        return digests
    }
}

struct ThemeEjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eject",
        abstract: "Writes every file of the built-in theme into Templates/, to edit as the site's own.",
        discussion: """
            Refuses a Templates/ folder that has files, unless --force: then the built-in files replace \
            the site's files of the same name, and the site's other files stay. Records each file's \
            digest in Templates/.sitegen-theme, so 'sitegen theme list' can say when an upgraded \
            sitegen changed an original.
            """
    )

    @Option(name: .long, help: "The site's folder.")
    var source: String = "."

    @Flag(name: .long, help: "Writes over the site's files of the same names in Templates/.")
    var force = false

    func run() throws {
        let folder = (source as NSString).appendingPathComponent("Templates")
        let shown = source == "." ? "Templates" : folder
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
        if exists, !isFolder.boolValue { fail("\(shown) is a file, not a folder: move it away, then eject") }
        let existing = exists ? ThemeFiles(root: folder).files : []
        if !existing.isEmpty, !force {
            fail("\(shown)/ already has \(existing.count) file\(existing.count == 1 ? "" : "s") of the site's own: "
                + "'sitegen theme eject --force' writes the built-in files over those of the same names (the others stay)")
        }
        // Every file is written beside its place and renamed into it: none is ever half-written.
        var record = "# Written by 'sitegen theme eject': the digest of the built-in file each path was ejected from.\n"
        do {
            for (path, bytes) in BuiltinTheme.files {
                let target = folder + "/" + path
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
                record += "\(ThemeCommand.digest(bytes)) \(path)\n"
            }
            try Data(record.utf8).write(to: URL(fileURLWithPath: folder + "/" + ThemeCommand.recordName), options: .atomic)
        } catch {
            fail("cannot write the theme into \(shown)/: \(error.localizedDescription)")
        }
        print("Wrote the built-in theme into \(shown)/ (\(BuiltinTheme.files.count) files); each file there now replaces the built-in one")
    }
}

struct ThemeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists every file of the site's theme and where it comes from: the site's Templates/ or the binary."
    )

    @Option(name: .long, help: "The site's folder.")
    var source: String = "."

    func run() throws {
        let folder = (source as NSString).appendingPathComponent("Templates")
        let theme = SiteTheme(root: folder)
        let record = ThemeCommand.record(in: folder)
        let width = theme.files.map(\.path.count).max() ?? 0
        var changed = 0
        for file in theme.files {
            var note: String
            if !file.fromSite {
                note = "built-in"
            } else if let original = BuiltinTheme.file(file.path) {
                note = "site (replaces the built-in file)"
                if let ejected = record[file.path], ejected != ThemeCommand.digest(original) {
                    note += "; the built-in original changed since it was ejected: compare with 'sitegen theme eject --force' in a copy"
                    changed += 1
                }
            } else {
                note = "site (its own)"
            }
            print(file.path.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + note)
        }
        let own = theme.files.filter(\.fromSite).count
        print("\(theme.files.count) files: \(own) from \(source == "." ? "Templates" : folder)/, \(theme.files.count - own) built-in"
            + (changed > 0 ? "; \(changed) override\(changed == 1 ? "" : "s") of a changed original" : ""))
    }
}

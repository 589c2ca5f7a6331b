import Glibc

/// The rule every reader of the site's folders follows: a file is read from `Content/`,
/// `Templates/` or the build cache only if its real path (every link resolved) lies inside that
/// folder's own real path. The folder itself may be a link (a newsroom sharing one theme between
/// sites): it is resolved once, and links inside it are followed only while they stay under it.
/// So `ln -s /etc/shadow Templates/assets/x.txt` publishes nothing and is an error at its path.
public struct Confinement: Sendable {
    /// The folder as the user names it (`Content`, `site/Templates`).
    public let root: String
    /// Its real path, or nil when it does not exist.
    public let realRoot: String?

    public init(root: String) {
        self.root = root
        realRoot = Self.realPath(root)
    }

    /// The real path of `path`, or nil when it (or the file a link names) does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether the real path `real` is `boundary` or lies below it.
    public static func isInside(_ real: String, _ boundary: String) -> Bool {
        real == boundary || boundary == "/" || real.hasPrefix(boundary + "/")
    }

    /// Where `path` really leads when that is outside the folder; nil when it stays inside (or
    /// does not exist: reading it then fails on its own, with its own message).
    public func escape(of path: String) -> String? {
        guard let realRoot, let real = Self.realPath(path) else { return nil }
        return Self.isInside(real, realRoot) ? nil : real
    }

    /// The files under `folder` (a path below `root`), as `DirectoryListing.confinedFiles` lists them.
    public func files(
        under folder: String, suffix: String, recursive: Bool, hidden: Bool = false
    ) -> (files: [String], escapes: [DirectoryListing.Escape]) {
        guard let realRoot else { return ([], []) }
        return DirectoryListing.confinedFiles(under: folder, within: realRoot, suffix: suffix, recursive: recursive, hidden: hidden)
    }

    /// The message for a link that leads out of the folder `name` (`Content`).
    public static func message(folder name: String, target: String, isFolder: Bool) -> String {
        "is a link to \(isFolder ? "a folder" : "a file") outside \(name)/ (\(target)), which sitegen never reads or publishes: "
            + "copy the \(isFolder ? "folder" : "file") into \(name)/ instead"
    }
}

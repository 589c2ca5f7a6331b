/// Paths as the user would write them, for diagnostics and reports.
public enum DisplayPath {
    /// `relative` below `directory` as the user named it: `Content/x.md` for `.` or `./`,
    /// `site/Content/x.md` for `site/`, `/Content/x.md` for `/`.
    public static func join(_ directory: String, _ relative: String) -> String {
        var directory = Substring(directory)
        while directory.hasPrefix("./") { directory = directory.dropFirst(2) }
        while directory.count > 1 && directory.hasSuffix("/") { directory = directory.dropLast() }
        if directory.isEmpty || directory == "." { return relative }
        return directory == "/" ? "/" + relative : directory + "/" + relative
    }
}

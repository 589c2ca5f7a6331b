extension DirectoryListing.Escape {
    /// The error for this link out of `folder` (`Content`, `Templates`, `static`), at its path.
    public func diagnostic(folder: String) -> Diagnostic {
        .error(Confinement.message(folder: folder, target: target, isFolder: isFolder), at: SourcePosition(path: path))
    }
}

import ArgumentParser
import CSitegenBuildInfo

/// `sitegen version` (and `sitegen --version`, anywhere, site or not): the version and the commit
/// the binary was built from.
///
/// The version is the constant below, raised by hand on a release. The commit is compiled in
/// from `Sources/CSitegenBuildInfo/commit.h`, which scripts/stamp-commit writes from `git`
/// before scripts/site and scripts/test build (so in CI too); a plain `swift build` has no
/// such file and says so, and builds all the same.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Prints sitegen's version and the commit it was built from."
    )

    static let version = "0.1.0"

    /// `sitegen 0.1.0 (commit 1a2b3c4d5e6f)`, or `(commit unknown: …)` without scripts/stamp-commit.
    static var line: String {
        let commit = String(cString: sitegen_build_commit())
        return "sitegen \(version) (commit \(commit.isEmpty ? "unknown: built without scripts/stamp-commit" : commit))"
    }

    func run() {
        print(Self.line)
    }
}

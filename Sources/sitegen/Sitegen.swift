import ArgumentParser
import Foundation
import SitegenContent
import SitegenMarkdown
import SitegenSite
import SitegenSupport

/// The `sitegen` command: a thin adapter over `SitegenSite`.
@main
struct Sitegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "A static site generator for news and article sites.",
        version: VersionCommand.line,
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, NewCommand.self, InitCommand.self, ThemeCommand.self, FloorCommand.self, VersionCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// Like ArgumentParser's, but a usage error is one line, `sitegen: error: …`, with exit status 1.
    static func main() {
        Markdown.enableParallelParsing()
        // Before anything reads a site: `--version` answers in any folder (the argument parser
        // would hand it to `build`, the default command, which needs Content/).
        if CommandLine.arguments.dropFirst().first == "--version" {
            print(VersionCommand.line)
            return
        }
        if let problem = unknownCommand(Array(CommandLine.arguments.dropFirst())) { fail(problem) }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(message(for: error))
        }
    }
}

extension Sitegen {
    /// The commands by name (and `help`, which the argument parser adds).
    static var commandNames: [String] {
        configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
    }

    /// A first argument that is neither an option nor a command: `build`, the default command,
    /// takes no word of its own, so `sitegen frobnicate` is a command misspelt or unknown, not
    /// an argument to `build`.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        if let near = Typos.knownKey(near: first, in: commandNames) {
            return "unknown command '\(first)': did you mean '\(near)'? (see 'sitegen --help')"
        }
        return "unknown command '\(first)'; see 'sitegen --help'"
    }
}

/// Options every command that builds the site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder, holding Content/ and Templates/.")
    var source: String = "."

    @Option(name: .customLong("base-url"), help: "Overrides baseURL from Content/site.yml.")
    var baseURL: String?

    @Flag(name: .long, help: "Builds draft articles too.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp(
        "The build's clock, written as front-matter dates are: 2025-08-01 (midnight), 2025-08-01T12:00 (both in the site's time zone) or 2025-08-01T12:00:00Z (default: the real time). It decides which articles are published and which the news sitemap holds.",
        valueName: "timestamp"))
    var now: String?

    @Flag(name: .long, help: "Builds articles dated after the clock too, each with a \"Scheduled for …\" badge.")
    var future = false

    func validate() throws {
        if let now { _ = try parseDate(now, option: "--now") }
        if let baseURL { try checkBaseURL(baseURL) }
        var isDir: ObjCBool = false
        let content = (source as NSString).appendingPathComponent("Content")
        guard FileManager.default.fileExists(atPath: content, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("no Content/ folder in '\(source)': run sitegen in a site's folder, or name one with --source")
        }
    }

    /// `build` and `check` write the site's address into every page, feed and sitemap: with no
    /// `baseURL:` in site.yml and no `--base-url`, they stop at once with one line (`serve` uses
    /// its own address). A site.yml with other problems too is reported whole by the build.
    func requireBaseURL() throws {
        guard baseURL == nil, case .success(let bytes)? = ContentLoader(sourceDirectory: source).configBytes() else { return }
        let path = DisplayPath.join(source, "Content/site.yml")
        let problems = SiteConfig.decode(from: bytes, path: path, baseURL: nil).1
        guard problems.count == 1, problems[0].message == SiteConfig.missingBaseURL else { return }
        throw ValidationError(
            "no base URL: canonical links, feeds and sitemaps need the address where the site will live; "
                + "set it in \(path) (baseURL: https://example.org/) or pass --base-url https://example.org/")
    }

    func buildOptions() -> BuildOptions {
        var options = BuildOptions(sourceDirectory: source, baseURL: baseURL, includeDrafts: drafts)
        options.nowAsWritten = now.flatMap { try? ContentDate.Written($0) }
        options.includeFuture = future
        return options
    }
}

/// Where `build` and `check` keep their memo between runs.
struct CacheOptions: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: "The build cache's folder (default: <source>/.sitegen-cache).")
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Builds without reading or writing the build cache.")
    var noCache = false

    func validate() throws {
        if noCache && cacheDirectory != nil { throw ValidationError("--no-cache and --cache-dir cannot be used together") }
    }

    /// The cache folder; a preview (`--drafts`, `--future`) keeps its own memo in `preview/` inside it,
    /// so alternating preview and production builds re-parses nothing and each folder keeps its records.
    func apply(to options: inout BuildOptions) {
        let folder = noCache ? nil : cacheDirectory ?? BuildOptions.defaultCacheDirectory(source: options.sourceDirectory)
        options.cacheDirectory = folder.map { options.isPreview ? $0 + "/preview" : $0 }
    }
}

/// Prints diagnostics to standard error, one `path:line:column: severity: message` each.
func report(_ diagnostics: [Diagnostic]) {
    var text = ""
    for d in diagnostics.sorted() { text += d.rendered + "\n" }
    FileHandle.standardError.write(Data(text.utf8))
}

/// `--base-url`, checked as site.yml's `baseURL:` is, with the option's own message.
func checkBaseURL(_ text: String) throws {
    guard SiteConfig.normalizedBaseURL(text) == nil else { return }
    throw ValidationError(
        "--base-url: '\(text)' is not an absolute http or https URL: write it whole, like --base-url https://example.org/news/")
}

/// A date given on the command line (`--now`, `new --date`), in the forms front-matter's `date:`
/// takes and with its message: `--now: invalid date 'soon': write it as 2025-07-31 or 2025-07-31T14:30:00+02:00`.
func parseDate(_ text: String, option: String) throws -> ContentDate.Written {
    do {
        return try ContentDate.Written(text)
    } catch {
        throw ValidationError("\(option): invalid date '\(text)': \(error.reason)")
    }
}

/// After a build's warnings: how many Markdown links lead nowhere, and where the full report is.
func reportBrokenLinks(_ count: Int) {
    guard count > 0 else { return }
    FileHandle.standardError.write(Data(
        "sitegen: \(count) broken link\(count == 1 ? "" : "s") in Markdown; run 'sitegen check' for the full report\n".utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("sitegen: error: \(message)\n".utf8))
    Foundation.exit(1)
}

import ArgumentParser
import Foundation
import Glibc
import SitegenContent
import SitegenImages
import SitegenSupport

/// `sitegen init DIR`: a new site that `sitegen serve` shows at once and, with its address,
/// builds and passes `sitegen check --strict`: settings, an example article with a photo drawn
/// by sitegen, an About page, an author, a README and a `.gitignore`; no `Templates/` (the
/// built-in theme serves). Everything is written into a temporary folder and renamed into
/// place at the end, so a failure leaves nothing behind, and nothing that exists is replaced.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Writes a new site into a new or empty folder: settings, an example article with its photo, an About page, an author.",
        discussion: """
            The site uses the theme built into sitegen ('sitegen theme eject' copies it into Templates/ \
            to change it). Without --base-url, 'sitegen serve' works at once, and Content/site.yml needs \
            a baseURL (or 'sitegen build --base-url URL') before 'sitegen build' and 'sitegen check'.
            """
    )

    @Argument(help: ArgumentHelp("The folder to make; it must not exist, or be empty.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: "The site's name (default: made from the folder's name).")
    var title: String?

    @Option(name: .customLong("base-url"), help: "Where the site will live, like https://example.org/ (default: none yet).")
    var baseURL: String?

    @Option(name: .long, help: "The site's time zone, an IANA name such as Europe/Paris (default: this machine's, else UTC).")
    var timezone: String?

    @Option(name: .long, help: "The site's language, a BCP 47 tag such as en, en-GB, fr or zh-Hant.")
    var language: String = "en"

    @Option(name: .long, help: ArgumentHelp(
        "The clock the example article is dated by, written as front-matter dates are (default: the real time).",
        valueName: "timestamp"))
    var now: String?

    func validate() throws {
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--title: the title is empty: write the site's name, like --title \"Riverside Gazette\"")
        }
        if let title, title.contains(where: \.isNewline) {
            throw ValidationError("--title: the title has a line break: write the site's name on one line")
        }
        if let baseURL { try checkBaseURL(baseURL) }
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError(
                "--timezone: unknown time zone '\(timezone)': use an IANA name such as UTC, Europe/Paris or America/New_York")
        }
        do {
            _ = try LanguageTag(language)
        } catch {
            throw ValidationError("--language: \(error.message)")
        }
        if let now { _ = try parseDate(now, option: "--now") }
        if directory.isEmpty { throw ValidationError("the folder is empty: sitegen init my-site") }
    }

    func run() throws {
        var target = Target(directory)
        try target.checkFree()
        let zoneName = timezone ?? Self.machineTimeZone()
        let zone = TimeZone(identifier: zoneName)!
        let clock = try now.map { try parseDate($0, option: "--now").date(in: zone) } ?? Date()
        let (date, day) = Self.written(clock, in: zone)
        let text = InitSiteText(
            title: title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? Self.title(fromFolder: target.name),
            baseURL: baseURL.flatMap(SiteConfig.normalizedBaseURL), timeZone: zoneName,
            language: (try? LanguageTag(language).tag) ?? "en", date: date, day: day)
        var files: [(path: String, bytes: [UInt8])] = text.files.map { ($0.path, Array($0.text.utf8)) }
        do {
            files.append(("Content/\(InitSiteText.siteImage)", try SamplePicture.jpeg(SamplePicture.harbour)))
            files.append(("Content/articles/\(text.articleFolder)/\(InitSiteText.leadImage)", try SamplePicture.jpeg(SamplePicture.dusk)))
        } catch {
            fail("cannot draw the example photos: \(error.message)")
        }
        try target.write(files)

        let shown = Self.shellQuoted(directory)
        print("Made a new site in \(directory): Content/ (settings, an example article and its photo, an About page, an author), README.md and .gitignore")
        print("Next:")
        let here = (FileManager.default.currentDirectoryPath as NSString).standardizingPath == target.path
        print(here ? "  sitegen serve" : "  cd \(shown) && sitegen serve")
        if baseURL == nil {
            print("  sitegen build --base-url https://example.org/   (the site's own address; or set baseURL in Content/site.yml)")
        } else {
            print("  sitegen build")
        }
    }

    // MARK: - Defaults

    /// This machine's time zone when it has an IANA name (`TZ`, else `/etc/localtime`), else UTC.
    static func machineTimeZone() -> String {
        let name = TimeZone.current.identifier
        if ["Etc/UTC", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu", "Etc/UCT", "UCT"].contains(name) { return "UTC" }
        guard !name.isEmpty, name != "localtime", TimeZone(identifier: name) != nil else { return "UTC" }
        return name
    }

    /// The site's name from its folder's: `riverside-gazette` is "Riverside Gazette"; a name
    /// without a letter ("2025", ".") gives "My News Site".
    static func title(fromFolder name: String) -> String {
        let words = name.split { $0 == "-" || $0 == "_" || $0 == " " || $0 == "." }
        guard words.contains(where: { $0.contains(where: \.isLetter) }) else { return "My News Site" }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// The example article's `date:` (the minute of `clock` in `zone`, with its offset, so it is
    /// never after the clock and never ambiguous in a change of summer time) and its day.
    static func written(_ clock: Date, in zone: TimeZone) -> (date: String, day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let minute = Date(timeIntervalSince1970: (clock.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: minute)
        let offset = zone.secondsFromGMT(for: minute)
        let day = String(format: "%04d-%02d-%02d", p.year ?? 1970, p.month ?? 1, p.day ?? 1)
        let sign = offset < 0 ? "-" : "+"
        let date = day + String(format: "T%02d:%02d:00", p.hour ?? 0, p.minute ?? 0)
            + String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
        return (date, day)
    }

    /// `text` as one shell word: as it is when it is plain, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_./+,:@%".unicodeScalars.contains($0)
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The folder `init` fills: checked to be free (missing, or an empty folder), then filled from
/// a temporary folder in one rename (a new folder), or entry by entry (an existing empty one:
/// it keeps its identity, so a shell standing in it still sees the site).
private struct Target {
    /// As the user wrote it, for messages.
    let shown: String
    /// Absolute, without a trailing slash.
    let path: String
    var parent: String { (path as NSString).deletingLastPathComponent }
    var name: String { (path as NSString).lastPathComponent }
    private(set) var exists = false

    init(_ directory: String) {
        shown = directory
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        path = (absolute as NSString).standardizingPath
    }

    /// Refuses a file, a link to nothing, or a folder with anything in it (hidden files too).
    mutating func checkFree() throws {
        guard Posix.info(path) != nil else {
            // The first folder above that exists must be a folder, for the new one to be made in it.
            var above = parent
            while Posix.info(above, followingLinks: true) == nil, above != "/" { above = (above as NSString).deletingLastPathComponent }
            if let info = Posix.info(above, followingLinks: true), !info.isDirectory {
                let cwd = FileManager.default.currentDirectoryPath + "/"
                fail("cannot make the folder \(shown): \(above.hasPrefix(cwd) ? String(above.dropFirst(cwd.count)) : above) is a file, not a folder")
            }
            return
        }
        guard let info = Posix.info(path, followingLinks: true) else {
            fail("\(shown) is a link to nothing: init makes a new folder; remove the link or choose another folder")
        }
        guard info.isDirectory else {
            fail("\(shown) is a file, not a folder: init makes a new folder (or fills an empty one); choose another name")
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            fail("cannot read the folder \(shown): \(error.localizedDescription)")
        }
        if let first = entries.first {
            let more = entries.count > 1 ? " and \(entries.count - 1) more" : ""
            fail("\(shown) is not empty (it holds \(first)\(more)): init writes only into a new or empty folder, "
                + "so nothing of yours is overwritten; choose another folder")
        }
        guard Posix.isWritable(path) else { fail("cannot write into the folder \(shown): permission denied") }
        exists = true
    }

    /// Writes `files` (paths relative to the site's folder) into a temporary folder, then moves
    /// them into place; on any failure removes everything it made and fails.
    func write(_ files: [(path: String, bytes: [UInt8])]) throws {
        // The folders above a new site's are made as `mkdir -p` would, and removed again on failure.
        var madeParents: [String] = []
        if !exists {
            var missing: [String] = []
            var folder = parent
            while Posix.info(folder, followingLinks: true) == nil, folder != "/" {
                missing.append(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
            for folder in missing.reversed() {
                guard Posix.makeDirectory(folder) else {
                    undo(parents: madeParents)
                    fail("cannot make the folder \(folder): \(String(cString: strerror(errno)))")
                }
                madeParents.append(folder)
            }
        }
        // Beside the new folder (so one rename puts it in place), or inside the empty one.
        let template = (exists ? path + "/.sitegen-init-" : parent + "/." + name + ".sitegen-init-") + "XXXXXX"
        var buffer = Array(template.utf8CString)
        guard let made = mkdtemp(&buffer) else {
            undo(parents: madeParents)
            let folder = exists ? shown : ((shown as NSString).deletingLastPathComponent.isEmpty ? "." : (shown as NSString).deletingLastPathComponent)
            fail("cannot write into the folder \(folder): \(String(cString: strerror(errno)))")
        }
        let temporary = String(cString: made)
        func abandon(_ message: String) -> Never {
            try? FileManager.default.removeItem(atPath: temporary)
            undo(parents: madeParents)
            fail(message)
        }
        for file in files {
            let target = temporary + "/" + file.path
            do {
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.bytes).write(to: URL(fileURLWithPath: target))
            } catch {
                abandon("cannot write \(file.path) for the new site: \(error.localizedDescription)")
            }
        }
        if exists {
            // Each top-level entry renamed into the empty folder; none replaces anything.
            var moved: [String] = []
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: temporary).sorted()) ?? []
            for entry in entries {
                guard Posix.renameWithoutReplacing(temporary + "/" + entry, path + "/" + entry) else {
                    let reason = String(cString: strerror(errno))
                    for name in moved { _ = Posix.renameWithoutReplacing(path + "/" + name, temporary + "/" + name) }
                    abandon("cannot move \(entry) into \(shown): \(reason)")
                }
                moved.append(entry)
            }
            _ = Posix.removeDirectory(temporary)
        } else {
            // mkdtemp's folder is private (0700): give it a new folder's permissions first.
            let mask = umask(0)
            umask(mask)
            chmod(temporary, 0o777 & ~mask)
            guard Posix.renameWithoutReplacing(temporary, path) else {
                let reason = errno == EEXIST ? "something was put there meanwhile" : String(cString: strerror(errno))
                abandon("cannot make the folder \(shown): \(reason)")
            }
        }
    }

    private func undo(parents: [String]) {
        for folder in parents.reversed() { _ = Posix.removeDirectory(folder) }
    }
}

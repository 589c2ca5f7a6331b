import ArgumentParser
import Foundation
import SitegenContent
import SitegenImages
import SitegenSite
import SitegenSupport

/// `sitegen new`: writes a new article (the default: `sitegen new "Title"`) or page
/// (`sitegen new page "Title"`) with its front-matter and a body skeleton, and prints its path.
///
/// `article` and `page` are subcommands; a first word that is neither is the title of an
/// article, so an article titled "page" is written with `sitegen new article page`.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Writes a new article or page, with its front-matter and a body skeleton, and prints its path.",
        usage: """
            sitegen new [article] <title> [--topics <topics>] [--sources <sources>] [--date <date>] \
            [--author <author>] [--image <image>] [--draft | --publish] [--slug <slug>] [--source <source>]
            sitegen new page <title> [--slug <slug>] [--source <source>]
            """,
        discussion: """
            sitegen new "Title" writes an article, Content/articles/<date>-<slug>.md, with draft: true \
            unless --publish (the same as sitegen new article "Title"); with --image PHOTO, a page bundle, \
            Content/articles/<date>-<slug>/index.md with the photo copied beside it as its lead image. \
            sitegen new page "Title" writes \
            a page, Content/pages/<slug>.md. An article titled "page" or "article" is written with \
            sitegen new article "Page". It refuses a slug that an article, a page, an alias or the site \
            itself already uses, suggesting a free one, and never overwrites a file.
            """,
        subcommands: [NewArticleCommand.self, NewPageCommand.self],
        defaultSubcommand: NewArticleCommand.self
    )
}

/// `sitegen new [article] "Title"`: writes `Content/articles/<date>-<slug>.md`, a draft unless `--publish`.
struct NewArticleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "article",
        abstract: "Writes a new article, Content/articles/<date>-<slug>.md, and prints its path (the default).",
        discussion: """
            With --image, the article is a page bundle, Content/articles/<date>-<slug>/index.md, and the \
            photo is copied beside index.md as its lead image (image: <its file name>). The article is a draft (draft: true) unless --publish: 'sitegen serve --drafts' shows it, and \
            deleting its draft: true line publishes it. Its body is a skeleton to replace: a lead paragraph \
            (ending with an attribution to the --sources) and one section.
            """
    )

    @OptionGroup var file: NewFileOptions

    @Option(name: .long, help: "Topics, separated by commas: --topics NASA,SpaceX")
    var topics: String?

    @Option(name: .long, help: "Sources, separated by commas: --sources Reuters,\"AP News\"")
    var sources: String?

    @Option(name: .long, help: ArgumentHelp(
        "The date, as front-matter writes it: 2025-08-04, 2025-08-04T09:15 (in the site's time zone) or 2025-08-04T09:15:00+02:00 (default: today in the site's time zone).",
        valueName: "date"))
    var date: String?

    @Option(name: .long, help: "The author's name: --author \"Ana Ruiz\"")
    var author: String?

    @Option(name: .long, help: ArgumentHelp(
        "A photo (JPEG, PNG, WebP or GIF) to copy beside the article as its lead image; the article is then a page bundle: --image ~/Pictures/crew-11.jpg",
        valueName: "photo"))
    var image: String?

    @Flag(name: .long, help: "Writes draft: true (the default).")
    var draft = false

    @Flag(name: .long, help: "Writes no draft: true, so the next build publishes the article.")
    var publish = false

    func validate() throws {
        if let date { _ = try parseDate(date, option: "--date") }
        if draft && publish { throw ValidationError("--draft and --publish cannot be used together") }
        if let author, author.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("the author is empty: --author \"Ana Ruiz\"")
        }
        if let image {
            if image.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("the image is empty: --image crew-11.jpg")
            }
            _ = try Self.photo(image)
        }
    }

    /// `--image`'s file, checked to be a photo a lead image can be made from: its bytes, and
    /// the name to copy it under, URL-safe (a `#` or `%` in `image:` would be read as part of a
    /// URL), with the extension of its format: `Lead photo #1.JPG` → `lead-photo-1.jpg`.
    static func photo(_ path: String) throws -> (name: String, bytes: Data) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("--image: there is no file '\(path)': give the path of the photo to copy beside the article")
        }
        guard !isDirectory.boolValue else {
            throw ValidationError("--image: '\(path)' is a folder: give the path of one photo")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--image: cannot read '\(path)'")
        }
        let header: ImageHeader
        do {
            header = try ImageCodec.header(Array(data))
        } catch {
            throw ValidationError("--image: '\(path)' cannot be a lead image: \(error.message)")
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return ((Slug.make(stem) ?? "lead") + "." + header.format.fileExtension, data)
    }

    func run() throws {
        let written = try date.map { try parseDate($0, option: "--date") }
        let day = written?.day ?? NewFileText.today(in: file.siteTimeZone())
        let sourceNames = NewFileText.list(sources)
        // The date as given (a time and offset included): every form parseDate takes is plain YAML.
        var keys = [("title", NewFileText.yamlString(file.title)), ("date", written?.text ?? day)]
        if let author { keys.append(("author", NewFileText.yamlString(author))) }
        for (key, names) in [("topics", NewFileText.list(topics)), ("sources", sourceNames)] where !names.isEmpty {
            keys.append((key, "[\(names.map(NewFileText.yamlString).joined(separator: ", "))]"))
        }
        // The photo goes beside index.md, and the front-matter names it.
        let photo = try image.map(Self.photo)
        if let photo { keys.append(("image", NewFileText.scalar(photo.name))) }
        if let slug = file.slug { keys.append(("slug", slug)) }
        if !publish { keys.append(("draft", "true")) }
        let text = NewFileText.file(keys, body: NewFileText.articleBody(sources: sourceNames))
        if let photo {
            file.create(text, kind: .article, at: { "Content/articles/\(day)-\($0)/index.md" }, otherwise: "another title, --slug or --date",
                        beside: (photo.name, photo.bytes))
        } else {
            file.create(text, kind: .article, at: { "Content/articles/\(day)-\($0).md" }, otherwise: "another title, --slug or --date")
        }
        if !publish {
            let serve = file.source == "." ? "sitegen serve --drafts" : "sitegen serve --drafts --source \(file.source)"
            note("it is a draft (draft: true): preview it with '\(serve)'; publish it by deleting the line 'draft: true'")
        }
    }
}

/// `sitegen new page "Title"`: writes `Content/pages/<slug>.md`, undated, at `/<slug>/`.
struct NewPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Writes a new page, Content/pages/<slug>.md (at /<slug>/), and prints its path.",
        discussion: """
            A page has no date and no draft state: the next build publishes it. Its body is a skeleton \
            to replace: an opening paragraph and one section.
            """
    )

    @OptionGroup var file: NewFileOptions

    @Flag(name: .long, help: .hidden)
    var draft = false

    @Flag(name: .long, help: .hidden)
    var publish = false

    func validate() throws {
        if draft || publish {
            throw ValidationError(
                "a page has no draft state (the build publishes every page in Content/pages/): drop \(draft ? "--draft" : "--publish")")
        }
    }

    func run() throws {
        let text = NewFileText.file(
            [("title", NewFileText.yamlString(file.title))] + (file.slug.map { [("slug", $0)] } ?? []),
            body: NewFileText.pageBody)
        file.create(text, kind: .page, at: { "Content/pages/\($0).md" }, otherwise: "another title or --slug")
    }
}

/// What `new article` and `new page` share: the title, the slug, the site's folder, and writing the file.
struct NewFileOptions: ParsableArguments {
    @Argument(help: "The title (in quotes when it has spaces).")
    var title: String

    @Option(name: .long, help: "The slug (default: made from the title).")
    var slug: String?

    @Option(name: .long, help: "The site's folder, holding Content/.")
    var source: String = "."

    func validate() throws {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("the title is empty: sitegen new \"Crew-11 reaches the station\"")
        }
        if slug == nil, Slug.make(title) == nil {
            throw ValidationError("the title '\(title)' gives no usable slug (a URL needs letters or digits): add --slug")
        }
        if let slug, Slug.make(slug) != slug {
            throw ValidationError("'\(slug)' is not a slug: use lower-case ASCII words joined by '-', like \(Slug.make(slug) ?? "crew-11-docks")")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder("Content"), isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("no Content/ folder in '\(source)': run sitegen in a site's folder, or name one with --source")
        }
    }

    /// Writes `text` to the file `path(slug)` names and prints its path, unless the slug is taken
    /// (then suggests a free one) or the file exists; `otherwise` says what to change then.
    /// With `beside`, the file is a page bundle's `index.md`: its folder is made (it must not
    /// exist) and the file `beside` names is written into it first.
    func create(
        _ text: String, kind: TakenSlugs.Kind, at path: (String) -> String, otherwise: String,
        beside resource: (name: String, bytes: Data)? = nil
    ) {
        let slug = self.slug ?? Slug.make(title) ?? ""
        let taken = TakenSlugs.load(sourceDirectory: source)
        if let owner = taken.owner(of: slug, as: kind) {
            // A slug is free when its file (or its bundle's folder) does not exist.
            let free = taken.freeSlug(after: slug, as: kind) {
                let file = path($0)
                return !FileManager.default.fileExists(atPath: folder(resource == nil ? file : (file as NSString).deletingLastPathComponent))
            }
            fail("the slug '\(slug)' is already used by \(owner); choose another with --slug, e.g. --slug \(free)")
        }
        let file = folder(path(slug))
        let parent = (file as NSString).deletingLastPathComponent
        if let resource {
            try? FileManager.default.createDirectory(
                atPath: (parent as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
            } catch {
                if FileManager.default.fileExists(atPath: parent) {
                    fail("\(parent)/ already exists: sitegen new never overwrites a file; choose \(otherwise)")
                }
                fail("cannot make the folder \(parent): \(error.localizedDescription)")
            }
            let copy = (parent as NSString).appendingPathComponent(resource.name)
            do {
                try resource.bytes.write(to: URL(fileURLWithPath: copy), options: .withoutOverwriting)
            } catch {
                try? FileManager.default.removeItem(atPath: parent)
                fail("cannot write \(copy): \(error.localizedDescription)")
            }
        }
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .withoutOverwriting)
        } catch {
            if resource != nil { try? FileManager.default.removeItem(atPath: parent) }  // the folder made above
            if FileManager.default.fileExists(atPath: file) {
                fail("\(file) already exists: sitegen new never overwrites a file; choose \(otherwise)")
            }
            fail("cannot write \(file): \(error.localizedDescription)")
        }
        print(file)
    }

    /// A path below the site's folder as the user would write it (`Content/x.md`, `site/Content/x.md`).
    func folder(_ relative: String) -> String {
        DisplayPath.join(source, relative)
    }

    /// The time zone of `site.yml`, or UTC when it cannot be read.
    func siteTimeZone() -> TimeZone {
        let path = folder("Content/site.yml")
        guard let data = FileManager.default.contents(atPath: path),
              let config = try? SiteConfig.make(from: Array(data), path: path) else { return TimeZone(identifier: "UTC")! }
        return config.timeZone
    }
}

/// A line for the user on standard error, after the path on standard output: `sitegen: …`.
func note(_ message: String) {
    FileHandle.standardError.write(Data("sitegen: \(message)\n".utf8))
}

import Foundation
import SitegenContent
import SitegenImages
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// A processed image as the memo keeps it: the source's header and its files, each a blob.
struct ImageRecord: Sendable, Equatable {
    struct Variant: Sendable, Equatable {
        var format: ImageFormat
        var width: Int
        var height: Int
        var name: String
        var blob: Digest
        /// "" for the photo as it is, else its crop's role (`og`, `thumb`).
        var role = ""
        /// The file's size in bytes (a feed's enclosure says it).
        var length = 0
    }

    var header: ImageHeader
    var variants: [Variant]
}

/// An entry's lead image as made: what the front-matter says of it, and its files (the photo,
/// its social preview `og` and its card thumbnails `thumb`).
public struct LeadImageFiles: Sendable {
    public var meta: LeadImage
    var key: Digest
    var record: ImageRecord
}

/// The images of entries' Markdown that are the image stage's (content files, or references
/// to them that are wrong): made and checked there, so the link checks leave them alone.
public struct ContentImages: Sendable {
    private var keys: Set<String> = []

    mutating func insert(_ url: String, of entry: Entry) { keys.insert(entry.sourcePath + "\u{0}" + url) }

    func contains(_ url: String, of entry: Entry) -> Bool { keys.contains(entry.sourcePath + "\u{0}" + url) }
}

/// The image stage: every image an article's or page's Markdown names that is a file under
/// `Content/` (beside it, in its bundle, or from the root: `/images/x.png` is
/// `Content/images/x.png`) is made into its widths and formats (`ImagePipeline`), once per
/// content and settings: the memo keeps each result by the digest of the source's bytes and
/// the settings, so an unchanged photo is never encoded again. The files go to `images/`; the
/// entry's body gets `<picture>` markup in place of the `<img>` cmark wrote. Other images
/// (`https://…`, the theme's `/assets/…`) are left as they are.
struct ImageStage {
    let options: BuildOptions
    let config: SiteConfig
    let urls: SiteURLs
    let blobs: BlobStore

    /// What the stage made: the entries with their new bodies, the files, problems, and counts.
    struct Outcome {
        var articles: [Entry]
        var pages: [Entry]
        /// The files, each `.known` by its blob when it was made before (read only when the output lacks it).
        var files: [PagePlan.OtherFile] = []
        var diagnostics: [Diagnostic] = []
        var records: [Digest: ImageRecord] = [:]
        var sources: [String: ImageSource] = [:]
        /// `site.yml`'s `image:`, made as a lead image is.
        var siteImage: LeadImageFiles?
        var owned = ContentImages()
        var encoded = 0
        var reused = 0
    }

    /// One image named in an entry's Markdown that resolved to a content file.
    private struct Reference {
        var url: String
        var file: String
        var position: SourcePosition
        var altIsEmpty: Bool
    }

    /// The settings' recipe, without the formats this libvips cannot write.
    var recipe: ImageRecipe {
        ImageRecipe(
            widths: config.images.widths,
            formats: config.images.formats.compactMap(ImageFormat.init(rawValue:)).filter((options.encodableImageFormats ?? ImageCodec.encodableFormats).contains),
            quality: config.images.quality, maxPixels: config.images.maxPixels)
    }

    /// `images: formats` that this libvips cannot write (AVIF without an AV1 encoder in libheif),
    /// said in one line: the pages offer the other formats, and the build goes on.
    private func skippedFormatsNotice(_ recipe: ImageRecipe) -> String? {
        let skipped = config.images.formats.compactMap(ImageFormat.init(rawValue:)).filter { !recipe.formats.contains($0) }
        guard !skipped.isEmpty else { return nil }
        let offered = (recipe.formats.map(\.displayName) + ["JPEG or PNG"]).joined(separator: " and ")
        return "sitegen: images: \(skipped.map(\.displayName).joined(separator: ", ")) skipped: this libvips cannot encode it "
            + "(for AVIF, libheif needs an AV1 encoder such as libaom); the pages offer \(offered)"
    }

    /// `memo` and `sources` are the last build's records and source stamps; a file in `suspects`
    /// (named by the watcher) is read whatever its stamp says.
    func run(
        articles: [Entry], pages: [Entry], memo: [Digest: ImageRecord], sources: [String: ImageSource], suspects: Set<String> = []
    ) -> Outcome {
        var outcome = Outcome(articles: articles, pages: pages)
        var all = articles + pages
        let references = all.map { self.references(of: $0, diagnostics: &outcome.diagnostics, owned: &outcome.owned) }
        let leads = all.map { entry in
            entry.frontMatter.image.flatMap { lead($0, from: entry.sourcePath, diagnostics: &outcome.diagnostics) }
        }
        let content = options.displayPath("Content")
        let site = config.image.flatMap { lead($0, from: content + "/site.yml", diagnostics: &outcome.diagnostics) }
        let jobs = Array(Set(references.flatMap { $0.map { Job(file: $0.file, lead: false) } } + (leads + [site]).compactMap(\.?.job)))
            .sorted { ($0.file, $0.lead ? 1 : 0) < ($1.file, $1.lead ? 1 : 0) }
        guard !jobs.isEmpty else { return outcome }
        let recipe = self.recipe
        if let notice = skippedFormatsNotice(recipe) { options.notice(notice) }
        // Each file once, on every core: keyed (by its stamp, or read), taken from the memo or made.
        // A stamp is trusted only for a file older than its file system's clock tick (see BuildSession.load).
        let racy = Int64(Date().timeIntervalSince1970) - 2
        let made = Parallel.map(jobs, threads: options.threads) { job in
            process(job, recipe: recipe, memo: memo, known: suspects.contains(job.file) ? nil : sources[job.file], racy: racy)
        }
        var byJob: [Job: (Digest, ImageRecord)] = [:]
        var failures: [Job: String] = [:]
        var fileContents: [Digest: FileContent] = [:]
        for (job, result) in zip(jobs, made) {
            switch result {
            case .success(let processed):
                byJob[job] = (processed.key, processed.record)
                outcome.records[processed.key] = processed.record
                if let source = processed.source { outcome.sources[job.file] = source }
                if processed.fresh { outcome.encoded += 1 } else { outcome.reused += 1 }
                for (variant, content) in zip(processed.record.variants, processed.files) { fileContents[variant.blob] = content }
            case .failure(let error):
                failures[job] = error.message
            }
        }
        for index in all.indices {
            for reference in references[index] {
                let job = Job(file: reference.file, lead: false)
                if let problem = failures[job] {
                    outcome.diagnostics.append(.error("image '\(reference.url)' cannot be published: \(problem)", at: reference.position))
                } else if reference.altIsEmpty {
                    outcome.diagnostics.append(.warning(
                        "image '\(reference.url)' has no alt text: describe it between the brackets, ![like this](\(reference.url))",
                        at: reference.position))
                }
            }
            if let lead = leads[index] {
                if let problem = failures[lead.job] {
                    outcome.diagnostics.append(.error("image '\(lead.meta.src)' cannot be published: \(problem)", at: lead.meta.position))
                } else if let (key, record) = byJob[lead.job] {
                    all[index].leadImage = LeadImageFiles(meta: lead.meta, key: key, record: record)
                }
            }
            let found = references[index].compactMap { reference in
                byJob[Job(file: reference.file, lead: false)].map { (reference.url, $0) }
            }
            if !found.isEmpty { all[index].content = rewritten(all[index].content, images: found) }
        }
        if let site {
            if let problem = failures[site.job] {
                outcome.diagnostics.append(.error("image '\(site.meta.src)' cannot be published: \(problem)", at: site.meta.position))
            } else if let (key, record) = byJob[site.job] {
                outcome.siteImage = LeadImageFiles(meta: site.meta, key: key, record: record)
            }
        }
        outcome.articles = Array(all.prefix(articles.count))
        outcome.pages = Array(all.dropFirst(articles.count))
        var written = Set<String>()
        for (_, record) in byJob.values.sorted(by: { $0.0 < $1.0 }) {
            for variant in record.variants where written.insert(variant.name).inserted {
                guard let content = fileContents[variant.blob] else { preconditionFailure("the image file \(variant.name) has no content") }
                outcome.files.append(PagePlan.OtherFile(path: "images/" + variant.name, content: content))
            }
        }
        outcome.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return outcome
    }

    /// A lead image (front-matter `image:`, or site.yml's) written in `source`, as a job, when it
    /// is a content file; the short form (no alt text) is a warning.
    private func lead(_ image: LeadImage, from source: String, diagnostics: inout [Diagnostic]) -> (meta: LeadImage, job: Job)? {
        switch ImageStage.resolve(image.src, from: source, content: options.displayPath("Content")) {
        case .none:
            // Another host's file, or a root path that names no file: neither can be sized and cut.
            diagnostics.append(.error(
                "image '\(image.src)' is not a file under Content/: a lead image is sized and cropped, so it must be one "
                    + "(beside the article, or from Content/ with a leading /, like /images/x.jpg)",
                at: image.position))
            return nil
        case .problem(let message):
            diagnostics.append(.error("image '\(image.src)' \(message)", at: image.position))
            return nil
        case .file(let file):
            if image.alt?.isEmpty ?? true {
                let which = source.hasSuffix("/site.yml") ? "the site's image" : "the lead image"
                diagnostics.append(.warning(
                    "\(which) '\(image.src)' has no alt text: write image: {src: \(image.src), alt: \"what it shows\"}",
                    at: image.position))
            }
            return (image, Job(file: file, lead: true, focusX: image.focus?.x, focusY: image.focus?.y))
        }
    }

    // MARK: - References

    /// The images of an entry's Markdown that are content files; a relative one that is missing
    /// or leaves `Content/` is an error at its position.
    private func references(of entry: Entry, diagnostics: inout [Diagnostic], owned: inout ContentImages) -> [Reference] {
        var result: [Reference] = []
        for link in entry.markdown.links where link.kind == .image {
            let resolution = ImageStage.resolve(link.url, from: entry.sourcePath, content: options.displayPath("Content"))
            if resolution != .none { owned.insert(link.url, of: entry) }
            switch resolution {
            case .none:
                continue
            case .file(let file):
                result.append(Reference(url: link.url, file: file, position: link.position, altIsEmpty: link.altIsEmpty))
            case .problem(let message):
                diagnostics.append(.error("image '\(link.url)' \(message)", at: link.position))
            }
        }
        return result
    }

    enum Resolution: Equatable {
        /// Not a content file: another host, the theme's `/assets/…`, a `data:` URL.
        case none
        case file(String)
        case problem(String)
    }

    /// Where an image URL written in `source` (a display path under `content`) leads.
    static func resolve(_ raw: String, from source: String, content: String) -> Resolution {
        var url = Substring(raw)
        if let cut = url.firstIndex(where: { $0 == "?" || $0 == "#" }) { url = url[..<cut] }
        let path = String(url).removingPercentEncoding ?? String(url)
        if path.isEmpty || path.hasPrefix("//") || LinkResolver.scheme(of: path) != nil { return .none }
        let folder = source.lastIndex(of: "/").map { String(source[..<$0]) } ?? "."
        let joined = path.hasPrefix("/") ? content + path : folder + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return .problem("leaves the site's folder: an image must be a file under Content/") }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let file = (joined.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
        let root = (content.hasPrefix("/") ? "/" : "") + content.split(separator: "/").joined(separator: "/")
        guard file.hasPrefix(root + "/") else {
            return .problem("leaves Content/: an image must be a file under Content/ (beside the article, or from the root, /images/x.jpg)")
        }
        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard FileManager.default.fileExists(atPath: file) else {
            // A root path that names no content file may be the theme's or static/'s (the link
            // check judges it), unless it is a content file's name but for case.
            let near = suggestion(for: file, written: path)
            if path.hasPrefix("/"), !near.sameButCase { return .none }
            return .problem("is missing: there is no file \(file)" + near.text)
        }
        guard real.hasPrefix(realRoot + "/") else {
            return .problem("is a link to a file outside Content/, which is not published")
        }
        return .file(file)
    }

    /// `; did you mean IMG_5678.JPG?` when the missing file's folder has one of that name but
    /// for case, or within a slip of it; the suggestion is spelt as the URL was written.
    private static func suggestion(for file: String, written: String) -> (text: String, sameButCase: Bool) {
        let slash = file.lastIndex(of: "/") ?? file.startIndex
        let folder = String(file[..<slash]), name = String(file[file.index(after: slash)...])
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "/" : folder), names.count <= 10_000
        else { return ("", false) }
        func spelt(_ near: String) -> String {
            guard let cut = written.lastIndex(of: "/") else { return near }
            return written[...cut] + near
        }
        if let same = Typos.sameButCase(name, in: names) {
            return ("; did you mean \(spelt(same))? (file names are case-sensitive on the web)", true)
        }
        let limit = min(2, name.utf8.count / 4)
        guard limit > 0, let near = Typos.nearest(to: name, in: names.sorted(), limit: { _ in limit }) else { return ("", false) }
        return ("; did you mean \(spelt(near))?", false)
    }

    // MARK: - Processing

    /// A job of the stage: a file, and for a lead image its focus (its crops are made too).
    private struct Job: Hashable {
        var file: String
        var lead: Bool
        var focusX: Double?
        var focusY: Double?
    }

    /// What `process` made of a job: its key and record, each file's content (bytes made now,
    /// or the blob of an earlier build), whether it was encoded now, and the source's stamp.
    private struct Processed {
        var key: Digest
        var record: ImageRecord
        var files: [FileContent]
        var fresh: Bool
        var source: ImageSource?
    }

    /// `job` from the memo when its source is unchanged (by its stamp, as `known` recorded it,
    /// or by its bytes) and every file is in the blobs, else made.
    private func process(
        _ job: Job, recipe: ImageRecipe, memo: [Digest: ImageRecord], known: ImageSource?, racy: Int64
    ) -> Result<Processed, ImageError> {
        let stamp = FileStamp(path: job.file).flatMap { $0.newestSeconds < racy ? $0 : nil }
        var bytes: [UInt8]?
        let digest: Digest
        do throws(ImageError) {
            if let known, let stamp, known.stamp == stamp {
                digest = known.bytes
            } else {
                bytes = try Self.read(job.file)
                digest = Digest.of(bytes!)
            }
        } catch {
            return .failure(error)
        }
        let source = stamp.map { ImageSource(stamp: $0, bytes: digest) }
        let key = Self.key(job, recipe.digest(ofBytesDigest: digest))
        // A record serves when the blobs have every file; one that fails its digest check when
        // read (a damaged pack) is made again from the source.
        if let kept = memo[key], kept.variants.allSatisfy({ blobs.contains($0.blob) }) {
            let files = kept.variants.map { variant -> FileContent in
                .known(variant.blob) { [self] in
                    if let bytes = blobs.get(variant.blob) { return bytes }
                    guard let bytes = try? Self.read(job.file) else { return nil }
                    return (try? make(job, recipe: recipe, bytes: bytes, digest: Digest.of(bytes)))?.1.first { $0.name == variant.name }?.bytes
                }
            }
            return .success(Processed(key: key, record: kept, files: files, fresh: false, source: source))
        }
        do throws(ImageError) {
            // With a trusted stamp but no record, the bytes now (the same ones, unless the stamp lied).
            let source: [UInt8]
            if let read = bytes { source = read } else { source = try Self.read(job.file) }
            let digest = Digest.of(source)
            let (record, made) = try make(job, recipe: recipe, bytes: source, digest: digest)
            return .success(Processed(
                key: Self.key(job, recipe.digest(ofBytesDigest: digest)), record: record,
                files: made.map { .bytes($0.bytes, Digest.of($0.bytes)) }, fresh: true,
                source: stamp.map { ImageSource(stamp: $0, bytes: digest) }))
        } catch {
            return .failure(error)
        }
    }

    /// A job's key: its source and settings (`recipe.digest`), its name (the files' names start
    /// with it: the same photo under another name is other files), and for a lead image its focus.
    private static func key(_ job: Job, _ source: Digest) -> Digest {
        var d = Digester()
        d.add(source)
        d.add(stem(job.file))
        d.add(job.lead)
        d.add(job.focusX ?? -1)
        d.add(job.focusY ?? -1)
        return d.finalize()
    }

    private static func stem(_ file: String) -> String {
        Slug.make(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent) ?? "image"
    }

    private static func read(_ file: String) throws(ImageError) -> [UInt8] {
        switch FileReader.read(file) {
        case .success(let bytes): return bytes
        case .failure(let problem): throw ImageError("cannot read it (\(problem.reason))")
        }
    }

    /// `job`'s files made from its source (`bytes`, whose `Digest.of` is `digest`), each put in the blobs.
    private func make(
        _ job: Job, recipe: ImageRecipe, bytes: [UInt8], digest: Digest
    ) throws(ImageError) -> (ImageRecord, [ProcessedImage.Variant]) {
        let source = recipe.digest(ofBytesDigest: digest)
        let stem = Self.stem(job.file)
        let made = try ImagePipeline.process(bytes, stem: stem, recipe: recipe, digest: source)
        var all = made.variants
        if job.lead {
            let focus = job.focusX.flatMap { x in job.focusY.map { (x: x, y: $0) } }
            all += try ImagePipeline.crops(
                bytes, stem: stem, recipe: recipe, header: made.header, crops: [.socialPreview, .thumbnail] + ImageCrop.structuredData, focus: focus, digest: source)
        }
        let variants = all.map { variant in
            let digest = Digest.of(variant.bytes)
            blobs.put(digest, variant.bytes)
            return ImageRecord.Variant(
                format: variant.format, width: variant.width, height: variant.height, name: variant.name, blob: digest,
                role: variant.role, length: variant.bytes.count)
        }
        return (ImageRecord(header: made.header, variants: variants), all)
    }

    // MARK: - Markup

    /// `body` with each `<img>` of the found images made a `<picture>` (a `<figure>` with its
    /// caption when the image has a title and is alone in its paragraph), fetched lazily: the
    /// new body's key is the old one's and the images', so an unchanged page is not rendered again.
    private func rewritten(_ body: HTML, images: [(String, (Digest, ImageRecord))]) -> HTML {
        var d = Digester()
        d.add("images v1")
        if let deferred = body.deferred, deferred.key.count == 2 {
            d.add(Digest(high: deferred.key[0], low: deferred.key[1]))
        } else {
            d.add(Digest.of(body.markup))
        }
        for (url, (key, _)) in images {
            d.add(url)
            d.add(key)
        }
        let key = d.finalize()
        let markup = ImageMarkup(urls: urls, images: Dictionary(images.map { ($0.0, $0.1.1) }, uniquingKeysWith: { a, _ in a }))
        return HTML(deferred: DeferredMarkup(key: [key.high, key.low], isEmpty: body.isEmpty) { markup.apply(to: body.markup) })
    }
}

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
    }

    var header: ImageHeader
    var variants: [Variant]
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
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        var records: [Digest: ImageRecord] = [:]
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

    var recipe: ImageRecipe {
        ImageRecipe(
            widths: config.images.widths, formats: config.images.formats.compactMap(ImageFormat.init(rawValue:)),
            quality: config.images.quality, maxPixels: config.images.maxPixels)
    }

    func run(articles: [Entry], pages: [Entry], memo: [Digest: ImageRecord]) -> Outcome {
        var outcome = Outcome(articles: articles, pages: pages)
        var references: [[Reference]] = []
        for entry in articles + pages { references.append(self.references(of: entry, diagnostics: &outcome.diagnostics)) }
        let files = Array(Set(references.flatMap { $0.map(\.file) })).sorted()
        guard !files.isEmpty else { return outcome }
        let recipe = self.recipe
        // Each file once, on every core: read, keyed, taken from the memo or made.
        let made = Parallel.map(files, threads: options.threads) { file in process(file, recipe: recipe, memo: memo) }
        var byFile: [String: (Digest, ImageRecord)] = [:]
        var failures: [String: String] = [:]
        for (file, result) in zip(files, made) {
            switch result {
            case .success(let (key, record, fresh)):
                byFile[file] = (key, record)
                outcome.records[key] = record
                if fresh { outcome.encoded += 1 } else { outcome.reused += 1 }
            case .failure(let error):
                failures[file] = error.message
            }
        }
        var all = outcome.articles + outcome.pages
        for index in all.indices {
            for reference in references[index] {
                if let problem = failures[reference.file] {
                    outcome.diagnostics.append(.error("image '\(reference.url)' cannot be published: \(problem)", at: reference.position))
                } else if reference.altIsEmpty {
                    outcome.diagnostics.append(.warning(
                        "image '\(reference.url)' has no alt text: describe it between the brackets, ![like this](\(reference.url))",
                        at: reference.position))
                }
            }
            let found = references[index].compactMap { reference in byFile[reference.file].map { (reference.url, $0) } }
            if !found.isEmpty { all[index].content = rewritten(all[index].content, images: found) }
        }
        outcome.articles = Array(all.prefix(articles.count))
        outcome.pages = Array(all.dropFirst(articles.count))
        var written = Set<String>()
        for (_, record) in byFile.values.sorted(by: { $0.0 < $1.0 }) {
            for variant in record.variants where written.insert(variant.name).inserted {
                guard let bytes = blobs.get(variant.blob) else { continue }
                outcome.files.append(OutputFile(path: "images/" + variant.name, bytes: bytes))
            }
        }
        return outcome
    }

    // MARK: - References

    /// The images of an entry's Markdown that are content files; a relative one that is missing
    /// or leaves `Content/` is an error at its position.
    private func references(of entry: Entry, diagnostics: inout [Diagnostic]) -> [Reference] {
        var result: [Reference] = []
        for link in entry.markdown.links where link.kind == .image {
            switch ImageStage.resolve(link.url, from: entry.sourcePath, content: options.displayPath("Content")) {
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
        let folder = source.split(separator: "/").dropLast().joined(separator: "/")
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
            return path.hasPrefix("/") ? .none : .problem("is missing: there is no file \(file)")
        }
        guard real.hasPrefix(realRoot + "/") else {
            return .problem("is a link to a file outside Content/, which is not published")
        }
        return .file(file)
    }

    // MARK: - Processing

    private func process(
        _ file: String, recipe: ImageRecipe, memo: [Digest: ImageRecord]
    ) -> Result<(Digest, ImageRecord, Bool), ImageError> {
        let bytes: [UInt8]
        switch FileReader.read(file) {
        case .success(let read): bytes = read
        case .failure(let problem): return .failure(ImageError("cannot read it (\(problem.reason))"))
        }
        let key = recipe.digest(of: bytes)
        if let kept = memo[key], kept.variants.allSatisfy({ blobs.contains($0.blob) }) { return .success((key, kept, false)) }
        let stem = Slug.make(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent) ?? "image"
        do {
            let made = try ImagePipeline.process(bytes, stem: stem, recipe: recipe)
            let variants = made.variants.map { variant in
                let digest = Digest.of(variant.bytes)
                blobs.put(digest, variant.bytes)
                return ImageRecord.Variant(
                    format: variant.format, width: variant.width, height: variant.height, name: variant.name, blob: digest)
            }
            return .success((key, ImageRecord(header: made.header, variants: variants), true))
        } catch {
            return .failure(error)
        }
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

import Foundation
import SitegenSupport
import SitegenTemplates

/// The render stage: for each route, its context's digest decides whether the memo's page
/// will do or the page is rendered again; assets are copied. Safe to use from many threads:
/// each output file is handled by one.
final class PagePlan: @unchecked Sendable {
    struct Outcome: Sendable {
        /// The page's memo key (for an asset, the digest of its bytes).
        var key: Digest
        /// The digest of its bytes.
        var digest: Digest
        var rendered: Bool
    }

    /// A file that is not a route's: a theme asset, or a processed image, whose bytes may
    /// be in the blobs (`.known`), read only when the output does not have them.
    struct OtherFile: Sendable {
        var path: String
        var content: FileContent
    }

    let routes: [Route]
    let assets: [OtherFile]
    let renderer: PageRenderer
    let digester: ValueDigester
    let templateDigest: Digest
    let memo: [String: PageRecord]
    let blobs: BlobStore
    /// Every output file: the routes' files, then the assets'.
    let paths: [String]
    private let slots: UnsafeMutableBufferPointer<Outcome?>
    /// Whether rendered pages go to the blobs as they are made (not when they are written to a folder).
    var keepsRendered = true
    /// Whether anything remembers this build (without, no page is keyed: nothing would read the keys).
    var isRemembered = true

    /// The previous build of the same routes, and the entries that changed since: a route whose
    /// context read none of them has the context it had, and is taken as it was, unexamined.
    struct Previous: Sendable {
        var outcomes: [Outcome]
        var reads: [EntryReads]
        var changedArticles: Set<Int>
        var changedPages: Set<Int>
    }

    var previous: Previous?
    private let readSlots: UnsafeMutableBufferPointer<EntryReads>

    /// The entries each route's context read.
    var reads: [EntryReads] { Array(readSlots) }

    /// `assets` are the theme's (put under `assets/`); `files` go where their paths say (the processed images).
    init(routes: [Route], assets: [OutputFile], files: [OtherFile] = [], renderer: PageRenderer, digester: ValueDigester,
         templateDigest: Digest, memo: [String: PageRecord], blobs: BlobStore) {
        self.routes = routes
        self.assets = assets.map { OtherFile(path: "assets/" + $0.path, content: .bytes($0.bytes, Digest.of($0.bytes))) } + files
        self.renderer = renderer
        self.digester = digester
        self.templateDigest = templateDigest
        self.memo = memo
        self.blobs = blobs
        paths = routes.map(\.file) + self.assets.map(\.path)
        slots = .allocate(capacity: paths.count)
        slots.initialize(repeating: nil)
        readSlots = .allocate(capacity: routes.count)
        readSlots.initialize(repeating: EntryReads())
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
        readSlots.deinitialize()
        readSlots.deallocate()
    }

    /// The URL of the page of file `index` (a route's), as errors name it: `/news/topics/`.
    private func url(_ index: Int) -> String { renderer.model.urls.url(routes[index].path) }

    /// Each file's outcome, once it was made.
    var outcomes: [Outcome?] { Array(slots) }

    /// The memo key of a route: its template set, template, kind and the digest of its context.
    func key(_ route: Route, _ context: [String: Value]) -> Digest {
        var d = Digester()
        d.add("page v1")
        d.add(templateDigest)
        d.add(route.template)
        d.add(route.kind.rawValue)
        d.add(digester.digest(.dictionary(context)))
        return d.finalize()
    }

    /// The content of file `index`: rendered bytes, or the digest of the memo's bytes and how to get them.
    func content(_ index: Int) -> Result<FileContent, TemplateRenderError> {
        if index >= routes.count {
            let content = assets[index - routes.count].content
            slots[index] = Outcome(key: content.digest, digest: content.digest, rendered: false)
            return .success(content)
        }
        let route = routes[index]
        if let previous, index < previous.outcomes.count,
           !previous.reads[index].touches(articles: previous.changedArticles, pages: previous.changedPages),
           blobs.contains(previous.outcomes[index].digest) {
            let outcome = previous.outcomes[index]
            slots[index] = Outcome(key: outcome.key, digest: outcome.digest, rendered: false)
            readSlots[index] = previous.reads[index]
            return .success(kept(outcome.digest, route))
        }
        var reads = EntryReads()
        let context = renderer.context(for: route, reads: &reads)
        readSlots[index] = reads
        let key = isRemembered ? key(route, context) : .zero
        if let record = memo[route.file], record.key == key, blobs.contains(record.output) {
            slots[index] = Outcome(key: key, digest: record.output, rendered: false)
            return .success(kept(record.output, route))
        }
        do throws(TemplateRenderError) {
            let bytes = try renderer.render(route, context: context)
            let digest = Digest.of(bytes)
            // Written to a folder, the page is kept by a link to its file there (see `write`).
            if keepsRendered { blobs.put(digest, bytes) }
            slots[index] = Outcome(key: key, digest: digest, rendered: true)
            return .success(.bytes(bytes, digest))
        } catch {
            return .failure(error)
        }
    }

    /// A page the memo has: its bytes from the blobs when they are needed, or, should the blob be
    /// damaged, rendered again (the same bytes: rendering is deterministic) and kept anew.
    private func kept(_ digest: Digest, _ route: Route) -> FileContent {
        let blobs = self.blobs, renderer = self.renderer
        return .known(digest) {
            if let bytes = blobs.get(digest) { return bytes }
            guard let bytes = try? renderer.render(route, context: renderer.context(for: route)) else { return nil }
            blobs.put(Digest.of(bytes), bytes)
            return bytes
        }
    }

    /// Writes every file with `writer`; returns its report and each file's stamp in the output.
    func write(with writer: SiteWriter, trusted: [String: OutputRecord], recorded: @escaping @Sendable () -> Set<String>?) throws -> (WriteReport, [FileStamp?]) {
        let problems = RenderProblems()
        keepsRendered = false
        let routeCount = routes.count, blobs = self.blobs
        do {
            return try writer.write(paths: paths, trusted: trusted, recorded: recorded, content: { index in
                switch self.content(index) {
                case .success(let content): return content
                case .failure(let error):
                    problems.add(error, page: self.url(index))
                    return nil
                }
            }, placed: { index, path, digest, bytes in
                // Each page's bytes stay in the cache: a link to the file just placed, or a copy.
                guard index < routeCount, !blobs.contains(digest) else { return }
                let length = bytes?.count ?? Int(FileStamp(linkAt: path)?.size ?? 0)
                if !blobs.keep(file: path, digest: digest, length: length), let bytes { blobs.put(digest, bytes) }
            })
        } catch is WriteAborted {
            throw DiagnosticsError(problems.diagnostics)
        }
    }

    /// Every file in memory, sorted by path, and the outcomes in file order; with `previous`
    /// (the digests of a build whose files the caller has), only the files that differ from it.
    func gather(threads: Int, previous: [String: Digest]? = nil) throws(DiagnosticsError) -> ([OutputFile], [Outcome]) {
        let results = Parallel.map(Array(paths.indices), threads: threads) { index -> Result<OutputFile, TemplateRenderError>? in
            switch self.content(index) {
            case .success(.bytes(let bytes, let digest)):
                if let previous, previous[self.paths[index]] == digest { return .success(OutputFile(path: "", bytes: [])) }
                return .success(OutputFile(path: self.paths[index], bytes: bytes))
            case .success(.known(let digest, let fetch)):
                if let previous, previous[self.paths[index]] == digest { return .success(OutputFile(path: "", bytes: [])) }
                return fetch().map { .success(OutputFile(path: self.paths[index], bytes: $0)) }
            case .failure(let error): return .failure(error)
            }
        }
        var files: [OutputFile] = []
        files.reserveCapacity(paths.count)
        let problems = RenderProblems()
        var made = 0
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let file)?:
                made += 1
                if !file.path.isEmpty { files.append(file) }
            case .failure(let error)?: problems.add(error, page: url(index))
            case nil: break
            }
        }
        if !problems.isEmpty || made != paths.count {
            throw DiagnosticsError(problems.diagnostics)
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (files, slots.map { $0! })
    }
}

/// What the writer is given for one file: its bytes, or the digest of bytes it may already
/// have and a way to get them when it does not.
public enum FileContent: Sendable {
    case bytes([UInt8], Digest)
    case known(Digest, @Sendable () -> [UInt8]?)

    var digest: Digest {
        switch self {
        case .bytes(_, let d), .known(let d, _): d
        }
    }
}

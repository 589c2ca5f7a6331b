import Foundation
import SitegenContent
import SitegenImages
import SitegenMarkdown
import SitegenSupport
import SitegenTemplates

/// What one content file gave, kept by the digest of everything it was made from.
struct ContentRecord: Sendable {
    enum Outcome: Sendable {
        /// The file did not decode.
        case failed([Diagnostic])
        /// A draft, not built.
        case draft
        /// Its entry (nil when its slug was unusable) and the Markdown stage's diagnostics.
        case made(Entry?, [Diagnostic])
    }

    var isArticle: Bool
    /// `stat`'s answer when the file was last read: unchanged, it is not read again.
    var stamp: FileStamp?
    var bytes: Digest
    /// The digest of the bytes and of everything else the outcome depends on (see `BuildSession.contentKey`).
    var key: Digest
    var outcome: Outcome
    /// The digest of the entry's body HTML, kept as a blob.
    var body: Digest?
    /// `outcome` as the saved memo holds it, for a record loaded from it: saved again as it is.
    var encodedOutcome: ArraySlice<UInt8>?
}

/// What the memo says of an entry's body, for a reader to make it a deferred `HTML`.
struct DeferredBody {
    var digest: Digest
    var isEmpty: Bool
    var path: String
    var isArticle: Bool
}

/// A page as the last build made it.
struct PageRecord: Sendable, Equatable {
    /// The digest of its template set, its template's name and every value of its context.
    var key: Digest
    /// The digest of its bytes.
    var output: Digest
}

/// An output file as the last build left it in the output folder.
struct OutputRecord: Sendable, Equatable {
    var stamp: FileStamp
    var digest: Digest
}

/// Everything a build remembers for the next one.
struct BuildMemo: Sendable {
    var content: [String: ContentRecord] = [:]
    var pages: [String: PageRecord] = [:]
    /// The output folder (absolute) the records below describe.
    var outputFolder: String?
    var outputs: [String: OutputRecord] = [:]
    var blobs: [Digest: BlobLocation] = [:]
    var segments: [Int: Int] = [:]
    /// Processed images by the digest of their source and settings.
    var images: [Digest: ImageRecord] = [:]
    /// Each image source file's stamp when it was read, and the digest of its bytes: a file
    /// whose stamp is unchanged is not read again.
    var imageSources: [String: ImageSource] = [:]
}

struct ImageSource: Sendable, Equatable {
    var stamp: FileStamp
    var bytes: Digest
}

extension BinaryWriter {
    mutating func write(_ record: ImageRecord) {
        write(record.header.format.rawValue)
        write(record.header.width)
        write(record.header.height)
        write(record.header.hasAlpha)
        write(record.header.isAnimated)
        write(record.variants) { w, v in
            w.write(v.format.rawValue)
            w.write(v.width)
            w.write(v.height)
            w.write(v.name)
            w.write(v.blob)
            w.write(v.role)
            w.write(v.length)
        }
    }
}

extension BinaryReader {
    mutating func readImageRecord() throws(MalformedData) -> ImageRecord {
        guard let format = ImageFormat(rawValue: try readString()) else { throw MalformedData("an unknown image format") }
        let header = ImageHeader(
            format: format, width: try readInt(), height: try readInt(), hasAlpha: try readBool(), isAnimated: try readBool())
        let variants = try readList { r throws(MalformedData) in
            guard let format = ImageFormat(rawValue: try r.readString()) else { throw MalformedData("an unknown image format") }
            return ImageRecord.Variant(
                format: format, width: try r.readInt(), height: try r.readInt(), name: try r.readString(), blob: try r.readDigest(),
                role: try r.readString(), length: try r.readInt())
        }
        return ImageRecord(header: header, variants: variants)
    }
}

// MARK: - Encoding

extension BinaryWriter {
    mutating func write(_ record: ContentRecord, path: String) {
        write(record.isArticle)
        write(record.stamp != nil)
        if let stamp = record.stamp { write(stamp) }
        write(record.bytes)
        write(record.key)
        write(record.body != nil)
        if let body = record.body { write(body) }
        if let encoded = record.encodedOutcome {
            write(UInt64(encoded.count))
            appendRaw(encoded)
            return
        }
        var outcome = BinaryWriter()
        outcome.write(outcome: record.outcome, path: path)
        write(bytes: outcome.bytes)
    }

    mutating func write(outcome: ContentRecord.Outcome, path: String) {
        switch outcome {
        case .failed(let problems):
            write(0 as UInt64)
            write(problems) { $0.write($1, in: path) }
        case .draft:
            write(1 as UInt64)
        case .made(let entry, let problems):
            write(2 as UInt64)
            write(problems) { $0.write($1, in: path) }
            write(entry != nil)
            if let entry { write(entry, path: path) }
        }
    }

    mutating func write(_ entry: Entry, path: String) {
        write(entry.kind == .article ? 0 : entry.kind == .page ? 1 : 2 as UInt64)
        write(entry.frontMatter, in: path)
        write(entry.title)
        write(entry.slug)
        write(entry.path)
        write(entry.date)
        write(entry.isDated)
        write(entry.updated)
        write(entry.summary)
        writeFacts(entry.markdown, in: path)
        write(entry.termSlugs) { w, slugs in w.write(slugs) { $0.write($1) } }
        write(entry.content.isEmpty)
    }
}

extension BinaryReader {
    /// A content record; `content` makes the deferred body of an entry from its digest;
    /// `source` is what the reader reads, starting at `base` (the record keeps its encoded outcome).
    mutating func readContentRecord(
        path: String, source: [UInt8], base: Int, content: (DeferredBody) -> HTML
    ) throws(MalformedData) -> ContentRecord {
        let isArticle = try readBool()
        let stamp = try readBool() ? try readStamp() : nil
        let bytes = try readDigest()
        let key = try readDigest()
        let body = try readBool() ? try readDigest() : nil
        let length = try readCount()
        let start = offset
        var record = try readOutcome(
            path: path, isArticle: isArticle, stamp: stamp, bytes: bytes, key: key, body: body, content: content)
        guard offset == start + length else { throw MalformedData("a record of the wrong length") }
        record.encodedOutcome = source[(base + start)..<(base + offset)]
        return record
    }

    private mutating func readOutcome(
        path: String, isArticle: Bool, stamp: FileStamp?, bytes: Digest, key: Digest, body: Digest?,
        content: (DeferredBody) -> HTML
    ) throws(MalformedData) -> ContentRecord {
        let outcome: ContentRecord.Outcome
        switch try readUInt64() {
        case 0:
            outcome = .failed(try readList { r throws(MalformedData) in try r.readDiagnostic(in: path) })
        case 1:
            outcome = .draft
        case 2:
            let problems = try readList { r throws(MalformedData) in try r.readDiagnostic(in: path) }
            if try readBool() {
                guard let body else { throw MalformedData("an entry without its body") }
                outcome = .made(try readEntry(path: path, body: body, content: content), problems)
            } else {
                outcome = .made(nil, problems)
            }
        default:
            throw MalformedData("bad content outcome")
        }
        return ContentRecord(isArticle: isArticle, stamp: stamp, bytes: bytes, key: key, outcome: outcome, body: body)
    }

    mutating func readEntry(
        path: String, body: Digest, content: (DeferredBody) -> HTML
    ) throws(MalformedData) -> Entry {
        let kind: Entry.Kind
        switch try readUInt64() {
        case 0: kind = .article
        case 1: kind = .page
        case 2: kind = .author
        default: throw MalformedData("bad entry kind")
        }
        let frontMatter = try readFrontMatter(in: path)
        let title = try readString()
        let slug = try readString()
        let sitePath = try readString()
        let date = try readDate()
        let isDated = try readBool()
        let updated = try readDate()
        let summary = try readString()
        let markdown = try readFacts(html: "", in: path)
        let termSlugs = try readDictionary { r throws(MalformedData) in
            try r.readList { r throws(MalformedData) in try r.readString() }
        }
        let isEmpty = try readBool()
        return Entry(
            kind: kind, sourcePath: path, frontMatter: frontMatter, title: title, slug: slug, path: sitePath,
            date: date, isDated: isDated, updated: updated, summary: summary, markdown: markdown,
            termSlugs: termSlugs, content: content(DeferredBody(digest: body, isEmpty: isEmpty, path: path, isArticle: kind == .article)))
    }
}

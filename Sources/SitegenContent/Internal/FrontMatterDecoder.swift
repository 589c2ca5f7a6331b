import Foundation
import SitegenSupport
import Yams

/// Reads the keys of one file's front-matter into a `FrontMatter`, collecting every problem.
struct FrontMatterDecoder {
    /// What the file is: its keys differ (an author file has `name`, `title` as the role, `links`).
    enum Kind { case article, page, author }

    let config: SiteConfig
    let path: String
    let kind: Kind

    var requiresDate: Bool { kind == .article }

    /// The front-matter, or every problem in it.
    func decode(_ split: SplitDocument) throws(DiagnosticsError) -> FrontMatter {
        let source = YAMLSource(text: split.yaml, path: path, firstLine: split.yamlLine)
        let root = try YAMLComposer.compose(source)
        var reader = NodeReader(source: source, timeZone: config.timeZone)
        let start = SourcePosition(path: path, line: 1, column: 1)
        var frontMatter = FrontMatter(title: "", slug: Self.defaultSlug(forPath: path), position: start)
        if kind == .author { return try decodeAuthor(root, reader: &reader, into: &frontMatter) }
        for taxonomy in config.taxonomies { frontMatter.terms[taxonomy] = [] }

        let pairs = Self.pairs(of: root, keys: "'title:' and 'date:'", reader: &reader)
        let taxonomies = Set(config.taxonomies)
        let known = Self.keys + config.taxonomies
        var seen = Set<String>()
        for (key, keyNode, value) in pairs {
            seen.insert(key)
            frontMatter.valuePositions[key] = reader.position(value)
            switch key {
            case "title":
                if NodeReader.isNull(value) {
                    reader.error("'title' must not be empty", at: value)
                } else if let title = reader.string(value, key: key) {
                    if title.trimmingCharacters(in: .whitespaces).isEmpty { reader.error("'title' must not be empty", at: value) }
                    frontMatter.title = title
                }
            case "date":
                if let (date, text) = reader.date(value, key: key) {
                    frontMatter.date = date
                    frontMatter.dateText = text
                }
            case "updated":
                if NodeReader.isNull(value) { break }
                if let (date, text) = reader.date(value, key: key) {
                    frontMatter.updated = date
                    frontMatter.updatedText = text
                }
            case "expires":
                if NodeReader.isNull(value) { break }
                if let (date, _) = reader.date(value, key: key) { frontMatter.expires = date }
            case "summary":
                if !NodeReader.isNull(value) { frontMatter.summary = reader.string(value, key: key) }
            case "author", "authors":
                if let other = seen.first(where: { $0 != key && ($0 == "author" || $0 == "authors") }) {
                    reader.error("'\(key)' and '\(other)' both give the byline: keep one (either takes a name or a list of names)", at: keyNode)
                    break
                }
                let names = bylines(value, key: key, reader: &reader)
                frontMatter.terms[SiteConfig.authorsTaxonomy] = names
                frontMatter.author = Byline.display(names.map(\.name))
                frontMatter.valuePositions["author"] = reader.position(value)
            case "slug":
                if NodeReader.isNull(value) { reader.error("'slug' must not be empty", at: value); break }
                if let slug = reader.string(value, key: key) {
                    if slug.isEmpty { reader.error("'slug' must not be empty", at: value) }
                    frontMatter.slug = slug
                    frontMatter.hasExplicitSlug = true
                }
            case "draft":
                if let draft = reader.bool(value, key: key) { frontMatter.draft = draft }
            case "aliases":
                if let aliases = reader.strings(value, key: key, example: "[/2024/old-name/]") { frontMatter.aliases = aliases }
            case "image":
                if !NodeReader.isNull(value) { frontMatter.image = reader.leadImage(value) }
            case "corrections":
                frontMatter.corrections = corrections(value, reader: &reader)
            case _ where taxonomies.contains(key):
                frontMatter.terms[key] = terms(value, taxonomy: key, reader: &reader)
            case "params":
                reader.params(value, into: &frontMatter.params)
            case _ where Self.publicationKeys[key] != nil:
                reader.error(Self.publicationKeys[key]!, at: keyNode)
            default:
                reader.parameter(key, keyNode, value, known: known, into: &frontMatter.params)
            }
        }
        if !seen.contains("title") {
            reader.diagnostics.append(.error(
                "missing required key 'title': add a line such as 'title: Crew-11 reaches the station'", at: start))
        }
        if requiresDate && !seen.contains("date") {
            reader.diagnostics.append(.error("missing required key 'date': add a line such as 'date: 2025-07-31'", at: start))
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticsError(reader.diagnostics) }
        return frontMatter
    }

    /// The front-matter's key–value pairs; anything but a mapping is an error naming `keys` as examples.
    private static func pairs(
        of root: Node?, keys: String, whose: String = "", reader: inout NodeReader
    ) -> [(key: String, keyNode: Node, value: Node)] {
        switch root {
        case nil: return []
        case .mapping(let mapping)?: return reader.pairs(mapping)
        case let node?:
            reader.error("\(whose)front-matter must be YAML keys such as \(keys), not \(NodeReader.describe(node))", at: node)
            return []
        }
    }

    /// The keys front-matter knows, beside the site's taxonomies.
    static let keys = [
        "title", "date", "updated", "expires", "summary", "author", "authors", "slug", "draft", "aliases", "image", "corrections",
        "params",
    ]
    /// Keys that decide publication in Jekyll or Hugo, each with sitegen's own: such a key would
    /// otherwise pass as a template parameter, and the story would go live against its writer's
    /// wish (or stay down), so each is an error naming the key to write.
    static let publicationKeys: [String: String] = [
        "published": "'published' is Jekyll's key and sitegen does not read it: write 'draft: true' to keep a story "
            + "unpublished (and remove 'published')",
        "publishDate": "'publishDate' is Hugo's key and sitegen does not read it: write the publication time as 'date:' "
            + "(a future date is published when its time comes)",
        "publishdate": "'publishdate' is Hugo's key and sitegen does not read it: write the publication time as 'date:' "
            + "(a future date is published when its time comes)",
        "expiryDate": "'expiryDate' is Hugo's key and sitegen does not read it: write 'expires:' with the same date",
        "expirydate": "'expirydate' is Hugo's key and sitegen does not read it: write 'expires:' with the same date",
        "unpublishdate": "'unpublishdate' is another generator's key and sitegen does not read it: write 'expires:' "
            + "with the same date",
    ]

    /// The keys of an author file (`Content/authors/<slug>.md`).
    static let authorKeys = ["name", "title", "image", "links", "slug", "params"]

    /// `author: Jane Doe` or `author: [Jane Doe, Sam Lee]`: the names, each with its position.
    private func bylines(_ node: Node, key: String, reader: inout NodeReader) -> [TermRef] {
        if NodeReader.isNull(node) { return [] }
        if case .scalar(let scalar) = node {
            let name = scalar.string.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { return [] }
            return [TermRef(name: name, position: reader.position(node))]
        }
        guard case .sequence(let sequence) = node else {
            reader.error("'\(key)' must be a name or a list of names, like [Jane Doe, Sam Lee], not \(NodeReader.describe(node))", at: node)
            return []
        }
        guard sequence.count <= config.limits.terms else {
            reader.error("'\(key)' has \(sequence.count) names, more than the \(config.limits.terms) a byline may have: "
                + "raise site.yml's limits: terms if this is meant", at: node)
            return []
        }
        var names: [TermRef] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !NodeReader.isNull(item),
                  !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                reader.error("each of '\(key)' must be a name, not \(NodeReader.describe(item))", at: item)
                continue
            }
            let name = scalar.string.trimmingCharacters(in: .whitespaces)
            if !names.contains(where: { $0.name == name }) { names.append(TermRef(name: name, position: reader.position(item))) }
        }
        return names
    }

    /// An author file: `name` (required), `title` (the role), `image` (a portrait), `links`, `slug`.
    private func decodeAuthor(_ root: Node?, reader: inout NodeReader, into frontMatter: inout FrontMatter) throws(DiagnosticsError) -> FrontMatter {
        let pairs = Self.pairs(of: root, keys: "'name:' and 'title:'", whose: "an author file's ", reader: &reader)
        var seen = Set<String>()
        for (key, keyNode, value) in pairs {
            seen.insert(key)
            frontMatter.valuePositions[key] = reader.position(value)
            switch key {
            case "name":
                if let name = reader.string(value, key: key) {
                    if name.trimmingCharacters(in: .whitespaces).isEmpty { reader.error("'name' must not be empty", at: value) }
                    frontMatter.title = name.trimmingCharacters(in: .whitespaces)
                }
            case "title":
                if !NodeReader.isNull(value) { frontMatter.role = reader.string(value, key: key) }
            case "image":
                if !NodeReader.isNull(value) { frontMatter.image = reader.leadImage(value) }
            case "links": frontMatter.links = links(value, reader: &reader)
            case "slug":
                if let slug = reader.string(value, key: key), !slug.isEmpty {
                    frontMatter.slug = slug
                    frontMatter.hasExplicitSlug = true
                } else {
                    reader.error("'slug' must not be empty", at: value)
                }
            case "params": reader.params(value, into: &frontMatter.params)
            default: reader.parameter(key, keyNode, value, known: Self.authorKeys, into: &frontMatter.params)
            }
        }
        if !seen.contains("name") {
            reader.diagnostics.append(.error(
                "missing required key 'name': an author file needs the name its bylines use, e.g. 'name: Jane Doe'",
                at: frontMatter.position))
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticsError(reader.diagnostics) }
        return frontMatter
    }

    /// `corrections: [{date: 2025-08-02, text: "An earlier version misstated the docking time."}]`.
    private func corrections(_ node: Node, reader: inout NodeReader) -> [Correction] {
        if NodeReader.isNull(node) { return [] }
        let example = "[{date: 2025-08-02, text: \"An earlier version misstated the time.\"}]"
        guard case .sequence(let sequence) = node else {
            reader.error("'corrections' must be a list of {date, text}, like \(example), not \(NodeReader.describe(node))", at: node)
            return []
        }
        var corrections: [Correction] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                reader.error("each of 'corrections' must be {date, text}, like \(example), not \(NodeReader.describe(item))", at: item)
                continue
            }
            var date: (date: Date, text: String)?
            var text: String?
            var keys = Set<String>()
            for pair in reader.pairs(mapping) {
                keys.insert(pair.key)
                switch pair.key {
                case "date": date = reader.date(pair.value, key: "date")
                case "text":
                    if let value = reader.string(pair.value, key: "text") {
                        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                            reader.error("a correction's 'text' must not be empty", at: pair.value)
                        } else {
                            text = value.trimmingCharacters(in: .whitespacesAndNewlines)
                        }
                    }
                default: reader.unknownKey(pair.key, at: pair.keyNode, in: "corrections", known: ["date", "text"])
                }
            }
            if !keys.contains("date") { reader.error("a correction needs its 'date:', the day it was published", at: item) }
            if !keys.contains("text") { reader.error("a correction needs its 'text:', what was wrong and what is right", at: item) }
            if let date, let text {
                corrections.append(Correction(date: date.date, dateText: date.text, text: text, position: reader.position(item)))
            }
        }
        // Oldest first, as pages, feeds and structured data show them (as written on one date).
        return corrections.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
        }.map(\.element)
    }

    /// `links: [https://…, {title: Mastodon, url: https://…}]`.
    private func links(_ node: Node, reader: inout NodeReader) -> [ProfileLink] {
        if NodeReader.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            reader.error("'links' must be a list of URLs or {title, url}, like [https://example.social/@jane], not \(NodeReader.describe(node))", at: node)
            return []
        }
        var links: [ProfileLink] = []
        for item in sequence {
            switch item {
            case .scalar(let scalar) where !NodeReader.isNull(item):
                links.append(ProfileLink(title: ProfileLink.title(forURL: scalar.string), url: scalar.string))
            case .mapping(let mapping):
                var title: String?
                var url: String?
                for pair in reader.pairs(mapping) {
                    switch pair.key {
                    case "title", "name": title = reader.string(pair.value, key: pair.key)
                    case "url": url = reader.string(pair.value, key: "url")
                    default: reader.unknownKey(pair.key, at: pair.keyNode, in: "links", known: ["title", "url"])
                    }
                }
                if let url, !url.isEmpty {
                    links.append(ProfileLink(title: title.flatMap { $0.isEmpty ? nil : $0 } ?? ProfileLink.title(forURL: url), url: url))
                } else {
                    reader.error("a link needs a 'url', like {title: Mastodon, url: https://example.social/@jane}", at: item)
                }
            default:
                reader.error("each of 'links' must be a URL or {title, url}, not \(NodeReader.describe(item))", at: item)
            }
        }
        return links
    }

    /// A list of names, each a string or `{name, url}`.
    private func terms(_ node: Node, taxonomy: String, reader: inout NodeReader) -> [TermRef] {
        if NodeReader.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            reader.notAList(node, key: taxonomy, example: "[NASA, SpaceX]")
            return []
        }
        // Each term lists the article in its feeds with all its terms: 4,000 topics made 1.4 GB of feeds.
        guard sequence.count <= config.limits.terms else {
            reader.error("'\(taxonomy)' has \(sequence.count) terms, more than the \(config.limits.terms) an article may have in one "
                + "taxonomy: keep the few a reader would follow, or raise site.yml's limits: terms if this is meant", at: node)
            return []
        }
        var result: [TermRef] = []
        for item in sequence {
            switch item {
            case .scalar(let scalar) where !NodeReader.isNull(item):
                if scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
                    reader.error("a name in '\(taxonomy)' must not be empty", at: item)
                } else {
                    result.append(TermRef(name: scalar.string, position: reader.position(item)))
                }
            case .mapping(let mapping):
                var name: String?
                var url: String?
                for pair in reader.pairs(mapping) {
                    switch pair.key {
                    case "name": name = reader.string(pair.value, key: "name")
                    case "url": url = reader.string(pair.value, key: "url")
                    default:
                        reader.error(
                            "a term in '\(taxonomy)' has only 'name' and 'url', not '\(pair.key)'", at: pair.keyNode)
                    }
                }
                if let name, !name.trimmingCharacters(in: .whitespaces).isEmpty {
                    result.append(TermRef(name: name, url: url, position: reader.position(item)))
                } else {
                    reader.error("a term in '\(taxonomy)' needs a 'name', like {name: NASA, url: https://nasa.gov}", at: item)
                }
            default:
                reader.error(
                    "each of '\(taxonomy)' must be a name or {name, url}, not \(NodeReader.describe(item))", at: item)
            }
        }
        return result
    }

    /// The file name less `.md` and any leading `YYYY-MM-DD-`.
    static func defaultSlug(forPath path: String) -> String {
        let parts = path.split(separator: "/")
        var name = Substring(parts.last ?? Substring(path))
        // A page bundle's index.md takes its folder's name: articles/2025-07-31-crew-11/index.md is crew-11.
        if name == "index.md", parts.count >= 2 { name = parts[parts.count - 2] }
        if name.hasSuffix(".md") { name = name.dropLast(3) }
        let bytes = Array(name.utf8)
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        if bytes.count > 11,
           bytes[0..<4].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-"),
           bytes[5..<7].allSatisfy(isDigit), bytes[7] == UInt8(ascii: "-"),
           bytes[8..<10].allSatisfy(isDigit), bytes[10] == UInt8(ascii: "-") {
            return String(decoding: bytes[11...], as: UTF8.self)
        }
        return String(name)
    }
}

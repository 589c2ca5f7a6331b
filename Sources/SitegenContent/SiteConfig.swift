import Foundation
import SitegenSupport
import Yams

/// The settings of `Content/site.yml`, with defaults filled in.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    /// The absolute base URL, always ending with `/` (`https://example.org/news/`).
    public var baseURL: String
    /// `language:`, a BCP 47 tag (`en` by default): `<html lang>`, its `dir`, `og:locale`, the
    /// news sitemap's language and JSON-LD `inLanguage` all come from it (`LanguageTag`).
    public var language: LanguageTag
    public var description: String?
    public var author: String?
    /// The time zone in which dates without an offset are read.
    public var timeZone: TimeZone
    public var perPage: Int
    /// Taxonomy names, in the order written (`[topics, sources]` by default).
    public var taxonomies: [String]
    public var unsafeHTML: Bool
    /// Term names mapped to the slugs to use for them, to settle slug collisions.
    public var termSlugs: [String: String]
    /// The taxonomy whose terms are an article's sources: a "(Reuters)" in a paragraph links to
    /// its page, its pages count citations, `sitegen check` reports sources cited but not
    /// declared. site.yml's `attributions:` names it; by default `sources` when the site has
    /// that taxonomy; nil (`attributions: null`) for none.
    public var attributionTaxonomy: String?
    /// `images:`: the widths, formats and quality of the photos made for pages.
    public var images = ImageSettings()
    /// `limits:`: the bounds of templates and front-matter (`Limits`).
    public var limits = Limits()
    /// `image:`: the site's own image, a file under `Content/`: the social preview of every page
    /// without a lead image of its own (the home page, term pages, articles without `image:`).
    public var image: LeadImage?
    /// `logo:`: the publisher's logo for structured data, a URL or a site path (`/assets/logo.png`).
    public var logo: String?
    /// `organizations:`: bylines that name a desk or the newsroom, not a person ("Staff"): shown
    /// as written, with no author page, and an `Organization` in structured data. The site's
    /// title and its `author:` are always such bylines.
    public var organizations: [String] = []

    /// The built-in taxonomy of bylines: `/authors/`, `/authors/<slug>/`.
    public static let authorsTaxonomy = "authors"
    /// The top-level folders sitegen's own pages take (author pages, date archives, corrections):
    /// no taxonomy may have these names.
    public static let reservedFolders = ["authors", "archive", "corrections"]

    /// Whether a byline names an organisation rather than a person: one of `organizations:`, the
    /// site's title or its `author:`, compared as term names are (case and punctuation aside).
    public func isOrganization(_ name: String) -> Bool {
        let key = TermIdentity.key(name)
        return ([title] + (author.map { [$0] } ?? []) + organizations).contains { TermIdentity.key($0) == key }
    }

    /// The slug of a term name: `termSlugs:` first, then the slug rule (nil if it gives none).
    public func termSlug(_ name: String) -> String? {
        termSlugs[name] ?? Slug.make(name)
    }
    /// Keys this stage does not know, kept for templates.
    public var params: [String: ParamValue]
    /// The path of `site.yml`, as the user would write it.
    public var path: String
    /// The position of each key's value, by key.
    public var valuePositions: [String: SourcePosition]

    public init(
        title: String, baseURL: String, language: LanguageTag = .english, description: String? = nil, author: String? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, perPage: Int = 20, taxonomies: [String] = ["topics", "sources"],
        unsafeHTML: Bool = false, termSlugs: [String: String] = [:], params: [String: ParamValue] = [:],
        path: String = "Content/site.yml", valuePositions: [String: SourcePosition] = [:],
        attributionTaxonomy: String?? = nil
    ) {
        self.title = title
        self.baseURL = baseURL
        self.language = language
        self.description = description
        self.author = author
        self.timeZone = timeZone
        self.perPage = perPage
        self.taxonomies = taxonomies
        self.unsafeHTML = unsafeHTML
        self.termSlugs = termSlugs
        self.attributionTaxonomy = attributionTaxonomy ?? Self.defaultAttributionTaxonomy(taxonomies)
        self.params = params
        self.path = path
        self.valuePositions = valuePositions
    }

    /// What one of `reservedFolders` holds, for messages: `author pages`.
    public static func reservedPurpose(_ folder: String) -> String {
        switch folder {
        case "authors": "author pages"
        case "archive": "date archives"
        default: "corrections page"
        }
    }

    /// `sources` when the site has that taxonomy.
    public static func defaultAttributionTaxonomy(_ taxonomies: [String]) -> String? {
        taxonomies.contains("sources") ? "sources" : nil
    }

    /// Whether `taxonomy` is the one carrying attributions.
    public func isAttributionTaxonomy(_ taxonomy: String) -> Bool { attributionTaxonomy == taxonomy }

    /// The path part of `baseURL` (`/news/`, or `/`), for links within the site.
    public var basePath: String {
        guard let components = URLComponents(string: baseURL), !components.path.isEmpty else { return "/" }
        return components.path.hasSuffix("/") ? components.path : components.path + "/"
    }

    /// The position of a key's value, or the start of `site.yml` when the key is absent.
    public func position(of key: String) -> SourcePosition {
        valuePositions[key] ?? SourcePosition(path: path, line: 1, column: 1)
    }

    /// The error of a `site.yml` without `baseURL:` when no `--base-url` is given: `serve` gives
    /// its own address, but what `build` and `check` make names the site's (canonical links,
    /// feeds, sitemaps).
    public static let missingBaseURL = "missing required key 'baseURL' in site.yml: add a line like 'baseURL: https://example.org/' "
        + "(the address where the site will live: canonical links, feeds and sitemaps need it), or pass --base-url"

    /// `baseURL` checked and normalised to end with `/`; nil if it is not an absolute http(s) URL.
    public static func normalizedBaseURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil else { return nil }
        return text.hasSuffix("/") ? text : text + "/"
    }
}

extension SiteConfig {
    /// Decodes the text of `site.yml`, read from `path`. A `baseURL` given here replaces the file's.
    public static func make(
        from bytes: [UInt8], path: String, baseURL override: String? = nil
    ) throws(DiagnosticsError) -> SiteConfig {
        let (config, diagnostics) = decode(from: bytes, path: path, baseURL: override)
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return config
    }

    /// The settings used when `site.yml` cannot be read, so that content files can still be checked.
    public static func fallback(path: String, baseURL: String?) -> SiteConfig {
        SiteConfig(title: "", baseURL: baseURL.flatMap(normalizedBaseURL) ?? "http://localhost/", path: path)
    }

    /// Decodes as much as can be: the settings (defaults where a value is wrong) and every problem.
    public static func decode(from bytes: [UInt8], path: String, baseURL override: String?) -> (SiteConfig, [Diagnostic]) {
        if let bad = UTF8Validator.firstInvalidByte(in: bytes) {
            return (fallback(path: path, baseURL: override), [UTF8Validator.diagnostic(for: bad, in: bytes, path: path)])
        }
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        let source = YAMLSource(text: String(decoding: text, as: UTF8.self), path: path, firstLine: 1)
        let root: Node?
        do {
            root = try YAMLComposer.compose(source)
        } catch {
            return (fallback(path: path, baseURL: override), error.diagnostics)
        }
        var decoder = SiteConfigDecoder(source: source, baseURL: override)
        var config = decoder.decode(root)
        if config.baseURL.isEmpty { config.baseURL = fallback(path: path, baseURL: nil).baseURL }
        return (config, decoder.reader.diagnostics)
    }
}

/// Reads the keys of `site.yml` one by one, collecting every problem.
struct SiteConfigDecoder {
    var reader: NodeReader
    let source: YAMLSource
    let override: String?

    init(source: YAMLSource, baseURL: String?) {
        self.source = source
        self.override = baseURL
        self.reader = NodeReader(source: source, timeZone: TimeZone(identifier: "UTC")!)
    }

    mutating func decode(_ root: Node?) -> SiteConfig {
        let start = SourcePosition(path: source.path, line: 1, column: 1)
        var config = SiteConfig(title: "", baseURL: "", path: source.path)
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        switch root {
        case nil: break
        case .mapping(let mapping)?: pairs = reader.pairs(mapping)
        case let node?:
            reader.error("site.yml must be keys such as 'title:' and 'baseURL:', not \(NodeReader.describe(node))", at: node)
        }
        // The time zone comes first: dates among the params are read in it.
        if let pair = pairs.first(where: { $0.key == "timezone" }) { decodeTimeZone(pair.value, into: &config) }
        for (key, keyNode, value) in pairs {
            config.valuePositions[key] = reader.position(value)
            decode(key, keyNode, value, into: &config)
        }
        applyOverride(to: &config, at: start)
        let seen = Set(pairs.map(\.key))
        decodeAttributions(pairs.first { $0.key == "attributions" }?.value, into: &config)
        if !seen.contains("title") { reader.diagnostics.append(.error("missing required key 'title' in site.yml", at: start)) }
        if !seen.contains("baseURL") && override == nil {
            reader.diagnostics.append(.error(SiteConfig.missingBaseURL, at: start))
        }
        return config
    }

    private mutating func decodeTimeZone(_ value: Node, into config: inout SiteConfig) {
        guard let name = reader.string(value, key: "timezone") else { return }
        if let zone = TimeZone(identifier: name) {
            config.timeZone = zone
            reader = NodeReader(source: source, timeZone: zone)
        } else {
            reader.error("unknown time zone '\(name)': use an IANA name such as UTC, Europe/Paris or America/New_York", at: value)
        }
    }

    /// One key of site.yml; a key sitegen does not know is a param (`site.params.<key>`).
    /// The keys site.yml knows.
    static let keys = [
        "title", "baseURL", "language", "description", "author", "timezone", "perPage", "taxonomies", "unsafeHTML",
        "termSlugs", "attributions", "images", "image", "logo", "organizations", "limits", "params",
    ]

    private mutating func decode(_ key: String, _ keyNode: Node, _ value: Node, into config: inout SiteConfig) {
        switch key {
        case "timezone": break
        case "title":
            if let title = reader.string(value, key: key) {
                if title.isEmpty { reader.error("'title' must not be empty", at: value) }
                config.title = title
            }
        case "baseURL":
            if let text = reader.string(value, key: key) {
                if let url = SiteConfig.normalizedBaseURL(text) {
                    config.baseURL = url
                } else if override == nil {
                    reader.error(
                        "'baseURL' must be an absolute http or https URL, like https://example.org/ or https://example.org/news/",
                        at: value)
                }
            }
        case "language":
            guard let text = reader.string(value, key: key) else { break }
            do {
                config.language = try LanguageTag(text)
            } catch {
                reader.error(error.message, at: value)
            }
        case "description": config.description = reader.string(value, key: key)
        case "author": config.author = reader.string(value, key: key)
        case "perPage":
            if let perPage = reader.int(value, key: key) {
                if perPage > 0 { config.perPage = perPage } else { reader.error("'perPage' must be at least 1", at: value) }
            }
        case "taxonomies":
            if let names = reader.strings(value, key: key, example: "[topics, sources]") {
                for (name, item) in zip(names, value.sequence ?? []) {
                    if Slug.make(name) == nil {
                        reader.error("taxonomy name '\(name)' has no letters or digits to make a URL from", at: item)
                    } else if let folder = SiteConfig.reservedFolders.first(where: { $0 == Slug.make(name) }) {
                        reader.error("a taxonomy named '\(name)' would take /\(folder)/, which sitegen's \(SiteConfig.reservedPurpose(folder)) use: "
                            + "give the taxonomy another name", at: item)
                    }
                }
                config.taxonomies = names
            }
        case "unsafeHTML":
            if let flag = reader.bool(value, key: key) { config.unsafeHTML = flag }
        case "termSlugs": decodeTermSlugs(value, into: &config)
        case "images": decodeImages(value, into: &config.images)
        case "limits": decodeLimits(value, into: &config.limits)
        case "image": config.image = reader.leadImage(value)
        case "logo": config.logo = reader.string(value, key: key)
        case "organizations":
            if let names = reader.strings(value, key: key, example: "[Staff, Orbit Desk staff]") { config.organizations = names }
        case "attributions": break  // once the taxonomies are known (decodeAttributions)
        case "params": reader.params(value, into: &config.params)
        default: reader.parameter(key, keyNode, value, known: Self.keys, into: &config.params)
        }
    }

    private mutating func decodeTermSlugs(_ value: Node, into config: inout SiteConfig) {
        guard case .mapping(let mapping) = value else {
            if !NodeReader.isNull(value) {
                reader.error("'termSlugs' must map names to slugs, like {C++: cpp}, not \(NodeReader.describe(value))", at: value)
            }
            return
        }
        for pair in reader.pairs(mapping) {
            if let slug = reader.string(pair.value, key: "termSlugs: \(pair.key)") { config.termSlugs[pair.key] = slug }
        }
    }

    /// `limits: {loopIterations: 10000000, pageBytes: 33554432, valueBytes: 16777216, nesting: 64, terms: 100}`; each key optional.
    private mutating func decodeLimits(_ value: Node, into limits: inout Limits) {
        guard case .mapping(let mapping) = value else {
            if !NodeReader.isNull(value) {
                reader.error("'limits' must be settings such as {loopIterations: 10000000, terms: 100}, not \(NodeReader.describe(value))",
                             at: value)
            }
            return
        }
        for (key, keyNode, item) in reader.pairs(mapping) {
            guard Limits.keys.contains(key) else {
                reader.unknownKey(key, at: keyNode, in: "limits", known: Limits.keys)
                continue
            }
            guard let number = reader.int(item, key: "limits: \(key)") else { continue }
            guard number >= 1 else {
                reader.error("'limits: \(key)' must be at least 1", at: item)
                continue
            }
            switch key {
            case "loopIterations": limits.loopIterations = number
            case "pageBytes": limits.pageBytes = number
            case "valueBytes": limits.valueBytes = number
            case "nesting": limits.nesting = number
            default: limits.terms = number
            }
        }
    }

    /// `images: {widths: [480, 800], formats: [avif, webp], quality: 80, maxPixels: 100000000}`; each key optional.
    private mutating func decodeImages(_ value: Node, into images: inout ImageSettings) {
        guard case .mapping(let mapping) = value else {
            if !NodeReader.isNull(value) {
                reader.error("'images' must be settings such as {widths: [480, 800, 1200, 1600], formats: [webp]}, "
                    + "not \(NodeReader.describe(value))", at: value)
            }
            return
        }
        for (key, keyNode, item) in reader.pairs(mapping) {
            switch key {
            case "widths": decodeWidths(item, into: &images)
            case "formats":
                guard let names = reader.strings(item, key: "images: formats", example: "[avif, webp]") else { continue }
                for (name, node) in zip(names, item.sequence ?? []) where !ImageSettings.modernFormats.contains(name) {
                    reader.error("'\(name)' is not an image format sitegen writes beside the fallback: use avif or webp "
                        + "(JPEG or PNG is always written too)", at: node)
                }
                images.formats = names.filter(ImageSettings.modernFormats.contains).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            case "quality":
                guard let quality = reader.int(item, key: "images: quality") else { continue }
                if (1...100).contains(quality) { images.quality = quality } else {
                    reader.error("'quality' must be from 1 to 100 (80 by default)", at: item)
                }
            case "maxPixels":
                guard let pixels = reader.int(item, key: "images: maxPixels") else { continue }
                if pixels > 0 { images.maxPixels = pixels } else { reader.error("'maxPixels' must be at least 1", at: item) }
            default:
                reader.unknownKey(key, at: keyNode, in: "images", known: ImageSettings.keys)
            }
        }
    }

    private mutating func decodeWidths(_ item: Node, into images: inout ImageSettings) {
        guard case .sequence(let sequence) = item, !sequence.isEmpty else {
            reader.error("'widths' must be a list of widths in pixels, like [480, 800, 1200, 1600]", at: item)
            return
        }
        var widths: [Int] = []
        for node in sequence {
            guard let width = reader.int(node, key: "each of 'widths'") else { continue }
            guard (16...ImageSettings.widestWidth).contains(width) else {
                reader.error("a width must be from 16 to \(ImageSettings.widestWidth) pixels", at: node)
                continue
            }
            widths.append(width)
        }
        images.widths = Array(Set(widths)).sorted()
    }

    /// `attributions:`, read once the taxonomies are known: a taxonomy's name, or null for none.
    private mutating func decodeAttributions(_ value: Node?, into config: inout SiteConfig) {
        guard let value else {
            config.attributionTaxonomy = SiteConfig.defaultAttributionTaxonomy(config.taxonomies)
            return
        }
        if NodeReader.isNull(value) {
            config.attributionTaxonomy = nil
            return
        }
        guard let name = reader.string(value, key: "attributions") else { return }
        guard config.taxonomies.contains(name) else {
            let names = config.taxonomies.joined(separator: ", ")
            reader.error("'attributions' must name one of the site's taxonomies (\(names)), or be null; '\(name)' is not one", at: value)
            return
        }
        config.attributionTaxonomy = name
    }

    /// `--base-url`, which replaces site.yml's.
    private mutating func applyOverride(to config: inout SiteConfig, at start: SourcePosition) {
        guard let override else { return }
        if let url = SiteConfig.normalizedBaseURL(override) {
            config.baseURL = url
        } else {
            reader.diagnostics.append(.error(
                "the base URL '\(override)' must be an absolute http or https URL, like https://example.org/news/", at: start))
        }
    }
}

import Foundation
@testable import SitegenTestSupport
@testable import SitegenSite
import SitegenSupport
import SitegenTemplates
import Testing

/// docs/page-contexts.md is the templates' reference: it cannot drift from the context types,
/// and the types cannot drift from the values the build makes.
@Suite struct ContextObjectTests {
    /// Each `## \`name\`` section of the docs, with the backticked names of its table's first
    /// column (a row naming "each taxonomy's name" stands for the taxonomy fields, not a name).
    static func documented() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: SiteFolder.repoRoot + "/docs/page-contexts.md", encoding: .utf8)
        var sections: [String: Set<String>] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                current = line.firstMatch(of: /^## `([A-Za-z]+)`/).map { String($0.output.1) }
                if let current { sections[current] = [] }
                continue
            }
            guard let current, line.hasPrefix("| "), !line.hasPrefix("| field"), !line.hasPrefix("|---") else { continue }
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            if cell.contains("each taxonomy") { continue }
            for match in cell.matches(of: /`([A-Za-z]+)`/) { sections[current, default: []].insert(String(match.output.1)) }
        }
        return sections
    }

    @Test("every context type has a section in docs/page-contexts.md listing exactly its fields")
    func docsMatchTypes() throws {
        let documented = try Self.documented()
        for object in contextObjects {
            let listed = try #require(documented[object.name], "docs/page-contexts.md has no section ## `\(object.name)`")
            #expect(listed == Set(object.fields), "## `\(object.name)`: docs list \(listed.sorted()), the type \(object.fields.sorted())")
        }
        #expect(Set(documented.keys) == Set(contextObjects.map { $0.name }), "sections with no type, or types with no section")
    }

    /// An unknown attribute's did-you-mean offers the keys of the value at hand, so a field that
    /// is absent on some pages (`homepage`, `citations`, `content`) could be answered with a
    /// sibling if two fields of one object were a slip apart: none may be.
    @Test("no field of a context object is a slip of another (a did-you-mean never swaps two real fields)")
    func fieldsAreNoSlipsOfEachOther() throws {
        for object in contextObjects {
            let fields = object.fields + (object.name == "article" ? ["topics", "sources"] : [])
            for field in fields {
                // Pairs whose fields are both on every value of the object (`article.author`, the
                // byline as one line, and `article.authors`, name by name; an archive's `year`
                // and its `years`), so neither is ever the answer for the other.
                let pairs: [String: [Set<String>]] = [
                    "article": [["author", "authors"]], "archive": [["year", "years"], ["month", "months"]],
                ]
                let near = Typos.knownKey(near: field, in: fields.filter { other in
                    other != field && !(pairs[object.name] ?? []).contains([field, other])
                })
                #expect(near == nil, "`\(object.name).\(field)` is a slip of `\(near ?? "")`")
            }
        }
    }

    @Test("page.kind in the docs is every kind a template sees")
    func pageKinds() throws {
        let text = try String(contentsOfFile: SiteFolder.repoRoot + "/docs/page-contexts.md", encoding: .utf8)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `kind` |") })
        let documented = Set(row.dropFirst("| `kind` |".count).matches(of: /`([a-z0-9]+)`/).map { String($0.output.1) })
        let seen = Set(Route.Kind.allCases.filter { !$0.isFeed && ![.sitemap, .newsSitemap].contains($0) }.map(\.pageKind))
        #expect(documented == seen)
    }

    /// A site with every kind of object and every optional field: a source with a homepage and
    /// citations, an alias, a standalone page, several pages of a term.
    static let files = """
        -- Content/site.yml --
        \(SiteFolder.config(perPage: 2, extra: "motto: Hello\norganizations: [Orbit Desk]"))
        -- Content/articles/a.md --
        \(SiteFolder.article("Launch", date: "2025-07-31", """
            topics: [Moon, Mars]
            sources: [{name: Reuters, url: https://www.reuters.com/}]
            aliases: [/old/launch/]
            kicker: Breaking
            authors: [Ana Ruiz, Orbit Desk]
            corrections: [{date: "2025-08-01T10:00:00Z", text: An earlier version misnamed the pad.}]
            image: {src: launch.jpg, alt: The pad at dawn, caption: The pad., credit: NASA}
            """, body: "## Part\n\nIt slipped. (Reuters)"))
        -- Content/articles/b.md --
        \(SiteFolder.article("Second", date: "2025-07-30", "topics: [Moon]\nsources: [Reuters]", body: "One. (Reuters)"))
        -- Content/articles/c.md --
        \(SiteFolder.article("Third", date: "2025-07-29", "topics: [Moon]", body: "Two."))
        -- Content/authors/ana-ruiz.md --
        ---
        name: Ana Ruiz
        title: Science editor
        image: {src: /images/ana.jpg, alt: Ana Ruiz}
        links: [{title: Newsletter, url: "https://ana.example/"}]
        ---
        Ana covers the station.
        -- Content/pages/about.md --
        ---
        title: About
        ---

        Us.
        """

    @Test("every value the build puts in a context holds only fields its type lists")
    func valuesMatchTypes() throws {
        let site = SiteFolder(Self.files)
        site.copyImage("photo-900.jpg", to: "Content/articles/launch.jpg")
        site.copyImage("photo-900.jpg", to: "Content/images/ana.jpg")
        let built = try SiteBuilder.buildInMemory(site.options())
        let contexts = Contexts(model: built.model)
        let renderer = PageRenderer(
            model: built.model, contexts: contexts, templates: try TemplateEnvironment(loader: .memory([:])), routes: built.routes)
        let taxonomies = Set(built.model.taxonomies.map(\.name))
        var seen: [String: Set<String>] = [:]
        func check(_ value: Value, as object: any ContextObject.Type, at place: String) {
            guard case .dictionary(let d) = value else {
                Issue.record("\(place): not an object")
                return
            }
            let extra = Set(d.keys).subtracting(object.fields).subtracting(object == ArticleObject.self ? taxonomies : [])
            #expect(extra.isEmpty, "\(place) holds \(extra.sorted()), which `\(object.name)` does not list")
            seen[object.name, default: []].formUnion(d.keys)
            func items(_ key: String) -> [Value] { if case .list(let l)? = d[key] { l } else { [] } }
            switch object {
            case is ArticleObject.Type:
                for item in items("related") { check(item, as: ArticleObject.self, at: place + ".related") }
                for item in items("authors") { check(item, as: BylineObject.self, at: place + ".authors") }
                for item in items("corrections") { check(item, as: CorrectionObject.self, at: place + ".corrections") }
            case is CorrectionObject.Type:
                if let article = d["article"] { check(article, as: ArticleObject.self, at: place + ".article") }
                if let image = d["image"] { check(image, as: ImageObject.self, at: place + ".image") }
            case is PaginatorObject.Type:
                // `/corrections/` pages its corrections; every other list, articles.
                let type: any ContextObject.Type = place.hasPrefix("corrections/") ? CorrectionObject.self : ArticleObject.self
                for item in items("items") { check(item, as: type, at: place + ".items") }
            case is TaxonomyObject.Type:
                for item in items("terms") + items("byCount") {
                    check(item, as: TermObject.self, at: place + ".terms")
                    if case .dictionary(let t) = item, let image = t["image"], case .dictionary = image {
                        check(image, as: ImageObject.self, at: place + ".terms.image")
                    }
                }
            case is FeedObject.Type:
                for item in items("entries") { check(item, as: ArticleObject.self, at: place + ".entries") }
            case is ArchiveObject.Type:
                for item in items("years") + items("months") { check(item, as: ArchiveObject.self, at: place + ".periods") }
                for key in ["newer", "older"] {
                    if let item = d[key], case .dictionary = item { check(item, as: ArchiveObject.self, at: place + "." + key) }
                }
            case is AuthorObject.Type:
                if let image = d["image"], case .dictionary = image { check(image, as: ImageObject.self, at: place + ".image") }
            case is SiteObject.Type:
                for item in items("taxonomies") { check(item, as: TaxonomyObject.self, at: place + ".taxonomies") }
            default: break
            }
        }
        // A context's keys are the objects' names (`entries` is a list of them).
        let objects = Dictionary(uniqueKeysWithValues: contextObjects.map { ($0.name, $0) })
        for route in built.routes {
            var reads = EntryReads()
            for (key, value) in renderer.context(for: route, reads: &reads) {
                if key == "entries", case .list(let entries) = value {
                    for entry in entries { check(entry, as: SitemapEntryObject.self, at: "\(route.path) entries") }
                    continue
                }
                if key == "articles", case .list(let articles) = value {  // the news sitemap's
                    for article in articles { check(article, as: ArticleObject.self, at: "\(route.path) articles") }
                    continue
                }
                if key == "parts" { continue }  // a sitemap index's count of parts
                let object = try #require(objects[key], "\(route.path): context key '\(key)' is no context object")
                check(value, as: object, at: "\(route.path) \(key)")
            }
        }
        // The site above shows every field somewhere: a type listing a field nothing makes is stale.
        for object in contextObjects {
            let missing = Set(object.fields).subtracting(seen[object.name] ?? [])
            #expect(missing.isEmpty, "`\(object.name)` lists \(missing.sorted()), which no value held")
        }
    }
}

import Foundation
import SitegenContent
import SitegenSupport

/// Groups entries into the site model: orders articles, folds term spellings into terms,
/// counts source citations, finds related articles, and reports names that collide.
struct SiteModelBuilder {
    let config: SiteConfig
    let urls: SiteURLs
    var threads = Parallel.defaultThreads

    func build(articles unsorted: [Entry], pages: [Entry], authors unsortedAuthors: [Entry] = []) -> (SiteModel, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let articles = unsorted.sorted { a, b in
            a.date != b.date ? a.date > b.date : a.slug < b.slug
        }
        let authors = unsortedAuthors.sorted { $0.slug != $1.slug ? $0.slug < $1.slug : $0.sourcePath < $1.sourcePath }
        // Each taxonomy on its own core; the bylines are one more, after the site's.
        let built = Parallel.map(config.taxonomies + [SiteConfig.authorsTaxonomy], threads: threads) { name in
            var found: [Diagnostic] = []
            guard name != SiteConfig.authorsTaxonomy || config.taxonomies.contains(name) else {
                let (taxonomy, bylineSlugs) = buildAuthors(articles: articles, profiles: authors, diagnostics: &found)
                return (taxonomy, found, bylineSlugs)
            }
            return (buildTaxonomy(name, articles: articles, diagnostics: &found), found, [:])
        }
        // The authors' index exists once a byline (or an author file) gives it a page.
        let taxonomies = built.map(\.0).filter { $0.name != SiteConfig.authorsTaxonomy || !$0.terms.isEmpty }
        diagnostics += built.flatMap(\.1)
        for (i, author) in authors.enumerated() where i > 0 && authors[i - 1].slug == author.slug {
            diagnostics.append(.error(
                "\(author.sourcePath) and \(authors[i - 1].sourcePath) both describe the author page \(urls.url(author.path)): keep one",
                at: author.frontMatter.position))
        }
        let related = relatedArticles(articles, taxonomies: taxonomies)
        var model = SiteModel(
            config: config, urls: urls, articles: articles,
            pages: pages.sorted { $0.slug < $1.slug }, taxonomies: taxonomies, related: related)
        model.authors = authors
        model.bylineSlugs = built.last?.2 ?? [:]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        model.archive = ArchiveYear.archive(articles, calendar: calendar)
        var corrections: [CorrectionRef] = []
        for (i, article) in articles.enumerated() {
            for k in article.frontMatter.corrections.indices { corrections.append(CorrectionRef(article: i, index: k)) }
        }
        func date(_ ref: CorrectionRef) -> Date { articles[ref.article].frontMatter.corrections[ref.index].date }
        model.corrections = corrections.sorted { a, b in
            date(a) != date(b) ? date(a) > date(b) : a.article != b.article ? a.article < b.article : a.index > b.index
        }
        return (model, diagnostics)
    }

    // MARK: - Authors

    /// The bylines as a taxonomy: every person named in `author:` (organisations aside) and every
    /// author file, one term a slug. Spellings that slug alike are one author, with a warning;
    /// the name shown is the author file's `name:`, else the spelling used most.
    private func buildAuthors(
        articles: [Entry], profiles: [Entry], diagnostics: inout [Diagnostic]
    ) -> (taxonomy: Taxonomy, bylineSlugs: [String: String]) {
        let name = SiteConfig.authorsTaxonomy
        struct Builder {
            var articles: [Int] = []
            var spellings: [String: Spelling] = [:]
        }
        var builders: [String: Builder] = [:]
        // A site has far fewer bylines than uses of them: each name's slug, and whether it names a
        // person (not an organisation), is found once.
        // An organisation has a page (and counts its articles) only when it has an author file.
        let profileIndex = Dictionary(profiles.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var known: [String: String?] = [:]
        func personSlug(_ name: String) -> String? {
            if let cached = known[name] { return cached }
            let slug = config.termSlug(name).flatMap { config.isOrganization(name) && profileIndex[$0] == nil ? nil : $0 }
            known[name] = .some(slug)
            return slug
        }
        // Oldest first, so the first use of a spelling is the earliest article's.
        for index in articles.indices.reversed() {
            guard let slugs = articles[index].termSlugs[name], !slugs.isEmpty else { continue }
            for ref in articles[index].frontMatter.authors {
                guard let slug = personSlug(ref.name), slugs.contains(slug) else { continue }
                if builders[slug]?.articles.last != index { builders[slug, default: Builder()].articles.append(index) }
                builders[slug]!.spellings[ref.name, default: Spelling(oldest: index, position: ref.position)].count += 1
            }
        }
        var bylineSlugs: [String: String] = [:]
        let slugs = Set(builders.keys).union(profileIndex.keys).sorted()
        let terms = slugs.map { slug -> Term in
            let builder = builders[slug] ?? Builder()
            let profile = profileIndex[slug]
            let display = profile.map { profiles[$0].title } ?? Self.mostUsed(builder.spellings) ?? slug
            let path = SitePaths.term(name, slug)
            for (spelling, use) in builder.spellings.sorted(by: { $0.value.oldest > $1.value.oldest }) {
                bylineSlugs[spelling] = slug
                guard spelling != display, let position = use.position else { continue }
                let source = profile.map { " (its author file, \(profiles[$0].sourcePath), says '\(display)')" } ?? ""
                diagnostics.append(.warning(
                    "the byline '\(spelling)' and '\(display)' are one author, at \(urls.url(path)); every page shows '\(display)'\(source): "
                        + "spell the byline one way", at: position))
            }
            var term = Term(
                taxonomy: name, name: display, slug: slug, path: path, articles: builder.articles.sorted(), citations: [:],
                homepage: nil)
            term.profile = profile
            return term
        }
        return (Taxonomy(name: name, terms: terms), bylineSlugs)
    }

    // MARK: - Terms

    private struct Spelling {
        var count = 0
        /// The age rank of the first (oldest) article using it: higher is older.
        var oldest = Int.min
        /// Where that first use is (kept for bylines, whose other spellings are warned of there).
        var position: SourcePosition?
    }

    /// The spelling a term shows: the one used most; ties go to the oldest article's, then to the
    /// spelling first in code-point order.
    private static func mostUsed(_ spellings: [String: Spelling]) -> String? {
        spellings.max { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count
                : a.value.oldest != b.value.oldest ? a.value.oldest < b.value.oldest
                : a.key > b.key
        }?.key
    }

    private struct TermBuilder {
        var articles: [Int] = []
        var spellings: [String: Spelling] = [:]
        var identity: String
        var firstUse: (name: String, position: SourcePosition)
        var homepage: String?
    }

    private func buildTaxonomy(_ name: String, articles: [Entry], diagnostics: inout [Diagnostic]) -> Taxonomy {
        var builders: [String: TermBuilder] = [:]
        // A site has far fewer names than uses of them: each name's slug and identity are made once.
        var known: [String: (slug: String?, identity: String)] = [:]
        func facts(_ name: String) -> (slug: String?, identity: String) {
            if let cached = known[name] { return cached }
            let made = (config.termSlug(name), TermIdentity.key(name))
            known[name] = made
            return made
        }
        // Oldest first, so the first use of a name is the earliest article's.
        for index in articles.indices.reversed() {
            guard let refs = articles[index].frontMatter.terms[name] else { continue }
            var seen = Set<String>()
            for ref in refs {
                let (slug, identity) = facts(ref.name)
                guard let slug else { continue }  // reported when the entry was made
                guard seen.insert(slug).inserted else { continue }
                if let found = builders.index(forKey: slug) {
                    // Changed in place: a copy taken out and put back would copy its article list each time.
                    if builders.values[found].identity != identity {
                        diagnostics.append(EntryRules.termCollision(name, ref: ref, slug: slug, first: builders.values[found].firstUse, urls: urls))
                        continue
                    }
                    builders.values[found].articles.append(index)
                    builders.values[found].spellings[ref.name, default: Spelling(oldest: index)].count += 1
                    if builders.values[found].homepage == nil { builders.values[found].homepage = ref.url }
                } else {
                    var builder = TermBuilder(identity: identity, firstUse: (ref.name, ref.position), homepage: ref.url)
                    builder.articles.append(index)
                    builder.spellings[ref.name] = Spelling(count: 1, oldest: index)
                    builders[slug] = builder
                }
            }
        }
        // For sources: the paragraphs of each article attributed to each source slug, in one
        // pass over the attributions (only the articles that declare the source keep theirs).
        var citations: [String: [Int: Int]] = [:]
        if config.isAttributionTaxonomy(name) {
            for index in articles.indices {
                for attribution in articles[index].markdown.attributions {
                    var seen: Set<String> = []
                    for source in attribution.sources {
                        if let slug = facts(source).slug, seen.insert(slug).inserted {
                            citations[slug, default: [:]][index, default: 0] += 1
                        }
                    }
                }
            }
        }
        let terms = builders.keys.sorted().map { slug -> Term in
            let builder = builders[slug]!
            let display = Self.mostUsed(builder.spellings)!
            let newestFirst = builder.articles.sorted()
            var term = Term(
                taxonomy: name, name: display, slug: slug, path: SitePaths.term(name, slug),
                articles: newestFirst, citations: [:], homepage: builder.homepage)
            if let cited = citations[slug] {
                for index in newestFirst {
                    if let count = cited[index] { term.citations[index] = count }
                }
            }
            return term
        }
        return Taxonomy(name: name, terms: terms)
    }

    // MARK: - Related

    /// Up to five articles sharing the most terms of the related taxonomy, then the newest; in a
    /// topic of more than `relatedWindow` articles, only the ones nearest in date are weighed.
    private func relatedArticles(_ articles: [Entry], taxonomies: [Taxonomy]) -> [[Int]] {
        guard let name = SiteModel.relatedTaxonomy(config.taxonomies),
              let taxonomy = taxonomies.first(where: { $0.name == name }) else {
            return Array(repeating: [], count: articles.count)
        }
        var termsOfArticle = Array(repeating: [Int](), count: articles.count)
        for (t, term) in taxonomy.terms.enumerated() {
            for index in term.articles { termsOfArticle[index].append(t) }
        }
        // Each chunk of articles has its own scratch counters, so chunks run on every core.
        let chunkSize = 256
        let chunks = stride(from: 0, to: articles.count, by: chunkSize).map { $0..<min(articles.count, $0 + chunkSize) }
        let terms = taxonomy.terms
        let results = Parallel.map(chunks, threads: threads) { chunk -> [[Int]] in
            var shared = Array(repeating: 0, count: articles.count)
            var touched: [Int] = []
            var result: [[Int]] = []
            result.reserveCapacity(chunk.count)
            for index in chunk {
                for t in termsOfArticle[index] {
                    for other in Self.window(terms[t].articles, around: index) where other != index {
                        if shared[other] == 0 { touched.append(other) }
                        shared[other] += 1
                    }
                }
                // Most shared first; then newest, which is the lower index.
                var best: [(count: Int, index: Int)] = []
                for other in touched {
                    let candidate = (count: shared[other], index: other)
                    if best.count < 5 || Self.better(candidate, than: best[best.count - 1]) {
                        best.append(candidate)
                        best.sort { Self.better($0, than: $1) }
                        if best.count > 5 { best.removeLast() }
                    }
                    shared[other] = 0
                }
                touched.removeAll(keepingCapacity: true)
                result.append(best.map(\.index))
            }
            return result
        }
        return results.flatMap { $0 }
    }

    /// How many articles of one topic, nearest in date, are weighed as related: a news site's
    /// big topics hold thousands of articles, and weighing them all makes the step quadratic.
    static let relatedWindow = 1_000

    /// The part of a term's articles (indexes, newest first) nearest to `index` in date.
    static func window(_ articles: [Int], around index: Int) -> ArraySlice<Int> {
        guard articles.count > relatedWindow else { return articles[...] }
        var low = 0, high = articles.count  // first position whose index is >= `index`
        while low < high {
            let mid = (low + high) / 2
            if articles[mid] < index { low = mid + 1 } else { high = mid }
        }
        let start = max(0, min(low - relatedWindow / 2, articles.count - relatedWindow))
        return articles[start..<(start + relatedWindow)]
    }

    private static func better(_ a: (count: Int, index: Int), than b: (count: Int, index: Int)) -> Bool {
        a.count != b.count ? a.count > b.count : a.index < b.index
    }
}

import Foundation
@testable import SitegenTestSupport
import SitegenSite
import Testing

@Suite struct SitemapIndexTests {
    @Test("past the sitemap limit, sitemap.xml is an index of parts that list every page once")
    func splitSitemap() throws {
        let site = SiteFolder(files: GeneratedCorpus.files(articles: 12))
        var options = site.options()
        options.sitemapLimit = 10
        let files = Dictionary(uniqueKeysWithValues: try SiteBuilder.buildInMemory(options).files.map {
            ($0.path, String(decoding: $0.bytes, as: UTF8.self))
        })
        let whole = Dictionary(uniqueKeysWithValues: try SiteBuilder.buildInMemory(site.options()).files.map {
            ($0.path, String(decoding: $0.bytes, as: UTF8.self))
        })
        let index = try #require(files["sitemap.xml"])
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        let locs = { (xml: String) in xml.matches(of: /<loc>([^<]*)<\/loc>/).map { String($0.output.1) } }
        let parts = locs(index)
        #expect(parts.count >= 2)
        #expect(parts.first == "https://example.org/sitemap-1.xml")
        var listed: [String] = []
        for url in parts {
            let name = String(url.dropFirst("https://example.org/".count))
            let part = try #require(files[name], "\(name) is named by the index but missing")
            #expect(locs(part).count <= 10)
            listed += locs(part)
        }
        // The parts hold exactly what one sitemap holds without the limit, in the same order.
        #expect(listed == locs(try #require(whole["sitemap.xml"])))
        #expect(whole["sitemap-1.xml"] == nil)
    }
}

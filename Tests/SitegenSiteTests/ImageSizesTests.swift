import Foundation
@testable import SitegenTestSupport
import Testing

/// A theme with another column width says so once, with `image_sizes`.
@Suite struct ImageSizesTests {
    @Test("image_sizes sets every photo's sizes in the markup it is given, escaped")
    func themeSizes() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a/index.md --
            \(SiteFolder.article("A photo", date: "2025-07-31", body: "![The quay](quay.jpg)"))
            """)
        site.copyImage("photo-900.jpg", to: "Content/articles/a/quay.jpg")
        let template = try String(contentsOf: site.root.appendingPathComponent("Templates/article.html"), encoding: .utf8)
        site.write("Templates/article.html", template.replacingOccurrences(
            of: "{{ article.content }}", with: "{{ article.content | image_sizes(\"(min-width: 60rem) 55rem, 100vw\") }}"))
        let page = try #require(try site.build()["articles/a/index.html"])
        let sizes = page.matches(of: /sizes="([^"]*)"/).map { String($0.output.1) }
        #expect(sizes == ["(min-width: 60rem) 55rem, 100vw", "(min-width: 60rem) 55rem, 100vw"], "\(sizes)")
    }
}

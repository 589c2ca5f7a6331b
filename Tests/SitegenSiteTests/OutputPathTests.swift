import Foundation
@testable import SitegenTestSupport
import Testing

/// Every output file stays inside the output folder, whatever the input says.
@Suite struct OutputPathTests {
    /// Whether a path is a plain relative path below the output folder.
    static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    @Test("an alias with .. segments cannot put a file outside the output folder")
    func aliasTraversal() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", #"aliases: ["/../../escaped/", "/old/../../x.html"]"#))
            """)
        // An error at the alias, and no file at all.
        let result = Result { try site.build() }
        guard case .failure(let error) = result else {
            Issue.record("an alias with '..' built")
            return
        }
        #expect("\(error)".contains("Content/articles/a.md:"))
        #expect("\(error)".contains("alias '/../../escaped/' must be a path inside the site"))
        #expect("\(error)".contains("alias '/old/../../x.html' must be a path inside the site"))
    }

    @Test("a termSlugs value in site.yml must be a slug, not a path")
    func termSlugTraversal() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config(extra: #"termSlugs: {"C++": "C Plus/Plus", "Go": "../../etc"}"#))
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", "topics: [C++, Go]"))
            """)
        let result = Result { try site.build() }
        guard case .failure(let error) = result else {
            Issue.record("termSlugs values that are paths built")
            return
        }
        #expect("\(error)".contains("site.yml:"))
        #expect("\(error)".contains("termSlugs gives 'C++' the slug 'C Plus/Plus', which is not one"))
        #expect("\(error)".contains("termSlugs gives 'Go' the slug '../../etc', which is not one"))
    }

    @Test("every file of an ordinary site has a plain relative path")
    func ordinaryPaths() throws {
        let pages = try SiteFolder(SiteURLTests.files).build()
        #expect(pages.paths.filter { !Self.isContained($0) } == [])
    }
}

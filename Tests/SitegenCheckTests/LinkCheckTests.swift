import Foundation
@testable import SitegenTestSupport
import SitegenSite
import SitegenSupport
import Testing

@Suite struct LinkCheckTests {
    @Test("the seed site passes the check with no problems at all")
    func seedSitePasses() throws {
        let report = try SiteChecker.check(BuildOptions(sourceDirectory: SiteFolder.repoRoot))
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.pagesChecked > 5)
        #expect(report.linksChecked > 100)
        #expect(report.externalLinks.map(\.url) == ["https://apnews.com/", "https://www.reuters.com/"])
    }

    @Test("a broken link, a broken anchor, an uncited source and a bad image are named at their Markdown lines")
    func brokenSite() throws {
        let site = SiteFolder(fixture: checkFixtures.appendingPathComponent("broken-site"))
        let docking = "Content/articles/2025-08-01-docking.md"
        let launch = "Content/articles/2025-07-31-launch.md"
        #expect(try site.diagnostics() == [
            "\(launch):12:1: error: image '/assets/manifest.png' has no alt text: describe it between the brackets, ![like this](/assets/manifest.png)",
            "\(launch):12:1: error: image '/assets/manifest.png' is missing: there is no file /news/assets/manifest.png",
            "\(docking):5:20: warning: the source 'AP News' is declared but no paragraph cites it: end a paragraph with '(AP News)', or remove it",
            "\(docking):10:16: error: link to '/articles/lunch/' leads nowhere: there is no page /news/articles/lunch/; did you mean /news/articles/launch/?",
            "\(docking):12:15: error: link to '/articles/launch/#cargo' leads to a missing anchor: /news/articles/launch/ has no id 'cargo'",
            "\(docking):12:56: error: paragraph 3 is attributed to 'AFP', which is not in this article's sources (Reuters, AP News): add it to 'sources:' in the front-matter, or correct the name",
        ])
    }

    @Test("links that lead somewhere pass: relative, root-relative, absolute, headings, footnotes, feeds and assets")
    func goodLinks() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": testSiteYML,
            "Content/articles/a.md": article("A", "topics: [NASA]", body: """
                See [b](../b/), [b again](/articles/b/#details), [the home](https://example.org/), [topics](/topics/),
                [the feed](/topics/nasa/feed.xml), [the style](/assets/style.css), [top](#top), [a query](/articles/b/?x=1),
                [about](/about) and [below](#more-text).[^1]

                ## More text

                [^1]: A footnote.
                """),
            "Content/articles/b.md": article("B", date: "2025-08-02", body: "## Details\n\nText.\n"),
            "Content/pages/about.md": "---\ntitle: About\n---\n\nUs.\n",
        ])
        #expect(try site.diagnostics() == [])
    }

    @Test("a link outside the base path is an error that says how to write it")
    func outsideBasePath() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": "title: T\nbaseURL: https://example.org/news/",
            "Content/articles/a.md": article("A", body: "[Other](https://example.org/other/) and [fine](/articles/a/)."),
        ])
        #expect(try site.diagnostics() == [
            "Content/articles/a.md:6:1: error: link to 'https://example.org/other/' leads outside the site: every page is below /news/, and /other/ is not (write site links as /path/, sitegen adds the base path)",
        ])
    }

    @Test("a broken link in a template is reported once, at the template line, with the number of pages")
    func templateLink() throws {
        let site = SiteFolder(files: ["Content/site.yml": testSiteYML, "Content/articles/a.md": article("A", body: "Text.")])
        let base = try String(contentsOf: site.root.appendingPathComponent("Templates/base.html"), encoding: .utf8)
        site.write("Templates/base.html", base
            .replacingOccurrences(of: "href=\"#main\"", with: "href=\"#mian\"")
            .replacingOccurrences(of: "<main id=\"main\" tabindex=\"-1\">",
                                  with: "<main id=\"main\" tabindex=\"-1\">\n<a href=\"{{ \"/old-archive/\" | relative_url }}\">Archive</a><img src=\"/assets/favicon.svg\">"))
        let found = try site.diagnostics()
        let line = base.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("href=\"#main\"") }! + 1
        let mainLine = base.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<main id") }! + 2
        let pages = try site.check().pagesChecked
        #expect(found == [
            "Templates/base.html:\(line):27: error: link to '#mian' leads to a missing anchor: this page has no id 'mian'; did you mean '#main'? (on \(pages) pages, such as /)",
            "Templates/base.html:\(mainLine):13: error: link to '/old-archive/' leads nowhere: there is no page /old-archive/ (on \(pages) pages, such as /)",
            "Templates/base.html:\(mainLine):68: warning: image '/assets/favicon.svg' has no alt attribute: add alt=\"…\" describing it, or alt=\"\" if it is decoration (on \(pages) pages, such as /)",
        ])
    }

    @Test("a heading whose id is already used by the template is a duplicate id at the heading")
    func duplicateIDs() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": testSiteYML,
            "Content/articles/a.md": article("A", body: "Text.\n\n## Main\n\nMore."),
        ])
        #expect(try site.diagnostics() == [
            "Content/articles/a.md:8:1: error: the id 'main' appears 2 times on /articles/a/: ids must be unique in a page; this heading's id collides with one in the template: reword the heading",
        ])
    }

    @Test("an attributed paragraph may name a source by any spelling of it, or by its termSlugs entry")
    func attributionSpellings() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": testSiteYML + "\ntermSlugs: {\"Agence France-Presse\": afp}",
            "Content/articles/a.md": article("A", "sources: [Reuters, AFP]", body: """
                One. (REUTERS)

                Two. (Agence France-Presse)
                """),
        ])
        #expect(try site.diagnostics() == [])
    }

    @Test("javascript:, vbscript:, file: and data: targets are warned about and left out; data images stay")
    func unsafeTargets() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": testSiteYML,
            "Content/articles/a.md": article("A", body: """
                [a](javascript:alert(1)) [b](vbscript:x) [c](file:///etc/passwd) [d](data:text/html,x)
                ![e](data:image/png;base64,AAAA) [f](data:image/gif;base64,AAAA)
                """),
        ])
        #expect(try site.diagnostics() == [
            "Content/articles/a.md:6:1: warning: the link target 'javascript:…' was left out: javascript: URLs are not emitted unless unsafeHTML is on",
            "Content/articles/a.md:6:26: warning: the link target 'vbscript:…' was left out: vbscript: URLs are not emitted unless unsafeHTML is on",
            "Content/articles/a.md:6:42: warning: the link target 'file:…' was left out: file: URLs are not emitted unless unsafeHTML is on",
            "Content/articles/a.md:6:66: warning: the link target 'data:…' was left out: data: URLs are not emitted unless unsafeHTML is on",
        ])
    }

    @Test("external links are listed, not fetched, with where they are written")
    func externalLinks() throws {
        let site = SiteFolder(files: [
            "Content/site.yml": testSiteYML,
            "Content/articles/a.md": article("A", "sources: [{name: AP, url: 'https://apnews.com/'}]", body: "See [NASA](https://nasa.gov/). (AP)"),
        ])
        let links = try site.check().externalLinks
        #expect(links.map(\.url) == ["https://apnews.com/", "https://nasa.gov/"])
        #expect(links.map { $0.position?.description ?? "" } == ["\(site.root.path)/Content/articles/a.md:4:11", "\(site.root.path)/Content/articles/a.md:7:5"])
        #expect(links[1].pages == ["/articles/a/"])
    }

    @Test("a site that does not build throws the build's diagnostics")
    func buildErrors() throws {
        let site = SiteFolder(files: ["Content/site.yml": testSiteYML, "Content/articles/a.md": "---\ntitle: A\n---\n"])
        #expect(throws: DiagnosticsError.self) { try site.check() }
    }
}

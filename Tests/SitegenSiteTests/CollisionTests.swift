import Foundation
@testable import SitegenTestSupport
import Testing

/// Two things that would share a URL stop the build, naming both.
@Suite struct CollisionTests {
    @Test("two articles with one slug are an error naming both files")
    func articleSlugs() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/launch.md --
            \(SiteFolder.article("Launch", date: "2025-01-01"))
            -- Content/articles/2025/2025-02-01-launch.md --
            \(SiteFolder.article("Launch again", date: "2025-02-01"))
            """)
        let errors = site.errors()
        #expect(errors.count == 1)
        let error = errors.first ?? ""
        #expect(error.contains("Content/articles/launch.md"), "\(error)")
        #expect(error.contains("Content/articles/2025/2025-02-01-launch.md"), "\(error)")
        #expect(error.contains("/articles/launch/"), "\(error)")
    }

    @Test("an explicit slug that takes another article's URL names both files")
    func explicitSlug() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01"))
            -- Content/articles/b.md --
            \(SiteFolder.article("B", date: "2025-01-02", "slug: A"))
            """)
        let error = site.errors().joined(separator: "\n")
        #expect(error.contains("Content/articles/a.md") && error.contains("Content/articles/b.md:4:7"), "\(error)")
    }

    static let cAndCpp = """
        -- Content/site.yml --
        \(SiteFolder.config())
        -- Content/articles/c.md --
        \(SiteFolder.article("On C", date: "2025-01-01", "topics: [C]"))
        -- Content/articles/cpp.md --
        \(SiteFolder.article("On C++", date: "2025-01-02", "topics: [C++]"))
        """

    @Test("topics “C++” and “C” in two files are an error naming both files and how to fix it")
    func termCollision() {
        let errors = SiteFolder(Self.cAndCpp).errors()
        #expect(errors.count == 1)
        let error = errors.first ?? ""
        #expect(error.hasPrefix("Content/articles/"))
        #expect(error.contains("Content/articles/c.md:4:10"), "\(error)")
        #expect(error.contains("Content/articles/cpp.md:4:10"), "\(error)")
        #expect(error.contains("/topics/c/"), "\(error)")
        #expect(error.contains("termSlugs"), "\(error)")
    }

    @Test("termSlugs in site.yml settles a collision between “C++” and “C”")
    func termSlugsFix() throws {
        let site = SiteFolder(Self.cAndCpp)
        site.write("Content/site.yml", SiteFolder.config(extra: "termSlugs: {\"C++\": cpp}"))
        let pages = try site.build()
        #expect(try #require(pages["topics/cpp/index.html"]).cardTitles == ["On C++"])
        #expect(try #require(pages["topics/c/index.html"]).cardTitles == ["On C"])
        #expect(pages["articles/cpp/index.html"]!.contains("<a class=\"chip\" href=\"/topics/cpp/\">C++</a>"))
    }

    @Test("a topic with no usable slug is an error at its path:line:column")
    func noSlug() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/rocket.md --
            ---
            title: Rockets
            date: 2025-01-01
            topics: [Mars, 🚀]
            ---

            Text.
            """)
        let errors = site.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Content/articles/rocket.md:4:16: error: ") == true, "\(errors)")
        #expect(errors.first?.contains("🚀") == true)
        #expect(errors.first?.contains("termSlugs") == true)
    }

    @Test("an alias that is a real page's URL is an error naming the alias's file")
    func aliasCollision() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", "aliases: [/about/]"))
            -- Content/pages/about.md --
            ---
            title: About
            ---

            Us.
            """)
        let errors = site.errors()
        #expect(errors.count == 1)
        let error = errors.first ?? ""
        #expect(error.hasPrefix("Content/articles/a.md:4:"), "\(error)")
        #expect(error.contains("Content/pages/about.md"), "\(error)")
        #expect(error.contains("/about/"), "\(error)")
    }

    @Test("an alias onto a page the site makes itself (a topic, the feed) is an error")
    func aliasOntoGeneratedPage() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-01", "topics: [Mars]\naliases: [/topics/mars/, /feed.xml]"))
            """)
        let errors = site.errors()
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.allSatisfy { $0.hasPrefix("Content/articles/a.md:5:") }, "\(errors)")
    }

    @Test("every slug problem of every file is reported at once, sorted")
    func allProblemsAtOnce() {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/z.md --
            \(SiteFolder.article("Z", date: "2025-01-01", "topics: [🚀]"))
            -- Content/articles/b.md --
            \(SiteFolder.article("B", date: "2025-01-02", "topics: [C++]"))
            -- Content/articles/c.md --
            \(SiteFolder.article("C", date: "2025-01-03", "topics: [C]"))
            -- Content/articles/a.md --
            \(SiteFolder.article("A", date: "2025-01-04", "topics: [🛸]"))
            -- Content/articles/d.md --
            \(SiteFolder.article("D", date: "2025-01-05", "slug: a"))
            """)
        let errors = site.errors()
        // The slug collision and 🛸 in a.md, C (newer than C++) in c.md, 🚀 in z.md.
        #expect(errors.map { $0.prefix { $0 != ":" } } == [
            "Content/articles/a.md", "Content/articles/a.md", "Content/articles/c.md", "Content/articles/z.md",
        ], "\(errors)")
        if errors.count == 4 {
            #expect(errors[0].contains("Content/articles/d.md"))
            #expect(errors[2].contains("Content/articles/b.md"))
        }
    }
}


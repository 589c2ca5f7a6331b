import Foundation
import SitegenSupport
import Testing
@testable import SitegenContent

@Suite struct SiteConfigTests {
    let path = "Content/site.yml"

    func config(_ text: String, baseURL: String? = nil) throws(DiagnosticsError) -> SiteConfig {
        try SiteConfig.make(from: Array(text.utf8), path: path, baseURL: baseURL)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try config(text)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func absentKeysTakeTheirDefaults() throws {
        let site = try config("title: Orbit\nbaseURL: https://example.org\n")
        #expect(site.title == "Orbit")
        #expect(site.baseURL == "https://example.org/")
        #expect(site.basePath == "/")
        #expect(site.language.tag == "en")
        #expect(site.description == nil && site.author == nil)
        #expect(site.timeZone == TimeZone(identifier: "UTC"))
        #expect(site.perPage == 20)
        #expect(site.taxonomies == ["topics", "sources"])
        #expect(!site.unsafeHTML)
        #expect(site.termSlugs.isEmpty && site.params.isEmpty)
    }

    @Test func theBaseURLKeepsItsPathAndGainsATrailingSlash() throws {
        let site = try config("title: Orbit\nbaseURL: https://example.org/news\n")
        #expect(site.baseURL == "https://example.org/news/")
        #expect(site.basePath == "/news/")
        #expect(try config("title: Orbit\nbaseURL: https://example.org/news/\n").baseURL == "https://example.org/news/")
    }

    @Test func aBaseURLGivenOnTheCommandLineReplacesTheFilesOrItsAbsence() throws {
        #expect(try config("title: Orbit\n", baseURL: "http://localhost:8000").baseURL == "http://localhost:8000/")
        #expect(try config("title: Orbit\nbaseURL: https://example.org/\n", baseURL: "http://127.0.0.1:1313/x").basePath == "/x/")
    }

    @Test func everyKnownKeyIsReadAndUnknownKeysAreKeptAsParams() throws {
        let site = try config("""
            title: Orbit
            baseURL: https://example.org/
            language: fr
            description: Space news
            author: Ada
            timezone: Europe/Paris
            perPage: 5
            taxonomies: [topics, places]
            unsafeHTML: true
            termSlugs: {C++: cpp}
            social: {mastodon: "@orbit@example.social"}
            launched: 2024-01-15
            tagline: "true"
            ratio: 1.5
            nothing: ~

            """)
        #expect(site.language.tag == "fr" && site.description == "Space news" && site.author == "Ada")
        #expect(site.timeZone.identifier == "Europe/Paris")
        #expect(site.perPage == 5 && site.unsafeHTML)
        #expect(site.taxonomies == ["topics", "places"])
        #expect(site.termSlugs == ["C++": "cpp"])
        #expect(site.params["social"] == .map(["mastodon": .string("@orbit@example.social")]))
        #expect(site.params["launched"] == .date(try Date("2024-01-14T23:00:00Z", strategy: .iso8601), text: "2024-01-15"))
        #expect(site.params["tagline"] == .string("true"))
        #expect(site.params["ratio"] == .double(1.5))
        #expect(site.params["nothing"] == .null)
        #expect(site.position(of: "perPage") == SourcePosition(path: path, line: 7, column: 10))
    }

    @Test func wrongValuesAreReportedAtTheirPositions() {
        #expect(problems("""
            title: [Orbit]
            baseURL: example.org
            timezone: Mars/Olympus_Mons
            perPage: 0
            unsafeHTML: sometimes
            taxonomies: topics

            """) == [
            "\(path):1:8: error: 'title' must be a string, not a list",
            "\(path):2:10: error: 'baseURL' must be an absolute http or https URL, like https://example.org/ or https://example.org/news/",
            "\(path):3:11: error: unknown time zone 'Mars/Olympus_Mons': use an IANA name such as UTC, Europe/Paris or America/New_York",
            "\(path):4:10: error: 'perPage' must be at least 1",
            "\(path):5:13: error: 'unsafeHTML' must be true or false, not a string",
            "\(path):6:13: error: 'taxonomies' must be a list of strings, like [topics, sources]",
        ])
        #expect(problems("perPage: two\n") == [
            "\(path):1:1: error: missing required key 'baseURL' in site.yml: add a line like 'baseURL: https://example.org/' (the address where the site will live: canonical links, feeds and sitemaps need it), or pass --base-url",
            "\(path):1:1: error: missing required key 'title' in site.yml",
            "\(path):1:10: error: 'perPage' must be a whole number, not a string",
        ])
    }

    @Test func aYAMLErrorInSiteYmlIsAtItsFilePosition() {
        #expect(problems("title: Orbit\nbaseURL: https://example.org/\ntitle: Again\n") == [
            "\(path):3:1: error: duplicate key 'title': it is already set on line 1; keep one of them",
        ])
        #expect(problems("title: Orbit\n  baseURL: x: y\n") == [
            "\(path):2:10: error: invalid YAML: a colon followed by a space inside a value: put the value in quotes: baseURL: \"x: y\"",
        ])
    }

    @Test("images: takes widths, formats, quality and maxPixels, each with its default")
    func imageSettings() throws {
        let base = "title: Orbit\nbaseURL: https://example.org/\n"
        #expect(try config(base).images == ImageSettings(widths: [480, 800, 1200, 1600], formats: ["webp"], quality: 80,
                                                          maxPixels: 100_000_000))
        let set = try config(base + "images: {widths: [1600, 480, 800, 480], formats: [avif, webp], quality: 70, maxPixels: 5000000}\n")
        #expect(set.images == ImageSettings(widths: [480, 800, 1600], formats: ["avif", "webp"], quality: 70, maxPixels: 5_000_000))
        #expect(try config(base + "images: {quality: 90}\n").images.widths == [480, 800, 1200, 1600])
    }

    @Test("a wrong images: setting is an error at its value, and a misspelt key gets its name")
    func imageSettingErrors() {
        let base = "title: Orbit\nbaseURL: https://example.org/\n"
        #expect(problems(base + "images:\n  widths: [480, 10]\n  formats: [webp, jpg]\n  quality: 0\n  maxPixel: 5\n") == [
            "\(path):4:17: error: a width must be from 16 to 8192 pixels",
            "\(path):5:19: error: 'jpg' is not an image format sitegen writes beside the fallback: use avif or webp "
                + "(JPEG or PNG is always written too)",
            "\(path):6:12: error: 'quality' must be from 1 to 100 (80 by default)",
            "\(path):7:3: error: unknown key 'maxPixel' in 'images': did you mean 'maxPixels'? "
                + "(the keys are widths, formats, quality, maxPixels)",
        ])
        #expect(problems(base + "images: big\n") == [
            "\(path):3:9: error: 'images' must be settings such as {widths: [480, 800, 1200, 1600], formats: [webp]}, not a string",
        ])
    }
}

import Foundation
@testable import SitegenTestSupport
import Testing

/// `language:` in site.yml through the real binary: the tag, and what `<html>`, `og:locale`,
/// JSON-LD, the feeds and the news sitemap make of it (issue 29).
@Suite struct LanguageTests {
    @Test("language: is a BCP 47 tag: lang, dir, og:locale, JSON-LD and the news sitemap all follow it")
    func language() throws {
        let cases: [(String, String, String, String)] = [
            // language:, <html …>, og:locale, <news:language>
            ("ar", "<html lang=\"ar\" dir=\"rtl\">", "ar_AR", "ar"),
            ("he-IL", "<html lang=\"he-IL\" dir=\"rtl\">", "he_IL", "he"),
            ("EN-us", "<html lang=\"en-US\">", "en_US", "en"),
            ("zh-hant", "<html lang=\"zh-Hant\">", "zh_TW", "zh-tw"),
            ("zh-HK", "<html lang=\"zh-HK\">", "zh_HK", "zh-tw"),
            ("zh", "<html lang=\"zh\">", "zh_CN", "zh-cn"),
        ]
        for (language, html, locale, news) in cases {
            let site = SiteFolder(files: [
                "Content/site.yml": siteYML + "\nlanguage: \(language)\n",
                "Content/articles/a.md": "---\ntitle: A\ndate: 2025-08-01T10:00:00Z\n---\n\nText.\n",
            ])
            let run = try SitegenRun.run(["build", "--quiet", "--now", "2025-08-01T12:00:00Z"], in: site.root)
            #expect(run.status == 0, "\(language): \(run.stderr)")
            let files = site.snapshot("Public")
            let tag = html.firstMatch(of: /lang="([^"]+)"/).map { String($0.output.1) } ?? ""
            for path in ["index.html", "articles/a/index.html", "404.html"] {
                let page = String(decoding: files[path] ?? Data(), as: UTF8.self)
                #expect(page.contains("\n" + html + "\n"), "\(language): \(path)")
                #expect(page.contains("<meta property=\"og:locale\" content=\"\(locale)\">"), "\(language): \(path)")
            }
            let article = String(decoding: files["articles/a/index.html"] ?? Data(), as: UTF8.self)
            #expect(article.contains("\"inLanguage\":\"\(tag)\""), "\(language): JSON-LD")
            let sitemap = String(decoding: files["news-sitemap.xml"] ?? Data(), as: UTF8.self)
            #expect(sitemap.contains("<news:language>\(news)</news:language>"), "\(language): \(sitemap)")
            #expect(String(decoding: files["feed.xml"] ?? Data(), as: UTF8.self).contains("xml:lang=\"\(tag)\""), "\(language): Atom")
        }
        // A language sitegen knows no territory for has no og:locale rather than a made-up one.
        let unknown = SiteFolder(files: ["Content/site.yml": siteYML + "\nlanguage: qaa\n", "Content/articles/a.md": goodArticle])
        #expect(try SitegenRun.run(["build", "--quiet"], in: unknown.root).status == 0)
        let home = String(decoding: unknown.snapshot("Public")["index.html"] ?? Data(), as: UTF8.self)
        #expect(home.contains("<html lang=\"qaa\">") && !home.contains("og:locale"))
    }

    @Test("a language's name or a malformed tag is an error at its place in site.yml, with the tag meant")
    func badLanguage() throws {
        let cases = [
            ("english", "'english' is the name of a language, not a BCP 47 language tag: did you mean 'en'?"),
            ("Français", "'Français' is the name of a language, not a BCP 47 language tag: did you mean 'fr'?"),
            ("en_US", "'en_US' is not a BCP 47 language tag: subtags are joined by '-', not '_'; did you mean 'en-US'?"),
            ("en--US", "'en--US' is not a BCP 47 language tag: it has an empty subtag (two '-' in a row); did you mean 'en-US'?"),
            ("e", "'e' is not a BCP 47 language tag: a language subtag has 2 or 3 letters; write one such as en, en-US, fr or zh-Hant"),
            ("toolongtag1", "'toolongtag1' is not a BCP 47 language tag: a subtag has at most 8 letters or digits, and 'toolongtag1' has 11; "
                + "write one such as en, en-US, fr or zh-Hant"),
        ]
        for (language, message) in cases {
            let site = SiteFolder(files: ["Content/site.yml": siteYML + "\nlanguage: \(language)\n", "Content/articles/a.md": goodArticle])
            let run = try SitegenRun.run(["build"], in: site.root)
            #expect(run.status == 1)
            #expect(run.stdout == "")
            #expect(run.stderr == "Content/site.yml:3:11: error: \(message)\nsitegen: error: build failed with 1 error; Public was left as it was\n",
                    "\(language)")
            #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path))
        }
    }
}

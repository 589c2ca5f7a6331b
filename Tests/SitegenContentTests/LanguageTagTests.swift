import Foundation
import SitegenSupport
import Testing
@testable import SitegenContent

/// `language:` in site.yml: RFC 5646's grammar, canonical case, and what `<html>`, `og:locale`,
/// the news sitemap and JSON-LD take from the one table of `LanguageTag`.
@Suite struct LanguageTagTests {
    /// The message `language: text` is refused with, or nil when it is a tag.
    func refusal(_ text: String) -> String? {
        do {
            _ = try LanguageTag(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("a tag is kept in canonical case: language lower, script title, region upper")
    func canonicalCase() throws {
        let cases = [
            ("en", "en"), ("EN-us", "en-US"), ("zh-hant", "zh-Hant"), ("ZH-HANT-hk", "zh-Hant-HK"), ("sr-latn-RS", "sr-Latn-RS"),
            ("es-419", "es-419"), ("sl-IT-Nedis", "sl-IT-nedis"), ("de-CH-1996", "de-CH-1996"), ("zh-yue-HK", "zh-yue-HK"),
            ("en-US-u-CA-gregory", "en-US-u-ca-gregory"), ("en-x-House", "en-x-house"), ("art-lojban", "art-lojban"),
            ("zh-min-nan", "zh-min-nan"), ("fil", "fil"),
        ]
        for (text, tag) in cases {
            #expect(try LanguageTag(text).tag == tag, "\(text)")
        }
    }

    @Test("og:locale, the news sitemap's language and the direction, for each kind of tag")
    func derived() throws {
        // tag: og:locale, <news:language>, dir
        let cases: [(String, String, String, String)] = [
            ("en", "en_US", "en", "ltr"),
            ("en-US", "en_US", "en", "ltr"),
            ("en-GB", "en_GB", "en", "ltr"),
            ("fr", "fr_FR", "fr", "ltr"),
            ("pt-BR", "pt_BR", "pt", "ltr"),
            ("es-419", "es_LA", "es", "ltr"),
            ("zh", "zh_CN", "zh-cn", "ltr"),
            ("zh-Hans", "zh_CN", "zh-cn", "ltr"),
            ("zh-CN", "zh_CN", "zh-cn", "ltr"),
            ("zh-SG", "zh_SG", "zh-cn", "ltr"),
            ("zh-Hant", "zh_TW", "zh-tw", "ltr"),
            ("zh-TW", "zh_TW", "zh-tw", "ltr"),
            ("zh-HK", "zh_HK", "zh-tw", "ltr"),
            ("zh-MO", "zh_MO", "zh-tw", "ltr"),
            ("zh-Hant-HK", "zh_HK", "zh-tw", "ltr"),
            ("zh-Hans-HK", "zh_HK", "zh-cn", "ltr"),
            ("ar", "ar_AR", "ar", "rtl"),
            ("ar-EG", "ar_EG", "ar", "rtl"),
            ("he", "he_IL", "he", "rtl"),
            ("fa", "fa_IR", "fa", "rtl"),
            ("ur", "ur_PK", "ur", "rtl"),
            ("yi", "", "yi", "rtl"),
            ("ps", "ps_AF", "ps", "rtl"),
            ("sd", "sd_PK", "sd", "rtl"),
            ("ug", "ug_CN", "ug", "rtl"),
            ("dv", "dv_MV", "dv", "rtl"),
            ("ckb", "ckb_IQ", "ckb", "rtl"),
            // The script decides the direction when the tag names one.
            ("az-Arab", "az_AZ", "az", "rtl"),
            ("pa-Arab-PK", "pa_PK", "pa", "rtl"),
            ("sd-Deva", "sd_PK", "sd", "ltr"),
            ("ku-Arab", "ku_TR", "ku", "rtl"),
            ("dv-Thaa", "dv_MV", "dv", "rtl"),
            ("syr-Syrc", "", "syr", "rtl"),
            ("man-Nkoo", "", "man", "rtl"),
            ("jrb-Hebr", "", "jrb", "rtl"),
            // A language the table does not know: the tag as it is, and an og:locale only with a region.
            ("qaa", "", "qaa", "ltr"),
            ("kw-GB", "kw_GB", "kw", "ltr"),
        ]
        for (text, locale, news, direction) in cases {
            let tag = try LanguageTag(text)
            #expect(tag.openGraphLocale == locale, "\(text): og:locale")
            #expect(tag.newsLanguage == news, "\(text): news:language")
            #expect(tag.direction == direction, "\(text): dir")
        }
    }

    @Test("a language's name is refused with the tag it names")
    func names() {
        let cases = [
            ("english", "en"), ("English", "en"), ("French", "fr"), ("français", "fr"), ("Francais", "fr"), ("Deutsch", "de"),
            ("español", "es"), ("Arabic", "ar"), ("العربية", "ar"), ("עברית", "he"), ("日本語", "ja"), ("Traditional Chinese", "zh-Hant"),
            ("繁體中文", "zh-Hant"), ("简体中文", "zh-Hans"), ("chinese", "zh"), ("Norwegian", "nb"), ("русский", "ru"),
        ]
        for (name, tag) in cases {
            #expect(refusal(name) == "'\(name)' is the name of a language, not a BCP 47 language tag: did you mean '\(tag)'?", "\(name)")
        }
    }

    @Test("malformed tags are refused, saying what is wrong and, where it can, what was meant")
    func malformed() {
        let write = "write one such as en, en-US, fr or zh-Hant"
        let cases = [
            ("en--US", "it has an empty subtag (two '-' in a row); did you mean 'en-US'?"),
            ("-en", "it has an empty subtag (a '-' begins it); did you mean 'en'?"),
            ("en-", "it has an empty subtag (a '-' ends it); did you mean 'en'?"),
            ("en_US", "subtags are joined by '-', not '_'; did you mean 'en-US'?"),
            ("en US", "it has a space, and subtags are joined by '-'; did you mean 'en-US'?"),
            ("e", "a language subtag has 2 or 3 letters; \(write)"),
            ("toolongtag1", "a subtag has at most 8 letters or digits, and 'toolongtag1' has 11; \(write)"),
            ("englsh", "a language subtag has 2 or 3 letters; did you mean 'en'?"),
            ("abcd", "a language subtag has 2 or 3 letters; \(write)"),
            ("", "it is empty; \(write)"),
            ("e1", "the language subtag 'e1' must be letters only; \(write)"),
            ("en-US-CA", "'CA' cannot come where it is: the order is language, script, region, variants (like zh-Hant-TW or sl-IT-nedis); \(write)"),
            ("en-Latn-Latn", "'Latn' cannot come where it is: the order is language, script, region, variants (like zh-Hant-TW or sl-IT-nedis); \(write)"),
            ("de-1996-1996", "the variant '1996' appears twice; \(write)"),
            ("en-u-ca-gregory-u-nu-latn", "the extension 'u' appears twice; \(write)"),
            ("en-u", "the extension 'u' needs a subtag of 2 to 8 letters or digits after it; \(write)"),
            ("en-x", "'x' needs a private-use subtag after it; \(write)"),
            ("x-house", "a tag of private use alone ('x-…') names no language; \(write)"),
            ("i-klingon", "it is a grandfathered tag of irregular form, which names no language subtag; \(write)"),
            ("en.US", "a tag holds only ASCII letters, digits and '-'; \(write)"),
        ]
        for (text, reason) in cases {
            #expect(refusal(text) == "'\(text)' is not a BCP 47 language tag: \(reason)", "\(text)")
        }
    }

    @Test("site.yml's language: is read as a tag, and a bad one is an error at its value")
    func inSiteYML() throws {
        let path = "Content/site.yml"
        let site = try SiteConfig.make(from: Array("title: T\nbaseURL: https://example.org/\nlanguage: zh-hant\n".utf8), path: path)
        #expect(site.language.tag == "zh-Hant")
        do {
            _ = try SiteConfig.make(from: Array("title: T\nbaseURL: https://example.org/\nlanguage: english\n".utf8), path: path)
            Issue.record("english was taken")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(path):3:11: error: 'english' is the name of a language, not a BCP 47 language tag: did you mean 'en'?",
            ])
        }
    }
}

import Foundation
import SitegenSupport

/// The site's language (`language:` in `site.yml`): a well-formed BCP 47 tag (RFC 5646), kept
/// in its canonical case (`EN-us` is `en-US`, `zh-hant` is `zh-Hant`), and everything the site
/// derives from it, each from `LanguageTag.table` below (written here; nothing is downloaded):
///
/// - `<html lang>`, the feeds' languages and JSON-LD `inLanguage`: the tag itself;
/// - `<html dir="rtl">`: `direction`, from the script (`Arab`, `Hebr`, `Thaa`, …) or the language;
/// - `og:locale`: `openGraphLocale`, Open Graph's `ll_RR` (`en_US`, `zh_TW`, `zh_HK`);
/// - `<news:language>`: `newsLanguage`, Google's ISO 639 code, or `zh-cn` / `zh-tw` for Chinese.
public struct LanguageTag: Sendable, Hashable, CustomStringConvertible {
    /// The tag in canonical case: `en-US`, `zh-Hant-HK`, `sr-Latn`.
    public let tag: String
    /// The primary language subtag, lower case (`zh`).
    public let language: String
    /// Extended language subtags (`yue` of `zh-yue`), lower case.
    public let extlangs: [String]
    /// The script subtag, title case (`Hant`).
    public let script: String?
    /// The region subtag: two letters, upper case (`TW`), or three digits (`419`).
    public let region: String?
    /// Variants, extensions and private use, lower case, as written (`rozaj`, `u-nu-latn`, `x-house`).
    public let rest: [String]

    public var description: String { tag }

    /// `en`, the language of a site that names none.
    public static let english = LanguageTag(
        tag: "en", language: "en", extlangs: [], script: nil, region: nil, rest: [])

    private init(tag: String, language: String, extlangs: [String], script: String?, region: String?, rest: [String]) {
        self.tag = tag
        self.language = language
        self.extlangs = extlangs
        self.script = script
        self.region = region
        self.rest = rest
    }

    /// Why a text is not a language tag sitegen takes, as one sentence with its fix.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The tag `text` is, in canonical case; anything else throws, saying why and, where it can,
    /// which tag was meant (`english` → `en`, `en_US` → `en-US`).
    public init(_ text: String) throws(Invalid) {
        switch Self.parse(text) {
        case .success(let tag): self = tag
        case .failure(let reason):
            if let named = Self.names[Self.nameKey(text)] {
                throw Invalid(message: "'\(text)' is the name of a language, not a BCP 47 language tag: did you mean '\(named)'?")
            }
            let meant = Self.suggestion(for: text)
            throw Invalid(message: "'\(text)' is not a BCP 47 language tag: \(reason.text)"
                + (meant.map { "; did you mean '\($0)'?" } ?? "; write one such as en, en-US, fr or zh-Hant"))
        }
    }

    // MARK: - What the site derives from it

    /// The language itself: the extended subtag when there is one (`yue` for `zh-yue`), else the primary.
    var base: String { extlangs.first ?? language }

    /// `rtl` for a right-to-left script (the tag's own, else its language's usual one), else `ltr`.
    public var direction: String {
        let rightToLeft = script.map { Self.rightToLeftScripts.contains($0) } ?? (Self.entry(base)?.rightToLeft ?? false)
        return rightToLeft ? "rtl" : "ltr"
    }

    /// Open Graph's `og:locale`, `language_TERRITORY`: the tag's own region (`pt-BR` → `pt_BR`,
    /// `zh-HK` → `zh_HK`), else the table's for its script or language (`zh-Hant` → `zh_TW`,
    /// `en` → `en_US`, `es-419` → `es_LA`); empty when the table knows none (the tag is then left out).
    public var openGraphLocale: String {
        if let region, let locale = Self.entry("\(base)-\(region)")?.openGraph { return locale }
        if let region, region.count == 2 { return "\(base)_\(region)" }
        if let script, let locale = Self.entry("\(base)-\(script)")?.openGraph { return locale }
        return Self.entry(base)?.openGraph ?? ""
    }

    /// The news sitemap's `<news:language>`: an ISO 639 code (`en` for `en-US`), except Chinese,
    /// which Google lists as `zh-cn` (Simplified) and `zh-tw` (Traditional): the script decides,
    /// else the region (`zh-HK`, `zh-MO`, `zh-TW` → `zh-tw`), else `zh-cn`.
    public var newsLanguage: String {
        if let script, let news = Self.entry("\(base)-\(script)")?.news { return news }
        if let region, let news = Self.entry("\(base)-\(region)")?.news { return news }
        return Self.entry(base)?.news ?? base
    }

    // MARK: - The table

    /// One row of `table`: a language (or a language with a script or region), what Open Graph
    /// and Google News call it when the tag says no more, whether it is written right to left,
    /// and its names in English and in itself (lower case), for the did-you-mean of a name.
    struct Entry {
        var tag: String
        var openGraph: String?
        var news: String?
        var rightToLeft = false
        var names: [String] = []
    }

    /// Scripts written right to left (ISO 15924).
    static let rightToLeftScripts: Set<String> = [
        "Arab", "Aran", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr",
    ]

    /// Every language sitegen knows by name, with its Open Graph locale (Facebook's list:
    /// `ar_AR` and `eo_EO` are its own territories for Arabic and Esperanto) and direction;
    /// rows with a script or region settle what that subtag changes (Chinese). A language not
    /// here is still taken: its tag is used as written, its news language is its code, and it
    /// has no `og:locale` unless the tag names a region.
    static let table: [Entry] = [
        Entry(tag: "af", openGraph: "af_ZA", names: ["afrikaans"]),
        Entry(tag: "am", openGraph: "am_ET", names: ["amharic", "አማርኛ"]),
        Entry(tag: "ar", openGraph: "ar_AR", rightToLeft: true, names: ["arabic", "العربية", "عربي"]),
        Entry(tag: "as", openGraph: "as_IN", names: ["assamese", "অসমীয়া"]),
        Entry(tag: "az", openGraph: "az_AZ", names: ["azerbaijani", "azeri", "azərbaycan", "azərbaycanca"]),
        Entry(tag: "be", openGraph: "be_BY", names: ["belarusian", "беларуская"]),
        Entry(tag: "bg", openGraph: "bg_BG", names: ["bulgarian", "български"]),
        Entry(tag: "bn", openGraph: "bn_IN", names: ["bengali", "bangla", "বাংলা"]),
        Entry(tag: "br", openGraph: "br_FR", names: ["breton", "brezhoneg"]),
        Entry(tag: "bs", openGraph: "bs_BA", names: ["bosnian", "bosanski"]),
        Entry(tag: "ca", openGraph: "ca_ES", names: ["catalan", "català"]),
        Entry(tag: "ckb", openGraph: "ckb_IQ", rightToLeft: true, names: ["sorani", "central kurdish", "کوردی"]),
        Entry(tag: "cs", openGraph: "cs_CZ", names: ["czech", "čeština", "cesky", "česky"]),
        Entry(tag: "cy", openGraph: "cy_GB", names: ["welsh", "cymraeg"]),
        Entry(tag: "da", openGraph: "da_DK", names: ["danish", "dansk"]),
        Entry(tag: "de", openGraph: "de_DE", names: ["german", "deutsch"]),
        Entry(tag: "dv", openGraph: "dv_MV", rightToLeft: true, names: ["dhivehi", "divehi", "maldivian", "ދިވެހި"]),
        Entry(tag: "el", openGraph: "el_GR", names: ["greek", "ελληνικά"]),
        Entry(tag: "en", openGraph: "en_US", names: ["english"]),
        Entry(tag: "eo", openGraph: "eo_EO", names: ["esperanto"]),
        Entry(tag: "es", openGraph: "es_ES", names: ["spanish", "español", "castellano", "castilian"]),
        Entry(tag: "es-419", openGraph: "es_LA", names: ["latin american spanish", "español latinoamericano"]),
        Entry(tag: "et", openGraph: "et_EE", names: ["estonian", "eesti"]),
        Entry(tag: "eu", openGraph: "eu_ES", names: ["basque", "euskara"]),
        Entry(tag: "fa", openGraph: "fa_IR", rightToLeft: true, names: ["persian", "farsi", "فارسی"]),
        Entry(tag: "fi", openGraph: "fi_FI", names: ["finnish", "suomi"]),
        Entry(tag: "fil", openGraph: "tl_PH", names: ["filipino"]),
        Entry(tag: "fo", openGraph: "fo_FO", names: ["faroese", "føroyskt"]),
        Entry(tag: "fr", openGraph: "fr_FR", names: ["french", "français"]),
        Entry(tag: "fy", openGraph: "fy_NL", names: ["frisian", "west frisian", "frysk"]),
        Entry(tag: "ga", openGraph: "ga_IE", names: ["irish", "gaeilge"]),
        Entry(tag: "gd", openGraph: "gd_GB", names: ["scottish gaelic", "gaelic", "gàidhlig"]),
        Entry(tag: "gl", openGraph: "gl_ES", names: ["galician", "galego"]),
        Entry(tag: "gu", openGraph: "gu_IN", names: ["gujarati", "ગુજરાતી"]),
        Entry(tag: "ha", openGraph: "ha_NG", names: ["hausa"]),
        Entry(tag: "haw", openGraph: "haw_US", names: ["hawaiian", "ʻōlelo hawaiʻi"]),
        Entry(tag: "he", openGraph: "he_IL", rightToLeft: true, names: ["hebrew", "עברית"]),
        Entry(tag: "hi", openGraph: "hi_IN", names: ["hindi", "हिन्दी", "हिंदी"]),
        Entry(tag: "hr", openGraph: "hr_HR", names: ["croatian", "hrvatski"]),
        Entry(tag: "ht", openGraph: "ht_HT", names: ["haitian creole", "haitian", "kreyòl ayisyen"]),
        Entry(tag: "hu", openGraph: "hu_HU", names: ["hungarian", "magyar"]),
        Entry(tag: "hy", openGraph: "hy_AM", names: ["armenian", "հայերեն"]),
        Entry(tag: "id", openGraph: "id_ID", names: ["indonesian", "bahasa indonesia"]),
        Entry(tag: "ig", openGraph: "ig_NG", names: ["igbo"]),
        Entry(tag: "is", openGraph: "is_IS", names: ["icelandic", "íslenska"]),
        Entry(tag: "it", openGraph: "it_IT", names: ["italian", "italiano"]),
        Entry(tag: "ja", openGraph: "ja_JP", names: ["japanese", "日本語"]),
        Entry(tag: "jv", openGraph: "jv_ID", names: ["javanese", "basa jawa"]),
        Entry(tag: "ka", openGraph: "ka_GE", names: ["georgian", "ქართული"]),
        Entry(tag: "kk", openGraph: "kk_KZ", names: ["kazakh", "қазақ", "қазақша"]),
        Entry(tag: "km", openGraph: "km_KH", names: ["khmer", "cambodian", "ខ្មែរ"]),
        Entry(tag: "kn", openGraph: "kn_IN", names: ["kannada", "ಕನ್ನಡ"]),
        Entry(tag: "ko", openGraph: "ko_KR", names: ["korean", "한국어"]),
        Entry(tag: "ks", rightToLeft: true, names: ["kashmiri", "كٲشُر"]),
        Entry(tag: "ku", openGraph: "ku_TR", names: ["kurdish", "kurmanji", "kurdî"]),
        Entry(tag: "ky", openGraph: "ky_KG", names: ["kyrgyz", "kirghiz", "кыргызча"]),
        Entry(tag: "la", openGraph: "la_VA", names: ["latin", "latina"]),
        Entry(tag: "lb", openGraph: "lb_LU", names: ["luxembourgish", "lëtzebuergesch"]),
        Entry(tag: "lo", openGraph: "lo_LA", names: ["lao", "laotian", "ລາວ"]),
        Entry(tag: "lt", openGraph: "lt_LT", names: ["lithuanian", "lietuvių"]),
        Entry(tag: "lv", openGraph: "lv_LV", names: ["latvian", "latviešu"]),
        Entry(tag: "mg", openGraph: "mg_MG", names: ["malagasy"]),
        Entry(tag: "mi", openGraph: "mi_NZ", names: ["maori", "māori", "te reo māori"]),
        Entry(tag: "mk", openGraph: "mk_MK", names: ["macedonian", "македонски"]),
        Entry(tag: "ml", openGraph: "ml_IN", names: ["malayalam", "മലയാളം"]),
        Entry(tag: "mn", openGraph: "mn_MN", names: ["mongolian", "монгол"]),
        Entry(tag: "mr", openGraph: "mr_IN", names: ["marathi", "मराठी"]),
        Entry(tag: "ms", openGraph: "ms_MY", names: ["malay", "bahasa melayu"]),
        Entry(tag: "mt", openGraph: "mt_MT", names: ["maltese", "malti"]),
        Entry(tag: "my", openGraph: "my_MM", names: ["burmese", "myanmar", "မြန်မာ"]),
        Entry(tag: "nb", openGraph: "nb_NO", names: ["norwegian", "norwegian bokmål", "bokmål", "norsk", "norsk bokmål"]),
        Entry(tag: "ne", openGraph: "ne_NP", names: ["nepali", "नेपाली"]),
        Entry(tag: "nl", openGraph: "nl_NL", names: ["dutch", "nederlands", "flemish", "vlaams"]),
        Entry(tag: "nn", openGraph: "nn_NO", names: ["nynorsk", "norwegian nynorsk", "norsk nynorsk"]),
        Entry(tag: "no", openGraph: "nb_NO"),
        Entry(tag: "or", openGraph: "or_IN", names: ["odia", "oriya", "ଓଡ଼ିଆ"]),
        Entry(tag: "pa", openGraph: "pa_IN", names: ["punjabi", "panjabi", "ਪੰਜਾਬੀ"]),
        Entry(tag: "pl", openGraph: "pl_PL", names: ["polish", "polski"]),
        Entry(tag: "ps", openGraph: "ps_AF", rightToLeft: true, names: ["pashto", "pushto", "پښتو"]),
        Entry(tag: "pt", openGraph: "pt_BR", names: ["portuguese", "português"]),
        Entry(tag: "qu", openGraph: "qu_PE", names: ["quechua", "runa simi"]),
        Entry(tag: "ro", openGraph: "ro_RO", names: ["romanian", "română", "moldovan"]),
        Entry(tag: "ru", openGraph: "ru_RU", names: ["russian", "русский"]),
        Entry(tag: "rw", openGraph: "rw_RW", names: ["kinyarwanda"]),
        Entry(tag: "sd", openGraph: "sd_PK", rightToLeft: true, names: ["sindhi", "سنڌي"]),
        Entry(tag: "si", openGraph: "si_LK", names: ["sinhala", "sinhalese", "සිංහල"]),
        Entry(tag: "sk", openGraph: "sk_SK", names: ["slovak", "slovenčina"]),
        Entry(tag: "sl", openGraph: "sl_SI", names: ["slovenian", "slovene", "slovenščina"]),
        Entry(tag: "so", openGraph: "so_SO", names: ["somali", "soomaali"]),
        Entry(tag: "sq", openGraph: "sq_AL", names: ["albanian", "shqip"]),
        Entry(tag: "sr", openGraph: "sr_RS", names: ["serbian", "српски", "srpski"]),
        Entry(tag: "sv", openGraph: "sv_SE", names: ["swedish", "svenska"]),
        Entry(tag: "sw", openGraph: "sw_KE", names: ["swahili", "kiswahili"]),
        Entry(tag: "ta", openGraph: "ta_IN", names: ["tamil", "தமிழ்"]),
        Entry(tag: "te", openGraph: "te_IN", names: ["telugu", "తెలుగు"]),
        Entry(tag: "tg", openGraph: "tg_TJ", names: ["tajik", "тоҷикӣ"]),
        Entry(tag: "th", openGraph: "th_TH", names: ["thai", "ไทย"]),
        Entry(tag: "tk", openGraph: "tk_TM", names: ["turkmen", "türkmençe"]),
        Entry(tag: "tl", openGraph: "tl_PH", names: ["tagalog"]),
        Entry(tag: "tr", openGraph: "tr_TR", names: ["turkish", "türkçe"]),
        Entry(tag: "ug", openGraph: "ug_CN", rightToLeft: true, names: ["uyghur", "uighur", "ئۇيغۇرچە"]),
        Entry(tag: "uk", openGraph: "uk_UA", names: ["ukrainian", "українська"]),
        Entry(tag: "ur", openGraph: "ur_PK", rightToLeft: true, names: ["urdu", "اردو"]),
        Entry(tag: "uz", openGraph: "uz_UZ", names: ["uzbek", "oʻzbek", "o'zbek", "ўзбек"]),
        Entry(tag: "vi", openGraph: "vi_VN", names: ["vietnamese", "tiếng việt"]),
        Entry(tag: "xh", openGraph: "xh_ZA", names: ["xhosa", "isixhosa"]),
        Entry(tag: "yi", rightToLeft: true, names: ["yiddish", "ייִדיש", "יידיש"]),
        Entry(tag: "yo", openGraph: "yo_NG", names: ["yoruba", "yorùbá"]),
        Entry(tag: "yue", openGraph: "zh_HK", names: ["cantonese", "粵語", "粤语", "廣東話"]),
        Entry(tag: "zu", openGraph: "zu_ZA", names: ["zulu", "isizulu"]),
        // Chinese: Simplified unless the script or region says Traditional.
        Entry(tag: "zh", openGraph: "zh_CN", news: "zh-cn", names: ["chinese", "mandarin", "中文", "汉语", "漢語", "普通话"]),
        Entry(tag: "zh-Hans", openGraph: "zh_CN", news: "zh-cn", names: ["simplified chinese", "chinese (simplified)", "简体中文", "简体"]),
        Entry(tag: "zh-Hant", openGraph: "zh_TW", news: "zh-tw", names: ["traditional chinese", "chinese (traditional)", "繁體中文", "繁體"]),
        Entry(tag: "zh-TW", news: "zh-tw"),
        Entry(tag: "zh-HK", news: "zh-tw"),
        Entry(tag: "zh-MO", news: "zh-tw"),
        // Written right to left, known by their codes only.
        Entry(tag: "iw", openGraph: "he_IL", rightToLeft: true),  // Hebrew's former code
        Entry(tag: "ji", rightToLeft: true),  // Yiddish's former code
        Entry(tag: "arz", rightToLeft: true), Entry(tag: "ary", rightToLeft: true), Entry(tag: "arq", rightToLeft: true),
        Entry(tag: "aeb", rightToLeft: true), Entry(tag: "apc", rightToLeft: true), Entry(tag: "ajp", rightToLeft: true),
        Entry(tag: "acm", rightToLeft: true), Entry(tag: "prs", rightToLeft: true), Entry(tag: "pnb", rightToLeft: true),
        Entry(tag: "azb", rightToLeft: true), Entry(tag: "mzn", rightToLeft: true), Entry(tag: "lrc", rightToLeft: true),
        Entry(tag: "glk", rightToLeft: true), Entry(tag: "bal", rightToLeft: true), Entry(tag: "syr", rightToLeft: true),
        Entry(tag: "nqo", rightToLeft: true),
    ]

    /// The rows by tag, lower case.
    private static let entries: [String: Entry] = Dictionary(table.map { ($0.tag.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    static func entry(_ tag: String) -> Entry? { entries[tag.lowercased()] }

    /// Each name of the table, folded (`nameKey`), with its tag.
    private static let names: [String: String] = {
        var names: [String: String] = [:]
        for entry in table {
            for name in entry.names where names[nameKey(name)] == nil { names[nameKey(name)] = entry.tag }
        }
        return names
    }()

    /// A name as it is looked up: lower case, without accents, spaces collapsed.
    static func nameKey(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The tag `text` (not a tag, nor a name of the table) most likely meant: `text` with its
    /// separators mended (`en_US`, `en--US`) when that is a tag, or the tag of the language it is
    /// a slip of the name of (`englsh`).
    static func suggestion(for text: String) -> String? {
        let key = nameKey(text)
        let mended = text.split(whereSeparator: { $0 == "_" || $0 == "-" || $0.isWhitespace }).joined(separator: "-")
        if mended != text, case .success(let tag) = parse(mended) { return tag.tag }
        guard key.count >= 4, key.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
        return Typos.nearest(to: key, in: Array(names.keys).sorted()) { $0.count <= 5 ? 1 : 2 }.flatMap { names[$0] }
    }

    // MARK: - The grammar (RFC 5646, section 2.1)

    /// Why a text is not a tag.
    struct Reason: Error {
        var text: String
    }

    /// `text` read by RFC 5646's grammar:
    ///
    ///     langtag   = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
    ///     language  = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA      extlang = 3ALPHA *2("-" 3ALPHA)
    ///     script    = 4ALPHA                                          region  = 2ALPHA / 3DIGIT
    ///     variant   = 5*8alphanum / (DIGIT 3alphanum)                 extension = singleton 1*("-" (2*8alphanum))
    ///     privateuse = "x" 1*("-" (1*8alphanum))
    ///
    /// with the rules of a valid tag that need no registry: no variant twice, no extension
    /// singleton twice. The grandfathered tags of irregular form (`i-klingon`) and tags of
    /// private use alone (`x-house`) are well-formed but name no language a site can be
    /// described by, and primary subtags of 4 to 8 letters are reserved or unregistered: each
    /// of these is refused, saying so.
    static func parse(_ text: String) -> Result<LanguageTag, Reason> {
        guard !text.isEmpty else { return .failure(Reason(text: "it is empty")) }
        if text.contains("_") { return .failure(Reason(text: "subtags are joined by '-', not '_'")) }
        if text.contains(where: \.isWhitespace) { return .failure(Reason(text: "it has a space, and subtags are joined by '-'")) }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            return .failure(Reason(text: "a tag holds only ASCII letters, digits and '-'"))
        }
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.lowercased() }
        if subtags.contains("") {
            let place = text.hasPrefix("-") ? "a '-' begins it" : text.hasSuffix("-") ? "a '-' ends it" : "two '-' in a row"
            return .failure(Reason(text: "it has an empty subtag (\(place))"))
        }
        if let long = subtags.first(where: { $0.count > 8 }) {
            return .failure(Reason(text: "a subtag has at most 8 letters or digits, and '\(long)' has \(long.count)"))
        }
        let lower = subtags.joined(separator: "-")
        if irregular.contains(lower) {
            return .failure(Reason(text: "it is a grandfathered tag of irregular form, which names no language subtag"))
        }
        var i = 0
        let first = subtags[0]
        if first == "x" { return .failure(Reason(text: "a tag of private use alone ('x-…') names no language")) }
        guard first.allSatisfy(\.isLetter) else {
            return .failure(Reason(text: "the language subtag '\(first)' must be letters only"))
        }
        guard (2...3).contains(first.count) else {
            // 4 letters are reserved, and no language subtag of 5 to 8 letters is registered.
            return .failure(Reason(text: "a language subtag has 2 or 3 letters"))
        }
        i = 1
        func at(_ k: Int) -> String? { k < subtags.count ? subtags[k] : nil }
        func letters(_ s: String, _ n: ClosedRange<Int>) -> Bool { n.contains(s.count) && s.allSatisfy(\.isLetter) }
        func alphanumeric(_ s: String) -> Bool { s.allSatisfy { $0.isLetter || $0.isNumber } }
        var extlangs: [String] = []
        while extlangs.count < 3, let s = at(i), letters(s, 3...3) {
            extlangs.append(s)
            i += 1
        }
        var script: String?
        if let s = at(i), letters(s, 4...4) {
            script = s.prefix(1).uppercased() + s.dropFirst()
            i += 1
        }
        var region: String?
        if let s = at(i), letters(s, 2...2) || (s.count == 3 && s.allSatisfy(\.isNumber)) {
            region = s.uppercased()
            i += 1
        }
        var rest: [String] = []
        var variants: Set<String> = []
        while let s = at(i), alphanumeric(s), (5...8).contains(s.count) || (s.count == 4 && s.first!.isNumber) {
            guard variants.insert(s).inserted else { return .failure(Reason(text: "the variant '\(s)' appears twice")) }
            rest.append(s)
            i += 1
        }
        var singletons: Set<String> = []
        while let s = at(i), s.count == 1, s != "x" {
            guard singletons.insert(s).inserted else { return .failure(Reason(text: "the extension '\(s)' appears twice")) }
            var parts = [s]
            i += 1
            while let part = at(i), (2...8).contains(part.count) {
                parts.append(part)
                i += 1
            }
            guard parts.count > 1 else {
                return .failure(Reason(text: "the extension '\(s)' needs a subtag of 2 to 8 letters or digits after it"))
            }
            rest.append(parts.joined(separator: "-"))
        }
        if at(i) == "x" {
            guard i + 1 < subtags.count else {
                return .failure(Reason(text: "'x' needs a private-use subtag after it"))
            }
            rest.append(subtags[i...].joined(separator: "-"))
            i = subtags.count
        }
        if i < subtags.count {
            let misplaced = text.split(separator: "-")[i]
            return .failure(Reason(text: "'\(misplaced)' cannot come where it is: the order is language, script, region, "
                + "variants (like zh-Hant-TW or sl-IT-nedis)"))
        }
        let tag = ([first] + extlangs + [script, region].compactMap { $0 } + rest).joined(separator: "-")
        return .success(LanguageTag(tag: tag, language: first, extlangs: extlangs, script: script, region: region, rest: rest))
    }

    /// RFC 5646's grandfathered tags that do not follow the `langtag` grammar.
    static let irregular: Set<String> = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo",
        "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
    ]
}

import Foundation
@testable import SitegenTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One malformed input, put into an otherwise good site, and what `sitegen` must print for it.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// Files to write (nil removes the path) on top of a good site that was built once.
    var files: [String: [UInt8]?]
    var arguments: [String]
    /// Every line of standard error, exactly; `<site>` stands for the site's folder.
    var expected: [String]

    init(_ name: String, _ files: [String: String?], arguments: [String] = ["build"], _ expected: [String]) {
        self.name = name
        self.files = files.mapValues { $0.map { Array($0.utf8) } }
        self.arguments = arguments
        self.expected = expected
    }

    init(_ name: String, bytes files: [String: [UInt8]], _ expected: [String]) {
        self.name = name
        self.files = files.mapValues { $0 }
        self.arguments = ["build"]
        self.expected = expected
    }

    var testDescription: String { name }
}

private let x = "Content/articles/x.md"
private let ownParameter = "(a parameter of your own with that name goes under 'params:')"
private let failed = "sitegen: error: build failed with 1 error; Public was left as it was"
private let howTo = "the file must start with a line '---', then YAML keys such as 'title:' and 'date:', then a line '---'"

/// A base.html with the blocks the theme's templates fill, and one slip on its third line.
private let slipInBase = "<title>{% block title %}{% endblock %}</title>{% block meta %}{% endblock %}\n<main>{% block content %}{% endblock %}</main>\n<footer>{{ site.titel }}</footer>\n"

/// Nine levels of nine aliases: 9⁹ "lol"s if expanded.
let aliasBomb: String = {
    var yaml = "---\ntitle: A\ndate: 2025-07-31\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1...9 {
        yaml += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n"
    }
    return yaml + "---\n\nText.\n"
}()

/// A body of about 10 MB.
let tenMegabytes = String(repeating: "Lorem ipsum dolor sit amet, [a link](/articles/a/) and *emphasis*. (Reuters)\n\n", count: 140_000)

let badInputs: [BadInput] = [
    // Front-matter.
    BadInput("no front-matter", [x: "# Hello\n\nText.\n"], ["\(x):1:1: error: no front-matter: \(howTo)", failed]),
    BadInput("front-matter never closed", [x: "---\ntitle: A\ndate: 2025-07-31\n\nBody.\n"], [
        "\(x):1:1: error: unclosed front-matter: add a line '---' after the last YAML key, before the Markdown text", failed,
    ]),
    BadInput("a colon in an unquoted headline", [x: "---\ntitle: Mayor: we will rebuild\ndate: 2025-07-31\n---\n"], [
        "\(x):2:13: error: invalid YAML: a colon followed by a space inside a value: put the value in quotes: "
            + "title: \"Mayor: we will rebuild\"", failed,
    ]),
    BadInput("a key missing its colon", [x: "---\ntitle: A\nauthor Jane Doe\ndate: 2025-07-31\n---\n"], [
        "\(x):3:1: error: invalid YAML: missing ':' after the key 'author': write 'author: Jane Doe'", failed,
    ]),
    BadInput("an unclosed quote", [x: "---\ntitle: \"Mayor says\ndate: 2025-07-31\nsummary: \"A\"\n---\n"], [
        "\(x):2:8: error: invalid YAML: this value opens with \" but does not close on this line, "
            + "so YAML reads on to line 4: end it with \" on this line", failed,
    ]),
    BadInput("a list item without a space", [x: "---\ntitle: A\ndate: 2025-07-31\ntopics:\n  - NASA\n  -SpaceX\n---\n"], [
        "\(x):6:3: error: invalid YAML: a list item needs a space after '-': write '- SpaceX'", failed,
    ]),
    BadInput("tabs", [x: "---\ntitle: A\ndate: 2025-07-31\ntopics:\n\t- NASA\n---\n"], [
        "\(x):5:1: error: tab character used for indentation: YAML indents with spaces only", failed,
    ]),
    BadInput("a missing title", [x: "---\ndate: 2025-07-31\n---\nBody\n"], [
        "\(x):1:1: error: missing required key 'title': add a line such as 'title: Crew-11 reaches the station'", failed,
    ]),
    BadInput("an empty title", [x: "---\ntitle: \"\"\ndate: 2025-07-31\n---\n"], ["\(x):2:8: error: 'title' must not be empty", failed]),
    BadInput("a list-valued title", [x: "---\ntitle: [A, B]\ndate: 2025-07-31\n---\n"], [
        "\(x):2:8: error: 'title' must be a string, not a list", failed,
    ]),
    BadInput("the date 2025-02-30", [x: "---\ntitle: A\ndate: 2025-02-30\n---\n"], [
        "\(x):3:7: error: invalid date '2025-02-30': February 2025 has 28 days", failed,
    ]),
    BadInput("the date 'yesterday'", [x: "---\ntitle: A\ndate: yesterday\n---\n"], [
        "\(x):3:7: error: invalid date 'yesterday': write it as 2025-07-31 or 2025-07-31T14:30:00+02:00", failed,
    ]),
    BadInput("topics as a string", [x: "---\ntitle: A\ndate: 2025-07-31\ntopics: NASA\n---\n"], [
        "\(x):4:9: error: 'topics' must be a list of strings, like [NASA, SpaceX]", failed,
    ]),
    BadInput("topics as a number", [x: "---\ntitle: A\ndate: 2025-07-31\ntopics: 42\n---\n"], [
        "\(x):4:9: error: 'topics' must be a list of strings, like [NASA, SpaceX]", failed,
    ]),
    BadInput("topics as a map", [x: "---\ntitle: A\ndate: 2025-07-31\ntopics:\n  space: NASA\n---\n"], [
        "\(x):5:3: error: 'topics' must be a list of strings, like [NASA, SpaceX]", failed,
    ]),
    BadInput("duplicate keys", [x: "---\ntitle: A\ndate: 2025-07-31\ntitle: B\n---\n"], [
        "\(x):4:1: error: duplicate key 'title': it is already set on line 2; keep one of them", failed,
    ]),
    BadInput("bytes that are not UTF-8", bytes: [x: Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\ndate: 2025-07-31\n---\n".utf8)], [
        "\(x):2:11: error: invalid UTF-8 byte 0xE9: save the file as UTF-8", failed,
    ]),
    BadInput("an empty file", [x: ""], ["\(x):1:1: error: empty file: \(howTo)", failed]),
    BadInput("a 10 MB article with a bad date", [x: "---\ntitle: Big\ndate: 2025-02-30\n---\n\n" + tenMegabytes], [
        "\(x):3:7: error: invalid date '2025-02-30': February 2025 has 28 days", failed,
    ]),
    BadInput("YAML nested 100 deep", [x: "---\ntitle: A\ndate: 2025-07-31\nx: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n---\n"], [
        "\(x):4:68: error: YAML nests deeper than 64 levels", failed,
    ]),
    BadInput("YAML nested 10,000 deep", [x: "---\ntitle: A\ndate: 2025-07-31\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n---\n"], [
        "\(x):4:260: error: YAML nests deeper than 64 levels", failed,
    ]),
    BadInput("a YAML alias bomb", [x: aliasBomb], [
        "\(x):5:10: error: YAML aliases such as '*a0' are not supported here; write the value out in full", failed,
    ]),

    // Templates.
    BadInput("a template syntax error", ["Templates/404.html": "{% extends \"base.html\" %}\n{% block content %}{% if page.title %}x{% endblock %}\n"], [
        "Templates/404.html:2:4: error: unclosed 'block' (expected '{% endblock %}')",
        "  2 | {% block content %}{% if page.title %}x{% endblock %}",
        "    |    ^",
        "Templates/404.html:2:23: error: unclosed 'if' (expected '{% endif %}')",
        "  2 | {% block content %}{% if page.title %}x{% endblock %}",
        "    |                       ^",
        "Templates/404.html:2:43: error: 'endblock' does not close 'if' opened at 2:23",
        "  2 | {% block content %}{% if page.title %}x{% endblock %}",
        "    |                                           ^",
        "sitegen: error: build failed with 3 errors; Public was left as it was",
    ]),
    BadInput("an unknown filter", ["Templates/404.html": "{% extends \"base.html\" %}\n{% block content %}{{ page.title | shout }}{% endblock %}\n"], [
        "Templates/404.html:2:36: error: unknown filter 'shout'",
        "  2 | {% block content %}{{ page.title | shout }}{% endblock %}",
        "    |                                    ^",
        failed,
    ]),
    BadInput("an include cycle", [
        "Templates/partials/logo.html": "{% include \"partials/feed-icon.html\" %}",
        "Templates/partials/feed-icon.html": "{% include \"partials/logo.html\" %}",
    ], [
        "Templates/partials/logo.html:1:12: error: include cycle: partials/logo.html → partials/feed-icon.html → partials/logo.html",
        "  1 | {% include \"partials/feed-icon.html\" %}",
        "    |            ^",
        failed,
    ]),
    BadInput("an extends cycle", ["Templates/base.html": "{% extends \"page.html\" %}"], [
        "Templates/base.html:1:12: error: extends cycle: base.html → page.html → base.html",
        "  1 | {% extends \"page.html\" %}",
        "    |            ^",
        failed,
    ]),

    // One mistake, one error: at the template that has it, not once per template that extends
    // or includes it, nor once per page; a slip of a name gets the name meant.
    BadInput("a syntax error in base.html, which six templates extend (404.html calling super())", [
        "Templates/base.html": "<title>{% block title %}{% endblock %}</title>{% block meta %}{% endblock %}\n<h1>{{ site.title }</h1>\n{% block content %}{% endblock %}\n",
        "Templates/404.html": "{% extends \"base.html\" %}{% block content %}{{ super() }}Not found{% endblock %}",
    ], [
        "Templates/base.html:2:19: error: unexpected character '}'",
        "  2 | <h1>{{ site.title }</h1>",
        "    |                   ^",
        failed,
    ]),
    BadInput("a slip in base.html met by every page", ["Templates/base.html": slipInBase], [
        "Templates/base.html:3:17: error: unknown attribute 'titel' of 'site': did you mean 'title'? (on 11 pages, such as /)",
        "  3 | <footer>{{ site.titel }}</footer>",
        "    |                 ^",
        "rendering Templates/index.html, which extends Templates/base.html",
        failed,
    ]),
    BadInput("a slip in the card partial the term and archive pages include", ["Templates/partials/article-card.html": "<article>{{ item.sumary }}</article>"], [
        "Templates/partials/article-card.html:1:18: error: unknown attribute 'sumary' of 'item': did you mean 'summary'? (on 4 pages, such as /archive/2025/08/)",
        "  1 | <article>{{ item.sumary }}</article>",
        "    |                  ^",
        "included from Templates/partials/card-list.html:10:8",
        "included from Templates/archive.html:42:7",
        "rendering Templates/archive.html, which extends Templates/base.html",
        failed,
    ]),
    BadInput("a misspelt filter", ["Templates/base.html": slipInBase.replacingOccurrences(of: "site.titel", with: "site.title | upcase")], [
        "Templates/base.html:3:25: error: unknown filter 'upcase': did you mean 'upper'?",
        "  3 | <footer>{{ site.title | upcase }}</footer>",
        "    |                         ^",
        failed,
    ]),
    BadInput("a misspelt variable", ["Templates/article.html": "{% extends \"base.html\" %}\n{% block content %}<h1>{{ artcle.title }}</h1>{% endblock %}\n"], [
        "Templates/article.html:2:27: error: unknown variable 'artcle': did you mean 'article'? (on /articles/a/)",
        "  2 | {% block content %}<h1>{{ artcle.title }}</h1>{% endblock %}",
        "    |                           ^",
        "rendering Templates/article.html, which extends Templates/base.html",
        failed,
    ]),
    BadInput("a misspelt attribute", ["Templates/article.html": "{% extends \"base.html\" %}\n{% block content %}<h1>{{ article.titel }}</h1>{% endblock %}\n"], [
        "Templates/article.html:2:35: error: unknown attribute 'titel' of 'article': did you mean 'title'? (on /articles/a/)",
        "  2 | {% block content %}<h1>{{ article.titel }}</h1>{% endblock %}",
        "    |                                   ^",
        "rendering Templates/article.html, which extends Templates/base.html",
        failed,
    ]),

    // The site.
    BadInput("two articles with one slug", ["Content/articles/2025-08-01-a.md": goodArticle], [
        "Content/articles/a.md:1:1: error: the article 'Crew‑11 docks' would be written to /articles/a/, which the article 'Crew‑11 docks' (Content/articles/2025-08-01-a.md:1:1) already uses: give it another slug or alias",
        failed,
    ]),
    BadInput("an alias colliding with a real page", [
        "Content/pages/about.md": "---\ntitle: About\n---\n\nUs.\n",
        x: "---\ntitle: X\ndate: 2025-07-31\naliases: [/about/]\n---\n\nText.\n",
    ], [
        "\(x):4:10: error: the alias /about/ would be written to /about/, which the page 'About' (Content/pages/about.md:1:1) already uses: give it another slug or alias",
        failed,
    ]),
    BadInput("a term with no usable slug", [x: "---\ntitle: X\ndate: 2025-07-31\ntopics: [\"🚀\"]\n---\n\nText.\n"], [
        "\(x):4:10: error: the topics name '🚀' gives no usable slug: add it to termSlugs in Content/site.yml, e.g. termSlugs: {\"🚀\": your-slug}",
        failed,
    ]),

    // Misspelt keys: an error at the key, with the key meant (a parameter of one's own that
    // close to a known key goes under params:).
    BadInput("misspelt front-matter keys", [x: "---\ntitle: X\ndate: 2025-07-31\nautor: Jane Roe\ntopic: [Moon]\nSumary: Short.\n---\n\nText.\n"], [
        "\(x):4:1: error: unknown key 'autor': did you mean 'author'? \(ownParameter)",
        "\(x):5:1: error: unknown key 'topic': did you mean 'topics'? \(ownParameter)",
        "\(x):6:1: error: unknown key 'Sumary': did you mean 'summary'? \(ownParameter)",
        "sitegen: error: build failed with 3 errors; Public was left as it was",
    ]),
    BadInput("misspelt site.yml keys", ["Content/site.yml": "title: Test News\nbaseUrl: https://example.org/\nperpage: 5\n"], [
        "Content/site.yml:1:1: error: missing required key 'baseURL' in site.yml: add a line like 'baseURL: https://example.org/' (the address where the site will live: canonical links, feeds and sitemaps need it), or pass --base-url",
        "Content/site.yml:2:1: error: unknown key 'baseUrl': did you mean 'baseURL'? \(ownParameter)",
        "Content/site.yml:3:1: error: unknown key 'perpage': did you mean 'perPage'? \(ownParameter)",
        "sitegen: error: build failed with 3 errors; Public was left as it was",
    ]),

    // The command line.
    BadInput("an unknown flag", [:], arguments: ["build", "--bogus"], ["sitegen: error: Unknown option '--bogus'"]),
    BadInput("an unknown command", [:], arguments: ["frobnicate"], ["sitegen: error: unknown command 'frobnicate'; see 'sitegen --help'"]),
    BadInput("a misspelt command", [:], arguments: ["biuld", "--source", "."], [
        "sitegen: error: unknown command 'biuld': did you mean 'build'? (see 'sitegen --help')",
    ]),
    BadInput("a missing Content/", ["Content": nil], [
        "sitegen: error: no Content/ folder in '.': run sitegen in a site's folder, or name one with --source",
    ]),
    BadInput("an output folder inside Content/", [:], arguments: ["build", "--output", "Content/out"], [
        "sitegen: error: the output folder Content/out is inside Content/: choose a folder outside it, such as Public",
    ]),
    BadInput("an output folder that is a file", ["notes.txt": "x"], arguments: ["build", "--output", "notes.txt"], [
        "sitegen: error: the output notes.txt exists and is not a folder",
    ]),
    BadInput("an output folder below a file", ["notes.txt": "x"], arguments: ["build", "--output", "notes.txt/site"], [
        "sitegen: error: cannot write the output folder <site>/notes.txt/site: <site>/notes.txt is a file, not a folder",
    ]),
]

/// The bad-input suite, through the real binary: for each case the exact diagnostics, exit 1,
/// `Public/` byte-identical afterwards and no temporary folder left behind.
@Suite struct BadInputTests {
    /// A good site, built once, so that there is a `Public/` to keep.
    static func builtSite() throws -> (SiteFolder, [String: Data]) {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "Content/articles/a.md": goodArticle])
        let first = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(first.status == 0, "\(first.stderr)")
        return (site, outputs(of: site))
    }

    /// `Public/` and the build cache, byte for byte: a failed build leaves both as they were.
    static func outputs(of site: SiteFolder) -> [String: Data] {
        var both: [String: Data] = [:]
        for (path, data) in site.snapshot("Public") { both["Public/" + path] = data }
        for (path, data) in site.snapshot(".sitegen-cache") { both[".sitegen-cache/" + path] = data }
        return both
    }

    static func expectUntouched(_ site: SiteFolder, _ before: [String: Data], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(outputs(of: site) == before, "Public/ or the build cache changed", sourceLocation: sourceLocation)
        #expect(before.keys.contains(".sitegen-cache/memo.bin"), sourceLocation: sourceLocation)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
            .filter { $0.contains("sitegen") && $0 != ".sitegen-cache" }
        #expect(leftovers == [], "a temporary folder was left", sourceLocation: sourceLocation)
    }

    @Test(arguments: badInputs)
    func aBadInputGetsItsExactDiagnosticsAndLeavesPublicAlone(_ input: BadInput) throws {
        let (site, before) = try Self.builtSite()
        for (path, bytes) in input.files {
            let url = site.root.appendingPathComponent(path)
            if let bytes {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
        let start = ContinuousClock.now
        let run = try SitegenRun.run(input.arguments, in: site.root)
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.replacingOccurrences(of: site.root.path, with: "<site>")
        }
        #expect(lines == input.expected)
        #expect(run.stdout == "")
        try Self.expectUntouched(site, before)
    }

    @Test("an alias bomb is refused in bounded time and memory")
    func aliasBombIsCheap() throws {
        let (site, before) = try Self.builtSite()
        site.write(x, aliasBomb)
        let start = ContinuousClock.now
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(run.status == 1)
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        // ru_maxrss is in kilobytes: the largest child so far, this one included.
        #expect(usage.ru_maxrss < 1_000_000)
        try Self.expectUntouched(site, before)
    }

    @Test("a valid 10 MB article builds and checks in bounded time; its feeds pass the 32 MiB a page until limits: pageBytes is raised")
    func tenMegabyteArticleBuilds() throws {
        let (site, _) = try Self.builtSite()
        site.write(x, "---\ntitle: Big\ndate: 2025-02-28\nsources: [Reuters]\n---\n\n" + tenMegabytes)
        // Its feeds hold its text escaped for JSON and XML, past the default bound of a page.
        let bounded = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(bounded.status == 1)
        #expect(bounded.stderr.contains("error: this page is more than 32 MiB of output: raise site.yml's limits: pageBytes if this is meant"),
                "\(bounded.stderr)")
        site.write("Content/site.yml", siteYML + "\nlimits: {pageBytes: 134217728}\n")
        let start = ContinuousClock.now
        let build = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        let check = try SitegenRun.run(["check"], in: site.root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(ContinuousClock.now - start < .seconds(120))
        #expect(site.snapshot("Public")["articles/x/index.html"].map { $0.count > 10_000_000 } == true)
    }

    @Test("an output folder that cannot be written is a one-line error")
    func unwritableOutput() throws {
        let (site, before) = try Self.builtSite()
        let run: SitegenRun
        if getuid() == 0 {
            // Root writes anywhere a mode allows; /sys refuses new folders even to root.
            run = try SitegenRun.run(["build", "--output", "/sys/sitegen-out"], in: site.root)
            #expect(run.stderr.hasPrefix("sitegen: error: cannot write the output folder /sys/sitegen-out: "))
        } else {
            let locked = site.root.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
            run = try SitegenRun.run(["build", "--output", "locked/Public"], in: site.root)
            #expect(run.stderr == "sitegen: error: cannot write the output next to \(locked.path)/Public: \(locked.path) is not writable\n")
        }
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1)
        try Self.expectUntouched(site, before)
    }
}

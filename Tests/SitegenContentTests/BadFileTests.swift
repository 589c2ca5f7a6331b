import Foundation
import SitegenSupport
import Testing
@testable import SitegenContent

/// One bad article and the exact diagnostics it must produce.
struct BadFile: Sendable, CustomTestStringConvertible {
    var name: String
    var text: [UInt8]
    var expected: [String]

    init(_ name: String, _ text: String, _ expected: [String]) {
        self.name = name
        self.text = Array(text.utf8)
        self.expected = expected
    }

    init(_ name: String, bytes: [UInt8], _ expected: [String]) {
        self.name = name
        self.text = bytes
        self.expected = expected
    }

    var testDescription: String { name }
}

let path = "Content/articles/x.md"
let howTo = "the file must start with a line '---', then YAML keys such as 'title:' and 'date:', then a line '---'"

let badFiles: [BadFile] = [
    BadFile("no front-matter", "# Hello\n\nText.\n", [
        "\(path):1:1: error: no front-matter: \(howTo)",
    ]),
    BadFile("front-matter not on the first line", "\n---\ntitle: A\ndate: 2025-07-31\n---\n", [
        "\(path):1:1: error: no front-matter: \(howTo)",
    ]),
    BadFile("unclosed front-matter", "---\ntitle: A\ndate: 2025-07-31\n\nBody.\n", [
        "\(path):1:1: error: unclosed front-matter: add a line '---' after the last YAML key, before the Markdown text",
    ]),
    BadFile("empty file", "", [
        "\(path):1:1: error: empty file: \(howTo)",
    ]),
    BadFile("a colon inside an unquoted value", "---\ntitle: Mayor: we will rebuild\ndate: 2025-07-31\n---\n", [
        "\(path):2:13: error: invalid YAML: a colon followed by a space inside a value: put the value in quotes: "
            + "title: \"Mayor: we will rebuild\"",
    ]),
    BadFile("a colon inside a value with double quotes", "---\ntitle: A\nsummary: He said: \"no\"\ndate: 2025-07-31\n---\n", [
        "\(path):3:17: error: invalid YAML: a colon followed by a space inside a value: put the value in quotes: "
            + "summary: 'He said: \"no\"'",
    ]),
    BadFile("a key without its colon", "---\ntitle: A\nauthor Jane Doe\ndate: 2025-07-31\n---\n", [
        "\(path):3:1: error: invalid YAML: missing ':' after the key 'author': write 'author: Jane Doe'",
    ]),
    BadFile("a key without its colon, last", "---\ntitle: A\ndate: 2025-07-31\nauthor\n---\n", [
        "\(path):4:1: error: invalid YAML: 'author' has no ':' after it: write 'author: value'",
    ]),
    BadFile("unterminated quote", "---\ntitle: \"A\ndate: 2025-07-31\n---\n", [
        "\(path):2:8: error: invalid YAML: this value opens with \" but never closes: end it with \" on this line",
    ]),
    BadFile("a quote closed lines later", "---\ntitle: \"A\ndate: 2025-07-31\nsummary: \"B\"\n---\n", [
        "\(path):2:8: error: invalid YAML: this value opens with \" but does not close on this line, "
            + "so YAML reads on to line 4: end it with \" on this line",
    ]),
    BadFile("an apostrophe in single quotes", "---\ntitle: 'Mayor's office'\ndate: 2025-07-31\n---\n", [
        "\(path):2:8: error: invalid YAML: an apostrophe ends a value in single quotes: write it twice, "
            + "'Mayor''s office', or use double quotes, \"Mayor's office\"",
    ]),
    BadFile("an unclosed list", "---\ntitle: A\ntopics: [NASA, SpaceX\ndate: 2025-07-31\n---\n", [
        "\(path):3:9: error: invalid YAML: this opens with '[' but does not close on this line, "
            + "so YAML reads on to line 4: end it with ']' on this line",
    ]),
    BadFile("a list item without a space", "---\ntitle: A\ndate: 2025-07-31\ntopics:\n  - NASA\n  -SpaceX\n---\n", [
        "\(path):6:3: error: invalid YAML: a list item needs a space after '-': write '- SpaceX'",
    ]),
    BadFile("every list item without a space", "---\ntitle: A\ndate: 2025-07-31\ntopics:\n  -NASA\n  -SpaceX\n---\n", [
        "\(path):5:3: error: 'topics' must be a list, and a list item needs a space after '-': write '- NASA'",
    ]),
    BadFile("tab indentation", "---\ntitle: A\ndate: 2025-07-31\ntopics:\n\t- NASA\n---\n", [
        "\(path):5:1: error: tab character used for indentation: YAML indents with spaces only",
    ]),
    BadFile("missing title", "---\ndate: 2025-07-31\n---\nBody\n", [
        "\(path):1:1: error: missing required key 'title': add a line such as 'title: Crew-11 reaches the station'",
    ]),
    BadFile("empty title", "---\ntitle: \"\"\ndate: 2025-07-31\n---\n", [
        "\(path):2:8: error: 'title' must not be empty",
    ]),
    BadFile("title with no value", "---\ntitle:\ndate: 2025-07-31\n---\n", [
        "\(path):2:7: error: 'title' must not be empty",
    ]),
    BadFile("title as a list", "---\ntitle: [A, B]\ndate: 2025-07-31\n---\n", [
        "\(path):2:8: error: 'title' must be a string, not a list",
    ]),
    BadFile("missing date", "---\ntitle: A\n---\n", [
        "\(path):1:1: error: missing required key 'date': add a line such as 'date: 2025-07-31'",
    ]),
    BadFile("a day February does not have", "---\ntitle: A\ndate: 2025-02-30\n---\n", [
        "\(path):3:7: error: invalid date '2025-02-30': February 2025 has 28 days",
    ]),
    BadFile("a date in words", "---\ntitle: A\ndate: yesterday\n---\n", [
        "\(path):3:7: error: invalid date 'yesterday': write it as 2025-07-31 or 2025-07-31T14:30:00+02:00",
    ]),
    BadFile("month 13", "---\ntitle: A\ndate: 2025-13-01\n---\n", [
        "\(path):3:7: error: invalid date '2025-13-01': there is no month 13",
    ]),
    BadFile("a bad updated date", "---\ntitle: A\ndate: 2025-07-31\nupdated: 2025-07-31T25:00:00Z\n---\n", [
        "\(path):4:10: error: invalid date '2025-07-31T25:00:00Z': hours go up to 23, minutes and seconds up to 59",
    ]),
    BadFile("topics as a string", "---\ntitle: A\ndate: 2025-07-31\ntopics: NASA\n---\n", [
        "\(path):4:9: error: 'topics' must be a list of strings, like [NASA, SpaceX]",
    ]),
    BadFile("topics as a number", "---\ntitle: A\ndate: 2025-07-31\ntopics: 42\n---\n", [
        "\(path):4:9: error: 'topics' must be a list of strings, like [NASA, SpaceX]",
    ]),
    BadFile("topics as a map", "---\ntitle: A\ndate: 2025-07-31\ntopics:\n  space: NASA\n---\n", [
        "\(path):5:3: error: 'topics' must be a list of strings, like [NASA, SpaceX]",
    ]),
    BadFile("a source map without a name", "---\ntitle: A\ndate: 2025-07-31\nsources:\n  - {url: 'https://nasa.gov'}\n---\n", [
        "\(path):5:5: error: a term in 'sources' needs a 'name', like {name: NASA, url: https://nasa.gov}",
    ]),
    BadFile("draft not a boolean", "---\ntitle: A\ndate: 2025-07-31\ndraft: maybe\n---\n", [
        "\(path):4:8: error: 'draft' must be true or false, not a string",
    ]),
    BadFile("duplicate keys", "---\ntitle: A\ndate: 2025-07-31\ntitle: B\n---\n", [
        "\(path):4:1: error: duplicate key 'title': it is already set on line 2; keep one of them",
    ]),
    BadFile("a byte that is not UTF-8", bytes: Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\ndate: 2025-07-31\n---\n".utf8), [
        "\(path):2:11: error: invalid UTF-8 byte 0xE9: save the file as UTF-8",
    ]),
    BadFile("front-matter that is a list", "---\n- title\n- date\n---\n", [
        "\(path):1:1: error: missing required key 'date': add a line such as 'date: 2025-07-31'",
        "\(path):1:1: error: missing required key 'title': add a line such as 'title: Crew-11 reaches the station'",
        "\(path):2:1: error: front-matter must be YAML keys such as 'title:' and 'date:', not a list",
    ]),
    BadFile("several problems in one file", "---\ntitle: [A]\ndate: 2025-02-29\ntopics: NASA\n---\n", [
        "\(path):2:8: error: 'title' must be a string, not a list",
        "\(path):3:7: error: invalid date '2025-02-29': February 2025 has 28 days",
        "\(path):4:9: error: 'topics' must be a list of strings, like [NASA, SpaceX]",
    ]),
]

/// The diagnostics of decoding `bytes` as an article, as printed.
func diagnostics(_ bytes: [UInt8], path: String = path, config: SiteConfig = testConfig) -> [String] {
    do {
        _ = try Article.make(from: bytes, path: path, config: config)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

let testConfig = SiteConfig(title: "Test", baseURL: "https://example.org/")

@Suite struct BadFileTests {
    @Test(arguments: badFiles)
    func aBadFileIsReportedWithItsExactDiagnostics(_ file: BadFile) {
        #expect(diagnostics(file.text) == file.expected)
    }

    @Test func anAliasBombIsRejectedQuicklyAtTheFirstAlias() {
        var yaml = "---\ntitle: A\ndate: 2025-07-31\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        yaml += "---\n"
        let start = ContinuousClock.now
        let found = diagnostics(Array(yaml.utf8))
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(found == [
            "\(path):5:10: error: YAML aliases such as '*a0' are not supported here; write the value out in full",
        ])
    }

    @Test func anAliasBombUsedAsAKeyIsRefusedBeforeYamsHashesIt() {
        var yaml = "---\ntitle: A\ndate: 2025-07-31\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        yaml += "x:\n  *a9 : 1\n  *a8 : 2\n---\n"
        let start = ContinuousClock.now
        let found = diagnostics(Array(yaml.utf8))
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(found == [
            "\(path):15:3: error: keys must be plain names: lists, maps, aliases and '? ' keys are not supported here",
        ])
    }

    @Test(arguments: [
        ("? [a, b]\n: 1\n", "\(path):2:1:"),
        ("x: {? [a]: 1}\n", "\(path):2:5:"),
        ("[a, b]: 1\n", "\(path):2:6:"),
        ("x:\n  - {a: 1}: 2\n", "\(path):3:10:"),
    ])
    func aKeyThatIsACollectionIsRefused(yaml: String, place: String) {
        let found = diagnostics(Array(("---\n" + yaml + "---\n").utf8))
        #expect(found == [
            "\(place) error: keys must be plain names: lists, maps, aliases and '? ' keys are not supported here",
        ])
    }

    @Test func markdownInABlockScalarIsNotMistakenForKeysOrAliases() throws {
        let yaml = "---\ntitle: A\ndate: 2025-07-31\nsummary: |\n  * a list item: yes\n  [1]: https://example.org\n  ? question\nauthor: B\n---\n"
        let article = try Article.make(from: Array(yaml.utf8), path: path, config: testConfig)
        #expect(article.frontMatter.summary == "* a list item: yes\n[1]: https://example.org\n? question\n")
        #expect(article.frontMatter.author == "B")
    }

    @Test func nestingDeeperThanTheLimitIsAnErrorAtTheDeepValue() {
        let depth = 100
        let yaml = "---\ntitle: A\ndate: 2025-07-31\ndeep: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "\n---\n"
        #expect(diagnostics(Array(yaml.utf8)) == ["\(path):4:71: error: YAML nests deeper than 64 levels"])
    }

    @Test func absurdNestingIsRefusedBeforeYamsRecursesIntoIt() {
        let depth = 100_000
        let yaml = "---\ntitle: A\ndate: 2025-07-31\ndeep: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "\n---\n"
        #expect(diagnostics(Array(yaml.utf8)) == ["\(path):4:263: error: YAML nests deeper than 64 levels"])
    }
}

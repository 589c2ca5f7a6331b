import Foundation
import Testing
@testable import SitegenTemplates

@Suite struct FilterTests {
    @Test func defaultReplacesUndefinedAndNull() throws {
        #expect(try render("{{ missing | default('x') }} {{ n | default('y') }} {{ s | default('z') }} {{ a.b.c | default(1) }}",
                           ["n": .null, "s": "set", "a": [:]]) == "x y set 1")
    }

    @Test func lengthCountsCharactersElementsAndEntries() throws {
        #expect(try render("{{ 'héllo' | length }} {{ [1, 2] | length }} {{ d | length }}", ["d": ["a": 1]]) == "5 2 1")
    }

    @Test func caseFiltersChangeCase() throws {
        #expect(try render("{{ 'MiXed' | lower }} {{ 'MiXed' | upper }} {{ 'hello WORLD' | capitalize }} {{ 'hello big-world' | title }}")
            == "mixed MIXED Hello world Hello Big-World")
    }

    @Test func trimRemovesSurroundingWhitespace() throws {
        #expect(try render("[{{ '  a b \n' | trim }}]") == "[a b]")
    }

    @Test func truncateCutsAtALengthAndAddsAnEllipsis() throws {
        #expect(try render("{{ 'Hello wonderful world' | truncate(5) }}") == "Hello…")
        #expect(try render("{{ 'Hello wonderful world' | truncate(6) }}") == "Hello…")
        #expect(try render("{{ 'short' | truncate(40) }}") == "short")
        #expect(try render("{{ 'Hello world' | truncate(length=5, end='...') }}") == "Hello...")
    }

    @Test func wordcountCountsWords() throws {
        #expect(try render("{{ ' one two\nthree ' | wordcount }}") == "3")
    }

    @Test func joinJoinsWithASeparatorAndEscapesAfterwards() throws {
        #expect(try render("{{ ['a', '<b>', 1] | join(', ') }}") == "a, &lt;b&gt;, 1")
        #expect(try render("{{ xs | join(' & ') }}", ["xs": [.html(HTML("<i>x</i>")), "<y>"]]) == "<i>x</i> &amp; &lt;y&gt;")
    }

    @Test func firstLastReverseAndSliceWorkOnLists() throws {
        #expect(try render("{{ [1, 2, 3] | first }} {{ [1, 2, 3] | last }} {{ [1, 2, 3] | reverse | join }} {{ 'abc' | reverse }}") == "1 3 321 cba")
        #expect(try render("{{ [1, 2, 3, 4] | slice(1, 3) | join }} {{ [1, 2, 3, 4] | slice(end=2) | join }} {{ [1, 2, 3, 4] | slice(-2) | join }}") == "23 12 34")
    }

    @Test func sortOrdersValuesOrDictionariesByAttribute() throws {
        #expect(try render("{{ [3, 1, 2] | sort | join }} {{ ['b', 'a'] | sort | join }}") == "123 ab")
        let people: Value = [["name": "Cy", "age": 3], ["name": "Al", "age": 9], ["name": "Bo", "age": 3]]
        #expect(try render("{% for p in ps | sort(attribute='name') %}{{ p.name }}{% endfor %}", ["ps": people]) == "AlBoCy")
        // Stable: ties keep their order.
        #expect(try render("{% for p in ps | sort('age') %}{{ p.name }}{% endfor %}", ["ps": people]) == "CyBoAl")
    }

    @Test func dateFormatsInTheEnvironmentsTimeZone() throws {
        let date = Value.date(Date(timeIntervalSince1970: 1_709_647_629))  // 2024-03-05T14:07:09Z
        let tokyo = TemplateOptions(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(try render("{{ d | date('%Y-%m-%d %H:%M') }}", ["d": date], options: tokyo) == "2024-03-05 23:07")
        #expect(try render("{{ d | date('%B %-d, %Y') }}|{{ d | date('%a %b %e %I%p %j') }}", ["d": date]) == "March 5, 2024|Tue Mar  5 02PM 065")
        #expect(try render("{{ d | date('%Y-%m-%dT%H:%M:%S%z') }}", ["d": date], options: tokyo) == "2024-03-05T23:07:09+0900")
        #expect(try render("{{ d | date('rfc3339') }} {{ d | date('iso8601') }}", ["d": date]) == "2024-03-05T14:07:09Z 2024-03-05T14:07:09Z")
        #expect(try render("{{ d | date('rfc2822') }}", ["d": date], options: tokyo) == "Tue, 05 Mar 2024 23:07:09 +0900")
        #expect(try render("{{ '2024-01-02' | date('%d/%m/%Y') }}") == "02/01/2024")
        #expect(try render("{{ d | date('%F %T %A %u %w %s %y %-m %:z 100%% %é RFC3339 %') }} {{ d | date('RFC3339') }}", ["d": date])
            == "2024-03-05 14:07:09 Tuesday 2 2 1709647629 24 3 +00:00 100% %é RFC3339 % 2024-03-05T14:07:09Z")
    }

    @Test("pluralize gives the singular for 1 (or -1) and the plural otherwise, a suffix or a whole word")
    func pluralizeChoosesByCount() throws {
        #expect(try render("{% for n in [0, 1, 2, -1, 21] %}{{ n }} article{{ n | pluralize }};{% endfor %}")
            == "0 articles;1 article;2 articles;-1 article;21 articles;")
        #expect(try render("{{ 1 | pluralize('person', 'people') }} {{ 3 | pluralize('person', 'people') }} {{ 2 | pluralize(plural='es') }}")
            == "person people es")
        #expect(try render("{{ 1.0 | pluralize }}|{{ 1.5 | pluralize }}|{{ xs | length | pluralize }}", ["xs": ["a"]]) == "|s|")
        #expect(try renderError(["t.html": "{{ '1' | pluralize }}"])?.error.message == "filter 'pluralize': expected a number, got string")
    }

    @Test func slugifyMakesASCIISlugs() throws {
        #expect(try render("{{ 'Hello, World! 2024' | slugify }}") == "hello-world-2024")
    }

    @Test func urlencodePercentEncodes() throws {
        #expect(try render("{{ 'a b&c/d' | urlencode }}") == "a%20b%26c/d")
    }

    @Test func jsonIsSafeInsideScriptElements() throws {
        let v: Value = ["b": ["</script>", 1, 2.5, true, .null], "a": "x&y\u{2028}'"]
        #expect(try render("{{ v | json }}", ["v": v])
            == #"{"a":"x\u0026y\u2028\u0027","b":["\u003c/script\u003e",1,2.5,true,null]}"#)
    }

    @Test("absolute_urls makes every link and image URL of markup absolute against the page, as a browser resolves them")
    func absoluteURLs() throws {
        let markup = HTML("""
            <p><a href="/news/topics/nasa/">NASA</a> <a href="#part-2">below</a> <a href="../other/?q=1&amp;r=2">next</a> \
            <a href="https://example.com/x">out</a> <a href="mailto:desk@example.org">mail</a> <a href="//cdn.example.net/a.js">cdn</a>\
            <img src="crew.jpg" srcset="/news/images/a-480.webp 480w, /news/images/a-800.webp 800w" alt="href=&quot;/x&quot;"></p>
            """)
        let out = try render("{{ c | absolute_urls(p) }}", ["c": .html(markup), "p": "https://example.org/news/articles/crew/"])
        #expect(out == """
            <p><a href="https://example.org/news/topics/nasa/">NASA</a> <a href="https://example.org/news/articles/crew/#part-2">below</a> \
            <a href="https://example.org/news/articles/other/?q=1&amp;r=2">next</a> \
            <a href="https://example.com/x">out</a> <a href="mailto:desk@example.org">mail</a> <a href="https://cdn.example.net/a.js">cdn</a>\
            <img src="https://example.org/news/articles/crew/crew.jpg" \
            srcset="https://example.org/news/images/a-480.webp 480w, https://example.org/news/images/a-800.webp 800w" alt="href=&quot;/x&quot;"></p>
            """)
        #expect(try renderError(["t.html": "{{ 'x' | absolute_urls('https://e.org/') }}"], "t.html")?.error.message
            == "filter 'absolute_urls': expected HTML (a page's content), got string")
    }

    @Test func xmlEscapesForFeeds() throws {
        #expect(try render("{{ t | xml }}", ["t": "A & <B> \"c\" 'd'"]) == "A &amp; &lt;B&gt; &quot;c&quot; &#39;d&#39;")
    }

    @Test("escape and xml print what their values are, though printing escapes straight into the page")
    func escapingFiltersPrintTheirValues() throws {
        let context: [String: Value] = ["h": .html(HTML("<p>A &amp; B</p>")), "s": "<b>'", "n": 3, "l": ["a"]]
        for filter in ["escape", "xml"] {
            for name in ["h", "s", "n"] {
                let printed = try render("{{ \(name) | \(filter) }}", context)
                let viaSet = try render("{% set v = \(name) | \(filter) %}{{ v }}", context)
                #expect(printed == viaSet, "\(name) | \(filter)")
            }
            #expect(try renderError(["t.html": "{{ l | \(filter) }}"], "t.html", context)?.error.message
                == "filter '\(filter)': cannot escape a list")
        }
        #expect(try render("{{ h | escape }}|{{ h | xml }}", context) == "<p>A &amp; B</p>|&lt;p&gt;A &amp;amp; B&lt;/p&gt;")
        // A host's own 'escape' is called, not the built-in's shortcut.
        let options = TemplateOptions(filters: ["escape": .string { $0.uppercased() }])
        #expect(try render("{{ s | escape }}", context, options: options) == "&lt;B&gt;&#39;")
    }

    @Test func striptagsLeavesTextToBeEscapedAfresh() throws {
        #expect(try render("{{ b | striptags }}", ["b": .html(HTML("<p>A &amp; <em>B</em></p>\n<p>C</p>"))]) == "A &amp; B C")
    }

    @Test func urlFiltersHonourTheBaseURLsPath() throws {
        let options = TemplateOptions(baseURL: "https://example.org/news/")
        #expect(try render("{{ '/topics/' | relative_url }} {{ '/topics/' | absolute_url }} {{ 'a.css' | relative_url }}", options: options)
            == "/news/topics/ https://example.org/news/topics/ /news/a.css")
        #expect(try render("{{ 'https://x.y/' | absolute_url }}", options: options) == "https://x.y/")
        #expect(try render("{{ '/a/' | absolute_url }}", options: TemplateOptions(baseURL: "https://example.org")) == "https://example.org/a/")
    }

    @Test func filtersChainLeftToRight() throws {
        #expect(try render("{{ '  Hello World  ' | trim | lower | truncate(5) | upper }}") == "HELLO…")
    }

    @Test func theHostCanAddAndReplaceFilters() throws {
        let options = TemplateOptions(filters: [
            "slugify": .string { "slug:" + $0 },
            "twice": Filter { input, args in
                let n = args.value("times", at: 0) ?? 2
                guard case .int(let times) = n, let s = input.stringValue else { throw FilterError("bad input") }
                return .string(String(repeating: s, count: times))
            },
        ])
        #expect(try render("{{ 'x' | slugify }} {{ 'ab' | twice }} {{ 'c' | twice(times=3) }}", options: options) == "slug:x abab ccc")
    }
}

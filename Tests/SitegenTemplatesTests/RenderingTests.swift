import Foundation
import Testing
@testable import SitegenTemplates

@Suite struct RenderingTests {
    @Test func printedStringsAreEscaped() throws {
        #expect(try render("{{ x }}", ["x": "<script>alert('&\"')</script>"])
            == "&lt;script&gt;alert(&#39;&amp;&quot;&#39;)&lt;/script&gt;")
    }

    @Test func escapingHoldsInsideAttributes() throws {
        let out = try render(#"<a title="{{ t }}" data-x='{{ t }}'>"#, ["t": #"He said "hi" & 'bye'"#])
        #expect(out == #"<a title="He said &quot;hi&quot; &amp; &#39;bye&#39;" data-x='He said &quot;hi&quot; &amp; &#39;bye&#39;'>"#)
    }

    @Test func trustedHTMLIsPrintedOnceAndNeverEscapedTwice() throws {
        let body = Value.html(HTML("<p>A &amp; B</p>"))
        #expect(try render("{{ body }}|{{ body | escape }}|{{ body | safe }}", ["body": body])
            == "<p>A &amp; B</p>|<p>A &amp; B</p>|<p>A &amp; B</p>")
        #expect(try render("{{ s | safe }}", ["s": "<b>x</b>"]) == "<b>x</b>")
        #expect(try render("{{ s | escape }}", ["s": "<b>"]) == "&lt;b&gt;")
    }

    @Test func numbersBooleansAndNullPrint() throws {
        #expect(try render("{{ 1 }} {{ 42 }} {{ 2.5 }} {{ 4.0 }} {{ true }} {{ none }}.") == "1 42 2.5 4.0 true .")
    }

    @Test func datesPrintAsRFC3339InTheEnvironmentsZone() throws {
        let date = Date(timeIntervalSince1970: 1_709_647_629)  // 2024-03-05T14:07:09Z
        #expect(try render("{{ d }}", ["d": .date(date)]) == "2024-03-05T14:07:09Z")
        let paris = TemplateOptions(timeZone: TimeZone(identifier: "Europe/Paris")!)
        #expect(try render("{{ d }}", ["d": .date(date)], options: paris) == "2024-03-05T15:07:09+01:00")
    }

    @Test func ifElifElseChoosesTheFirstTrueBranch() throws {
        let t = "{% if n > 2 %}big{% elif n == 2 %}two{% else %}small{% endif %}"
        #expect(try render(t, ["n": 3]) == "big")
        #expect(try render(t, ["n": 2]) == "two")
        #expect(try render(t, ["n": 1]) == "small")
    }

    @Test func forLoopsExposeLoopVariables() throws {
        let t = "{% for x in xs %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.length }}:{{ x }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %} {% endfor %}"
        #expect(try render(t, ["xs": ["a", "b", "c"]]) == "1/0/3:aF 2/1/3:b 3/2/3:cL ")
    }

    @Test func forElseRendersForAnEmptySequence() throws {
        #expect(try render("{% for x in xs %}{{ x }}{% else %}none{% endfor %}", ["xs": []]) == "none")
    }

    @Test func dictionariesIterateInSortedKeyOrder() throws {
        let d: Value = ["b": 2, "a": 1, "c": 3]
        #expect(try render("{% for k, v in d %}{{ k }}={{ v }};{% endfor %}", ["d": d]) == "a=1;b=2;c=3;")
        #expect(try render("{% for k in d %}{{ k }}{% endfor %}", ["d": d]) == "abc")
    }

    @Test func nestedLoopsSeeTheirOwnLoopAndOuterVariables() throws {
        let t = "{% for a in xs %}{% for b in ys %}{{ a }}{{ b }}{{ loop.index }}{% endfor %},{% endfor %}"
        #expect(try render(t, ["xs": [1, 2], "ys": ["x", "y"]]) == "1x11y2,2x12y2,")
    }

    @Test func setInsideALoopIsScopedToTheIteration() throws {
        let t = "{% set n = 0 %}{% for x in xs %}{% set n = x %}{{ n }}{% endfor %}|{{ n }}"
        #expect(try render(t, ["xs": [1, 2]]) == "12|0")
    }

    @Test func setInsideIfReachesTheFollowingSiblings() throws {
        #expect(try render("{% if true %}{% set a = 'y' %}{% endif %}{{ a }}") == "y")
    }

    @Test func includesSeeTheCallersVariables() throws {
        let out = try render(["t.html": "[{% for x in xs %}{% include \"partials/x.html\" %}{% endfor %}]",
                              "partials/x.html": "<{{ x }}>"], "t.html", ["xs": [1, 2]])
        #expect(out == "[<1><2>]")
    }

    @Test func commentsRenderNothing() throws {
        #expect(try render("a{# {{ nope }} #}b") == "ab")
    }

    @Test func whitespaceControlTrimsBothSides() throws {
        let t = """
        <ul>
          {%- for x in xs %}
          <li>{{- x -}}</li>
          {%- endfor %}
        </ul>
        """
        #expect(try render(t, ["xs": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>")
        #expect(try render("a {#- c -#} b") == "ab")
    }

    @Test func expressionsFollowPrecedence() throws {
        #expect(try render("{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 7 % 3 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ -2 + 5 }}") == "7 9 1 3.5 3 3")
        #expect(try render("{{ 'a' ~ 1 + 2 }}") == "a3")
        #expect(try render("{{ not false and true }} {{ false or 'x' }}") == "true x")
        #expect(try render("{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 3 not in [1, 2] }} {{ 'k' in d }}", ["d": ["k": 1]]) == "true true true true")
        #expect(try render("{{ 1 < 2 }} {{ 2 <= 2 }} {{ 'a' > 'b' }} {{ 3 >= 4 }} {{ 1 == 1.0 }} {{ 'a' != 'a' }}") == "true true false false true false")
    }

    @Test func lookupsReachIntoListsAndDictionaries() throws {
        let ctx: [String: Value] = ["page": ["title": "T", "tags": ["x", "y"], "meta": ["k": "v"]]]
        #expect(try render(#"{{ page.title }} {{ page.tags[1] }} {{ page.tags.0 }} {{ page["meta"]["k"] }} {{ page.tags[-1] }}"#, ctx) == "T y x v y")
    }

    @Test func testsCheckDefinedEmptyAndNone() throws {
        let ctx: [String: Value] = ["a": ["b": 1], "e": [], "s": "", "n": .null]
        #expect(try render("{{ a.b is defined }} {{ a.c is defined }} {{ z is not defined }} {{ z.y is defined }}", ctx) == "true false true false")
        #expect(try render("{{ e is empty }} {{ s is empty }} {{ a is not empty }} {{ n is none }}", ctx) == "true true true true")
    }

    @Test func concatenationKeepsTrustedHTMLTrusted() throws {
        #expect(try render("{{ b ~ '<i>' }}", ["b": .html(HTML("<b>"))]) == "<b>&lt;i&gt;")
        #expect(try render("{{ 'x' ~ 1 ~ true }}") == "x1true")
    }

    @Test func theSameTemplateRendersIdenticallyFromManyTasks() async throws {
        let env = try TemplateEnvironment(loader: .memory([
            "base.html": "<h1>{% block title %}{% endblock %}</h1>{% block body %}{% endblock %}",
            "page.html": "{% extends \"base.html\" %}{% block title %}{{ title }}{% endblock %}{% block body %}{% for t in tags %}{% include \"tag.html\" %}{% endfor %}{% endblock %}",
            "tag.html": "<a href=\"{{ t | slugify | relative_url }}\">{{ t | upper }}</a>",
        ]))
        let context: [String: Value] = ["title": "Q&A", "tags": Value((0..<50).map { "Tag \($0)" })]
        let expected = try env.render("page.html", context: context)
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { try env.render("page.html", context: context) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.count == 64)
        #expect(outputs.allSatisfy { $0 == expected })
        #expect(expected.hasPrefix("<h1>Q&amp;A</h1><a href=\"/tag-0\">TAG 0</a>"))
    }

    @Test func renderingAppendsToAByteBuffer() throws {
        let env = try TemplateEnvironment(loader: .memory(["t.html": "{{ x }}"]))
        var buffer = Array("start:".utf8)
        try env.render("t.html", context: ["x": "é"], into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "start:é")
        var string = ">"
        try env.render("t.html", context: ["x": 1], into: &string)
        #expect(string == ">1")
    }

    @Test func valuesConvertFromSwiftTypes() throws {
        struct Tag: ValueConvertible {
            var name: String
            var templateValue: Value { ["name": .string(name)] }
        }
        let v = Value([Tag(name: "a"), Tag(name: "b")])
        #expect(try render("{% for t in ts %}{{ t.name }}{% endfor %}", ["ts": v]) == "ab")
        #expect(Value(["n": 1, "s": "x"] as [String: any ValueConvertible]) == ["n": 1, "s": "x"])
        #expect(Value(Optional<Int>.none) == .null)
    }
}

@Suite struct CachedIncludeTests {
    let templates = [
        "t.html": "{% for item in items %}{% include \"card.html\" cached_by item.id %};{% endfor %}",
        "card.html": "{{ item.name }}@{{ build }}",
    ]

    private func render(_ env: TemplateEnvironment, build: Int, cache: RenderCache?) throws -> String {
        var bytes: [UInt8] = []
        let items: Value = [["id": 1, "name": "a"], ["id": 2, "name": "b"], ["id": 1, "name": "a"]]
        try env.render("t.html", context: ["items": items, "build": .int(build)], into: &bytes, cache: cache)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("a cached_by include renders once per key for every render sharing the cache")
    func rendersOncePerKey() throws {
        let env = try TemplateEnvironment(loader: .memory(templates))
        let cache = RenderCache()
        #expect(try render(env, build: 1, cache: cache) == "a@1;b@1;a@1;")
        // The same keys later in the pass reuse the first output (the promise: it depends on the key only).
        #expect(try render(env, build: 2, cache: cache) == "a@1;b@1;a@1;")
        #expect(cache.count == 2)
        // A new pass, a new cache; and no cache renders every time.
        #expect(try render(env, build: 3, cache: RenderCache()) == "a@3;b@3;a@3;")
        #expect(try render(env, build: 4, cache: nil) == "a@4;b@4;a@4;")
    }

    @Test("keys may be lists; a key that is a dictionary is an error at the key")
    func keys() throws {
        let env = try TemplateEnvironment(loader: .memory([
            "t.html": "{% include \"p.html\" cached_by [a, 1, true, none] %}{% include \"p.html\" cached_by d %}",
            "p.html": "x",
        ]))
        do {
            var bytes: [UInt8] = []
            try env.render("t.html", context: ["a": "k", "d": ["k": 1]], into: &bytes, cache: RenderCache())
            Issue.record("expected an error")
        } catch {
            #expect(error.error.message == "a cached_by key must be a string, a number, a boolean or a list of them, not a dictionary")
            #expect(error.error.line == 1 && error.error.column == 82)
        }
        #expect(!loadErrors(["t.html": "{% include \"p.html\" cached_by %}", "p.html": ""]).isEmpty)
    }
}

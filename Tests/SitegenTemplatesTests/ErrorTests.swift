import Foundation
import Testing
@testable import SitegenTemplates

@Suite struct LoadErrorTests {
    private func only(_ templates: [String: String]) throws -> TemplateError {
        let errors = loadErrors(templates)
        try #require(errors.count == 1, "\(errors)")
        return errors[0]
    }

    @Test func anUnknownFilterIsReportedWithItsLineColumnAndCaret() throws {
        let e = try only(["x.html": "<p>\n{{ foo | nope }}\n</p>"])
        #expect(e.path == "Templates/x.html")
        #expect((e.line, e.column) == (2, 10))
        #expect(e.message == "unknown filter 'nope'")
        #expect(e.excerpt == ["  2 | {{ foo | nope }}", "    |          ^"])
        #expect(e.description == "Templates/x.html:2:10: unknown filter 'nope'\n  2 | {{ foo | nope }}\n    |          ^")
    }

    @Test func aSyntaxErrorNamesWhatWasExpected() throws {
        let e = try only(["x.html": "{{ a + }}"])
        #expect((e.line, e.column, e.message) == (1, 8, "expected an expression, found '}}'"))
    }

    @Test func anUnknownFilterGetsTheFilterMeant() throws {
        let errors = loadErrors(["x.html": "{{ t | upcase }}\n{{ t | lenght }}\n{{ t | defualt('') }}\n{{ t | tojson }}\n{{ t | Lower }}"])
        #expect(errors.map { "\($0.line):\($0.column): \($0.message)" } == [
            "1:8: unknown filter 'upcase': did you mean 'upper'?",
            "2:8: unknown filter 'lenght': did you mean 'length'?",
            "3:8: unknown filter 'defualt': did you mean 'default'?",
            "4:8: unknown filter 'tojson': did you mean 'json'?",
            "5:8: unknown filter 'Lower': did you mean 'lower'?",
        ])
    }

    @Test func aFilterSynonymIsOfferedOnlyWhenTheFilterExists() throws {
        // A host's own filters are candidates too.
        let options = TemplateOptions(filters: ["shout": .string { $0.uppercased() + "!" }])
        do {
            _ = try TemplateEnvironment(loader: .memory(["x.html": "{{ t | shuot }}"], displayPrefix: "Templates"), options: options)
            Issue.record("loaded")
        } catch {
            #expect(error.errors.map(\.message) == ["unknown filter 'shuot': did you mean 'shout'?"])
        }
    }

    @Test func anUnknownTestIsReported() throws {
        let e = try only(["x.html": "{% if a is odd %}{% endif %}"])
        #expect((e.line, e.column, e.message) == (1, 12, "unknown test 'odd'"))
    }

    @Test func anUnknownTagIsReported() throws {
        let e = try only(["x.html": "a\n  {% macro x %}"])
        #expect((e.line, e.column, e.message) == (2, 6, "unknown tag 'macro'"))
    }

    @Test func aMismatchedEndTagNamesTheOpenTag() throws {
        let errors = loadErrors(["x.html": "{% if a %}\n  {% endfor %}\n{% endif %}"])
        #expect(errors.map(\.message) == ["'endfor' does not close 'if' opened at 1:4"])
        #expect(errors.map { "\($0.line):\($0.column)" } == ["2:6"])
    }

    @Test func anUnclosedBlockTagIsReportedWhereItOpens() throws {
        let e = try only(["x.html": "<ul>\n{% for x in xs %}\n<li>"])
        #expect((e.line, e.column, e.message) == (2, 4, "unclosed 'for' (expected '{% endfor %}')"))
        #expect(e.excerpt == ["  2 | {% for x in xs %}", "    |    ^"])
    }

    @Test func anUnclosedPrintTagIsReported() throws {
        let e = try only(["x.html": "a {{ b"])
        #expect((e.line, e.column, e.message) == (1, 3, "unclosed '{{' (expected '}}')"))
    }

    @Test func anUnclosedStringIsReported() throws {
        let e = try only(["x.html": "{{ 'abc }}"])
        #expect((e.line, e.column, e.message) == (1, 4, "unclosed string literal"))
    }

    @Test func aMismatchedEndblockNameIsReported() throws {
        let e = try only(["x.html": "{% block a %}{% endblock b %}"])
        #expect((e.line, e.column, e.message) == (1, 26, "'endblock b' does not close block 'a'"))
    }

    @Test func missingIncludeAndExtendsTargetsAreReportedAtTheirNames() throws {
        let errors = loadErrors([
            "a.html": "{% extends \"nope.html\" %}",
            "b.html": "x\n{% include \"partials/missing.html\" %}",
        ])
        #expect(errors.map(\.description) == [
            "Templates/a.html:1:12: unknown template 'nope.html'\n  1 | {% extends \"nope.html\" %}\n    |            ^",
            "Templates/b.html:2:12: unknown template 'partials/missing.html'\n  2 | {% include \"partials/missing.html\" %}\n    |            ^",
        ])
    }

    @Test func extendsCyclesAreReported() throws {
        let errors = loadErrors(["a.html": "{% extends \"b.html\" %}", "b.html": "{% extends \"a.html\" %}"])
        #expect(errors.map(\.message) == ["extends cycle: a.html → b.html → a.html"])
        #expect(errors.first?.path == "Templates/a.html")
    }

    @Test func includeCyclesAreReported() throws {
        let errors = loadErrors(["a.html": "{% include \"b.html\" %}", "b.html": "x{% include \"c.html\" %}", "c.html": "{% include \"a.html\" %}"])
        #expect(errors.map(\.message) == ["include cycle: a.html → b.html → c.html → a.html"])
        #expect(errors.map { "\($0.path):\($0.line):\($0.column)" } == ["Templates/a.html:1:12"])
    }

    @Test func superOutsideAnOverridingBlockIsReported() throws {
        #expect(loadErrors(["a.html": "{{ super() }}"]).map(\.message) == ["super() outside a block"])
        #expect(loadErrors(["a.html": "{% block x %}{{ super() }}{% endblock %}"]).map(\.message)
            == ["super() in block 'x', but no parent template defines 'x'"])
    }

    @Test func aBrokenParentIsReportedOnceAtItselfNotInEveryChild() throws {
        // Without its tree, base.html defines no block: the children's super() calls are not
        // checked against it, so the one mistake is one error, in base.html.
        let child = "{% extends \"base.html\" %}{% block body %}{{ super() }}{% endblock %}"
        let errors = loadErrors([
            "base.html": "<title>{{ \"oops }}</title>\n{% block body %}{% endblock %}",
            "a.html": child, "b.html": child, "c.html": "{% extends \"b.html\" %}",
        ])
        #expect(errors.map(\.description) == [
            "Templates/base.html:1:11: unclosed string literal\n  1 | <title>{{ \"oops }}</title>\n    |           ^",
        ])
        let parseProblem = loadErrors(["base.html": "{% block body %}{% if %}{% endif %}{% endblock %}", "a.html": child])
        #expect(parseProblem.map { "\($0.path):\($0.line):\($0.column): \($0.message)" } == [
            "Templates/base.html:1:23: expected an expression, found '%}'",
        ])
    }

    @Test func aChildOfAMissingParentGetsOneErrorNotASecondForSuper() throws {
        let errors = loadErrors(["a.html": "{% extends \"nope.html\" %}{% block body %}{{ super() }}{% endblock %}"])
        #expect(errors.map(\.message) == ["unknown template 'nope.html'"])
    }

    @Test func superWithNoParentBlockIsStillReportedWhenTheParentIsFine() throws {
        let errors = loadErrors(["base.html": "{% block head %}{% endblock %}",
                                 "a.html": "{% extends \"base.html\" %}{% block body %}{{ super() }}{% endblock %}"])
        #expect(errors.map { "\($0.path):\($0.line):\($0.column): \($0.message)" } == [
            "Templates/a.html:1:45: super() in block 'body', but no parent template defines 'body'",
        ])
    }

    @Test func extendsMustComeFirst() throws {
        #expect(loadErrors(["a.html": "hi {% extends \"b.html\" %}", "b.html": ""]).map(\.message) == ["'extends' must come first in the template"])
    }

    @Test func loadingCollectsEveryErrorFromEveryTemplateSorted() throws {
        let errors = loadErrors([
            "b.html": "{{ x | one }}\n{{ y | two }}\n{% if %}{% endif %}",
            "a.html": "{% for x in %}{% endfor %}\n{% include \"gone.html\" %}",
            "c.html": "fine",
        ])
        #expect(errors.map { "\($0.path):\($0.line):\($0.column): \($0.message)" } == [
            "Templates/a.html:1:13: expected an expression, found '%}'",
            "Templates/a.html:2:12: unknown template 'gone.html'",
            "Templates/b.html:1:8: unknown filter 'one'",
            "Templates/b.html:2:8: unknown filter 'two'",
            "Templates/b.html:3:7: expected an expression, found '%}'",
        ])
    }
}

@Suite struct RenderErrorTests {
    @Test func anUnknownVariableIsAnErrorAtItsPosition() throws {
        let e = try #require(try renderError(["t.html": "<h1>\n  {{ titel }}</h1>"]))
        #expect(e.description == "Templates/t.html:2:6: unknown variable 'titel'\n  2 |   {{ titel }}</h1>\n    |      ^")
    }

    @Test func anUnknownAttributeNamesThePath() throws {
        let e = try #require(try renderError(["t.html": "{{ page.author.nmae }}"], "t.html", ["page": ["author": ["name": "A"]]]))
        #expect((e.line, e.column, e.message) == (1, 16, "unknown attribute 'nmae' of 'page.author': did you mean 'name'?"))
    }

    @Test func anUnknownVariableGetsTheNameInScopeItIsASlipOf() throws {
        let context: [String: Value] = ["article": ["title": "T"], "site": ["title": "S"]]
        let e = try #require(try renderError(["t.html": "<h1>{{ artcle.title }}</h1>"], "t.html", context))
        #expect(e.description == """
            Templates/t.html:1:8: unknown variable 'artcle': did you mean 'article'?
              1 | <h1>{{ artcle.title }}</h1>
                |        ^
            """)
        let inLoop = "{% set heading = 1 %}{% for key, item in d %}{{ iten }}{{ kye }}{{ haeding }}{{ lop.index }}{% endfor %}"
        let messages = try [inLoop, inLoop.replacingOccurrences(of: "{{ iten }}", with: ""),
                            inLoop.replacingOccurrences(of: "{{ iten }}{{ kye }}", with: ""),
                            inLoop.replacingOccurrences(of: "{{ iten }}{{ kye }}{{ haeding }}", with: "")]
            .map { try #require(try renderError(["t.html": $0], "t.html", ["d": ["a": 1]])).message }
        #expect(messages == [
            "unknown variable 'iten': did you mean 'item'?", "unknown variable 'kye': did you mean 'key'?",
            "unknown variable 'haeding': did you mean 'heading'?", "unknown variable 'lop': did you mean 'loop'?",
        ])
    }

    @Test func anUnknownVariableFarFromEveryNameGetsNoSuggestion() throws {
        let e = try #require(try renderError(["t.html": "{{ headline }}"], "t.html", ["article": ["title": "T"]]))
        #expect(e.message == "unknown variable 'headline'")
    }

    @Test func anUnknownAttributeGetsTheKeyOfThatValueItIsASlipOf() throws {
        let context: [String: Value] = ["article": ["title": "T", "summary": "S", "wordCount": 3]]
        let e = try #require(try renderError(["t.html": "<h1>{{ article.titel }}</h1>"], "t.html", context))
        #expect(e.description == """
            Templates/t.html:1:16: unknown attribute 'titel' of 'article': did you mean 'title'?
              1 | <h1>{{ article.titel }}</h1>
                |                ^
            """)
        let cased = try #require(try renderError(["t.html": "{{ article.wordcount }}"], "t.html", context))
        #expect(cased.message == "unknown attribute 'wordcount' of 'article': did you mean 'wordCount'?")
        let loop = try #require(try renderError(["t.html": "{% for x in [1] %}{{ loop.idnex }}{% endfor %}"]))
        #expect(loop.message == "unknown attribute 'idnex' of 'loop': did you mean 'index'?")
    }

    @Test func aFieldThisValueLacksIsNotAnsweredWithAnotherField() throws {
        // A source without a homepage has no 'homepage' key: the error stays plain (the theme
        // asks `is defined` first), and no sibling field is offered in its place.
        let term: Value = ["name": "Reuters", "slug": "reuters", "url": "/sources/reuters/", "feedURL": "/sources/reuters/feed.xml"]
        let e = try #require(try renderError(["t.html": "{{ term.homepage }}"], "t.html", ["term": term]))
        #expect(e.message == "unknown attribute 'homepage' of 'term'")
        #expect(try render("{% if term.homepage is defined %}{{ term.homepage }}{% endif %}", ["term": term]) == "")
    }

    @Test func anAttributeOfAStringIsAnError() throws {
        let e = try #require(try renderError(["t.html": "{{ s.x }}"], "t.html", ["s": "str"]))
        #expect(e.message == "'s' is a string, it has no attribute 'x'")
    }

    @Test func anIndexOutOfRangeIsAnError() throws {
        let e = try #require(try renderError(["t.html": "{{ xs[3] }}"], "t.html", ["xs": [1]]))
        #expect((e.column, e.message) == (6, "index 3 is out of range for 'xs' (1 elements)"))
    }

    @Test func printingAListIsAnError() throws {
        let e = try #require(try renderError(["t.html": "{{ xs }}"], "t.html", ["xs": [1]]))
        #expect(e.message == "cannot print a list; loop over it or use a filter such as 'join' or 'json'")
    }

    @Test func aFilterErrorIsReportedAtTheFilter() throws {
        let e = try #require(try renderError(["t.html": "{{ 3 | upper }}"]))
        #expect((e.column, e.message) == (8, "filter 'upper': expected a string, got integer"))
    }

    @Test func errorsInsideIncludesKeepTheChain() throws {
        let e = try #require(try renderError([
            "base.html": "{% block body %}{% endblock %}",
            "page.html": "{% extends \"base.html\" %}\n{% block body %}\n  {% include \"partials/card.html\" %}{% endblock %}",
            "partials/card.html": "<div>{{ missing }}</div>",
        ], "page.html"))
        #expect(e.description == """
            Templates/partials/card.html:1:9: unknown variable 'missing'
              1 | <div>{{ missing }}</div>
                |         ^
              included from Templates/page.html:3:6
              rendering Templates/page.html, which extends Templates/base.html
            """)
        #expect(e.trace == ["included from Templates/page.html:3:6", "rendering Templates/page.html, which extends Templates/base.html"])
    }

    @Test func anUnknownTemplateNameIsAnError() throws {
        let env = try TemplateEnvironment(loader: .memory([:]))
        #expect(throws: TemplateRenderError.self) { try env.render("nope.html", context: [:]) }
        #expect(!env.hasTemplate("nope.html"))
    }
}

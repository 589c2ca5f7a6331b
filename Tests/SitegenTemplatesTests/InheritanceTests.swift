import Testing
@testable import SitegenTemplates

@Suite struct InheritanceTests {
    let templates = [
        "base.html": "<title>{% block title %}Site{% endblock %}</title><main>{% block content %}base{% endblock %}</main>",
        "section.html": "{% extends \"base.html\" %}{% block title %}Section · {{ super() }}{% endblock %}{% block content %}<section>{% block inner %}section{% endblock %}</section>{% endblock content %}",
        "page.html": "{% extends \"section.html\" %}ignored{% block title %}Page · {{ super() }}{% endblock %}{% block inner %}page, then {{ super() }}{% endblock %}",
    ]

    @Test func threeLevelsOfInheritanceChainSuper() throws {
        #expect(try render(templates, "page.html") == "<title>Page · Section · Site</title><main><section>page, then section</section></main>")
        #expect(try render(templates, "section.html") == "<title>Section · Site</title><main><section>section</section></main>")
        #expect(try render(templates, "base.html") == "<title>Site</title><main>base</main>")
    }

    @Test func childBlocksSeeTheRenderContext() throws {
        let t = ["base.html": "{% block a %}{% endblock %}", "c.html": "{% extends \"base.html\" %}{% block a %}{{ x }}{% for i in [1, 2] %}{{ i }}{% endfor %}{% endblock %}"]
        #expect(try render(t, "c.html", ["x": "X"]) == "X12")
    }

    @Test func includedTemplatesCanExtendTheirOwnBase() throws {
        let t = [
            "card-base.html": "[{% block body %}{% endblock %}]",
            "card.html": "{% extends \"card-base.html\" %}{% block body %}card{% endblock %}",
            "page.html": "{% block body %}page{% include \"card.html\" %}{% endblock %}",
        ]
        #expect(try render(t, "page.html") == "page[card]")
    }
}

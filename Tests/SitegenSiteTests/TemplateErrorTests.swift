import Foundation
@testable import SitegenTestSupport
import SitegenSite
import SitegenSupport
import Testing

/// A template mistake that every page meets is one diagnostic, in memory and in a session kept
/// between builds (`sitegen serve`) as through the binary (`BadInputTests`).
@Suite struct TemplateErrorTests {
    static let slip = "Templates/base.html:3:17: error: unknown attribute 'titel' of 'site': did you mean 'title'?"

    static func siteWithSlipInBase() -> SiteFolder {
        let site = SiteFolder.newsSite(articles: 6)
        site.write("Templates/base.html", """
            <title>{% block title %}{% endblock %}</title>{% block meta %}{% endblock %}
            <main>{% block content %}{% endblock %}</main>
            <footer>{{ site.titel }}</footer>

            """)
        return site
    }

    @Test("a slip in base.html is one error, with the pages it is on, not one per page or per child template")
    func oneErrorForEveryPage() throws {
        let site = Self.siteWithSlipInBase()
        let errors = site.errors()
        try #require(errors.count == 1, "\(errors)")
        #expect(errors[0].hasPrefix(Self.slip + " (on "), "\(errors[0])")
        #expect(errors[0].hasSuffix(" pages, such as /)"), "\(errors[0])")
    }

    @Test("the same in a session kept between builds, as sitegen serve keeps one")
    func oneErrorInASession() throws {
        let site = Self.siteWithSlipInBase()
        do {
            _ = try site.rebuild()
            Issue.record("the build succeeded")
        } catch {
            #expect(error.diagnostics.map(site.relative).map { $0.hasPrefix(Self.slip) } == [true], "\(error.diagnostics)")
        }
    }
}

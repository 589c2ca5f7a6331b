import Foundation
@testable import SitegenTemplates
import Testing

/// No theme can hang a build or exhaust the machine: each render stops past its limits, with an
/// error at the template position that crossed one, naming the setting that raises it.
@Suite struct LimitTests {
    static let small = RenderLimits(loopIterations: 1_000, outputBytes: 10_000, valueBytes: 4_096, nesting: 8, raisedBy: "site.yml's limits:")

    func failure(_ templates: [String: String], limits: RenderLimits = small) -> TemplateRenderError? {
        do {
            let env = try TemplateEnvironment(loader: .memory(templates, displayPrefix: "Templates"), options: .init(limits: limits))
            _ = try env.render("t.html", context: ["items": .list((0..<100).map { .int($0) })])
            return nil
        } catch let error as TemplateRenderError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test("loop iterations: a triple loop stops at the limit, at the loop that crossed it")
    func iterations() throws {
        let error = try #require(failure(["t.html": "{% for a in items %}{% for b in items %}{% for c in items %}{% endfor %}{% endfor %}{% endfor %}"]))
        #expect(error.error.message == "this page runs more than 1,000 loop iterations: raise site.yml's limits: loopIterations if this is meant")
        #expect((error.error.path, error.error.line, error.error.column) == ("Templates/t.html", 1, 44), "the innermost loop, where the limit was crossed")
        // Within the limit, the same loops run.
        #expect(failure(["t.html": "{% for a in items %}{% for b in items %}{% endfor %}{% endfor %}"],
                        limits: RenderLimits(loopIterations: 10_100)) == nil)
    }

    @Test("output: a page past its bytes stops")
    func output() throws {
        let error = try #require(failure(["t.html": "{% for a in items %}{% for b in items %}0123456789{% endfor %}{% endfor %}"],
                                         limits: RenderLimits(outputBytes: 20_000, raisedBy: "site.yml's limits:")))
        #expect(error.error.message == "this page is more than 20,000 bytes of output: raise site.yml's limits: pageBytes if this is meant")
    }

    @Test("values: a list added to itself, or a string joined to itself, stops when it passes the limit")
    func values() throws {
        let doubling = "{% set l = [1] %}" + String(repeating: "{% set l = l + l %}", count: 40) + "{{ l | length }}"
        let error = try #require(failure(["t.html": doubling]))
        #expect(error.error.message == "this makes a value of more than 4,096 bytes: raise site.yml's limits: valueBytes if this is meant")
        let joined = "{% set s = \"ab\" %}" + String(repeating: "{% set s = s ~ s %}", count: 40) + "{{ s }}"
        #expect(try #require(failure(["t.html": joined])).error.message.hasPrefix("this makes a value of more than 4,096 bytes"))
        // A filter applied again and again is caught too, at four times the limit.
        let replaced = "{% set s = \"ab\" %}" + String(repeating: "{% set s = s | json %}", count: 40) + "{{ s }}"
        #expect(try #require(failure(["t.html": replaced])).error.message.hasPrefix("this makes a value of more than 16,384 bytes"))
        // The default limit (16 MiB) is reached long before the 2^40 items the template asks for.
        let started = Date()
        #expect(failure(["t.html": doubling], limits: RenderLimits()) != nil)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("nesting: a chain of includes deeper than the limit stops")
    func nesting() throws {
        var chain = ["t.html": "{% include \"i1.html\" %}", "i12.html": "end"]
        for i in 1..<12 { chain["i\(i).html"] = "{% include \"i\(i + 1).html\" %}" }
        let error = try #require(failure(chain))
        #expect(error.error.message == "includes nest more than 8 deep: raise site.yml's limits: nesting if this is meant")
    }
}

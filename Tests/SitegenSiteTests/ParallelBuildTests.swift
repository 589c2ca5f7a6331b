import Foundation
@testable import SitegenTestSupport
import SitegenSite
import Testing

/// A generated corpus whose bodies are full of what cmark-gfm's extensions parse (tables,
/// strikethrough, autolinks, task lists, footnotes): where parsers on two threads used to corrupt each other.
enum GeneratedCorpus {
    static func files(articles: Int) -> [String: String] {
        var files = ["Content/site.yml": "title: Parallel\nbaseURL: https://example.org/\nperPage: 7\n"]
        let topics = ["NASA", "Crew‑11", "SpaceX", "Año Espacial", "Москва", "ISS", "Mars"]
        let sources = ["Reuters", "AP News", "BBC"]
        for i in 0..<articles {
            let day = 1 + i % 28, month = 1 + (i / 28) % 12
            let t = [topics[i % topics.count], topics[(i * 3 + 1) % topics.count]]
            let s = sources[i % sources.count]
            files["Content/articles/a\(i).md"] = """
                ---
                title: "Article \(i): ~~draft~~ www.example.org"
                date: 2025-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)
                topics: [\(t.joined(separator: ", "))]
                sources: [\(s)]
                ---

                Opening \(i) with ~~struck~~ text, www.w\(i).example and mail\(i)@example.org. (\(s))

                ## Table \(i)

                | a | b | c |
                |---|:-:|--:|
                | ~x~ | www.t\(i).example | https://h.example/\(i) |

                - [x] done
                - [ ] open[^n\(i)]

                [^n\(i)]: Note \(i) | with ~ and www.f\(i).example.
                """
        }
        return files
    }
}

@Suite struct ParallelBuildTests {
    @Test("a corpus built on one thread and on several gives the same bytes, every time")
    func parallelEqualsSerial() throws {
        let site = SiteFolder(files: GeneratedCorpus.files(articles: 240))
        var serialOptions = site.options()
        serialOptions.threads = 1
        let serial = try SiteBuilder.buildInMemory(serialOptions).files
        #expect(serial.count > 240)
        for _ in 0..<6 {
            var options = site.options()
            options.threads = 4
            let parallel = try SiteBuilder.buildInMemory(options).files
            #expect(parallel.map(\.path) == serial.map(\.path))
            let differing = zip(parallel, serial).filter { $0.bytes != $1.bytes }.map(\.0.path)
            #expect(differing.isEmpty, "differ: \(differing.prefix(5))")
        }
    }
}

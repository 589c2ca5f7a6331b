import Foundation

/// The data of both pages, as plain Swift values; each engine gets its own conversion.
struct Topic { var name: String; var url: String }
struct Article { var title: String; var url: String; var date: String; var author: String; var topics: [Topic]; var summary: String; var body: String }

enum Data {
    static let site = (
        title: "Field & Notes",
        description: "Writing about <static> sites",
        menu: [("Home", "/"), ("Topics", "/topics/"), ("About", "/about/"), ("Feed", "/feed.xml")]
    )

    static func topics(_ n: Int, offset: Int = 0) -> [Topic] {
        (0..<n).map { i in Topic(name: "Topic \(i + offset) & \"more\"", url: "/topics/topic-\(i + offset)/") }
    }

    /// About 6 KB of trusted body HTML.
    static let body: String = {
        var s = ""
        var i = 0
        while s.utf8.count < 6 * 1024 {
            s += "<p>Paragraph \(i): static sites are <em>fast</em> &amp; simple; templates render them, "
            s += "and the engine must never escape this body twice. Lorem ipsum dolor sit amet, consectetur.</p>\n"
            i += 1
        }
        return s
    }()

    static let article = Article(
        title: "Rendering <fast> pages & feeds", url: "/2024/rendering/", date: "March 5, 2024",
        author: "A. O'Brien", topics: topics(20), summary: "", body: body)

    static let termArticles: [Article] = (0..<20).map { i in
        Article(title: "Article \(i): \"quotes\" & <tags>", url: "/2024/article-\(i)/", date: "March \(i + 1), 2024",
                author: "B", topics: topics(3, offset: i),
                summary: "<p>The summary of article \(i), with <strong>markup</strong> &amp; entities.</p>", body: "")
    }
    static let termName = "Swift & Servers"
}

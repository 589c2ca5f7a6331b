import SitegenSupport
import Testing
@testable import SitegenMarkdown

/// What safe mode leaves out is recorded, so the build can say so; a video link alone in its
/// paragraph becomes a click-to-load player that needs no raw HTML.
@Suite struct EmbedAndOmittedHTMLTests {
    @Test("each piece of raw HTML safe mode omits is recorded once per line, at its '<'")
    func omittedHTMLPositions() throws {
        let rendered = Markdown.render(try Fixture.text("raw-html.md"), path: "a.md", lineOffset: 4)
        #expect(rendered.omittedHTML.map { "\($0.position.line):\($0.position.column)" } == [
            "5:13", "7:1", "11:18", "13:1", "17:1", "19:1",
        ])
        #expect(rendered.omittedHTML.allSatisfy { !$0.isVideoFrame })
        #expect(rendered.omittedHTML.allSatisfy { $0.filteredTag == nil })
    }

    @Test("with unsafeHTML on, each tag GFM's tag filter still escapes is recorded once per line, at its '<'")
    func filteredTags() throws {
        let rendered = Markdown.render(try Fixture.text("raw-html.md"), options: MarkdownOptions(unsafeHTML: true))
        // <b>, <div>, <h2> pass; <script>, <iframe>, <textarea>… are shown as text (the closing tag is the same slip).
        #expect(rendered.omittedHTML.map { "\($0.position.line):\($0.position.column) \($0.filteredTag ?? "-")" } == [
            "4:1 iframe", "7:43 script", "9:1 script", "15:1 textarea",
        ])
        #expect(rendered.html.contains("&lt;script>alert(1)"))
        #expect(rendered.html.contains("<b>inline</b>"))
        // Names that only start like a filtered tag are not one.
        #expect(Markdown.render("<scripts>x</scripts> <titles>\n", options: MarkdownOptions(unsafeHTML: true)).omittedHTML.isEmpty)
        #expect(Markdown.render("<SCRIPT src=x></SCRIPT>\n", options: MarkdownOptions(unsafeHTML: true)).omittedHTML
            .map(\.filteredTag) == ["script"])
    }

    @Test("a pasted YouTube or Vimeo iframe is known as one, for the hint")
    func videoFrames() {
        let youtube = "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>\n"
        #expect(Markdown.render(youtube).omittedHTML.map(\.isVideoFrame) == [true])
        #expect(Markdown.render("Text <iframe src=\"https://player.vimeo.com/video/1\"></iframe>\n").omittedHTML.map(\.isVideoFrame) == [true])
        #expect(Markdown.render("<iframe src=\"https://example.org/map\"></iframe>\n").omittedHTML.map(\.isVideoFrame) == [false])
    }

    @Test("video page URLs and the player each becomes", arguments: [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=1m30s", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ#x", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=42"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("http://www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
    ])
    func videoURLs(url: String, player: String) {
        #expect(VideoEmbed(url: url)?.playerURL == player)
    }

    @Test("other URLs are not videos", arguments: [
        "https://www.youtube.com/", "https://www.youtube.com/watch?v=short", "https://www.youtube.com/watch?v=dQw4w9WgXcQ\"x",
        "https://www.youtube.com/@channel", "https://youtu.be/dQw4w9WgXcQ/extra", "https://vimeo.com/channels/staffpicks",
        "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ", "https://user@youtube.com/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", "/watch?v=dQw4w9WgXcQ",
    ])
    func notVideos(url: String) {
        #expect(VideoEmbed(url: url) == nil)
    }

    @Test("a video link alone in its paragraph becomes the placeholder, with its own text or a default")
    func placeholder() {
        let html = Markdown.render("Before.\n\n[The mayor's speech](https://vimeo.com/76979871)\n\nhttps://youtu.be/dQw4w9WgXcQ\n").html
        #expect(html == """
            <p>Before.</p>
            <figure class="video-embed" data-embed-src="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1" data-embed-title="The mayor's speech">
            <a class="video-embed-link" href="https://vimeo.com/76979871">The mayor's speech</a>
            <figcaption>Vimeo video: it loads from vimeo.com only when you play it</figcaption>
            </figure>
            <figure class="video-embed" data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1" data-embed-title="YouTube video">
            <a class="video-embed-link" href="https://youtu.be/dQw4w9WgXcQ">Watch the video on YouTube</a>
            <figcaption>YouTube video: it loads from youtube-nocookie.com only when you play it</figcaption>
            </figure>

            """)
        #expect(!html.contains("<iframe"), "nothing is loaded from the provider before a click")
    }

    @Test("a video link inside a sentence, or with other inline content, stays a link", arguments: [
        "Watch [the launch](https://youtu.be/dQw4w9WgXcQ) live.",
        "[*The launch*](https://youtu.be/dQw4w9WgXcQ)",
        "https://youtu.be/dQw4w9WgXcQ https://vimeo.com/1",
        "> https://youtu.be/dQw4w9WgXcQ x",
    ])
    func staysALink(source: String) {
        #expect(!Markdown.render(source + "\n").html.contains("video-embed"))
    }
}

import SitegenSupport

// The build cache's encoding of a Markdown result's facts (the body HTML is stored apart, by digest).

extension BinaryWriter {
    public mutating func writeFacts(_ m: RenderedMarkdown, in path: String) {
        write(m.headings) { w, h in
            w.write(h.level)
            w.write(h.text)
            w.write(h.id)
            w.write(h.position, in: path)
        }
        write(m.summary)
        write(m.wordCount)
        write(m.links) { w, link in
            w.write(link.kind == .image)
            w.write(link.url)
            w.write(link.position, in: path)
            w.write(link.altIsEmpty)
        }
        write(m.attributions) { w, a in
            w.write(a.paragraphIndex)
            w.write(a.sources) { $0.write($1) }
            w.write(a.position, in: path)
        }
        write(m.omittedHTML) { w, o in
            w.write(o.position, in: path)
            w.write(o.isVideoFrame)
            w.write(o.filteredTag)
        }
    }
}

extension BinaryReader {
    /// The facts of a Markdown result, with `html` as given.
    public mutating func readFacts(html: String, in path: String) throws(MalformedData) -> RenderedMarkdown {
        let headings = try readList { r throws(MalformedData) in
            let level = try r.readInt()
            let text = try r.readString()
            let id = try r.readString()
            return RenderedMarkdown.Heading(level: level, text: text, id: id, position: try r.readPosition(in: path))
        }
        let summary = try readString()
        let wordCount = try readInt()
        let links = try readList { r throws(MalformedData) in
            let kind: RenderedMarkdown.Link.Kind = try r.readBool() ? .image : .link
            let url = try r.readString()
            let position = try r.readPosition(in: path)
            return RenderedMarkdown.Link(kind: kind, url: url, position: position, altIsEmpty: try r.readBool())
        }
        let attributions = try readList { r throws(MalformedData) in
            let paragraph = try r.readInt()
            let sources = try r.readList { r throws(MalformedData) in try r.readString() }
            return RenderedMarkdown.Attribution(paragraphIndex: paragraph, sources: sources, position: try r.readPosition(in: path))
        }
        let omitted = try readList { r throws(MalformedData) in
            RenderedMarkdown.OmittedHTML(
                position: try r.readPosition(in: path), isVideoFrame: try r.readBool(),
                filteredTag: try r.readOptionalString())
        }
        return RenderedMarkdown(
            html: html, headings: headings, summary: summary, wordCount: wordCount, links: links, attributions: attributions,
            omittedHTML: omitted)
    }
}

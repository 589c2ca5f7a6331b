import Foundation
import SitegenSupport

// The build cache's encoding of decoded front-matter (see SitegenSupport.BinaryWriter).

extension BinaryWriter {
    public mutating func write(_ fm: FrontMatter, in path: String) {
        write(fm.title)
        write(fm.date != nil)
        if let date = fm.date { write(date) }
        write(fm.dateText)
        write(fm.updated != nil)
        if let updated = fm.updated { write(updated) }
        write(fm.updatedText)
        write(fm.expires != nil)
        if let expires = fm.expires { write(expires) }
        write(fm.terms) { w, refs in
            w.write(refs) { w, ref in
                w.write(ref.name)
                w.write(ref.url)
                w.write(ref.position, in: path)
            }
        }
        write(fm.summary)
        write(fm.slug)
        write(fm.hasExplicitSlug)
        write(fm.author)
        write(fm.draft)
        write(fm.aliases) { $0.write($1) }
        write(fm.image != nil)
        if let image = fm.image { write(image, in: path) }
        write(fm.params) { $0.write($1) }
        write(fm.position, in: path)
        write(fm.valuePositions) { $0.write($1, in: path) }
        write(fm.role)
        write(fm.links) { w, link in
            w.write(link.title)
            w.write(link.url)
        }
        write(fm.corrections) { w, correction in
            w.write(correction.date)
            w.write(correction.dateText)
            w.write(correction.text)
            w.write(correction.position, in: path)
        }
    }

    public mutating func write(_ param: ParamValue) {
        switch param {
        case .string(let s): write(0 as UInt64); write(s)
        case .int(let i): write(1 as UInt64); write(i)
        case .double(let d): write(2 as UInt64); write(d)
        case .bool(let b): write(3 as UInt64); write(b)
        case .date(let date, let text): write(4 as UInt64); write(date); write(text)
        case .list(let items): write(5 as UInt64); write(items) { $0.write($1) }
        case .map(let entries): write(6 as UInt64); write(entries) { $0.write($1) }
        case .null: write(7 as UInt64)
        }
    }
}

extension BinaryReader {
    public mutating func readFrontMatter(in path: String) throws(MalformedData) -> FrontMatter {
        let title = try readString()
        let date = try readBool() ? try readDate() : nil
        let dateText = try readOptionalString()
        let updated = try readBool() ? try readDate() : nil
        let updatedText = try readOptionalString()
        let expires = try readBool() ? try readDate() : nil
        let terms = try readDictionary { r throws(MalformedData) in
            try r.readList { r throws(MalformedData) in
                let name = try r.readString()
                let url = try r.readOptionalString()
                return TermRef(name: name, url: url, position: try r.readPosition(in: path))
            }
        }
        let summary = try readOptionalString()
        let slug = try readString()
        let hasExplicitSlug = try readBool()
        let author = try readOptionalString()
        let draft = try readBool()
        let aliases = try readList { r throws(MalformedData) in try r.readString() }
        let image = try readBool() ? try readLeadImage(in: path) : nil
        let params = try readDictionary { r throws(MalformedData) in try r.readParam(depth: 0) }
        let position = try readPosition(in: path)
        let valuePositions = try readDictionary { r throws(MalformedData) in try r.readPosition(in: path) }
        let role = try readOptionalString()
        let links = try readList { r throws(MalformedData) in ProfileLink(title: try r.readString(), url: try r.readString()) }
        let corrections = try readList { r throws(MalformedData) in
            Correction(date: try r.readDate(), dateText: try r.readString(), text: try r.readString(), position: try r.readPosition(in: path))
        }
        var frontMatter = FrontMatter(
            title: title, date: date, dateText: dateText, updated: updated, updatedText: updatedText, terms: terms,
            summary: summary, slug: slug, hasExplicitSlug: hasExplicitSlug, author: author, draft: draft,
            aliases: aliases, params: params, position: position, valuePositions: valuePositions)
        frontMatter.image = image
        frontMatter.expires = expires
        frontMatter.role = role
        frontMatter.links = links
        frontMatter.corrections = corrections
        return frontMatter
    }

    mutating func readParam(depth: Int) throws(MalformedData) -> ParamValue {
        guard depth < 256 else { throw MalformedData("parameters nested too deep") }
        switch try readUInt64() {
        case 0: return .string(try readString())
        case 1: return .int(try readInt())
        case 2: return .double(try readDouble())
        case 3: return .bool(try readBool())
        case 4:
            let date = try readDate()
            return .date(date, text: try readString())
        case 5: return .list(try readList { r throws(MalformedData) in try r.readParam(depth: depth + 1) })
        case 6: return .map(try readDictionary { r throws(MalformedData) in try r.readParam(depth: depth + 1) })
        case 7: return .null
        default: throw MalformedData("bad parameter tag")
        }
    }
}

import Foundation
import SitegenImages
import SitegenSupport
import SitegenTemplates

/// The markup of processed images in a body: cmark's `<img src="crew.jpg" alt="…" />` becomes a
/// `<picture>` with a `<source>` per modern format and an `<img>` with `src`, `srcset`, `sizes`,
/// `width` and `height` (the browser keeps the space: no layout shift), `loading="lazy"` and
/// `decoding="async"`; alone in its paragraph with a title, a `<figure>` with the title as
/// `<figcaption>` in place of the paragraph. This is the one place sitegen's body HTML differs
/// from cmark-gfm's for images.
struct ImageMarkup: Sendable {
    let urls: SiteURLs
    /// The processed image of each URL as written in Markdown.
    let images: [String: ImageRecord]

    /// The widths the theme's article column shows an image at; the browser picks from `srcset` by it.
    static let sizes = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
    /// The width of a card's thumbnail in the theme's grid.
    static let cardSizes = "(min-width: 46rem) 22rem, calc(100vw - 2rem)"

    /// `{{ article.content | image_sizes("(min-width: 60rem) 55rem, 100vw") }}`: every `sizes` of
    /// the photos in some markup set to a theme's own column width, said once where it prints them.
    static let sizesFilter = Filter { input, arguments in
        guard case .html(let html) = input else { throw FilterError("image_sizes takes markup (article.content, article.image.html)") }
        guard let sizes = arguments.value("sizes", at: 0)?.stringValue, !sizes.isEmpty else {
            throw FilterError("image_sizes needs the sizes, like image_sizes(\"(min-width: 60rem) 55rem, 100vw\")")
        }
        let escaped = HTMLEscape.escape(sizes)
        return .html(HTML(html.markup.replacing(/\ssizes="[^"]*"/) { _ in " sizes=\"\(escaped)\"" }))
    }

    func apply(to body: String) -> String {
        var out = ""
        out.reserveCapacity(body.utf8.count + 512 * images.count)
        var rest = Substring(body)
        // `<p><img … /></p>` (a captioned figure) or `<img … />`.
        while let match = rest.firstMatch(of: /(<p>)?<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")? \/>(<\/p>\n?)?/) {
            out += rest[..<match.range.lowerBound]
            let src = match.output.2, alt = match.output.3, title = match.output.4
            guard let record = record(for: String(src)) else {
                out += rest[match.range]
                rest = rest[match.range.upperBound...]
                continue
            }
            let picture = self.picture(record, alt: String(alt))
            let alone = match.output.1 != nil && match.output.5 != nil
            if alone, let title, !title.isEmpty {
                out += "<figure class=\"figure\">\n\(picture)\n<figcaption>\(title)</figcaption>\n</figure>\n"
            } else {
                out += (match.output.1 ?? "") + picture + (match.output.5 ?? "")
            }
            rest = rest[match.range.upperBound...]
        }
        out += rest
        return out
    }

    /// The record of an `<img src>` as cmark escaped it (`&amp;`, `%20`), written plain or put under the base path.
    private func record(for src: String) -> ImageRecord? {
        let plain = src.replacingOccurrences(of: "&amp;", with: "&")
        for candidate in [plain, plain.removingPercentEncoding ?? plain] {
            if let record = images[candidate] { return record }
            if let written = images.keys.first(where: { urls.relative($0) == candidate }) { return images[written] }
        }
        return nil
    }

    /// A `<picture>` (or, for an SVG or a copied GIF, a plain `<img>`) of `record`; `alt` is escaped already.
    func picture(_ record: ImageRecord, alt: String, lead: Bool = false, sizes: String = ImageMarkup.sizes) -> String {
        let loading = lead ? "fetchpriority=\"high\" decoding=\"async\"" : "loading=\"lazy\" decoding=\"async\""
        let formats = record.variants.reduce(into: [ImageFormat]()) { if !$0.contains($1.format) { $0.append($1.format) } }
        guard let (fallbacks, src, largest) = Self.fallbackFiles(record) else { return "" }
        let size = "width=\"\(largest.width)\" height=\"\(largest.height)\""
        guard fallbacks.count > 1 || formats.count > 1 else {
            return "<img src=\"\(url(src))\" \(size) alt=\"\(alt)\" \(loading)>"
        }
        var lines = ["<picture>"]
        for format in formats.dropLast() {
            let set = record.variants.filter { $0.format == format }
            lines.append("<source type=\"\(format.mediaType)\" srcset=\"\(srcset(set))\" sizes=\"\(sizes)\">")
        }
        lines.append("<img src=\"\(url(src))\" srcset=\"\(srcset(fallbacks))\" sizes=\"\(sizes)\" \(size) alt=\"\(alt)\" \(loading)>")
        lines.append("</picture>")
        return lines.joined(separator: "\n")
    }

    /// The template value of a lead image: its page `<picture>`, its card thumbnail, its social preview.
    func object(for lead: LeadImageFiles) -> ImageObject {
        let alt = lead.meta.alt ?? ""
        let full = ImageRecord(header: lead.record.header, variants: lead.record.variants.filter { $0.role.isEmpty })
        let thumbs = ImageRecord(header: lead.record.header, variants: lead.record.variants.filter { $0.role == "thumb" })
        let social = lead.record.variants.first { $0.role == "og" }
        let files = Self.fallbackFiles(full)
        let src = files?.src, largest = files?.largest
        return ImageObject(
            url: src.map { urls.url("images/" + $0.name) } ?? "", permalink: src.map { urls.permalink("images/" + $0.name) } ?? "",
            type: src?.format.mediaType ?? "", length: src?.length ?? 0, alt: alt, caption: lead.meta.caption, credit: lead.meta.credit,
            width: largest?.width ?? lead.record.header.width, height: largest?.height ?? lead.record.header.height,
            html: picture(full, alt: HTMLEscape.escape(alt), lead: true),
            thumbnail: thumbs.variants.isEmpty ? nil : picture(thumbs, alt: HTMLEscape.escape(alt), sizes: Self.cardSizes),
            social: social.map { (urls.permalink("images/" + $0.name), $0.width, $0.height) },
            crops: ImageCrop.structuredData.compactMap { crop in
                lead.record.variants.first { $0.role == crop.role }.map {
                    ImageObject.Crop(ratio: crop.role.replacingOccurrences(of: "x", with: ":"),
                                     url: urls.permalink("images/" + $0.name), width: $0.width, height: $0.height)
                }
            })
    }

    /// The files in the fallback format (the last one), the one `src` names (the widest up to
    /// 1200 px, else the narrowest), and the widest, whose size the markup declares.
    private static func fallbackFiles(
        _ record: ImageRecord
    ) -> (all: [ImageRecord.Variant], src: ImageRecord.Variant, largest: ImageRecord.Variant)? {
        guard let fallback = record.variants.last?.format else { return nil }
        let files = record.variants.filter { $0.format == fallback }
        guard let first = files.first, let largest = files.last else { return nil }
        return (files, files.last { $0.width <= 1200 } ?? first, largest)
    }

    private func srcset(_ variants: [ImageRecord.Variant]) -> String {
        variants.map { "\(url($0)) \($0.width)w" }.joined(separator: ", ")
    }

    private func url(_ variant: ImageRecord.Variant) -> String { HTMLEscape.escape(urls.url("images/" + variant.name)) }
}

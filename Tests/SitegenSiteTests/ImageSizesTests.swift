import Foundation
import SitegenImages
import SitegenSite
@testable import SitegenTestSupport
import Testing

/// A theme with another column width says so once, with `image_sizes`.
@Suite struct ImageSizesTests {
    @Test("image_sizes sets every photo's sizes in the markup it is given, escaped")
    func themeSizes() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config())
            -- Content/articles/a/index.md --
            \(SiteFolder.article("A photo", date: "2025-07-31", body: "![The quay](quay.jpg)"))
            """)
        site.copyImage("photo-900.jpg", to: "Content/articles/a/quay.jpg")
        let template = try String(contentsOf: site.root.appendingPathComponent("Templates/article.html"), encoding: .utf8)
        site.write("Templates/article.html", template.replacingOccurrences(
            of: "{{ article.content }}", with: "{{ article.content | image_sizes(\"(min-width: 60rem) 55rem, 100vw\") }}"))
        let page = try #require(try site.build()["articles/a/index.html"])
        let sizes = page.matches(of: /sizes="([^"]*)"/).map { String($0.output.1) }
        #expect(sizes == ["(min-width: 60rem) 55rem, 100vw", "(min-width: 60rem) 55rem, 100vw"], "\(sizes)")
    }
}

/// `images: formats` that this libvips cannot write are skipped with one line, never a failure.
@Suite struct ImageFormatSkipTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test("without an AV1 encoder, AVIF is skipped with one notice and the pages offer WebP and JPEG")
    func avifWithoutEncoder() throws {
        let site = SiteFolder("""
            -- Content/site.yml --
            \(SiteFolder.config(extra: "images: {formats: [avif, webp]}"))
            -- Content/articles/a/index.md --
            \(SiteFolder.article("A photo", date: "2025-07-31", body: "![The quay](quay.jpg)"))
            """)
        site.copyImage("photo-900.jpg", to: "Content/articles/a/quay.jpg")
        let notices = Lines()
        var options = BuildOptions(sourceDirectory: site.path)
        options.encodableImageFormats = [.webp, .jpeg, .png]
        options.notice = { notices.add($0) }
        let built = try SiteBuilder.buildInMemory(options)
        #expect(notices.all == [
            "sitegen: images: AVIF skipped: this libvips cannot encode it (for AVIF, libheif needs an AV1 encoder such as libaom); "
                + "the pages offer WebP and JPEG or PNG",
        ])
        let images = built.files.map(\.path).filter { $0.hasPrefix("images/") }
        #expect(!images.isEmpty && images.allSatisfy { $0.hasSuffix(".webp") || $0.hasSuffix(".jpg") }, "\(images)")
        let page = String(decoding: try #require(built.files.first { $0.path == "articles/a/index.html" }).bytes, as: UTF8.self)
        #expect(!page.contains("image/avif") && page.contains("<source type=\"image/webp\""))

        // With the encoder (this machine's libvips), AVIF files are made and offered first.
        options.encodableImageFormats = nil
        let full = try SiteBuilder.buildInMemory(options)
        #expect(notices.all.count == 1)
        let withAVIF = String(decoding: try #require(full.files.first { $0.path == "articles/a/index.html" }).bytes, as: UTF8.self)
        #expect(withAVIF.contains("<source type=\"image/avif\""))
    }
}

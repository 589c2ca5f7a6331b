import Foundation
@testable import SitegenTestSupport
import Testing

/// Photos in Markdown, through the real binary: files sized as the HTML says, upright, with no
/// metadata, made once; and every bad image an error at its Markdown position.
@Suite struct ImageBuildTests {
    static let story = """
        ---
        title: Crew-11 docks
        date: 2025-07-31
        ---
        The capsule docked.

        ![The crew in the hatch](crew.jpg "The crew enters the station.")

        A wide view: ![The station from the capsule](photos/station.jpg)
        """
    static let bundle = "Content/articles/2025-07-31-crew-11"

    func site() -> SiteFolder {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "\(Self.bundle)/index.md": Self.story])
        site.copyImage("rotated-gps.jpg", to: "\(Self.bundle)/crew.jpg")
        site.copyImage("photo-900.jpg", to: "\(Self.bundle)/photos/station.jpg")
        return site
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("each photo becomes WebP and JPEG files no wider than itself, upright, sized as the HTML says, with no metadata")
    func photos() throws {
        let site = site()
        let run = try SitegenRun.run(["build"], in: site.root)
        #expect(run.status == 0 && !run.stderr.contains("warning"), "\(run.stderr)")
        #expect(run.stdout.contains("images: 2 encoded, 0 reused"))
        let files = site.snapshot("Public")
        let images = files.keys.filter { $0.hasPrefix("images/") }.sorted()
        #expect(images.count == 8, "\(images)")  // crew: 400 (its own width) × 2 formats; station: 480, 800, 900 × 2
        #expect(images.filter { $0.contains("station") }.map { $0.split(separator: "-").last! }.sorted()
            == ["480.jpg", "480.webp", "800.jpg", "800.webp", "900.jpg", "900.webp"])
        for name in images {
            let bytes = files[name]!
            for secret in ["SecretCam", "GPS-SECRET", "Exif\0\0"] {
                let leaked = bytes.range(of: Data(secret.utf8)) != nil
                #expect(!leaked, "\(name) keeps \(secret)")
            }
        }
        let page = String(decoding: files["articles/crew-11/index.html"]!, as: UTF8.self)
        #expect(page.contains("<figure class=\"figure\">\n<picture>\n<source type=\"image/webp\" srcset=\"/images/crew-"))
        #expect(page.contains("width=\"400\" height=\"600\" alt=\"The crew in the hatch\" loading=\"lazy\" decoding=\"async\">"),
                "the rotated photo is 400 × 600 upright")
        #expect(page.contains("<figcaption>The crew enters the station.</figcaption>\n</figure>"))
        #expect(page.contains("width=\"900\" height=\"600\" alt=\"The station from the capsule\""))
        // Every file the HTML names exists.
        for match in page.matches(of: /\/images\/([a-z0-9-]+\.(?:webp|jpg))/) {
            #expect(files["images/" + match.output.1] != nil, "\(match.output.1)")
        }
        // JPEG dimensions, read from the file's SOF marker: what the name and the HTML say.
        let jpeg = files[images.first { $0.hasSuffix("-800.jpg") }!]!
        let size = Self.jpegSize(jpeg)
        #expect(size?.0 == 800 && size?.1 == 533)
    }

    @Test("a second build encodes nothing and leaves every file as it was; editing the text re-encodes nothing")
    func cache() throws {
        let site = site()
        #expect(try SitegenRun.run(["build"], in: site.root).status == 0)
        let dates = Self.modificationDates(site.root.appendingPathComponent("Public/images"))
        let again = try SitegenRun.run(["build"], in: site.root)
        #expect(again.stdout.contains("images: 0 encoded, 2 reused"), "\(again.stdout)")
        #expect(Self.modificationDates(site.root.appendingPathComponent("Public/images")) == dates)
        site.write("\(Self.bundle)/index.md", Self.story.replacingOccurrences(of: "The capsule docked.", with: "The capsule docked at 10:31."))
        let edited = try SitegenRun.run(["build"], in: site.root)
        #expect(edited.stdout.contains("images: 0 encoded, 2 reused"), "\(edited.stdout)")
    }

    @Test("an image file lost from Public/ with the cache's copy damaged is made again, byte for byte")
    func damagedCacheCopy() throws {
        let site = site()
        #expect(try SitegenRun.run(["build", "--quiet"], in: site.root).status == 0)
        let first = site.snapshot("Public").filter { $0.key.hasPrefix("images/") }
        let lost = try #require(first.keys.sorted().first)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public/" + lost))
        let cache = site.root.appendingPathComponent(".sitegen-cache")
        for pack in try FileManager.default.contentsOfDirectory(atPath: cache.path) where pack.hasSuffix(".pack") {
            let url = cache.appendingPathComponent(pack)
            var bytes = try Data(contentsOf: url)
            for i in stride(from: 0, to: bytes.count, by: 97) { bytes[i] ^= 0x5A }
            try bytes.write(to: url)
        }
        let again = try SitegenRun.run(["build"], in: site.root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(site.snapshot("Public").filter { $0.key.hasPrefix("images/") } == first)
    }

    @Test("every bad image is an error at its Markdown position, all listed, and Public/ is not touched")
    func badImages() throws {
        let site = SiteFolder(files: ["Content/site.yml": siteYML, "\(Self.bundle)/index.md": """
            ---
            title: Bad images
            date: 2025-07-31
            ---
            ![Missing](nope.jpg)

            ![Outside](../../../secret.jpg)

            ![A web page](page.jpg)

            ![Cut short](cut.jpg)

            ![A bomb](bomb.png)

            ![A chart](chart.svg)

            ![A TIFF](scan.tiff)
            """])
        site.copyImage("not-an-image.jpg", to: "\(Self.bundle)/page.jpg")
        site.copyImage("truncated.jpg", to: "\(Self.bundle)/cut.jpg")
        site.copyImage("bomb.png", to: "\(Self.bundle)/bomb.png")
        site.copyImage("photo.tiff", to: "\(Self.bundle)/scan.tiff")
        site.write("\(Self.bundle)/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>\n")
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 1)
        let md = "\(Self.bundle)/index.md"
        #expect(lines(run.stderr) == [
            "\(md):5:1: error: image 'nope.jpg' is missing: there is no file \(Self.bundle)/nope.jpg",
            "\(md):7:1: error: image '../../../secret.jpg' leaves Content/: an image must be a file under Content/ "
                + "(beside the article, or from the root, /images/x.jpg)",
            "\(md):9:1: error: image 'page.jpg' cannot be published: not an image: no JPEG, PNG, WebP or GIF decoder recognises its bytes",
            "\(md):11:1: error: image 'cut.jpg' cannot be published: the JPEG file is cut short (truncated): its end marker is missing; "
                + "export it again",
            "\(md):13:1: error: image 'bomb.png' cannot be published: the image is 60000×60000 pixels, more than images: maxPixels "
                + "(100000000) allows: make it smaller, or raise maxPixels in site.yml if it is meant",
            "\(md):15:1: error: image 'chart.svg' cannot be published: the SVG does not parse: line 3: Opening and ending tag mismatch: g line 2 and svg",
            "\(md):17:1: error: image 'scan.tiff' cannot be published: unsupported image format (TiffBuffer): use JPEG, PNG, WebP or GIF",
            "sitegen: error: build failed with 7 errors; Public was left as it was",
        ])
        #expect(site.snapshot("Public").isEmpty)
    }

    @Test("an image without alt text is a warning in build and an error in check")
    func altText() throws {
        let site = site()
        site.write("\(Self.bundle)/index.md", Self.story.replacingOccurrences(of: "![The crew in the hatch]", with: "![]"))
        let build = try SitegenRun.run(["build", "--quiet"], in: site.root)
        let warning = "\(Self.bundle)/index.md:7:1: warning: image 'crew.jpg' has no alt text: describe it between the brackets, "
            + "![like this](crew.jpg)"
        #expect(build.status == 0 && lines(build.stderr) == [warning])
        let check = try SitegenRun.run(["check"], in: site.root)
        #expect(check.status == 1)
        #expect(lines(check.stderr).first { !SiteFolder.isStructuredDataWarning($0) }
            == warning.replacingOccurrences(of: ": warning: ", with: ": error: "))
    }

    @Test("a lead image: a priority <picture> with caption and credit, a 1.91:1 social preview, 3:2 card thumbnails")
    func leadImage() throws {
        let site = site()
        site.write("\(Self.bundle)/index.md", Self.story.replacingOccurrences(of: "date: 2025-07-31\n", with: """
            date: 2025-07-31
            image: {src: photos/station.jpg, alt: "The station from the capsule", caption: "An hour before docking.", credit: "NASA/Joel Kowsky", focus: [0.6, 0.4]}

            """))
        site.write("Content/articles/2025-07-30-older.md", "---\ntitle: Older\ndate: 2025-07-30\nimage: older.jpg\n---\nText.\n")
        site.copyImage("photo-900.jpg", to: "Content/articles/older.jpg")
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 0)
        #expect(lines(run.stderr) == [
            "Content/articles/2025-07-30-older.md:4:8: warning: the lead image 'older.jpg' has no alt text: "
                + "write image: {src: older.jpg, alt: \"what it shows\"}",
        ])
        let files = site.snapshot("Public")
        let page = String(decoding: files["articles/crew-11/index.html"]!, as: UTF8.self)
        let lead = page.between("<figure class=\"lead-image\">", "</figure>")
        #expect(lead.contains("fetchpriority=\"high\"") && !lead.contains("loading=\"lazy\""), "\(lead)")
        #expect(lead.contains("<figcaption>An hour before docking. <span class=\"credit\">NASA/Joel Kowsky</span></figcaption>"))
        let og = try #require(page.firstMatch(of: /<meta property="og:image" content="https:\/\/example\.org\/images\/([a-z0-9-]+\.jpg)">/))
        #expect(page.contains("<meta property=\"og:image:width\" content=\"900\">\n<meta property=\"og:image:height\" content=\"472\">"),
                "a 900 px photo gives the largest 1.91:1 box it holds")
        #expect(page.contains("<meta property=\"og:image:alt\" content=\"The station from the capsule\">"))
        #expect(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        let social = files["images/" + og.output.1]!
        let size = Self.jpegSize(social)
        #expect(size?.0 == 900 && size?.1 == 472)
        let home = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(home.contains("<article class=\"card card-lead has-image\">"), "the lead story shows its photo")
        let card = home.between("<article class=\"card has-image\">", "</article>")
        #expect(card.contains("-thumb-400.webp 400w") && card.contains("-thumb-800.jpg 800w") && card.contains("loading=\"lazy\""),
                "\(card)")
        #expect(card.contains("width=\"800\" height=\"533\""), "3:2")
        // The feed carries the lead image: an Atom enclosure and a Media RSS item, with its size in bytes.
        let feed = String(decoding: files["feed.xml"]!, as: UTF8.self)
        let entry = feed.between("<title>Crew-11 docks</title>", "</entry>")
        let enclosure = try #require(entry.firstMatch(
            of: /<link rel="enclosure" type="image\/jpeg" length="(\d+)" href="https:\/\/example\.org\/images\/(station-[0-9a-f]{12}-900\.jpg)"\/>/))
        #expect(Int(enclosure.output.1) == files["images/" + enclosure.output.2]?.count, "the length is the file's")
        #expect(entry.contains("<media:content url=\"https://example.org/images/\(enclosure.output.2)\" medium=\"image\" type=\"image/jpeg\""))
        #expect(entry.contains("<media:description type=\"plain\">The station from the capsule</media:description>"))
        #expect(entry.contains("<media:credit>NASA/Joel Kowsky</media:credit>"))
        let check = try SitegenRun.run(["check"], in: site.root)
        #expect(check.status == 0, "every file the pages name exists: \(check.stderr)")
        #expect(check.stderr.contains("warning: the lead image 'older.jpg' has no alt text"))
    }

    @Test("site.yml's image: the social preview of every page without a lead image of its own")
    func siteImage() throws {
        let site = site()
        site.write("Content/site.yml", siteYML + "\nimage: {src: /images/desk.jpg, alt: The newsroom}\n")
        site.copyImage("photo-900.jpg", to: "Content/images/desk.jpg")
        site.write("\(Self.bundle)/index.md", Self.story.replacingOccurrences(of: "date: 2025-07-31\n", with: "date: 2025-07-31\nimage: {src: crew.jpg, alt: The crew}\n"))
        site.write("Content/articles/2025-07-30-older.md", "---\ntitle: Older\ndate: 2025-07-30\n---\nText.\n")
        let run = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let files = site.snapshot("Public")
        func ogImage(_ path: String) -> String? {
            String(decoding: files[path] ?? Data(), as: UTF8.self)
                .firstMatch(of: /<meta property="og:image" content="https:\/\/example\.org\/images\/([a-z0-9-]+\.jpg)">/).map { String($0.output.1) }
        }
        for page in ["index.html", "articles/older/index.html", "topics/index.html", "404.html"] {
            #expect(ogImage(page)?.hasPrefix("desk-") == true, "\(page): \(ogImage(page) ?? "no og:image")")
        }
        #expect(ogImage("articles/crew-11/index.html")?.hasPrefix("crew-") == true, "an article's own lead image comes first")
        #expect(String(decoding: files["index.html"]!, as: UTF8.self).contains("<meta property=\"og:image:alt\" content=\"The newsroom\">"))

        // Wrong, it is an error at its place in site.yml, like any other.
        site.write("Content/site.yml", siteYML + "\nimage: /images/nowhere.jpg\n")
        let missing = try SitegenRun.run(["build", "--quiet"], in: site.root)
        #expect(missing.status == 1)
        let line = siteYML.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(lines(missing.stderr).first == "Content/site.yml:\(line):8: error: image '/images/nowhere.jpg' is not a file under Content/: "
            + "a lead image is sized and cropped, so it must be one (beside the article, or from Content/ with a leading /, like /images/x.jpg)")
    }

    @Test("a build without the cache publishes every image file all the same")
    func withoutCache() throws {
        let site = site()
        let run = try SitegenRun.run(["build", "--quiet", "--no-cache"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let files = site.snapshot("Public")
        #expect(files.keys.filter { $0.hasPrefix("images/") }.count == 8)
        let page = String(decoding: files["articles/crew-11/index.html"]!, as: UTF8.self)
        for match in page.matches(of: /\/images\/([a-z0-9-]+\.(?:webp|jpg))/) {
            #expect(files["images/" + match.output.1] != nil, "\(match.output.1)")
        }
    }

    static func modificationDates(_ folder: URL) -> [String: Date] {
        var dates: [String: Date] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            dates[name] = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path))?[.modificationDate] as? Date
        }
        return dates
    }

    /// A JPEG's width and height from its first SOF marker.
    static func jpegSize(_ data: Data) -> (Int, Int)? {
        let b = [UInt8](data)
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1], length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return (Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]))
            }
            i += 2 + length
        }
        return nil
    }
}

import Foundation
@testable import SitegenImages
import Testing

@Suite struct ImagePipelineTests {
    let recipe = ImageRecipe(widths: [480, 800, 1200, 1600], formats: [.webp], quality: 80, maxPixels: 100_000_000)

    @Test("widths below the photo's own, and its own in place of every larger one; never enlarged", arguments: [
        (4000, [480, 800, 1200, 1600]), (1600, [480, 800, 1200, 1600]), (900, [480, 800, 900]), (480, [480]), (300, [300]),
    ])
    func widths(source: Int, expected: [Int]) {
        #expect(recipe.widths(for: source) == expected)
    }

    @Test("a photo becomes WebP and JPEG in each width, with its true sizes and stable names")
    func photo() throws {
        let bytes = try ImageCodecTests.fixture("photo-900.jpg")
        let made = try ImagePipeline.process(bytes, stem: "crew", recipe: recipe)
        #expect(made.variants.map { "\($0.format.rawValue) \($0.width)x\($0.height)" } == [
            "webp 480x320", "webp 800x533", "webp 900x600", "jpeg 480x320", "jpeg 800x533", "jpeg 900x600",
        ])
        #expect(made.fallback == .jpeg)
        for variant in made.variants {
            let header = try ImageCodec.header(variant.bytes)
            #expect((header.width, header.height, header.format) == (variant.width, variant.height, variant.format))
        }
        let names = made.variants.map(\.name)
        #expect(names.allSatisfy { $0.wholeMatch(of: /crew-[0-9a-f]{12}-[0-9]+\.(webp|jpg)/) != nil }, "\(names)")
        #expect(try ImagePipeline.process(bytes, stem: "crew", recipe: recipe).variants.map(\.name) == names, "same input, same names")
        let otherQuality = ImageRecipe(widths: recipe.widths, formats: [.webp], quality: 60, maxPixels: recipe.maxPixels)
        #expect(try ImagePipeline.process(bytes, stem: "crew", recipe: otherQuality).variants.map(\.name) != names,
                "other settings, other names: a CDN never serves the old file for the new")
    }

    @Test("transparency falls back to PNG; an animated GIF and an SVG are rebuilt, never copied")
    func fallbacks() throws {
        let alpha = try ImagePipeline.process(try ImageCodecTests.fixture("alpha.png"), stem: "logo", recipe: recipe)
        #expect(alpha.fallback == .png && alpha.variants.map(\.width) == [300, 300])
        let gif = try ImageCodecTests.fixture("animated.gif")
        let loop = try ImagePipeline.process(gif, stem: "loop", recipe: recipe)
        #expect(loop.variants.count == 1 && loop.variants[0].name.hasSuffix(".gif") && loop.fallback == .gif)
        #expect(loop.variants[0].bytes == (try GIFBlocks.rewrite(gif, maxPixels: recipe.maxPixels)).bytes)
        #expect(try ImageCodec.header(loop.variants[0].bytes) == ImageCodec.header(gif))
        let svg = Array("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 60\"><rect width=\"120\" height=\"60\"/></svg>\n".utf8)
        let chart = try ImagePipeline.process(svg, stem: "chart", recipe: recipe)
        #expect(chart.variants.map { String(decoding: $0.bytes, as: UTF8.self) } == [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 60\"><rect width=\"120\" height=\"60\"/></svg>\n",
        ])
        #expect((chart.header.width, chart.header.height) == (120, 60))
        // Named by the source's digest, as before: the caller caches by it.
        let tag = String(recipe.digest(of: svg).description.prefix(12))
        #expect(chart.variants.map(\.name) == ["chart-\(tag).svg"])
    }

    @Test("a decompression bomb is refused from its header, fast")
    func bomb() throws {
        let bytes = try ImageCodecTests.fixture("bomb.png")
        let start = Date()
        #expect(throws: ImageError("the image is 60000×60000 pixels, more than images: maxPixels (100000000) allows: "
            + "make it smaller, or raise maxPixels in site.yml if it is meant")) {
            try ImagePipeline.process(bytes, stem: "bomb", recipe: recipe)
        }
        #expect(Date().timeIntervalSince(start) < 5, "refused before decoding, not after")
    }

    @Test("an SVG that cannot be rebuilt safely is refused, with what and where", arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>",
         "the SVG does not parse: line 3: Opening and ending tag mismatch: g line 2 and svg"),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg>&a;</svg>",
         "line 2: the SVG declares XML entities, which can expand without bound or read other files"),
        ("<?xml version=\"1.0\"?>\n<svg:svg xmlns:svg=\"http://www.w3.org/1999/xhtml\"/>",
         "line 2: the root element <svg> is in the namespace http://www.w3.org/1999/xhtml, not SVG's (http://www.w3.org/2000/svg): "
            + "it is not an SVG document"),
    ])
    func refusedSVG(source: String, problem: String) {
        #expect(throws: ImageError(problem)) { try ImagePipeline.process(Array(source.utf8), stem: "x", recipe: recipe) }
    }

    @Test("an SVG with script, handlers or script links is published without them", arguments: [
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
        "<svg><foreignObject><div>x</div></foreignObject></svg>",
        "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href = ' JavaScript:alert(1)'>x</a></svg>",
        "<svg><a><set attributeName=\"href\" to=\"x\"/></a></svg>",
        "<svg><svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">x</svg:script></svg>",
    ])
    func unsafeSVG(source: String) throws {
        let made = try ImagePipeline.process(Array(source.utf8), stem: "x", recipe: recipe)
        let text = String(decoding: made.variants[0].bytes, as: UTF8.self).lowercased()
        for word in ["script", "onload", "foreignobject", "<div", "javascript", "<set"] { #expect(!text.contains(word), "\(text)") }
    }

    @Test("ordinary SVG text, styles and links are kept", arguments: [
        ("<svg viewBox=\"0 0 10 10\"><style>.online{fill:red}</style><a href=\"https://example.org/\"><text class=\"online\">Description of scripts</text></a></svg>",
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><style>.online{fill:red}</style><a href=\"https://example.org/\"><text class=\"online\">Description of scripts</text></a></svg>"),
        ("<svg width=\"24px\" height=\"24\"><path d=\"M0 0h24v24H0z\" data-name=\"onward\"/></svg>",
         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24px\" height=\"24\"><path d=\"M0 0h24v24H0z\"/></svg>"),
    ])
    func safeSVG(source: String, expected: String) throws {
        let made = try ImagePipeline.process(Array(source.utf8), stem: "x", recipe: recipe)
        #expect(String(decoding: made.variants[0].bytes, as: UTF8.self) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + expected + "\n")
    }
}

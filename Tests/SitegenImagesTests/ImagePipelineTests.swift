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

    @Test("transparency falls back to PNG; an animated GIF and a safe SVG are copied as they are")
    func fallbacks() throws {
        let alpha = try ImagePipeline.process(try ImageCodecTests.fixture("alpha.png"), stem: "logo", recipe: recipe)
        #expect(alpha.fallback == .png && alpha.variants.map(\.width) == [300, 300])
        let gif = try ImageCodecTests.fixture("animated.gif")
        let copied = try ImagePipeline.process(gif, stem: "loop", recipe: recipe)
        #expect(copied.variants.count == 1 && copied.variants[0].bytes == gif && copied.variants[0].name.hasSuffix(".gif"))
        let svg = Array("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 60\"><rect width=\"120\" height=\"60\"/></svg>\n".utf8)
        let chart = try ImagePipeline.process(svg, stem: "chart", recipe: recipe)
        #expect(chart.variants.map(\.bytes) == [svg])
        #expect((chart.header.width, chart.header.height) == (120, 60))
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

    @Test("an SVG that could run script or load documents is refused, with what and where", arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>",
         "line 2: the SVG has a <script>, which would run on the site's own pages"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
         "line 1: the SVG has an event handler attribute (onload=), which runs script"),
        ("<svg><foreignObject><div>x</div></foreignObject></svg>",
         "line 1: the SVG has a <foreignObject>, which can hold any HTML, script included"),
        ("<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>", "line 1: the SVG links to a javascript:, vbscript: or data: URL"),
        ("<svg><a xlink:href = ' JavaScript:alert(1)'>x</a></svg>", "line 1: the SVG links to a javascript:, vbscript: or data: URL"),
        ("<svg><a><set attributeName=\"href\" to=\"x\"/></a></svg>",
         "line 1: the SVG animates a link (<set> or <animate> on href), which can turn it into script"),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg>&a;</svg>",
         "line 2: the SVG declares XML entities, which can expand without bound or read other files"),
        ("<svg><svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">x</svg:script></svg>",
         "line 1: the SVG has a <script>, which would run on the site's own pages"),
    ])
    func unsafeSVG(source: String, problem: String) {
        #expect(SVGCheck.problems(Array(source.utf8)).first == problem)
        #expect(throws: ImageError(problem)) { try ImagePipeline.process(Array(source.utf8), stem: "x", recipe: recipe) }
    }

    @Test("ordinary SVG text, styles and links are safe", arguments: [
        "<svg viewBox=\"0 0 10 10\"><style>.online{fill:red}</style><a href=\"https://example.org/\"><text class=\"online\">Description of scripts</text></a></svg>",
        "<svg width=\"24px\" height=\"24\"><path d=\"M0 0h24v24H0z\" data-name=\"onward\"/></svg>",
    ])
    func safeSVG(source: String) {
        #expect(SVGCheck.problems(Array(source.utf8)) == [])
    }
}

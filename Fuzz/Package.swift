// swift-tools-version:6.0
// libFuzzer targets for sitegen's parsers. Build and run them with scripts/fuzz; they are a
// separate package so that the main build and its tests never need the fuzzer runtime.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which is the clone's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "SitegenFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // The hand-over to libFuzzer's driver that every target's entry point makes.
        .target(name: "FuzzDriver"),
        // The front-matter splitter and YAML decoding: Article.make(from:path:config:).
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["FuzzDriver", .product(name: "SitegenContent", package: root)]),
        // The template lexer and parser: TemplateEnvironment(loader: .memory(…)).
        .executableTarget(name: "FuzzTemplates", dependencies: ["FuzzDriver", .product(name: "SitegenTemplates", package: root)]),
        // The Markdown stage: Markdown.render, safe and unsafe.
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FuzzDriver", .product(name: "SitegenMarkdown", package: root)]),
        // The SVG sanitiser: SVGSanitizer.sanitize, with its output's properties checked.
        // (No target here depends on SitegenSite: its theme plugin's tool cannot link with libFuzzer.)
        .executableTarget(name: "FuzzSVG", dependencies: ["FuzzDriver", .product(name: "SitegenImages", package: root)]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
import PackageDescription

// A separate package so the site's own build never depends on the engines it is compared with.
let package = Package(
    name: "TemplateBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/stencilproject/Stencil", from: "0.15.1"),
    ],
    targets: [
        .executableTarget(name: "TemplateBench", dependencies: [
            .product(name: "SitegenTemplates", package: "main"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Stencil", package: "Stencil"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)

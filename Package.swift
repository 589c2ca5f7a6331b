// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    // Linux only (Glibc, inotify, renameat2): no platform is claimed that the code does not build on.
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenSite", targets: ["SitegenSite"]),
        .library(name: "SitegenTemplates", targets: ["SitegenTemplates"]),
        // For the fuzz package (Fuzz/), whose targets need the parsers but not the pipeline:
        // SitegenSite would bring the EmbedTheme plugin's tool into a build linked with libFuzzer.
        .library(name: "SitegenContent", targets: ["SitegenContent"]),
        .library(name: "SitegenMarkdown", targets: ["SitegenMarkdown"]),
        .library(name: "SitegenImages", targets: ["SitegenImages"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Hummingbird's own dependencies, declared because the server imports them (Logger, ByteBuffer).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // cmark-gfm, the C library, from Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // XXH3, the build cache's content digest, from Debian's libxxhash-dev.
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // libvips, the image library (Debian's libvips-dev), with inline wrappers of the variadic calls sitegen makes.
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        // libxml2 (Debian's libxml2-dev), the XML parser under the SVG sanitiser, with a wrapper of its parse.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Linux system calls Swift's Glibc module lacks or imports loosely (renameat2, inotify), checked at compile time.
        .target(name: "CSitegenSystem"),
        // The commit `sitegen --version` prints, from the git-ignored commit.h that
        // scripts/stamp-commit writes before scripts/site and scripts/test build ("" without it).
        .target(name: "CSitegenBuildInfo"),
        // The Linux file calls with a Swift face: stat stamps, whole-file reads, directory
        // listings, inotify (the shim's constants checked by the C compiler).
        .target(name: "SitegenSystem", dependencies: ["CSitegenSystem"]),
        // Diagnostics with positions, the one slug function, digests and the cache's binary format.
        .target(name: "SitegenSupport", dependencies: ["CXXHash", "SitegenSystem"]),
        // Markdown → AST → body HTML and facts, through cmark-gfm in-process.
        .target(name: "SitegenMarkdown", dependencies: ["CCmarkGFM", "SitegenSupport"]),
        // site.yml, front-matter splitting and typed decoding with exact positions.
        .target(name: "SitegenContent", dependencies: [
            "SitegenSupport",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The template engine: depends on nothing of the site (SitegenSupport only for the
        // did-you-mean of `Typos`, shared with the rest of sitegen).
        .target(name: "SitegenTemplates", dependencies: ["SitegenSupport"]),
        // Images through libvips in-process: headers read without decoding, resizes, crops, encoders that strip metadata.
        .target(name: "SitegenImages", dependencies: ["CVips", "CLibXML2", "SitegenSupport"]),
        // The default theme, this repository's Templates/, compiled into the binary by the
        // EmbedTheme plugin (ThemeEmbedder writes one Swift file of it at build time).
        .executableTarget(name: "ThemeEmbedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .target(name: "SitegenTheme", plugins: ["EmbedTheme"]),
        // The pipeline: site model, routes, rendering, output.
        .target(name: "SitegenSite", dependencies: [
            "SitegenSupport", "SitegenSystem", "SitegenMarkdown", "SitegenContent", "SitegenTemplates", "SitegenImages",
            "SitegenTheme",
        ]),
        // The preview server (`sitegen serve`): Hummingbird, in its own target.
        .target(name: "SitegenServer", dependencies: [
            "SitegenSite", "SitegenSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // Linked with mimalloc (Debian's libmimalloc-dev), which replaces malloc for the whole
        // process: cmark-gfm allocates every node, and glibc's allocator made the Markdown stage
        // a fifth slower (see README, Performance).
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenSite", "SitegenServer", "SitegenContent", "SitegenMarkdown", "SitegenSupport", "SitegenImages", "SitegenTheme",
                "CSitegenBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // What the test targets share: the one temporary site (SiteFolder), the seeded random
        // site of the cache's property tests, folder snapshots.
        .target(name: "SitegenTestSupport", dependencies: ["SitegenSite", "SitegenSupport"], path: "Tests/SitegenTestSupport"),
        .testTarget(name: "SitegenSupportTests", dependencies: ["SitegenSupport"]),
        .testTarget(name: "SitegenImagesTests", dependencies: ["SitegenImages", "SitegenTestSupport"], exclude: ["Fixtures"]),
        // Fixtures are read from the source tree through #filePath, not bundled.
        .testTarget(name: "SitegenMarkdownTests", dependencies: ["SitegenMarkdown", "SitegenSupport", "SitegenTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenContentTests", dependencies: ["SitegenContent", "SitegenSupport", "SitegenTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenTemplatesTests", dependencies: ["SitegenTemplates", "SitegenTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "SitegenSiteTests", dependencies: ["SitegenSite", "SitegenImages", "SitegenSupport", "SitegenTestSupport"],
            exclude: ["Fixtures"]),
        // Talks to a real server on 127.0.0.1 (HummingbirdTesting would pull in TLS and an HTTP client).
        .testTarget(name: "SitegenServerTests", dependencies: ["SitegenServer", "SitegenSite", "SitegenSupport", "SitegenTestSupport"]),
        .testTarget(name: "SitegenCheckTests", dependencies: [
            "SitegenSite", "SitegenContent", "SitegenMarkdown", "SitegenSupport", "SitegenTemplates", "SitegenTestSupport",
        ], exclude: ["Fixtures"]),
        // Runs the real `sitegen` binary end to end.
        .testTarget(name: "SitegenCLITests", dependencies: ["sitegen", "SitegenTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

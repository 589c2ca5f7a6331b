import Foundation
import Testing
@testable import SitegenMarkdown

/// The fixtures under `Fixtures/`, read from the source tree.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }
}

/// The `cmark-gfm` command-line program, run with the same extensions and options as the stage.
enum CmarkCLI {
    /// This CLI (0.29.0.gfm.6) turns footnotes on with `--extension footnotes`; it has no `--footnotes`.
    /// `--table-prefer-style-attributes` aligns cells with `style="text-align: …"`, as the stage does.
    static let arguments = [
        "--extension", "table", "--extension", "strikethrough", "--extension", "autolink",
        "--extension", "tagfilter", "--extension", "tasklist", "--extension", "footnotes",
        "--table-prefer-style-attributes",
    ]

    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("cmark-gfm") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The CLI's HTML for a file; records a failure and returns nil when the CLI is missing.
    static func html(file: URL, unsafe: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        guard let executable else {
            Issue.record("the cmark-gfm CLI is not on PATH: apt-get install cmark-gfm", sourceLocation: sourceLocation)
            return nil
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + (unsafe ? ["--unsafe"] : []) + [file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, sourceLocation: sourceLocation)
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    /// The HTML with the heading ids the stage adds taken out again, for comparing with the CLI.
    var withoutHeadingIDs: String {
        replacing(/<h([1-6]) id="[^"]*">/) { "<h\($0.1)>" }
    }

    /// The HTML as the CLI writes it: without the heading ids, and without the stage's
    /// additions for validators and screen readers, exactly as the stage writes them (each is
    /// asserted on its own in `AccessibleMarkupTests`): the box that scrolls a table, the
    /// names of task-list checkboxes, the footnotes' heading.
    var asCLIWritesIt: String {
        withoutHeadingIDs
            .replacing(/<div class="table-scroll" role="region" tabindex="0" aria-label="[^"<>]*">\n(?<table><table>\n)/) {
                String($0.table)
            }
            .replacing("</table>\n</div>\n", with: "</table>\n")
            .replacing(#/(?<box><input type="checkbox" (?:checked="" )?disabled="") aria-label="[^"<>]*" \/> /#) {
                "\($0.box) /> "
            }
            .replacing(
                "<section class=\"footnotes\" data-footnotes aria-labelledby=\"footnote-label\">\n"
                    + "<h2 id=\"footnote-label\" class=\"visually-hidden\">Footnotes</h2>\n",
                with: "<section class=\"footnotes\" data-footnotes>\n")
    }
}

import Foundation
import SitegenSupport

/// Refuses output folders that a build would damage: the site's own folder or a parent of it,
/// a folder inside `Content/` or `Templates/`, or a folder that holds something other than a site.
enum OutputGuard {
    static func check(outputPath: String, sourceDirectory: String) throws(OutputError) {
        let output = SiteWriter.absolute(outputPath)
        let source = SiteWriter.absolute(sourceDirectory)
        if output == source || source.hasPrefix(output + "/") || output == "/" {
            throw OutputError("the output folder \(outputPath) holds the site's own sources: choose another --output")
        }
        for inside in ["Content", "Templates"] where output == source + "/" + inside || output.hasPrefix(source + "/" + inside + "/") {
            throw OutputError("the output folder \(outputPath) is inside \(inside)/: choose a folder outside it, such as Public")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw OutputError("the output \(outputPath) exists and is not a folder")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        let visible = names.filter { !$0.hasPrefix(".") }
        if !visible.isEmpty && !names.contains("index.html") {
            throw OutputError(
                "the output folder \(outputPath) is not empty and holds no index.html, so it does not look like a built site; "
                    + "sitegen replaces the whole folder: empty it or choose another --output")
        }
    }

    /// The record a preview leaves in its folder: a folder that has it holds a preview, and one
    /// that has files without it holds production (or someone else's site).
    static let previewRecord = ".sitegen-preview"
    static let previewRecordText = "This folder holds a sitegen preview (built with --drafts or --future): drafts and "
        + "scheduled articles, every page marked noindex. Never deploy it; sitegen builds production into another folder.\n"

    /// Refuses a preview into a production folder and production into a preview's: a draft or an
    /// embargoed story must never reach what a web server publishes, and a production build must
    /// not be mistaken for the newsroom's preview.
    static func checkKind(outputPath: String, preview: Bool) throws(OutputError) {
        let output = SiteWriter.absolute(outputPath)
        guard FileReader.isDirectory(output) else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        let holdsPreview = names.contains(previewRecord)
        if preview && !holdsPreview && names.contains(where: { !$0.hasPrefix(".") }) {
            throw OutputError(
                "the output folder \(outputPath) holds a production build, and a preview (--drafts or --future) never writes "
                    + "into one: its drafts and scheduled articles would go live. Build previews into their own folder "
                    + "(the default without --output is Public.preview) or into an empty one")
        }
        if !preview && holdsPreview {
            throw OutputError(
                "the output folder \(outputPath) holds a preview (it has \(previewRecord)), and a production build never "
                    + "writes into one: build production into another folder (the default is Public), and delete \(outputPath) "
                    + "when the preview is no longer wanted")
        }
    }
}

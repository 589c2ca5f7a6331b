import Foundation

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
}

import Foundation

// ThemeEmbedder ROOT OUTPUT FILE…: writes OUTPUT, a Swift file holding each FILE (a path
// relative to ROOT) base64-encoded, in the order given. Run by the EmbedTheme build plugin.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ThemeEmbedder ROOT OUTPUT FILE…\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[arguments.startIndex])
let output = URL(fileURLWithPath: arguments[arguments.startIndex + 1])
var text = """
    // Made by ThemeEmbedder (the EmbedTheme build plugin) from Templates/: do not edit.
    extension BuiltinTheme {
        static let encoded: [(path: String, base64: String)] = [

    """
for relative in arguments.dropFirst(2) {
    do {
        let bytes = try Data(contentsOf: root.appendingPathComponent(relative))
        let quoted = relative.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        text += "        (\"\(quoted)\", \"\(bytes.base64EncodedString())\"),\n"
    } catch {
        FileHandle.standardError.write(Data("ThemeEmbedder: cannot read Templates/\(relative): \(error)\n".utf8))
        exit(1)
    }
}
text += "    ]\n}\n"
do {
    // Written only when it changed, so an unchanged theme compiles nothing again.
    if (try? Data(contentsOf: output)) != Data(text.utf8) { try Data(text.utf8).write(to: output, options: .atomic) }
} catch {
    FileHandle.standardError.write(Data("ThemeEmbedder: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}

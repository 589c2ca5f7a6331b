import Foundation

// ThemeEmbedder ROOT OUTPUT FILE…: writes OUTPUT, a Swift file holding each FILE (a path
// relative to ROOT) base64-encoded, in the order given. Run by the EmbedTheme build plugin.

/// (An `@main` type, not top-level code: the fuzz build passes `-parse-as-library` to every target.)
@main enum ThemeEmbedder {
    static func main() { embed(Array(CommandLine.arguments.dropFirst())) }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ThemeEmbedder: \(message)\n".utf8))
    exit(1)
}

func embed(_ arguments: [String]) {
    guard arguments.count >= 2 else { fail("usage: ThemeEmbedder ROOT OUTPUT FILE…") }
    let root = URL(fileURLWithPath: arguments[0])
    let output = URL(fileURLWithPath: arguments[1])
    var text = """
        // Made by ThemeEmbedder (the EmbedTheme build plugin) from Templates/: do not edit.
        extension BuiltinTheme {
            static let encoded: [(path: String, base64: String)] = [

        """
    for relative in arguments.dropFirst(2) {
        guard let bytes = try? Data(contentsOf: root.appendingPathComponent(relative)) else {
            fail("cannot read Templates/\(relative)")
        }
        let quoted = relative.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        text += "        (\"\(quoted)\", \"\(bytes.base64EncodedString())\"),\n"
    }
    text += "    ]\n}\n"
    // Written only when it changed, so an unchanged theme compiles nothing again.
    guard (try? Data(contentsOf: output)) != Data(text.utf8) else { return }
    do {
        try Data(text.utf8).write(to: output, options: .atomic)
    } catch {
        fail("cannot write \(output.path): \(error)")
    }
}

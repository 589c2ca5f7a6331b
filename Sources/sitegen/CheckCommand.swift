import ArgumentParser

/// `sitegen check`: lands with its issue; until then it says so and fails.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("sitegen check is not built yet")
    }
}

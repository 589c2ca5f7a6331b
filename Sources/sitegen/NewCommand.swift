import ArgumentParser

/// `sitegen new`: lands with its issue; until then it says so and fails.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("sitegen new is not built yet")
    }
}

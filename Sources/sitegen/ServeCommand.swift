import ArgumentParser

/// `sitegen serve`: lands with its issue; until then it says so and fails.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "(not built yet)")

    func run() throws {
        throw ValidationError("sitegen serve is not built yet")
    }
}

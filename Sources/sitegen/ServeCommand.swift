import ArgumentParser
import Foundation
import ServiceLifecycle
import SitegenServer
import SitegenSite

/// `sitegen serve`: builds the site into memory, serves it, rebuilds on change and reloads open tabs.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves the site from memory, rebuilding and reloading the browser on every change."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The address to listen on; 0.0.0.0 opens it to your network.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to try first; the next ones are tried when it is taken.")
    var port = 8000

    @Flag(name: .long, help: "Polls the folders instead of using inotify.")
    var poll = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    // The root command is synchronous, so the server runs in a task while this thread waits.
    func run() throws {
        let finished = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await serve() } catch { outcome.error = error }
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error { throw error }
    }

    private func serve() async throws {
        if host == "0.0.0.0" || host == "::" {
            FileHandle.standardError.write(Data(
                "warning: listening on every network interface (\(host)): anyone who can reach this machine can read the site, drafts included\n".utf8))
        }
        let options = ServeOptions(
            build: site.buildOptions(), host: host, port: port, polling: poll,
            log: say)
        let server = PreviewServer(options: options)
        let requested = port
        Task {
            guard (try? await server.waitUntilListening()) != nil else { return }
            if requested != 0 && server.port != requested { say("Port \(requested) is taken; using \(server.port)") }
            say("Serving \(server.url) (Ctrl-C to stop)")
        }
        let group = ServiceGroup(configuration: .init(
            services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: .init(label: "sitegen")))
        do {
            try await group.run()
        } catch let error as ServeError {
            fail(error.description)
        }
    }
}

/// Prints one line to standard output at once (the server prints from several threads).
@Sendable private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

private final class Outcome: @unchecked Sendable {
    var error: Error?
}

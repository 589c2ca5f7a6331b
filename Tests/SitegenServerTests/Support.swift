import Foundation
@testable import SitegenTestSupport
import SitegenServer
import SitegenSite
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension SiteFolder {
    /// Options for a preview server on this site: any free port, a short debounce, quiet.
    func serveOptions(port: Int = 0) -> ServeOptions {
        ServeOptions(
            build: BuildOptions(sourceDirectory: path), port: port, debounce: .milliseconds(20),
            heartbeat: .milliseconds(250), log: { _ in })
    }
}

/// Starts a server on a free port for the body, and shuts it down after.
func withServer(_ site: SiteFolder, _ body: (PreviewServer) async throws -> Void) async throws {
    let server = PreviewServer(options: site.serveOptions())
    let running = try await server.launch()
    do {
        try await body(server)
    } catch {
        try? await running.shutdown()
        throw error
    }
    try await running.shutdown()
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: TimeInterval = 3, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

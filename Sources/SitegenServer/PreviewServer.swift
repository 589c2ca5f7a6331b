import Dispatch
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SitegenSite
import SitegenSupport

/// What `sitegen serve` was asked for.
public struct ServeOptions: Sendable {
    /// The site to build; when `baseURL` is nil the server's own address is used (`http://127.0.0.1:8000/`).
    public var build: BuildOptions
    public var host: String
    /// The port to try first; 0 takes any free port.
    public var port: Int
    /// How many ports to try, from `port` up, when it is taken.
    public var portAttempts: Int
    /// How long the files must be quiet before a rebuild starts.
    public var debounce: Duration
    /// How often open event streams get a comment, so that dead clients are dropped.
    public var heartbeat: Duration
    /// Poll the folders instead of using inotify.
    public var polling: Bool
    /// Where progress lines go (the terminal).
    public var log: @Sendable (String) -> Void

    public init(
        build: BuildOptions, host: String = "127.0.0.1", port: Int = 8000, portAttempts: Int = 10,
        debounce: Duration = .milliseconds(20), heartbeat: Duration = .seconds(15), polling: Bool = false,
        log: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.build = build
        self.host = host
        self.port = port
        self.portAttempts = portAttempts
        self.debounce = debounce
        self.heartbeat = heartbeat
        self.polling = polling
        self.log = log
    }
}

/// A problem that stops the server before it starts.
public struct ServeError: Error, CustomStringConvertible {
    public var description: String
}

/// The preview server: builds the site into memory, serves it over HTTP, watches the site's
/// folder, rebuilds what changed and tells open tabs to reload.
///
/// A `Service`: run it in a `ServiceGroup`; a graceful shutdown ends it, open event streams included.
public final class PreviewServer: Service, @unchecked Sendable {
    public let options: ServeOptions
    /// The port it listens on (chosen when it was made).
    public let port: Int
    /// The address to open in a browser.
    public let url: String
    /// The path the site lives under (`/`, or the path of `--base-url`).
    public let mount: String

    let builder: IncrementalBuilder
    let store = SiteStore()
    let hub = EventHub()
    private let listening = Listening()

    public init(options: ServeOptions) throws(ServeError) {
        do {
            port = try PortFinder.find(host: options.host, port: options.port, attempts: options.portAttempts)
        } catch {
            throw ServeError(description: error.description)
        }
        let browserHost = options.host == "0.0.0.0" || options.host == "::" ? "127.0.0.1" : options.host
        let hostPart = browserHost.contains(":") ? "[\(browserHost)]" : browserHost
        var build = options.build
        if build.baseURL == nil { build.baseURL = "http://\(hostPart):\(port)/" }
        mount = SiteURLs(baseURL: build.baseURL!).basePath
        url = "http://\(hostPart):\(port)\(mount)"
        var adjusted = options
        adjusted.build = build
        self.options = adjusted
        builder = IncrementalBuilder(options: build)
    }

    /// Waits until the server accepts connections.
    public func waitUntilListening() async {
        await listening.wait()
    }

    /// The number of open event streams (for tests and the terminal).
    public var connectedClients: Int { hub.clientCount }

    public func run() async throws {
        _ = await rebuild(changed: nil)
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .error
        let listening = self.listening
        let app = Application(
            responder: PreviewResponder(store: store, hub: hub, mount: mount),
            configuration: .init(address: .hostname(options.host, port: port), serverName: nil, reuseAddress: true),
            onServerRunning: { _ in listening.open() },
            logger: logger)

        let (changes, continuation) = AsyncStream<Set<String>?>.makeStream()
        let watcher = FileWatcher(
            root: options.build.sourceDirectory, folders: ["Content", "Templates"], debounce: options.debounce
        ) { batch in continuation.yield(batch) }
        let how = watcher.start(mode: options.polling ? .polling : .automatic)
        options.log("Watching Content/ and Templates/ (\(how))")
        defer {
            watcher.stop()
            continuation.finish()
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                for await batch in changes.cancelOnGracefulShutdown() {
                    await self.rebuildAndNotify(changed: batch)
                }
            }
            group.addTask { [self] in
                try? await cancelWhenGracefulShutdown {
                    while true {
                        try await Task.sleep(for: self.options.heartbeat)
                        self.hub.heartbeat()
                    }
                }
            }
            group.addTask { [hub] in
                try? await gracefulShutdown()
                hub.finishAll()
            }
            try await app.run()
            group.cancelAll()
        }
    }

    // MARK: - Rebuilding

    /// Rebuilds, swaps the served files, prints what happened and tells the tabs.
    func rebuildAndNotify(changed: Set<String>?) async {
        let hadErrors = store.currentDiagnostics != nil
        guard let build = await rebuild(changed: changed) else {
            hub.send(event: "diagnostics", json: ["diagnostics": store.currentDiagnostics ?? []])
            return
        }
        if build.changed.isEmpty && build.removed.isEmpty && !hadErrors { return }
        let cssOnly = !hadErrors && build.removed.isEmpty && !build.changed.isEmpty
            && build.changed.allSatisfy { $0.hasSuffix(".css") }
        if cssOnly {
            hub.send(event: "css", json: ["files": build.changed])
        } else {
            hub.send(event: "reload", json: ["files": Array(build.changed.prefix(100))])
        }
    }

    /// One build off the async threads; nil when it failed (the diagnostics are then in the store).
    func rebuild(changed: Set<String>?) async -> IncrementalBuild? {
        let builder = self.builder
        let start = DispatchTime.now().uptimeNanoseconds
        let result: Result<IncrementalBuild, DiagnosticsError> = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                done.resume(returning: Result { () throws(DiagnosticsError) in try builder.build(changed: changed) })
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        switch result {
        case .success(let build):
            store.apply(build)
            for warning in build.site.warnings { options.log(warning.rendered) }
            if changed == nil && build.configReloaded && build.rendered.count == build.site.routes.count {
                options.log("Built \(build.site.files.count) files in \(Int(elapsed.rounded())) ms")
            } else {
                options.log("Rebuilt in \(Int(elapsed.rounded())) ms: \(build.reparsed.count) source file(s) read, "
                    + "\(build.rendered.count) page(s) rendered, \(build.changed.count) changed, \(build.removed.count) removed")
            }
            return build
        case .failure(let error):
            let lines = error.diagnostics.map(\.rendered)
            store.fail(lines)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            options.log(lines.joined(separator: "\n"))
            options.log("Build failed with \(count) error\(count == 1 ? "" : "s")"
                + (store.hasSite ? "; still serving the last good site" : ""))
            return nil
        }
    }
}

/// A one-shot signal: the server is listening.
final class Listening: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        let waiting: [CheckedContinuation<Void, Never>] = lock.withLock {
            isOpen = true
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let ready: Bool = lock.withLock {
                if isOpen { return true }
                waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

// MARK: - Running without a service group of one's own

extension PreviewServer {
    /// Starts the server in its own service group (no signal handling) and returns once it listens.
    public func launch() async -> RunningServer {
        let group = ServiceGroup(configuration: .init(services: [self], logger: Logger(label: "sitegen.serve")))
        let task = Task { try await group.run() }
        await waitUntilListening()
        return RunningServer(group: group, task: task)
    }
}

/// A server started with `launch()`.
public struct RunningServer: Sendable {
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// Shuts the server down gracefully (open event streams end) and waits until it has stopped.
    public func shutdown() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

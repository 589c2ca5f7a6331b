import Dispatch
import Foundation
import Hummingbird
import Logging
import NIOCore
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
    /// Watch by polling instead of inotify.
    public var polling: Bool
    /// Where progress lines go (the terminal).
    public var log: @Sendable (String) -> Void
    /// Idle connections and connections per client (`ConnectionLimits`).
    public var connections = ConnectionLimits()

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

/// The preview server: builds the site into memory, serves it over HTTP, watches the site's
/// folder, rebuilds what changed and tells open tabs to reload.
///
/// A `Service`: run it in a `ServiceGroup`; a graceful shutdown ends it, open event streams included.
/// It binds first and builds second, so the site's URLs can name the port it got; connections
/// made during that first build wait in the listen queue.
public final class PreviewServer: Service, @unchecked Sendable {
    public let options: ServeOptions
    /// The path the site lives under (`/`, or the path of `--base-url`).
    public let mount: String

    let store: SiteStore
    let hub = EventHub()
    /// Every open connection by client (`ConnectionLimits.perClient`).
    let connections: ConnectionRegistry

    /// How many connections are open (for tests).
    public var openConnections: Int { connections.count }
    private let listening = Listening()
    private let lock = NSLock()
    private var boundPort: Int?
    private var builder: BuildSession?
    /// The next change of the last build, nil after a failed one (see `clockTarget`).
    private var nextChange: NextChange?

    public init(options: ServeOptions) {
        self.options = options
        store = SiteStore(threads: options.build.threads)
        connections = ConnectionRegistry(perClient: options.connections.perClient)
        mount = options.build.baseURL.map { SiteURLs(baseURL: $0).basePath } ?? "/"
    }

    /// The port it listens on; known once `waitUntilListening()` returned.
    public var port: Int { lock.withLock { boundPort ?? options.port } }

    /// The address to open in a browser.
    public var url: String { "http://\(Self.browserHost(options.host)):\(port)\(mount)" }

    /// Waits until the server has built the site and accepts connections; throws if it could not listen.
    public func waitUntilListening() async throws {
        try await listening.wait()
    }

    /// The number of open event streams (for tests and the terminal).
    public var connectedClients: Int { hub.clientCount }

    /// What starts a rebuild: files the watcher saw change (nil: look at everything), or the
    /// clock reaching the next change of the last good build.
    enum Trigger: Sendable {
        case files(Set<String>?)
        case clock(NextChange)
    }

    public func run() async throws {
        let (triggers, continuation) = AsyncStream<Trigger>.makeStream()
        let watcher = FileWatcher(
            root: options.build.sourceDirectory, folders: ["Content", "Templates", "static"], debounce: options.debounce
        ) { batch in continuation.yield(.files(batch)) }
        let timer = WallClockTimer()
        defer {
            watcher.stop()
            timer.cancel()
            continuation.finish()
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                guard (try? await listening.wait()) != nil else { return }
                let how = watcher.start(mode: options.polling ? .polling : .automatic)
                options.log("Watching Content/, Templates/ and static/ (\(how))")
                // One loop takes every trigger in turn, so a timed rebuild and a watcher's never
                // overlap; after each build the timer is set for that build's next change.
                var armed: NextChange?
                func follow() {
                    let next = clockTarget
                    guard next != armed else { return }
                    armed = next
                    if let next {
                        timer.schedule(at: next.date) { continuation.yield(.clock(next)) }
                    } else {
                        timer.cancel()
                    }
                }
                follow()
                for await trigger in triggers.cancelOnGracefulShutdown() {
                    switch trigger {
                    case .files(let batch):
                        await rebuildAndNotify(changed: batch)
                    case .clock(let change):
                        // A rebuild since it was set has set it again (or for nothing): stale.
                        guard change == armed else { continue }
                        armed = nil
                        options.log("On schedule at \(NextChange.timestamp(change.date)): \(change.path) \(change.event)")
                        await rebuildAndNotify(changed: [])
                    }
                    follow()
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
            do {
                try await serve()
            } catch {
                listening.fail(error)
                throw error
            }
            group.cancelAll()
        }
    }

    /// Binds the first free port from `options.port` on, builds the site, and serves until shutdown.
    private func serve() async throws {
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .critical
        let lastPort = options.port == 0 ? 0 : options.port + max(1, options.portAttempts) - 1
        var candidate = options.port
        while true {
            let port = candidate
            let registry = connections
            let app = Application(
                responder: PreviewResponder(store: store, hub: hub, mount: mount),
                server: .http1(configuration: .init(
                    additionalChannelHandlers: [ConnectionTracker(registry: registry)],
                    idleTimeout: .nanoseconds(Int64(options.connections.idleTimeout.components.seconds) * 1_000_000_000
                        + options.connections.idleTimeout.components.attoseconds / 1_000_000_000))),
                configuration: .init(address: .hostname(options.host, port: port), serverName: nil, reuseAddress: true),
                onServerRunning: { [self] channel in
                    await start(port: channel.localAddress?.port ?? port)
                },
                logger: logger)
            do {
                try await app.run()
                return
            } catch let error as IOError where error.errnoCode == EADDRINUSE && !listening.isOpen && candidate < lastPort {
                candidate += 1
            } catch let error as IOError where error.errnoCode == EADDRINUSE && !listening.isOpen {
                throw ServeError(description: options.port == lastPort
                    ? "port \(options.port) on \(options.host) is taken: pass a free one with --port"
                    : "ports \(options.port)–\(lastPort) on \(options.host) are all taken: pass a free one with --port")
            } catch let error as IOError where !listening.isOpen {
                throw ServeError(description: "cannot listen on \(options.host):\(candidate): \(error)")
            }
        }
    }

    /// Called once listening: the site's URLs can now name the port, so the first build happens here.
    private func start(port: Int) async {
        var build = options.build
        if build.baseURL == nil { build.baseURL = "http://\(Self.browserHost(options.host)):\(port)/" }
        build.cacheDirectory = nil  // the preview keeps its memo in memory
        let builder = BuildSession(options: build, keepInMemory: true)
        builder.changedFilesOnly = true
        lock.withLock {
            boundPort = port
            self.builder = builder
        }
        _ = await rebuild(changed: nil)
        listening.open()
    }

    static func browserHost(_ host: String) -> String {
        let local = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return local.contains(":") ? "[\(local)]" : local
    }

    // MARK: - Rebuilding

    /// When the site next changes by itself, by the last good build: the timer's instant. None
    /// with a fixed clock (`--now`: it never moves), and none after a failed build (the last good
    /// site stays as it was until a build succeeds, which reads the clock again).
    var clockTarget: NextChange? {
        options.build.now != nil || options.build.nowAsWritten != nil ? nil : lock.withLock { nextChange }
    }

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
    func rebuild(changed: Set<String>?) async -> SessionBuild? {
        guard let builder = lock.withLock({ self.builder }) else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        let result: Result<SessionBuild, DiagnosticsError> = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                done.resume(returning: Result { () throws(DiagnosticsError) in try builder.buildInMemory(changed: changed) })
            }
        }
        switch result {
        case .success(let build):
            store.apply(build)
            lock.withLock { nextChange = build.site.nextChange }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            for warning in build.site.warnings.sorted() { options.log(warning.rendered) }
            if build.site.brokenLinks > 0 {
                let count = build.site.brokenLinks
                options.log("\(count) broken link\(count == 1 ? "" : "s") in Markdown; run 'sitegen check' for the full report")
            }
            if changed == nil && build.rendered.count == build.site.routes.count {
                options.log("Built \(build.fileCount) files in \(Int(elapsed.rounded())) ms")
            } else {
                let t = build.site.timings
                options.log("Rebuilt in \(Int(elapsed.rounded())) ms: \(build.reparsed.count) source file(s) read, "
                    + "\(build.rendered.count) page(s) rendered, \(build.changed.count) changed, \(build.removed.count) removed "
                    + "(load \(ms(t.load)), markdown \(ms(t.markdown)), model \(ms(t.model)), render \(ms(t.render)))")
            }
            return build
        case .failure(let error):
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let lines = error.diagnostics.map(\.rendered)
            store.fail(lines)
            lock.withLock { nextChange = nil }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            options.log(lines.joined(separator: "\n"))
            options.log("Build failed in \(Int(elapsed.rounded())) ms with \(count) error\(count == 1 ? "" : "s")"
                + (store.hasSite ? "; still serving the last good site" : ""))
            return nil
        }
    }
}

private func ms(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded())) ms" }

/// A server problem that stops it before it serves.
public struct ServeError: Error, CustomStringConvertible {
    public var description: String
}

/// A one-shot signal: the server is listening (or could not).
final class Listening: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<Void, any Error>?
    private var waiters: [CheckedContinuation<Void, any Error>] = []

    var isOpen: Bool { lock.withLock { if case .success = outcome { true } else { false } } }

    func open() { settle(.success(())) }

    func fail(_ error: any Error) { settle(.failure(error)) }

    private func settle(_ result: Result<Void, any Error>) {
        let waiting: [CheckedContinuation<Void, any Error>] = lock.withLock {
            guard outcome == nil else { return [] }
            outcome = result
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume(with: result) }
    }

    func wait() async throws {
        try await withCheckedThrowingContinuation { continuation in
            let settled: Result<Void, any Error>? = lock.withLock {
                if let outcome { return outcome }
                waiters.append(continuation)
                return nil
            }
            if let settled { continuation.resume(with: settled) }
        }
    }
}

// MARK: - Running without a service group of one's own

extension PreviewServer {
    /// Starts the server in its own service group (no signal handling) and returns once it listens.
    public func launch() async throws -> RunningServer {
        let group = ServiceGroup(configuration: .init(services: [self], logger: Logger(label: "sitegen.serve")))
        let task = Task { try await group.run() }
        do {
            try await waitUntilListening()
        } catch {
            _ = try? await task.value
            throw error
        }
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

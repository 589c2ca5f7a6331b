import Foundation
import Hummingbird
import NIOCore

/// The bounds of the preview server's connections, so that no client can starve the others:
/// a connection with no request in flight is closed after `idleTimeout` (above the live-reload
/// heartbeat, so an open tab's event stream, which always has its request in flight, is never
/// closed for it; a client that trickles a request's head byte by byte never completes one and
/// is closed too); and each client (remote address) keeps at most `perClient` connections: past
/// it, its oldest connection is closed to make room for the new one, so a flood of idle or
/// trickling connections costs the flooder its own oldest, never anyone else's (or its own
/// newest request).
public struct ConnectionLimits: Sendable {
    public var idleTimeout: Duration = .seconds(60)
    /// At least 32: a browser opens six connections a host per tab, plus one event stream a tab.
    public var perClient = 64

    public init(idleTimeout: Duration = .seconds(60), perClient: Int = 64) {
        self.idleTimeout = idleTimeout
        self.perClient = max(32, perClient)
    }
}

/// Every open connection by client, oldest first.
final class ConnectionRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var next: UInt64 = 0
    private var byClient: [String: [(order: UInt64, channel: any Channel)]] = [:]
    let perClient: Int

    init(perClient: Int) { self.perClient = perClient }

    /// Registers `channel`; closes its client's oldest connection when it now has too many.
    func opened(_ channel: any Channel) {
        let client = Self.client(of: channel)
        let evicted: (any Channel)? = lock.withLock {
            next += 1
            byClient[client, default: []].append((next, channel))
            guard byClient[client]!.count > perClient else { return nil }
            return byClient[client]!.removeFirst().channel
        }
        evicted?.close(promise: nil)
    }

    func closed(_ channel: any Channel) {
        let client = Self.client(of: channel)
        lock.withLock {
            byClient[client]?.removeAll { $0.channel === channel }
            if byClient[client]?.isEmpty == true { byClient[client] = nil }
        }
    }

    var count: Int { lock.withLock { byClient.values.reduce(0) { $0 + $1.count } } }

    private static func client(of channel: any Channel) -> String {
        channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Tells the registry when its connection opens and closes.
final class ConnectionTracker: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer  // never unwrapped: every read passes through
    private let registry: ConnectionRegistry
    private var registered = false

    init(registry: ConnectionRegistry) { self.registry = registry }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { register(context.channel) }
    }

    func channelActive(context: ChannelHandlerContext) {
        register(context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if registered { registry.closed(context.channel) }
        registered = false
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if registered { registry.closed(context.channel) }
        registered = false
    }

    private func register(_ channel: any Channel) {
        guard !registered else { return }
        registered = true
        registry.opened(channel)
    }
}

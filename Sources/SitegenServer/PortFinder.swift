import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a port the server can bind: the one asked for, or the next free ones.
enum PortFinder {
    enum Failure: Error, CustomStringConvertible {
        case noFreePort(host: String, first: Int, last: Int)
        case badHost(String)

        var description: String {
            switch self {
            case .noFreePort(let host, let first, let last):
                "ports \(first)–\(last) on \(host) are all taken: pass a free one with --port"
            case .badHost(let host):
                "cannot listen on '\(host)': give an IP address such as 127.0.0.1, 0.0.0.0 or ::1"
            }
        }
    }

    /// The first of `port`, `port + 1`, … (`attempts` in all) that binds on `host`; with port 0, any free port.
    static func find(host: String, port: Int, attempts: Int) throws(Failure) -> Int {
        let count = port == 0 ? 1 : max(1, attempts)
        for candidate in port..<(port + count) {
            switch tryBind(host: host, port: candidate) {
            case .bound(let actual): return actual
            case .taken: continue
            case .badHost: throw .badHost(host)
            }
        }
        throw .noFreePort(host: host, first: port, last: port + count - 1)
    }

    private enum Outcome { case bound(Int), taken, badHost }

    private static func tryBind(host: String, port: Int) -> Outcome {
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            family = AF_INET
        } else if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            family = AF_INET6
        } else if host == "localhost" {
            family = AF_INET
            inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr)
        } else {
            return .badHost
        }
        #if canImport(Darwin)
        let fd = socket(family, SOCK_STREAM, 0)
        #else
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return .taken }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if family == AF_INET {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            result = withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            result = withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard result == 0 else { return errno == EADDRNOTAVAIL ? .badHost : .taken }
        // Listening makes the bind stick, so the port reported is the one the kernel chose for port 0.
        listen(fd, 1)
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let bound = withUnsafePointer(to: &storage) { pointer -> UInt16 in
            if family == AF_INET {
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
        }
        return .bound(Int(bound))
    }
}

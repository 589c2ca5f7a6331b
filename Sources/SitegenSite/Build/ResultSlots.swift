import Foundation

/// Per-worker results of a concurrentPerform, each slot written by one worker only.
/// (New code should prefer `Parallel.map` from SitegenSupport.)
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<T, Error>) {
        lock.lock(); slots[index] = value; lock.unlock()
    }

    var values: [Result<T, Error>] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

import Dispatch
import Foundation

/// Work spread over a fixed number of threads, results in input order.
public enum Parallel {
    /// The threads a build uses by default: every core.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `transform` over `items` on `threads` threads (1 runs on the caller's thread), results in input order.
    /// Items are handed out in small batches from a shared counter, so a slow item does not hold up a thread's share.
    public static func map<Item, Result>(
        _ items: [Item], threads: Int = defaultThreads, _ transform: (Item) -> Result
    ) -> [Result] {
        if threads <= 1 || items.count < 2 { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
            slots.initialize(repeating: nil)
            defer { slots.deallocate() }
            let next = Counter()
            let batch = max(1, min(64, items.count / (threads * 8)))
            let box = UncheckedBox((items, transform, slots))
            DispatchQueue.concurrentPerform(iterations: min(threads, items.count)) { _ in
                let (items, transform, slots) = box.value
                while true {
                    let start = next.take(batch)
                    if start >= items.count { return }
                    for index in start..<min(items.count, start + batch) {
                        slots[index] = transform(items[index])  // each index is written by one thread only
                    }
                }
            }
            // Moved out, not copied: no retain per result, and nothing left behind when the slots are freed.
            return (0..<items.count).map { slots.moveElement(from: $0)! }
        }
    }
}

/// A shared counter handing out ranges of indexes.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(_ count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let start = value
        value += count
        return start
    }
}

/// Carries values into `concurrentPerform`'s closure; `Parallel.map` makes the sharing safe
/// (items are only read, each slot is written by one thread).
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

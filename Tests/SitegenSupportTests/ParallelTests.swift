import Foundation
import Testing
@testable import SitegenSupport

@Suite struct ParallelTests {
    private final class Tracked: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var alive = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Tracked.lock.withLock { Tracked.alive += 1 }
        }
        deinit { Tracked.lock.withLock { Tracked.alive -= 1 } }
    }

    @Test("results come back in input order, and are freed with the array that holds them")
    func orderAndLifetime() {
        do {
            let results = Parallel.map(Array(0..<5_000), threads: 4) { Tracked($0 * 2) }
            #expect(results.map(\.value) == (0..<5_000).map { $0 * 2 })
            #expect(Tracked.lock.withLock { Tracked.alive } == 5_000)
        }
        #expect(Tracked.lock.withLock { Tracked.alive } == 0)
    }
}

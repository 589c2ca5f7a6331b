import Foundation
@testable import SitegenServer
import Testing

/// The one timer `serve` follows the clock with: fires once, at (never before) its instant on the
/// system clock, and each schedule replaces the last.
@Suite("The wall-clock timer")
struct WallClockTimerTests {
    /// The instants `fire` was called at.
    final class Firings: @unchecked Sendable {
        private let lock = NSLock()
        private var dates: [(String, Date)] = []
        func record(_ name: String) { lock.withLock { dates.append((name, Date())) } }
        var all: [(String, Date)] { lock.withLock { dates } }
    }

    @Test("fires once at its instant, not before; a later schedule replaces it; nil cancels")
    func firesOnceAtItsInstant() async throws {
        let timer = WallClockTimer()
        let firings = Firings()
        let at = Date().addingTimeInterval(0.3)
        timer.schedule(at: Date().addingTimeInterval(0.1)) { firings.record("replaced") }
        timer.schedule(at: at) { firings.record("kept") }
        let cancelled = WallClockTimer()
        cancelled.schedule(at: Date().addingTimeInterval(0.1)) { firings.record("cancelled") }
        cancelled.schedule(at: nil) {}
        try await Task.sleep(for: .milliseconds(900))
        let all = firings.all
        #expect(all.map(\.0) == ["kept"])
        if let fired = all.first?.1 {
            #expect(fired >= at, "fired \(at.timeIntervalSince(fired)) s early")
            #expect(fired.timeIntervalSince(at) < 0.5)
        }
    }

    @Test("an instant already past fires at once; one in 2560 (past the 64-bit nanoseconds dispatch counts in) does not")
    func pastFiresAtOnce() async throws {
        let timer = WallClockTimer()
        let firings = Firings()
        let asked = Date()
        timer.schedule(at: asked.addingTimeInterval(-5)) { firings.record("late") }
        let far = WallClockTimer()
        far.schedule(at: Date(timeIntervalSince1970: 18_618_595_200)) { firings.record("far") }
        try await Task.sleep(for: .milliseconds(300))
        #expect(firings.all.map(\.0) == ["late"])
        #expect(far.wakes == 0, "an instant beyond dispatch's range wrapped round to the past")
        #expect((firings.all.first?.1.timeIntervalSince(asked) ?? 1) < 0.3)
    }
}

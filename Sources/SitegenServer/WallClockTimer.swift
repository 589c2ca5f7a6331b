import Dispatch
import Foundation

/// One timer on the wall clock: it fires once, at an instant of the real time, and each
/// `schedule` replaces what was scheduled before.
///
/// A dispatch timer with a wall deadline is, on Linux, an absolute `CLOCK_REALTIME` timerfd:
/// the kernel fires it when the system clock reaches the instant, so a clock set forward past
/// it (NTP stepping, a laptop waking from sleep) fires it at once, and a clock set back makes it
/// wait for the instant again. A monotonic sleep would do neither. It is also checked when it
/// fires: should it fire early by the system's reading (rounding, leeway), it waits again.
final class WallClockTimer: @unchecked Sendable {
    /// How long after the instant it fires: front-matter dates and the build's clock are compared
    /// to the nanosecond, so this only covers the rounding between `Date` and `timespec`.
    static let margin: TimeInterval = 0.002

    private let queue = DispatchQueue(label: "sitegen-clock")
    private let lock = NSLock()
    private var source: DispatchSourceTimer?
    /// Counts the schedules: a timer fires only while it is the last one.
    private var generation = 0
    /// How many times a timer went off, early ones included (for tests).
    private(set) var wakes = 0

    /// Fires `fire` once, on a queue of its own, at `date` (plus `margin`); nil schedules nothing.
    /// Whatever was scheduled before will not fire.
    func schedule(at date: Date?, _ fire: @escaping @Sendable () -> Void) {
        lock.withLock {
            generation += 1
            source?.cancel()
            source = nil
            guard let date else { return }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [weak self, generation] in
                guard let self else { return }
                let current: DispatchSourceTimer? = lock.withLock {
                    wakes += 1
                    return self.generation == generation ? source : nil
                }
                guard let current else { return }
                if Date() < date {
                    // Early by the system clock: wait for the instant again.
                    current.schedule(wallDeadline: Self.deadline(date), leeway: .milliseconds(1))
                    return
                }
                lock.withLock { if self.generation == generation { source = nil } }
                current.cancel()
                fire()
            }
            timer.schedule(wallDeadline: Self.deadline(date), leeway: .milliseconds(1))
            source = timer
            timer.resume()
        }
    }

    func cancel() { schedule(at: nil) {} }

    /// At most a day ahead: dispatch counts wall time in signed 64-bit nanoseconds, which end in
    /// 2262. An article dated past that (a typo for 2026) would never fire, or wrap round to the
    /// past and wake the timer again and again (one in 2560: 28,000 times in 0.3 s). Woken a day
    /// ahead of it, the check in the handler waits another day.
    private static func deadline(_ date: Date) -> DispatchWallTime {
        let at = min(date.timeIntervalSince1970 + margin, Date().timeIntervalSince1970 + 86_400)
        let whole = at.rounded(.down)
        return DispatchWallTime(timespec: timespec(tv_sec: Int(whole), tv_nsec: min(999_999_999, Int((at - whole) * 1e9))))
    }
}

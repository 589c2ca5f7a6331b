import Foundation

/// Reads the dates of front-matter: `2025-07-31` (midnight in the site's time zone), or a date and time,
/// `2025-07-31T14:30:00+02:00`, whose offset (or `Z`) is optional and defaults to the site's time zone.
///
/// Parsed by hand rather than through Yams's timestamp rule, so that `2025-02-30` is an error, not March 2nd.
public enum ContentDate {
    /// Why a text is not a date, in words for the user.
    public struct Invalid: Error, Sendable, Hashable {
        public var reason: String
    }

    public static let form = "write it as 2025-07-31 or 2025-07-31T14:30:00+02:00"

    /// A date as front-matter writes one, checked but not yet read, for a date given before the
    /// site's time zone is known (`--now`, `sitegen new --date`): a date alone is midnight, and a
    /// time without an offset is read, in the time zone `date(in:)` is given, as `date:` is.
    public struct Written: Sendable, Hashable {
        /// The text, as given.
        public let text: String

        public init(_ text: String) throws(Invalid) {
            _ = try ContentDate.parse(text, in: TimeZone(secondsFromGMT: 0)!)
            self.text = text
        }

        /// `YYYY-MM-DD`, the day as written (whatever the time and offset).
        public var day: String { String(text.prefix(10)) }

        /// The instant it names in `timeZone` (which only a text without an offset depends on).
        public func date(in timeZone: TimeZone) -> Date {
            // It parsed in UTC, and only the zone differs: it parses in any zone.
            (try? ContentDate.parse(text, in: timeZone)) ?? Date(timeIntervalSince1970: 0)
        }
    }

    /// The instant `text` names, reading times without an offset in `timeZone`.
    public static func parse(_ text: String, in timeZone: TimeZone) throws(Invalid) -> Date {
        var reader = DigitReader(Array(text.utf8))
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2) else { throw Invalid(reason: form) }
        guard (1...12).contains(month) else { throw Invalid(reason: "there is no month \(month)") }
        let days = daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            throw Invalid(reason: "\(monthNames[month - 1]) \(year) has \(days) days")
        }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var zone = timeZone
        if !reader.isAtEnd {
            guard reader.skip("T") || reader.skip("t") || reader.skip(" "),
                  let hour = reader.number(digits: 2), reader.skip(":"),
                  let minute = reader.number(digits: 2) else { throw Invalid(reason: form) }
            var second = 0
            var nanosecond = 0
            if reader.skip(":") {
                guard let s = reader.number(digits: 2) else { throw Invalid(reason: form) }
                second = s
                if reader.skip(".") {
                    guard let fraction = reader.fraction() else { throw Invalid(reason: form) }
                    nanosecond = fraction
                }
            }
            guard hour < 24, minute < 60, second < 60 else {
                throw Invalid(reason: "hours go up to 23, minutes and seconds up to 59")
            }
            components.hour = hour
            components.minute = minute
            components.second = second
            components.nanosecond = nanosecond
            _ = reader.skip(" ")
            if reader.skip("Z") || reader.skip("z") {
                zone = TimeZone(secondsFromGMT: 0)!
            } else if let sign = reader.sign() {
                guard let hours = reader.number(digits: 2) else { throw Invalid(reason: form) }
                _ = reader.skip(":")
                let minutes = reader.isAtEnd ? 0 : reader.number(digits: 2)
                guard let minutes, hours <= 18, minutes < 60 else { throw Invalid(reason: "the offset is out of range") }
                zone = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))!
            }
            guard reader.isAtEnd else { throw Invalid(reason: form) }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: components) else { throw Invalid(reason: form) }
        return date
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}

/// A cursor over ASCII digits and separators.
private struct DigitReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard offset < bytes.count, bytes[offset] == character.asciiValue else { return false }
        offset += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard offset + digits <= bytes.count else { return nil }
        var value = 0
        for b in bytes[offset..<offset + digits] {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        offset += digits
        return value
    }

    /// Fractional seconds as nanoseconds (digits past the ninth are dropped).
    mutating func fraction() -> Int? {
        var value = 0
        var count = 0
        while offset < bytes.count, bytes[offset] >= 0x30 && bytes[offset] <= 0x39 {
            if count < 9 { value = value * 10 + Int(bytes[offset] - 0x30) }
            count += 1
            offset += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 9) { value *= 10 }
        return value
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension ContentDate {
    /// Whether a date as written has a time of day (`2025-07-31T14:30`, not `2025-07-31`).
    public static func hasTime(_ written: String?) -> Bool { (written?.utf8.count ?? 0) > 10 }

    /// The end of what a date as written names: the instant itself when it has a time, else the
    /// end of its day (a correction or update dated the day an article was published is no slip).
    public static func end(of date: Date, written: String?) -> Date {
        hasTime(written) ? date : date.addingTimeInterval(24 * 3600)
    }
}

import Foundation

/// strftime-like formatting in a fixed time zone, computed by hand so it is deterministic
/// (English names, no locale) and safe to call from many threads.
/// The engine's RFC 3339 writer, for the host's own timestamps (`2025-08-01T06:00:00Z` in UTC).
public func rfc3339(_ date: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) -> String {
    DateFormatting.rfc3339(date, timeZone: timeZone)
}

/// The English name of month `month` (1 to 12), as `%B` writes it.
public func monthName(_ month: Int) -> String { DateFormatting.months[month - 1] }

enum DateFormatting {
    struct Parts {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        var weekday: Int  // 0 = Sunday
        var dayOfYear: Int
        var offset: Int  // seconds east of UTC
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func parts(_ date: Date, timeZone: TimeZone) -> Parts {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = Int(floor(date.timeIntervalSince1970)) + offset
        var days = local / 86400
        var secs = local % 86400
        if secs < 0 { secs += 86400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday
        let dayOfYear = days - daysFromCivil(y, 1, 1) + 1
        return Parts(year: y, month: m, day: d, hour: secs / 3600, minute: secs / 60 % 60, second: secs % 60,
                     weekday: weekday, dayOfYear: dayOfYear, offset: offset)
    }

    // Howard Hinnant's civil calendar algorithms.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// `2024-03-05T14:07:09+01:00`, or `…Z` in UTC.
    static func rfc3339(_ date: Date, timeZone: TimeZone) -> String {
        format(date, "%Y-%m-%dT%H:%M:%S%:z", timeZone: timeZone, zulu: true)
    }

    /// `format` with strftime's conversions (`%Y`, `%-d`, `%:z`…), or a named format
    /// (`rfc3339`, `iso8601`, `rfc2822`, `rfc822`); `zulu` writes a zero offset as `Z`.
    static func format(_ date: Date, _ format: String, timeZone: TimeZone, zulu: Bool = false) -> String {
        if format.utf8.count <= 8, format.utf8.first != UInt8(ascii: "%") {  // the named formats, in any case; not "%Y-%m-%d"
            switch format.lowercased() {
            case "rfc3339", "iso8601": return rfc3339(date, timeZone: timeZone)
            case "rfc2822", "rfc822": return self.format(date, "%a, %d %b %Y %H:%M:%S %z", timeZone: timeZone)
            default: break
            }
        }
        // On UTF-8 bytes: a card prints two dates, and a site has tens of thousands of cards.
        var writer = DateWriter(date: date, parts: parts(date, timeZone: timeZone), timeZone: timeZone, zulu: zulu)
        writer.out.reserveCapacity(format.utf8.count + 24)
        let bytes = Array(format.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            guard c == UInt8(ascii: "%") else { writer.out.append(c); continue }
            guard i < bytes.count else { writer.out.append(UInt8(ascii: "%")); break }
            var spec = bytes[i]
            i += 1
            var noPad = false
            var colon = false
            if spec == UInt8(ascii: "-") { noPad = true; spec = i < bytes.count ? bytes[i] : spec; i += 1 }
            if spec == UInt8(ascii: ":") { colon = true; spec = i < bytes.count ? bytes[i] : spec; i += 1 }
            writer.write(spec, noPad: noPad, colon: colon)
        }
        return String(decoding: writer.out, as: UTF8.self)
    }

    /// The bytes of one formatted date, a conversion at a time.
    private struct DateWriter {
        let date: Date
        let parts: Parts
        let timeZone: TimeZone
        let zulu: Bool
        var out: [UInt8] = []

        /// One conversion (`Y` of `%Y`); `noPad` for `%-`, `colon` for `%:`.
        mutating func write(_ spec: UInt8, noPad: Bool, colon: Bool) {
            let p = parts
            switch spec {
            case UInt8(ascii: "Y"): number(p.year, 1, true)
            case UInt8(ascii: "y"): number(p.year % 100, 2, noPad)
            case UInt8(ascii: "m"): number(p.month, 2, noPad)
            case UInt8(ascii: "d"): number(p.day, 2, noPad)
            case UInt8(ascii: "e"):
                if !noPad && p.day < 10 { out.append(UInt8(ascii: " ")) }
                number(p.day, 1, true)
            case UInt8(ascii: "H"): number(p.hour, 2, noPad)
            case UInt8(ascii: "I"): number(p.hour % 12 == 0 ? 12 : p.hour % 12, 2, noPad)
            case UInt8(ascii: "M"): number(p.minute, 2, noPad)
            case UInt8(ascii: "S"): number(p.second, 2, noPad)
            case UInt8(ascii: "p"): text(p.hour < 12 ? "AM" : "PM")
            case UInt8(ascii: "B"): text(DateFormatting.months[p.month - 1])
            case UInt8(ascii: "b"), UInt8(ascii: "h"): out.append(contentsOf: DateFormatting.months[p.month - 1].utf8.prefix(3))
            case UInt8(ascii: "A"): text(DateFormatting.weekdays[p.weekday])
            case UInt8(ascii: "a"): out.append(contentsOf: DateFormatting.weekdays[p.weekday].utf8.prefix(3))
            case UInt8(ascii: "j"): number(p.dayOfYear, 3, noPad)
            case UInt8(ascii: "u"): number(p.weekday == 0 ? 7 : p.weekday, 1, true)
            case UInt8(ascii: "w"): number(p.weekday, 1, true)
            case UInt8(ascii: "z"): zone(colon: colon)
            case UInt8(ascii: "Z"):
                if let abbreviation = timeZone.abbreviation(for: date) { text(abbreviation) } else { zone(colon: true) }
            case UInt8(ascii: "F"):
                number(p.year, 1, true); out.append(UInt8(ascii: "-"))
                number(p.month, 2, false); out.append(UInt8(ascii: "-"))
                number(p.day, 2, false)
            case UInt8(ascii: "T"):
                number(p.hour, 2, false); out.append(UInt8(ascii: ":"))
                number(p.minute, 2, false); out.append(UInt8(ascii: ":"))
                number(p.second, 2, false)
            case UInt8(ascii: "s"): number(Int(floor(date.timeIntervalSince1970)), 1, true)
            case UInt8(ascii: "%"): out.append(UInt8(ascii: "%"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(spec)
            }
        }

        /// `n` in decimal, zero-padded to `width` unless `noPad`.
        mutating func number(_ n: Int, _ width: Int, _ noPad: Bool) {
            if n < 0 { out.append(UInt8(ascii: "-")); number(-n, width, noPad); return }
            var digits = 1
            var rest = n
            while rest >= 10 { rest /= 10; digits += 1 }
            if !noPad, width > digits { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
            let start = out.count
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
            var v = n
            var i = out.count - 1
            while i >= start {
                out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                i -= 1
            }
        }

        mutating func text(_ s: String) { out.append(contentsOf: s.utf8) }

        /// `+hhmm` (`+hh:mm` with `colon`), or `Z` for a zero offset when `zulu`.
        mutating func zone(colon: Bool) {
            if zulu && parts.offset == 0 { out.append(UInt8(ascii: "Z")); return }
            out.append(parts.offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let a = abs(parts.offset)
            number(a / 3600, 2, false)
            if colon { out.append(UInt8(ascii: ":")) }
            number(a / 60 % 60, 2, false)
        }
    }

    /// Reads `2024-03-05`, `2024-03-05 14:07`, `2024-03-05T14:07:09`, with optional `Z` or `±hh:mm`.
    /// Without a zone, the time is in `timeZone`.
    static func parse(_ s: String, timeZone: TimeZone) -> Date? {
        let b = Array(s.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var n = 0
            for k in i..<(i + digits) {
                guard b[k] >= 48 && b[k] <= 57 else { return nil }
                n = n * 10 + Int(b[k] - 48)
            }
            i += digits
            return n
        }
        func skip(_ c: UInt8) -> Bool {
            if i < b.count && b[i] == c { i += 1; return true }
            return false
        }
        guard let y = number(4), skip(45), let m = number(2), skip(45), let d = number(2),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return nil }
            i += 1
            guard let h = number(2), skip(58), let mi = number(2) else { return nil }
            hour = h; minute = mi
            if skip(58) { guard let sec = number(2) else { return nil }; second = sec }
            if skip(46) { while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 } }
            if skip(UInt8(ascii: "Z")) {
                offset = 0
            } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = skip(58)
                let om = number(2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
            }
            guard i == b.count else { return nil }
        }
        let localSeconds = daysFromCivil(y, m, d) * 86400 + hour * 3600 + minute * 60 + second
        if let offset { return Date(timeIntervalSince1970: TimeInterval(localSeconds - offset)) }
        // Guess with the zone's offset at that instant, then correct once for a DST boundary.
        let guess = Date(timeIntervalSince1970: TimeInterval(localSeconds))
        let first = timeZone.secondsFromGMT(for: guess)
        let corrected = Date(timeIntervalSince1970: TimeInterval(localSeconds - first))
        let second2 = timeZone.secondsFromGMT(for: corrected)
        return Date(timeIntervalSince1970: TimeInterval(localSeconds - second2))
    }
}

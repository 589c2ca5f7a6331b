import Foundation

/// strftime-like formatting in a fixed time zone, computed by hand so it is deterministic
/// (English names, no locale) and safe to call from many threads.
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

    static func format(_ date: Date, _ format: String, timeZone: TimeZone, zulu: Bool = false) -> String {
        switch format.lowercased() {
        case "rfc3339", "iso8601": return rfc3339(date, timeZone: timeZone)
        case "rfc2822", "rfc822": return self.format(date, "%a, %d %b %Y %H:%M:%S %z", timeZone: timeZone)
        default: break
        }
        let p = parts(date, timeZone: timeZone)
        var out = ""
        var chars = format.makeIterator()
        func pad(_ n: Int, _ width: Int, _ noPad: Bool) -> String {
            let s = String(n)
            return noPad || s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        func zone(colon: Bool) -> String {
            if zulu && p.offset == 0 { return "Z" }
            let sign = p.offset < 0 ? "-" : "+"
            let a = abs(p.offset)
            return sign + pad(a / 3600, 2, false) + (colon ? ":" : "") + pad(a / 60 % 60, 2, false)
        }
        while let c = chars.next() {
            guard c == "%" else { out.append(c); continue }
            guard var spec = chars.next() else { out.append("%"); break }
            var noPad = false
            var colon = false
            if spec == "-" { noPad = true; spec = chars.next() ?? "-" }
            if spec == ":" { colon = true; spec = chars.next() ?? ":" }
            switch spec {
            case "Y": out += String(p.year)
            case "y": out += pad(p.year % 100, 2, noPad)
            case "m": out += pad(p.month, 2, noPad)
            case "d": out += pad(p.day, 2, noPad)
            case "e": out += noPad ? String(p.day) : (p.day < 10 ? " " : "") + String(p.day)
            case "H": out += pad(p.hour, 2, noPad)
            case "I": out += pad(p.hour % 12 == 0 ? 12 : p.hour % 12, 2, noPad)
            case "M": out += pad(p.minute, 2, noPad)
            case "S": out += pad(p.second, 2, noPad)
            case "p": out += p.hour < 12 ? "AM" : "PM"
            case "B": out += months[p.month - 1]
            case "b", "h": out += String(months[p.month - 1].prefix(3))
            case "A": out += weekdays[p.weekday]
            case "a": out += String(weekdays[p.weekday].prefix(3))
            case "j": out += pad(p.dayOfYear, 3, noPad)
            case "u": out += String(p.weekday == 0 ? 7 : p.weekday)
            case "w": out += String(p.weekday)
            case "z": out += zone(colon: colon)
            case "Z": out += timeZone.abbreviation(for: date) ?? zone(colon: true)
            case "F": out += "\(p.year)-\(pad(p.month, 2, false))-\(pad(p.day, 2, false))"
            case "T": out += "\(pad(p.hour, 2, false)):\(pad(p.minute, 2, false)):\(pad(p.second, 2, false))"
            case "s": out += String(Int(floor(date.timeIntervalSince1970)))
            case "%": out += "%"
            default: out += "%" + String(spec)
            }
        }
        return out
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

import Foundation

/// Wall-clock time in microseconds and its ISO 8601 form, as events store it.
public enum AuditClock {
    /// Now, in microseconds since 1970-01-01 UTC.
    public static func nowMicros() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// `2026-11-29T19:51:46.123456Z` for a time in microseconds.
    public static func iso(_ micros: Int64) -> String {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let (days, secondOfDay) = (floorDiv(seconds, 86_400), seconds - floorDiv(seconds, 86_400) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))Z"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z]` (UTC) or a Unix time in seconds;
    /// nil when it is neither, when a field is out of its range (February 30, hour 24, minute 60:
    /// refused, never rolled over into the next day or hour), or when the time does not fit in
    /// 64-bit microseconds.
    public static func parse(_ text: String) -> Int64? {
        if let seconds = Int64(text) {
            let (micros, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
            return overflow ? nil : micros
        }
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), bytes.count >= 10, bytes[4] == 45, let month = number(5..<7), bytes[7] == 45,
            let day = number(8..<10), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = days(fromCivil: year, month, day) * 86_400
        var rest = bytes.count > 10 ? Array(bytes[10...]) : []
        if rest.last == UInt8(ascii: "Z") { rest.removeLast() }
        var fraction: Int64 = 0
        if !rest.isEmpty {
            guard rest[0] == UInt8(ascii: "T") || rest[0] == UInt8(ascii: " "), rest.count >= 6,
                let hour = number(11..<13), bytes[13] == 58, let minute = number(14..<16), hour < 24, minute < 60
            else { return nil }
            seconds += hour * 3600 + minute * 60
            if rest.count > 6 {
                guard bytes[16] == 58, let second = number(17..<19), second < 60 else { return nil }
                seconds += second
                if rest.count > 9 {
                    guard bytes[19] == 46 else { return nil }
                    let digits = String(decoding: rest[10...].prefix(6), as: UTF8.self)
                    guard let value = Int64(digits), rest.count - 10 <= 6 else { return nil }
                    fraction = value * Int64(pow(10, Double(6 - digits.count)))
                }
            }
        }
        return seconds * 1_000_000 + fraction
    }

    /// The number of days in `month` (1…12) of `year`, proleptic Gregorian.
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    /// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// (year, month, day) → days since 1970-01-01.
    private static func days(fromCivil y0: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

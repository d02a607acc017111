/// Excel keeps dates as numbers: days since an epoch, the time of day as the fraction. Whether a
/// number is a date is only told by its cell's number format (ECMA-376 part 1, 18.8.30).
enum ExcelDates {
    enum Kind: Equatable {
        case date, time, dateTime
    }

    /// The built-in formats that are dates or times: 14–17 dates, 18–21 and 45–47 times, 22 both.
    static func kind(builtIn id: Int) -> Kind? {
        switch id {
        case 14...17: return .date
        case 18...21, 45...47: return .time
        case 22: return .dateTime
        default: return nil
        }
    }

    /// A custom format code is a date when, outside quoted text, `[…]` (colours, locales, elapsed
    /// hours) and escaped characters, it uses y, d or m (month) and a time when it uses h or s;
    /// `m` next to h or s means minutes.
    static func kind(code: String) -> Kind? {
        var letters = Set<Character>()
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped {
                escaped = false
                continue
            }
            if inQuote {
                if character == "\"" { inQuote = false }
                continue
            }
            if inBracket {
                if character == "]" { inBracket = false }
                continue
            }
            switch character {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true  // `_x` pads, `*x` fills: x is no format letter
            default: letters.insert(character)
            }
        }
        let time = letters.contains("h") || letters.contains("s")
        let date = letters.contains("y") || letters.contains("d") || (letters.contains("m") && !time)
        switch (date, time) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return nil
        }
    }

    /// `yyyy-mm-dd hh:mm:ss` (or its date or time part alone), the wall-clock text the timestamp
    /// parser reads (Timestamps.swift); nil for a number no calendar date has.
    ///
    /// 1900 system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was
    /// (serial 60, kept from Lotus 1-2-3), so serials from 61 are one day ahead. 1904 system
    /// (`date1904` in workbook.xml): serial 0 is 1904-01-01.
    static func text(serial: Double, kind: Kind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }  // up to 9999-12-31
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let time = "\(two(seconds / 3_600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if kind == .time && days == 0 { return time }
        let date: String
        if date1904 {
            date = civil(daysSince1970: days + daysFrom1970(1904, 1, 1))
        } else if days == 60 {
            date = "1900-02-29"
        } else if days == 0 {
            date = "1900-01-00"
        } else {
            date = civil(daysSince1970: days + daysFrom1970(1899, 12, days < 60 ? 31 : 30))
        }
        switch kind {
        case .date where seconds == 0: return date
        case .time: return time
        default: return "\(date) \(time)"
        }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Day arithmetic is Timestamps.swift's (`daysSinceEpoch`, `civilDate`): one copy of Hinnant's algorithms.
    static func daysFrom1970(_ year: Int, _ month: Int, _ day: Int) -> Int { daysSinceEpoch(year: year, month: month, day: day) }

    /// `yyyy-mm-dd` of a day counted from 1970-01-01.
    static func civil(daysSince1970 days: Int) -> String {
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return "\(year)-\(two(month))-\(two(day))"
    }
}

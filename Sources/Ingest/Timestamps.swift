/// Submission times as the tools write them, normalised to UTC as `yyyy-MM-dd HH:mm:ss`, so that
/// "the latest submission counts" (SPEC 9) is a string comparison that stays right across the
/// clock change at the end of October and across files written with and without a zone.
///
/// Dates: `yyyy/mm/dd` (Google), `yyyy-mm-dd` (ISO, LimeSurvey, with or without `T`),
/// `dd.mm.yyyy` with or without a trailing dot and `yyyy.mm.dd.` (Latvian Excel), `m/d/yy`
/// (Microsoft Forms, US locale); then an optional `h:mm[:ss[.fff]]`, a standalone `AM`/`PM`, and an
/// optional zone: `EET`, `EEST`, `CET`, `CEST`, `UTC`, `GMT`, `Z`, `GMT+3`, `UTC+02:00`, `+0300`.
/// A time without a zone is Latvian wall time (Europe/Riga: UTC+2, UTC+3 from the last Sunday of
/// March to the last Sunday of October; the repeated hour in October is read as the first one).
/// Anything else — an unknown zone word, a stray number — gives `nil`: no time rather than a
/// wrong one, and the later line of the file then counts as the later submission.
public func normalizedTimestamp(_ text: String) -> String? {
    normalizedTimestamp(bytes: Array(text.utf8)[...])
}

func normalizedTimestamp(bytes: ArraySlice<UInt8>) -> String? {
    bytes.withUnsafeBufferPointer { normalizedTimestamp(bytes: $0) }
}

/// The same, straight from a cell's bytes.
func normalizedTimestamp(bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var scanner = TimestampScanner(bytes: bytes)
    guard let parts = scanner.parse() else { return nil }
    return parts.utcText
}

/// The same written into `out` (19 bytes), false when the cell is no time: it runs once per
/// imported row, into the batch's table of times (`ResponseBatch`), with no string made.
func normalizedTimestamp(bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
    var scanner = TimestampScanner(bytes: bytes)
    guard let parts = scanner.parse() else { return false }
    return parts.writeUTC(into: out)
}

private struct TimestampParts {
    var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
    /// Minutes east of UTC, or nil for Latvian wall time.
    var offsetMinutes: Int?

    var utcText: String? {
        var valid = false
        let text = String(unsafeUninitializedCapacity: 19) { out in
            valid = writeUTC(into: out)
            return valid ? 19 : 0
        }
        return valid ? text : nil
    }

    /// `yyyy-MM-dd HH:mm:ss` in UTC into `out` (at least 19 bytes); false for an impossible date.
    func writeUTC(into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard (1...12).contains(month), year >= 1900, year < 10_000,
            (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61, out.count >= 19
        else { return false }
        let localDays = daysSinceEpoch(year: year, month: month, day: day)
        let localSeconds = localDays * 86_400 + hour * 3_600 + minute * 60 + second
        let offset = offsetMinutes ?? (rigaIsOnSummerTime(year: year, localDays: localDays, hour: hour) ? 180 : 120)
        let utc = localSeconds - offset * 60
        let (days, rest) = utc.quotientAndRemainder(dividingBy: 86_400)
        let (y, m, d) = civilDate(daysSinceEpoch: rest < 0 ? days - 1 : days)
        let secondsOfDay = rest < 0 ? rest + 86_400 : rest
        var written = 0
        func put(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out[written] = UInt8(48 + rest / divisor)
                written += 1
                rest %= divisor
                divisor /= 10
            }
        }
        func mark(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }
        put(y, 4)
        mark(45)
        put(m, 2)
        mark(45)
        put(d, 2)
        mark(32)
        put(secondsOfDay / 3_600, 2)
        mark(58)
        put(secondsOfDay / 60 % 60, 2)
        mark(58)
        put(secondsOfDay % 60, 2)
        return true
    }
}

private struct TimestampScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }

    mutating func skipSpaces() {
        while let byte = current, byte == 32 || byte == 9 { index += 1 }
    }

    /// Digits at the cursor: their value and how many there were.
    mutating func number(maxDigits: Int = 5) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while let byte = current, Self.isDigit(byte) {
            guard digits < maxDigits else { return nil }
            value = value * 10 + Int(byte - 48)
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : (value, digits)
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Letters and dots at the cursor, upper-cased and packed into one number ("p.m." → "PM");
    /// nil for a word over four letters, which no zone or meridiem we know has.
    mutating func word() -> UInt32? {
        var packed: UInt32 = 0
        var letters = 0
        while let byte = current, Self.isLetter(byte) || byte == 46 {
            if byte != 46 {
                letters += 1
                packed = packed << 8 | UInt32(byte & 0xDF)
            }
            index += 1
        }
        return letters <= 4 ? packed : nil
    }

    static func packed(_ word: StaticString) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<word.utf8CodeUnitCount { value = value << 8 | UInt32(word.utf8Start[index]) }
        return value
    }
    static let am = packed("AM"), pm = packed("PM"), z = packed("Z"), utc = packed("UTC"), gmt = packed("GMT")
    static let eet = packed("EET"), eest = packed("EEST"), cet = packed("CET"), cest = packed("CEST")

    mutating func parse() -> TimestampParts? {
        var parts = TimestampParts()
        skipSpaces()
        guard let first = number(), let separator = current, separator == 47 || separator == 45 || separator == 46
        else { return nil }
        index += 1
        guard let second = number(), take(separator), let third = number() else { return nil }
        if first.digits == 4 {
            (parts.year, parts.month, parts.day) = (first.value, second.value, third.value)
        } else if separator == 46 {
            (parts.year, parts.month, parts.day) = (third.value, second.value, first.value)
        } else {
            // m/d/yy or m/d/yyyy: the US order Microsoft Forms writes.
            (parts.year, parts.month, parts.day) = (third.value, first.value, second.value)
        }
        if parts.year < 100, first.digits != 4 { parts.year += 2000 }  // "10/5/26", "05.10.26"
        _ = take(46)  // "14.10.2026." and "2026.10.14."
        if !take(84) { skipSpaces() }  // ISO "T"

        var hasTime = false
        if let hour = number(maxDigits: 2) {
            guard take(58), let minute = number(maxDigits: 2), minute.digits == 2 else { return nil }
            (parts.hour, parts.minute) = (hour.value, minute.value)
            if take(58) {
                guard let second = number(maxDigits: 2), second.digits == 2 else { return nil }
                parts.second = second.value
                if take(46) || take(44) { guard number(maxDigits: 9) != nil else { return nil } }
            }
            hasTime = true
        }

        var meridiem: UInt8 = 0
        while true {
            skipSpaces()
            guard let byte = current else { break }
            if byte == 43 || byte == 45 {
                guard hasTime, parts.offsetMinutes == nil, let offset = offset() else { return nil }
                parts.offsetMinutes = offset
                continue
            }
            guard Self.isLetter(byte) else { return nil }
            guard let token = word() else { return nil }
            switch token {
            case Self.am, Self.pm:
                guard hasTime, meridiem == 0, parts.offsetMinutes == nil else { return nil }
                meridiem = token == Self.am ? UInt8(ascii: "A") : UInt8(ascii: "P")
            case Self.z, Self.utc, Self.gmt:
                guard parts.offsetMinutes == nil else { return nil }
                // "GMT+3", "UTC+02:00": the offset follows the word at once.
                if let sign = current, sign == 43 || sign == 45 {
                    guard let offset = offset() else { return nil }
                    parts.offsetMinutes = offset
                } else {
                    parts.offsetMinutes = 0
                }
            case Self.eet, Self.cest, Self.eest, Self.cet:
                guard parts.offsetMinutes == nil else { return nil }
                parts.offsetMinutes = token == Self.eest ? 180 : token == Self.cet ? 60 : 120
            default:
                return nil
            }
        }
        if meridiem != 0 {
            guard (1...12).contains(parts.hour) else { return nil }
            if meridiem == UInt8(ascii: "P"), parts.hour < 12 { parts.hour += 12 }
            if meridiem == UInt8(ascii: "A"), parts.hour == 12 { parts.hour = 0 }
        }
        return parts
    }

    /// `+3`, `+03`, `-5`, `+02:00`, `+0200`: minutes east of UTC, at most 14 hours.
    mutating func offset() -> Int? {
        let negative = current == 45
        index += 1
        guard let first = number(maxDigits: 4) else { return nil }
        var minutes: Int
        switch first.digits {
        case 1, 2:
            minutes = first.value * 60
            if take(58) {
                guard let extra = number(maxDigits: 2), extra.digits == 2, extra.value < 60 else { return nil }
                minutes += extra.value
            }
        case 4:
            guard first.value % 100 < 60 else { return nil }
            minutes = first.value / 100 * 60 + first.value % 100
        default:
            return nil
        }
        guard minutes <= 14 * 60 else { return nil }
        return negative ? -minutes : minutes
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    // Count from 1 March of year 0, so that the leap day is the last day of a counted year.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// The inverse of `daysSinceEpoch`.
func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// EU summer time in Riga: from 04:00 local (summer time) on the last Sunday of March to 04:00 local (summer
/// time) on the last Sunday of October.
func rigaIsOnSummerTime(year: Int, localDays: Int, hour: Int) -> Bool {
    func lastSunday(_ month: Int) -> Int {
        let last = daysSinceEpoch(year: year, month: month, day: 31)
        let weekday = ((last + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday; Sunday is 0
        return last - weekday
    }
    let start = lastSunday(3)
    let end = lastSunday(10)
    if localDays > start && localDays < end { return true }
    if localDays == start { return hour >= 4 }  // 03:xx does not exist that night; read as winter time
    if localDays == end { return hour < 4 }
    return false
}

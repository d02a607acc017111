/// Submission times as the tools write them, normalised to `yyyy-MM-dd HH:mm:ss` so that
/// "the latest submission counts" (SPEC 9) is a string comparison. Time zones are ignored:
/// one export comes from one tool in one zone.
///
/// Dates: `yyyy/mm/dd` (Google), `yyyy-mm-dd` (ISO, LimeSurvey), `dd.mm.yyyy` with or without a
/// trailing dot and `yyyy.mm.dd.` (Latvian Excel), `m/d/yy` (Microsoft Forms, US locale); then an
/// optional `h:mm[:ss]` and `AM`/`PM`.
public func normalizedTimestamp(_ text: String) -> String? {
    normalizedTimestamp(bytes: Array(text.utf8)[...])
}

/// The same, straight from a cell's bytes: it runs once per imported row.
func normalizedTimestamp(bytes: ArraySlice<UInt8>) -> String? {
    var numbers: [Int] = []
    numbers.reserveCapacity(6)
    var current = -1
    var dateSeparator: UInt8 = 0
    var meridiem: UInt8 = 0  // "A" or "P"
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            current = (current < 0 ? 0 : current * 10) + Int(byte - 48)
            guard current < 100_000 else { return nil }
        default:
            if current >= 0 {
                numbers.append(current)
                current = -1
            }
            if numbers.count < 3, dateSeparator == 0, byte == 47 || byte == 45 || byte == 46 { dateSeparator = byte }
            if numbers.count >= 3, byte == 65 || byte == 80 || byte == 97 || byte == 112 { meridiem = byte & 0xDF }
        }
    }
    if current >= 0 { numbers.append(current) }
    guard numbers.count >= 3, numbers.count <= 6 else { return nil }
    let (a, b, c) = (numbers[0], numbers[1], numbers[2])
    let date: (year: Int, month: Int, day: Int)
    if a > 31 {
        date = (a, b, c)
    } else if dateSeparator == UInt8(ascii: ".") {
        date = (c, b, a)
    } else {
        date = (c < 100 ? 2000 + c : c, a, b)
    }
    guard (1...12).contains(date.month), (1...31).contains(date.day), date.year >= 1900 else { return nil }
    var hour = numbers.count > 3 ? numbers[3] : 0
    let minute = numbers.count > 4 ? numbers[4] : 0
    let second = numbers.count > 5 ? numbers[5] : 0
    if meridiem == UInt8(ascii: "P"), hour < 12 { hour += 12 }
    if meridiem == UInt8(ascii: "A"), hour == 12 { hour = 0 }
    guard hour < 24, minute < 60, second < 61, numbers.count != 4 else { return nil }
    var out = [UInt8]()
    out.reserveCapacity(19)
    func put(_ value: Int, _ width: Int) {
        var digits = [UInt8](repeating: 48, count: width)
        var rest = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            digits[index] = UInt8(48 + rest % 10)
            rest /= 10
        }
        out += digits
    }
    put(date.year, 4); out.append(45); put(date.month, 2); out.append(45); put(date.day, 2); out.append(32)
    put(hour, 2); out.append(58); put(minute, 2); out.append(58); put(second, 2)
    return String(decoding: out, as: UTF8.self)
}

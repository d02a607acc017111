/// Submission times as the tools write them, normalised to `yyyy-MM-dd HH:mm:ss` so that
/// "the latest submission counts" (SPEC 9) is a string comparison. Time zones are ignored:
/// one export comes from one tool in one zone.
public func normalizedTimestamp(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    var tokens = trimmed.split(separator: " ").map(String.init)
    let datePart = tokens.removeFirst()
    guard let date = parseDate(datePart) else { return nil }
    var hour = 0, minute = 0, second = 0
    if let time = tokens.first {
        let pieces = time.split(separator: ":").map { Int($0) }
        guard pieces.count >= 2, pieces.allSatisfy({ $0 != nil }) else { return nil }
        hour = pieces[0]!
        minute = pieces[1]!
        second = pieces.count > 2 ? pieces[2]! : 0
        let meridiem = tokens.dropFirst().first?.uppercased()
        if meridiem == "PM", hour < 12 { hour += 12 }
        if meridiem == "AM", hour == 12 { hour = 0 }
    }
    guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<61).contains(second) else {
        return nil
    }
    return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2) + " "
        + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
}

/// Dates: `yyyy/mm/dd` (Google), `yyyy-mm-dd` (ISO, LimeSurvey), `dd.mm.yyyy` with or without a
/// trailing dot and `yyyy.mm.dd.` (Latvian Excel), `mm/dd/yyyy` (Microsoft Forms, US locale).
func parseDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
    var body = Substring(text)
    if body.hasSuffix(".") { body = body.dropLast() }
    let separator: Character = body.contains("-") ? "-" : body.contains(".") ? "." : "/"
    let parts = body.split(separator: separator).map { Int($0) }
    guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else { return nil }
    let date: (Int, Int, Int)
    if a > 31 {
        date = (a, b, c)
    } else if separator == "." {
        date = (c, b, a)
    } else {
        date = (c < 100 ? 2000 + c : c, a, b)
    }
    guard (1...12).contains(date.1), (1...31).contains(date.2) else { return nil }
    return (date.0, date.1, date.2)
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

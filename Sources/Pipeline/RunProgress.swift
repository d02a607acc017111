import AtbalstsCore
import Foundation

/// Where the run tells the user what it is doing: stderr, one line a step (SPEC 6); on a terminal
/// also a progress bar while a file is read, and the stage names in colour unless NO_COLOR is set.
public struct RunProgress: Sendable {
    public let quiet: Bool
    private let start = Date()
    private let terminal: Bool
    private let colour: Bool

    public init(quiet: Bool = false) {
        self.quiet = quiet
        terminal = isatty(STDERR_FILENO) == 1
        colour =
            terminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// `ingest  file.csv: … [0.8 s]`: the time since the run began, so a slow stage shows itself.
    public func step(_ stage: String, _ message: String) {
        guard !quiet else { return }
        let elapsed = String(format: "%.1f", Date().timeIntervalSince(start))
        let label = Self.label(stage).padding(toLength: 9, withPad: " ", startingAt: 0)
        let shown = colour ? "\u{1B}[36m\(label)\u{1B}[0m" : label
        write("\(terminal ? "\r\u{1B}[K" : "")\(shown) \(message) [\(elapsed) s]\n")
    }

    /// The stage's name in the language of the messages (SPEC 6: whole messages, no English in Latvian).
    static func label(_ stage: String) -> String {
        switch stage {
        case "ingest": return say("ingest", lv: "ielase")
        case "store": return say("store", lv: "glabāšana")
        case "score": return say("score", lv: "vērtēšana")
        case "report": return say("report", lv: "pārskati")
        default: return stage
        }
    }

    /// A failure is shown even with `--quiet`, which leaves nothing but errors on stderr.
    public func error(_ message: String) {
        write("\(terminal ? "\r\u{1B}[K" : "")atbalsts: \(message)\n")
    }

    /// A reader's progress: on a terminal a bar that redraws itself; elsewhere nothing.
    public func reading(_ name: String) -> (@Sendable (Double, Int) -> Void)? {
        guard terminal, !quiet else { return nil }
        let began = Date()
        // Worded here: the reader calls back on its own thread, where the language is not bound.
        let words = (rows: say("rows", lv: "rindas"), perSecond: say("rows/s", lv: "rindas/s"))
        return { fraction, rows in
            let seconds = max(Date().timeIntervalSince(began), 0.001)
            write(
                "\r\u{1B}[K"
                    + Self.bar(name: name, fraction: fraction, rows: rows, rowsPerSecond: Double(rows) / seconds, words: words))
        }
    }

    /// `national.csv [#########-----------]  45%  13,500 rows  27,000 rows/s`
    static func bar(
        name: String, fraction: Double, rows: Int, rowsPerSecond: Double, width: Int = 24,
        words: (rows: String, perSecond: String) = ("rows", "rows/s")
    ) -> String {
        let clamped = min(max(fraction, 0), 1)
        let filled = Int((clamped * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(format: "%3d%%", Int((clamped * 100).rounded(.down)))
        return "\(name) [\(bar)] \(percent)  \(grouped(rows)) \(words.rows)  \(grouped(Int(rowsPerSecond))) \(words.perSecond)"
    }

    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return String(
            digits.enumerated().flatMap { index, digit in
                (index > 0 && (digits.count - index) % 3 == 0 ? [","] : []) + [digit]
            })
    }
}

private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

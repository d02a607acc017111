import Foundation

/// Where the run tells the user what it is doing: stderr, one line a step (SPEC 6).
public struct Progress: Sendable {
    public let quiet: Bool
    private let start = Date()

    public init(quiet: Bool = false) { self.quiet = quiet }

    /// `ingest  file.csv: … [0.8 s]`: the time since the run began, so a slow stage shows itself.
    public func step(_ stage: String, _ message: String) {
        guard !quiet else { return }
        let elapsed = String(format: "%.1f", Date().timeIntervalSince(start))
        FileHandle.standardError.write(
            Data("\(stage.padding(toLength: 7, withPad: " ", startingAt: 0)) \(message) [\(elapsed) s]\n".utf8))
    }
}

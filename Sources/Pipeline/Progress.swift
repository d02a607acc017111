import Foundation

/// Where the run tells the user what it is doing: stderr, one line a step (SPEC 6).
public struct Progress: Sendable {
    public let quiet: Bool

    public init(quiet: Bool = false) { self.quiet = quiet }

    public func step(_ stage: String, _ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("\(stage.padding(toLength: 7, withPad: " ", startingAt: 0)) \(message)\n".utf8))
    }
}

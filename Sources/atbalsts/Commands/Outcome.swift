import ArgumentParser
import Foundation
import Pipeline

/// SPEC 6 exit codes: 1 for a run that failed on its data, 2 for a usage or pipeline mistake.
enum Outcome {
    static let failed = ExitCode(1)
    static let usage = ExitCode(2)

    /// Prints a user's mistake as one line and picks the exit code; no stack traces.
    static func report(_ error: Error) -> ExitCode {
        FileHandle.standardError.write(Data("atbalsts: \(error)\n".utf8))
        return isUsageMistake(error) ? usage : failed
    }
}

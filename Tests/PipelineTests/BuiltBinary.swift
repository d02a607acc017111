import Foundation
import Testing

/// The built `atbalsts`, run as a user runs it: arguments in, exit code and output out (as
/// swift-argument-parser's `AssertExecuteCommand`). A test that needs it fails when it is missing —
/// never skips in silence (STYLE.md); `swift build --build-tests` builds it with the tests.
enum BuiltBinary {
    static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atbalsts")
    }

    struct Result {
        let code: Int32
        let output: String
        let errors: String
    }

    static func require() throws -> URL {
        try #require(
            FileManager.default.isExecutableFile(atPath: url.path),
            "the atbalsts binary is not built beside the tests; run `swift build --build-tests`")
        return url
    }

    /// Runs to the end. The environment is the test's without its locale, so messages are English
    /// unless `environment` (added on top) or `--lang` asks otherwise.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try require()
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        for name in ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"] { inherited[name] = nil }
        process.environment = inherited.merging(environment) { $1 }
        // Files, not pipes: neither stream can fill up while the other is being read.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atbalsts-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let err = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(
            code: process.terminationStatus,
            output: try String(contentsOf: out, encoding: .utf8),
            errors: try String(contentsOf: err, encoding: .utf8))
    }
}

import Foundation
import Testing

/// The built `atbalsts`, run as a user runs it: arguments in, exit code and stderr out. A test
/// that needs it fails when it is missing (`#require`), it never skips in silence.
struct Binary {
    let url: URL

    init() throws {
        url = BuiltBinary.url
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "build the binary first: \(url.path)")
    }

    struct Result {
        let code: Int32
        let errors: String
        /// stderr without libxlsxwriter's own `[ERROR]` lines, which it prints itself.
        var ourLines: [String] {
            errors.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("[ERROR]") }
        }
    }

    func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    static func finish(_ launched: (Process, Pipe)) -> Result {
        let text = String(decoding: launched.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        launched.0.waitUntilExit()
        return Result(code: launched.0.terminationStatus, errors: text)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        Self.finish(try launch(arguments, environment: environment))
    }
}

/// A tiny file system of its own (tmpfs), to fill up or make read-only. Mounting needs root; where
/// it is refused, `mounted` is nil and the test falls back to an injected write failure, saying so.
struct TinyDisk {
    let path: URL

    static func mounted(at path: URL, size: String = "1m") throws -> TinyDisk? {
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        guard mount(["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path.path]) else {
            print("cannot mount a tmpfs at \(path.path) (needs root): testing with an injected write failure instead")
            return nil
        }
        return TinyDisk(path: path)
    }

    @discardableResult
    static func mount(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    var fill: URL { path.appendingPathComponent("fill") }

    /// Fills the disk until `kilobytes` are left.
    func fill(leaving kilobytes: Int) throws {
        try? FileManager.default.removeItem(at: fill)
        var info = statvfs()
        guard statvfs(path.path, &info) == 0 else { throw POSIXError(.EIO) }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        try Data(count: max(0, free - kilobytes * 1024)).write(to: fill)
    }

    func makeReadOnly() -> Bool { Self.mount(["-o", "remount,ro", path.path]) }

    func unmount() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = ["-l", path.path]
        try? process.run()
        process.waitUntilExit()
    }
}

extension TestWorkspace {
    /// Every visible file of the output folder with its bytes, the filler of a `TinyDisk` aside.
    func snapshot(_ folder: String = "out") throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url(folder).path)
        where name != "fill" && !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: url(folder).appendingPathComponent(name))
        }
        return files
    }

    /// A pipeline over the sample export: 20 institution workbooks, comments with `=`/`-` openings
    /// (so the styles patch runs too).
    /// The demo's autumn export with one broken row added, so a `<wave>-rejected.csv` is written too.
    /// The sample pipeline run once by `binary`: its workbooks are the previous ones that a
    /// fault or a kill must leave as they were. Returns the pipeline's path.
    func sampleRunOnce(with binary: Binary) throws -> String {
        try samplePipeline()
        let pipeline = url("pipeline.yaml").path
        try #require(try binary.run(["run", pipeline, "--quiet"]).code == 0)
        return pipeline
    }

    func samplePipeline(outputs: String = "out") throws {
        let sample = try Data(contentsOf: Self.repository.appendingPathComponent("samples/google-forms-needs.csv"))
        let file = url("sample-with-a-broken-row.csv")
        try (sample + Data("2026/10/05 9:00:00 AM EET,broken@example.lv,Ezerkrasta sākumskola\r\n".utf8)).write(to: file)
        _ = try pipeline(
            sources: "  - file: \(file.path)\n    kind: needs", extra: "  institution_comments: true", outputs: outputs)
    }
}

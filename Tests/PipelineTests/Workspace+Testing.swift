import Foundation

@testable import Pipeline

/// A throw-away workspace: a key, a pipeline over fixture files and the repository's seeds. Its
/// folder goes when the last reference does (STYLE.md: tests clean up their folders).
final class TestWorkspace {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("atbalsts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Workspace.createKey(at: directory.appendingPathComponent("atbalsts.key"))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The small fixtures keep broken rows on purpose (the needs export 2 of 19, the spring
    /// self-assessment 2 of 6), far over the default `max_rejected_share` of 5 %.
    static let tolerantSettings = "settings:\n  max_rejected_share: 0.5"

    /// Writes `pipeline.yaml`; `sources` is YAML of the list entries.
    func pipeline(
        wave: String = "2026-27-autumn", sources: String? = nil, extra: String = "", top: String = "",
        outputs: String = "out", settings: String = TestWorkspace.tolerantSettings
    ) throws -> PipelineFile {
        let defaultSources = """
              - file: \(Self.fixtures.path)/small-google-forms.csv
                kind: needs
              - file: \(Self.fixtures.path)/small-register.csv
                kind: institutions
            """
        let text = """
            wave: \(wave)
            seeds: \(Self.repository.path)/seeds
            sources:
            \(sources ?? defaultSources)
            outputs:
              directory: \(outputs)
            \(extra)
            \(settings)
            \(top)
            """
        try text.write(to: url("pipeline.yaml"), atomically: true, encoding: .utf8)
        return try PipelineFile.load(url("pipeline.yaml"))
    }
}

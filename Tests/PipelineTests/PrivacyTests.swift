import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 8 / issue 6: no e-mail address or name from any sample reaches the database file or any
/// workbook — checked in the raw bytes, every part of every workbook unzipped.
struct PrivacyTests {
    static let samples = TestWorkspace.repository.appendingPathComponent("samples")

    /// Every e-mail address in a file, and the Microsoft Forms `Name` column's values.
    static func personalData(in file: URL) throws -> Set<String> {
        let text = try String(contentsOf: file, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
        var found = Set(
            regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                String(text[Range($0.range, in: text)!]).lowercased()
            })
        let lines = text.split(separator: "\r\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        if let name = header.firstIndex(of: "Name") {
            for line in lines.dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                if fields.count > name, fields[name].count > 3 { found.insert(String(fields[name])) }
            }
        }
        return found
    }

    @Test(arguments: ["google-forms-needs.csv", "ms-forms-needs.csv"])
    func noEmailOrNameReachesTheDatabaseOrAWorkbook(sample: String) throws {
        let workspace = try TestWorkspace()
        let file = Self.samples.appendingPathComponent(sample)
        let personal = try Self.personalData(in: file)
        #expect(personal.count > 400, "the sample is full of e-mails")
        let sources = "  - file: \(file.path)\n    kind: needs"
        let summary = try Runner(
            pipeline: try workspace.pipeline(sources: sources, extra: "  institution_comments: true"),
            progress: RunProgress(quiet: true)
        ).run()
        #expect(summary.workbooks.count > 10)

        var haystacks = [("database", try Data(contentsOf: workspace.url("atbalsts.sqlite")))]
        // Written only when something was rejected (this sample reads cleanly).
        if let rejected = try? Data(contentsOf: workspace.url("out/2026-27-autumn-rejected.csv")) {
            haystacks.append(("rejected rows", rejected))
        }
        for path in summary.workbooks {
            let book = try WorkbookReader(URL(fileURLWithPath: path))
            for part in book.partNames { haystacks.append(("\(path) \(part)", try book.part(part))) }
        }
        for (place, bytes) in haystacks {
            let text = String(decoding: bytes, as: UTF8.self).lowercased()
            for item in personal where text.contains(item.lowercased()) {
                Issue.record("\(item) found in \(place)")
            }
        }
    }

    @Test func theKeyAndTheDatabaseAreReadableByTheOwnerOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Workspace.initialize(
            directory, seedsFrom: TestWorkspace.repository.appendingPathComponent("seeds"), keyOnly: false)
        #expect(result.created.sorted() == ["atbalsts.key", "pipeline.yaml", "seeds/"])
        let mode =
            try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("atbalsts.key").path)[.posixPermissions]
            as? Int
        #expect(mode == 0o600)
        let key = try Data(contentsOf: directory.appendingPathComponent("atbalsts.key"))
        #expect(key.count == 32)
        // A second init keeps the key: a new key would break linking across waves.
        let again = try Workspace.initialize(directory, seedsFrom: nil, keyOnly: false)
        #expect(again.created.isEmpty)
        #expect(try Data(contentsOf: directory.appendingPathComponent("atbalsts.key")) == key)
        // The template pipeline parses as it is.
        let template = try PipelineFile.load(directory.appendingPathComponent("pipeline.yaml"))
        #expect(template.wave.id == "2026-27-autumn")
    }

    @Test func libxlsxwriterWorksInAPrivateFolderThatIsRemovedAfterwards() throws {
        let workspace = try TestWorkspace()
        var seen: String?
        try OutputFile.withPrivateDirectory(in: workspace.directory) { folder in
            seen = folder
            #expect(folder.hasPrefix(workspace.directory.path + "/."), "hidden, on the output folder's file system")
            let mode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
            #expect(mode == 0o700)
        }
        #expect(seen != nil && !FileManager.default.fileExists(atPath: seen!))
    }

    @Test func staleTemporaryFilesOfAKilledRunAreCleared() throws {
        let workspace = try TestWorkspace()
        try FileManager.default.createDirectory(at: workspace.url("out"), withIntermediateDirectories: true)
        // The owner must be gone: a pid taken from a process that has ended (4242 may be alive).
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = ".2026-27-autumn-padome.xlsx.\(ended.processIdentifier).tmp"
        try Data("half".utf8).write(to: workspace.url("out/\(stale)"))
        try Data("mine".utf8).write(to: workspace.url("out/.notes"))
        _ = try Runner(pipeline: try workspace.pipeline(), progress: RunProgress(quiet: true)).run()
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.url("out").path)
        #expect(!names.contains(stale))
        #expect(names.contains(".notes"), "only our own temporary files go")
        #expect(names.contains("2026-27-autumn-padome.xlsx"))
    }

    @Test func formulaLikeInputStaysTextInEveryWorkbook() throws {
        let workspace = try TestWorkspace()
        let file = Self.samples.appendingPathComponent("google-forms-needs.csv")
        let summary = try Runner(
            pipeline: try workspace.pipeline(sources: "  - file: \(file.path)\n    kind: needs", extra: "  institution_comments: true"),
            progress: RunProgress(quiet: true)
        ).run()
        var prefixed = 0
        for path in summary.workbooks {
            let book = try WorkbookReader(URL(fileURLWithPath: path))
            let styles = try book.cellStyles()
            for sheet in book.sheetNames {
                #expect(!(try book.sheetXML(sheet)).contains("<f>"), "\(path) \(sheet) has a formula")
                for cell in try book.cells(ofSheet: sheet).values {
                    guard let text = cell.value?.text, let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) else {
                        continue
                    }
                    #expect(styles[cell.style]["quotePrefix"] == "1", "\(text) lacks the quote prefix")
                    prefixed += 1
                }
            }
        }
        #expect(prefixed > 0, "the sample's comments include '=' and '-' openings")
    }
}

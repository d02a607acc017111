import Foundation
import Testing

@testable import Pipeline

/// SPEC 6 exit codes, seen from outside: 0 done, 1 failed, 2 a usage or pipeline mistake —
/// including every mistake the argument parser finds itself.
struct ExitCodeTests {
    @Test func exitCodesSayWhatHappened() throws {
        let workspace = try TestWorkspace()
        _ = try workspace.pipeline()
        let quietRun = try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"])
        #expect(quietRun.code == 0)
        #expect(quietRun.errors.isEmpty, "--quiet: nothing on stderr without errors")
        let quietReport = try BuiltBinary.run(["report", workspace.url("pipeline.yaml").path, "--quiet"])
        #expect(quietReport.code == 0)
        #expect(quietReport.errors.isEmpty, "report --quiet: nothing on stderr either")

        let broken = workspace.url("broken.csv")
        try Data([0x49, 0x81, 0x0A]).write(to: broken)
        _ = try workspace.pipeline(sources: "  - file: \(broken.path)\n    kind: needs")
        let failed = try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"])
        #expect(failed.code == 1)
        #expect(failed.errors.contains("broken.csv: byte 0x81 at byte offset 1"), "--quiet still shows errors")

        let typo = try BuiltBinary.run(["run", workspace.url("missing.yaml").path])
        #expect(typo.code == 2)
        #expect(typo.errors.contains("pipeline file not found"))
        #expect(try BuiltBinary.run(["rn"]).code == 2)
    }

    /// swift-argument-parser's own code for these is 64 (EX_USAGE); SPEC 6 says 2.
    @Test(arguments: [
        (["run"], "Missing expected argument '<pipeline>'"),
        (["run", "pipeline.yaml", "--lang", "de"], "The value 'de' is invalid for '--lang <lv|en>'"),
        (["run", "pipeline.yaml", "--dryrun"], "Unknown option '--dryrun'"),
        (["forget", "pipeline.yaml", "--yes"], "Missing expected argument '--wave <wave>'"),
        (["report", "a.yaml", "b.yaml"], "Unexpected argument 'b.yaml'"),
    ])
    func everyUsageErrorExitsWith2(arguments: [String], message: String) throws {
        let result = try BuiltBinary.run(arguments)
        #expect(result.code == 2, "\(arguments): \(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
    }

    /// A folder the run cannot write into is a failed run (1), not a mistake in the pipeline (2).
    /// Root writes into a 0555 folder all the same, so a folder standing where the rejected-rows
    /// file belongs makes the write fail for root too.
    @Test func anUnwritableOutputFolderIsAFailure() throws {
        let workspace = try TestWorkspace()
        _ = try workspace.pipeline()
        let out = workspace.url("out")
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("2026-27-autumn-rejected.csv"), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: out.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: out.path) }
        let result = try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--quiet"])
        #expect(result.code == 1, "\(result.errors)")
        #expect(result.errors.contains("2026-27-autumn-rejected.csv: cannot write the rejected rows"), "\(result.errors)")
    }

    @Test func helpSpeaksLatvian() throws {
        let help = try BuiltBinary.run(["run", "--help", "--lang", "lv"])
        #expect(help.code == 0)
        for part in ["LIETOJUMS:", "ARGUMENTI:", "OPCIJAS:", "Pipeline fails (YAML).", "Parāda šo palīdzību.", "Piemērs:"] {
            #expect(help.output.contains(part), "\(part) missing in:\n\(help.output)")
        }
        for english in ["USAGE", "OPTIONS", "Show help", "The pipeline file", "Example"] {
            #expect(!help.output.contains(english), "\(english) in:\n\(help.output)")
        }
        // The locale alone chooses it too.
        let root = try BuiltBinary.run(["--help"], environment: ["LANG": "lv_LV.UTF-8"])
        #expect(root.code == 0)
        #expect(root.output.contains("APAKŠKOMANDAS:") && root.output.contains("Izveido darba mapi"), "\(root.output)")
        #expect(!root.output.contains("SUBCOMMANDS") && !root.output.contains("Create a workspace"))
        // `help` and the root take `--lang` too, though they declare no options of their own.
        let helpRun = try BuiltBinary.run(["help", "run", "--lang", "lv"])
        #expect(helpRun.code == 0 && helpRun.output.contains("LIETOJUMS: atbalsts run"), "\(helpRun.output)\(helpRun.errors)")
        let bare = try BuiltBinary.run(["--lang", "lv"])
        #expect(bare.code == 0 && bare.output.contains("APAKŠKOMANDAS:"), "\(bare.output)\(bare.errors)")
        #expect(try BuiltBinary.run(["forget", "--help", "--lang", "lv"]).output.contains("(vērtības: lv, en)"))
        let english = try BuiltBinary.run(["run", "--help"])
        #expect(english.output.contains("USAGE:") && english.output.contains("The pipeline file (YAML)."))
    }

    @Test func theParsersErrorsSpeakLatvian() throws {
        let result = try BuiltBinary.run(["run", "--lang", "lv"])
        #expect(result.code == 2)
        #expect(result.errors.contains("Kļūda: Trūkst obligātā argumenta '<pipeline>'"), "\(result.errors)")
        #expect(result.errors.contains("Lietojums: atbalsts run"), "\(result.errors)")
        let unknown = try BuiltBinary.run(["run", "p.yaml", "--dryrun"], environment: ["LANG": "lv_LV.UTF-8"])
        #expect(unknown.code == 2)
        #expect(unknown.errors.contains("Nezināma opcija '--dryrun'"), "\(unknown.errors)")
        for text in [result.errors, unknown.errors] {
            #expect(Self.englishWords(in: text).isEmpty, "English in: \(text)")
        }
    }

    /// Issue 14 item 8: the message of an undecodable byte is made on the parser thread; under
    /// `--lang lv` it must still be Latvian, and so must the stage labels and the summary.
    @Test func aRealRunUnderLatvianPrintsNoEnglishWord() throws {
        let workspace = try TestWorkspace()
        _ = try workspace.pipeline()
        let good = try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--lang", "lv"])
        #expect(good.code == 0, "\(good.errors)")
        for label in ["ielase ", "glabāšana ", "vērtēšana ", "pārskati "] {
            #expect(good.errors.contains(label), "no \(label) in:\n\(good.errors)")
        }
        let broken = workspace.url("bojats.csv")
        var bytes = Array("Izglītības iestāde\nT01\n".utf8)
        bytes.insert(0x81, at: 5)
        try Data(bytes).write(to: broken)
        _ = try workspace.pipeline(sources: "  - file: \(broken.path)\n    kind: needs")
        let failed = try BuiltBinary.run(["run", workspace.url("pipeline.yaml").path, "--lang", "lv"])
        #expect(failed.code == 1)
        #expect(
            failed.errors.contains(
                "bojats.csv:1: virsrakstā ir baits, ko nevar nolasīt: baita nobīde 6: baitu 0xAB nevar atkodēt kā UTF-8"),
            "\(failed.errors)")
        let english = Self.englishWords(in: failed.errors.replacingOccurrences(of: "`encoding:`", with: ""))
        #expect(english.isEmpty, "English words \(english) in:\n\(failed.errors)")
    }

    /// Words of our English messages and of the parser's that have no place in a Latvian one.
    static func englishWords(in text: String) -> [String] {
        let words = [
            "byte", "offset", "cannot", "decoded", "failed", "rows", "wave", "error", "the", "read", "set", "if",
            "ingest", "store", "score", "report", "missing", "expected", "argument", "usage", "see", "unknown",
            "option", "information", "language", "did", "you", "mean",
        ]
        let tokens = Set(text.lowercased().split { !$0.isLetter }.map(String.init))
        return words.filter(tokens.contains)
    }
}

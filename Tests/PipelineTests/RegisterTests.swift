import AtbalstsCore
import Foundation
import Testing

@testable import Pipeline

/// The institutions register (SPEC 4.2): a code becomes part of a file name, so only
/// 1–32 characters of `A–Z a–z 0–9 _ -` pass; the optional `aliases` column lists other spellings.
struct RegisterTests {
    static let registers = TestWorkspace.fixtures.appendingPathComponent("registers")

    @Test func aCodeThatIsAPathIsRefusedWithFileAndLine() throws {
        let file = Self.registers.appendingPathComponent("path-in-code.csv")
        #expect {
            _ = try Seeds.register(at: file)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("\(file.path):3: institution code \"x/../../../escaped\" is not 1–32 characters")
                && !text.contains("\n")
        }
    }

    @Test(arguments: ["EZ01", "a", "A_b-9", String(repeating: "x", count: 32)])
    func validCodes(code: String) {
        #expect(Institution.isValidCode(code))
    }

    @Test(arguments: ["", "x/../y", "..", "a b", "ā01", "T01.", String(repeating: "x", count: 33), "a\u{0}b", "T01\r"])
    func invalidCodes(code: String) {
        #expect(!Institution.isValidCode(code))
    }

    @Test func aliasesAreReadWhenThere() throws {
        let register = try Seeds.register(at: Self.registers.appendingPathComponent("aliases.csv"))
        #expect(register.map(\.aliases) == [["Testa vsk.", "Testa vidussk."], []])
        #expect(register[0].code == "T01" && register[0].teachers == 20)
        // Without the column, as the shipped register is, nobody has aliases.
        let plain = try Seeds.register(at: TestWorkspace.fixtures.appendingPathComponent("small-register.csv"))
        #expect(plain.allSatisfy { $0.aliases.isEmpty })
    }

    /// The run stops before anything is written: no workbook lands outside the output folder.
    @Test func aRunWithABadCodeWritesNothing() throws {
        let workspace = try TestWorkspace()
        let sources = """
              - file: \(TestWorkspace.fixtures.path)/small-google-forms.csv
                kind: needs
              - file: \(Self.registers.path)/path-in-code.csv
                kind: institutions
            """
        #expect(throws: PipelineError.self) {
            _ = try Runner(pipeline: try workspace.pipeline(sources: sources), progress: RunProgress(quiet: true)).run()
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.url("out").path))
    }
}

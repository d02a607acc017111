import AtbalstsCore
import Foundation
import Testing

@testable import Pipeline

/// `<wave>-rejected.csv` (SPEC 8, 9): nothing in it runs as a formula in a spreadsheet, it is
/// readable by its owner only from the moment it exists, and it appears whole or not at all.
struct RejectedRowsTests {
    @Test func quotingWorksOnBytesNotGraphemes() {
        // A quote followed by a combining mark is a single Character; it must still be doubled.
        #expect(RejectedRows.quoted("a\"\u{0D00}b") == "\"a\"\"\u{0D00}b\"")
        #expect(RejectedRows.quoted("plain") == "plain")
        #expect(RejectedRows.quoted("x,y") == "\"x,y\"")
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://example.lv\",\"x\")", "'=HYPERLINK(\"http://example.lv\",\"x\")"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Nezināma skola", "Nezināma skola"),
        ("a=b", "a=b"),
        ("", ""),
    ])
    func formulaTriggersGetAQuote(value: String, written: String) {
        #expect(RejectedRows.neutralised(value) == written)
    }

    @Test func theFileIsNeutralisedPrivateAndWhole() throws {
        let workspace = try TestWorkspace()
        let url = workspace.url("2026-27-autumn-rejected.csv")
        // Another run's temporary file (no process id of ours) is left alone.
        let others = workspace.url(".2026-27-autumn-rejected.csv.tmp")
        try Data("theirs".utf8).write(to: others)
        let rows = [
            QuarantineEntry(
                fileName: "=bad.csv",
                row: QuarantinedRow(line: 4, column: "@column", value: "=HYPERLINK(\"http://example.lv\")", reason: .unknownInstitution)),
            QuarantineEntry(fileName: "export.csv", row: QuarantinedRow(line: 5, column: nil, value: "+1+cmd", reason: .legacy("-"))),
        ]
        try RejectedRows.write(rows, to: url)
        let expected =
            "\u{FEFF}file,line,column,value,reason\r\n"
            + "'=bad.csv,4,'@column,\"'=HYPERLINK(\"\"http://example.lv\"\")\",unknown institution\r\n"
            + "export.csv,5,,'+1+cmd,'-\r\n"
        #expect(try Data(contentsOf: url) == Data(expected.utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path)
        #expect(!names.contains { $0.hasSuffix(".\(getpid()).tmp") }, "no temporary file of ours is left: \(names)")
        #expect(try String(contentsOf: others, encoding: .utf8) == "theirs")
    }

    /// A write that cannot complete says which file and why, and leaves no temporary file behind.
    @Test func aFailedWriteNamesTheFileAndLeavesNoTemporaryFile() throws {
        let workspace = try TestWorkspace()
        let url = workspace.url("2026-27-autumn-rejected.csv")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        #expect {
            try RejectedRows.write([], to: url)
        } throws: { error in
            (error as? OutputError)?.description.hasPrefix("\(url.path): cannot write the rejected rows: ") == true
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path)
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
    }
}

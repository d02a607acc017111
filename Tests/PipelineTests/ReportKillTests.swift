import Foundation
import Store
import TestSupport
import Testing

@testable import Pipeline

/// SPEC 9 at the workbook stage: `report` killed while it writes the workbooks leaves every
/// previous workbook byte for byte (a workbook is renamed into place only when whole), and the
/// next run succeeds, clearing the killed run's temporary files.
struct ReportKillTests {
    static let kills = 10

    @Test func aKilledReportLeavesThePreviousWorkbooks() throws {
        let binary = try Binary()
        let workspace = try TestWorkspace()
        let pipeline = try workspace.sampleRunOnce(with: binary)
        let out = workspace.url("out")
        var landed = 0
        for index in 0..<Self.kills {
            let before = try workspace.snapshot()
            let (process, _) = try binary.launch(["report", pipeline, "--quiet"])
            // Wait for the first working folder or temporary workbook, then let the writing go on
            // for a varying while, so the kills land at different points of the 21 workbooks.
            var waited = 0
            func writing() -> Bool {
                ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).contains { $0.hasPrefix(".") }
            }
            while !writing(), process.isRunning, waited < 20_000 {
                usleep(500)
                waited += 1
            }
            usleep(UInt32(index * 8_000))
            let inFlight = writing()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal && inFlight { landed += 1 }
            // Each workbook is the previous one or a whole new one, never half of either.
            for name in try workspace.snapshot().keys where name.hasSuffix(".xlsx") {
                #expect(WholeWorkbook.problem(out.appendingPathComponent(name)) == nil, "#\(index): \(name) is broken")
            }
            #expect(Set(try workspace.snapshot().keys.filter { !$0.hasPrefix(".") }) == Set(before.keys))
        }
        #expect(landed >= Self.kills / 2, "kills that landed while workbooks were being written: \(landed)")
        let next = try binary.run(["report", pipeline, "--quiet"])
        #expect(next.code == 0, "\(next.errors)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "the next run clears what the killed ones left: \(left)")
        print("report killed \(Self.kills) times, \(landed) while writing workbooks; next report exit \(next.code)")
    }
}

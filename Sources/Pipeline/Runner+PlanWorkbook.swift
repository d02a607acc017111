import AtbalstsCore
import Foundation
import Reports

extension Runner {
    /// `atbalsts plan` (SPEC 12.1): the current draft plan — Pilnveides plāns and MA plāni, with
    /// the earlier plan's unfinished actions — in a workbook of its own, computed from stored data
    /// exactly as the council workbook's sheets are. `wave` defaults to the pipeline's; the file
    /// to `<wave>-plans.xlsx` in the output folder. Returns the path written.
    public func writePlan(wave: Wave? = nil, to file: URL? = nil) throws -> String {
        var chosen = pipeline
        if let wave { chosen.wave = wave }
        let runner = Runner(pipeline: chosen, progress: progress)
        return try runner.withStoredWave(command: "plan") { database in
            let (report, respondents, _) = try runner.councilReport(from: database)
            guard respondents > 0 else { throw RunError.noRespondents(wave: chosen.wave.id) }
            let url = file ?? chosen.outputs.directory.appendingPathComponent("\(chosen.wave.id)-plans.xlsx")
            try createDirectory(url.deletingLastPathComponent())
            try OutputFile.writeWorkbook(at: url.path) { temporary in
                try PlanWorkbook.write(report, to: url.path, language: chosen.outputs.language, temporaryDirectory: temporary)
            }
            progress.step("report", say("plan workbook: \(url.path)", lv: "plāna darbgrāmata: \(url.path)"))
            return url.path
        }
    }
}

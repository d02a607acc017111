import AtbalstsCore
import Foundation
import Reports
import XLSX

/// `atbalsts instrument`: an instrument made usable outside the program (SPEC 12.2) — the list of
/// instruments, the printable observation sheet, and the questions to build the same form in Google
/// Forms or Microsoft Forms so that its export imports with no mapping.
public enum InstrumentTools {
    /// `id  title` per instrument of the seeds folder, or of the program's own seeds without one.
    public static func list(seeds folder: String, language: Language) throws -> [String] {
        try withSeeds(folder) { seeds, _ in
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: seeds.directory.appendingPathComponent("instruments").path)) ?? []
            return try names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
                let id = String(name.dropLast(5))
                return id.padding(toLength: 18, withPad: " ", startingAt: 0) + (try seeds.instrument(id)).title.text(language)
            }
        }
    }

    /// The questions of `id` as text to build the form from, in `language`.
    public static func questions(_ id: String, seeds folder: String, language: Language) throws -> String {
        try withSeeds(folder) { seeds, own in
            let instrument = try seeds.instrument(id)
            let institutions = own ? registerNames(seeds) : []
            return FormQuestionsText(language: language)
                .text(instrument, institutions: institutions, registerPath: seeds.defaultRegister.path)
        }
    }

    /// The printable, fillable observation sheet of `id`, written to `path` (checked, then renamed).
    public static func writeWorkbook(_ id: String, seeds folder: String, language: Language, to path: String) throws {
        guard path.lowercased().hasSuffix(".xlsx") else {
            throw PipelineError(
                file: path, say("the workbook's name must end in .xlsx", lv: "darbgrāmatas nosaukumam jābeidzas ar .xlsx"))
        }
        let target = URL(fileURLWithPath: path)
        let outputFolder = target.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputFolder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw PipelineError(file: outputFolder.path, say("no such folder", lv: "tādas mapes nav"))
        }
        try withSeeds(folder) { seeds, own in
            let instrument = try seeds.instrument(id)
            guard instrument.item(ObservationDomains.observerRoleItem) != nil else {
                throw PipelineError(
                    file: id,
                    say(
                        "a workbook is made for observation instruments only; for \(id) build the form with --questions",
                        lv: "darbgrāmata ir tikai vērošanas instrumentiem; \(id) formu veidojiet ar --questions"))
            }
            let institutions = own ? registerNames(seeds) : []
            try OutputFile.writeWorkbook(at: target.path) { temporary in
                let workbook = try Workbook(path: target.path, temporaryDirectory: temporary)
                try ObservationFormWorkbook.write(
                    instrument: instrument, institutions: institutions, language: language, to: workbook)
                try workbook.close()
            }
        }
    }
}

extension InstrumentTools {
    /// The register's names, when the seeds folder has a register: a form offers exactly these.
    static func registerNames(_ seeds: Seeds) -> [String] {
        guard FileManager.default.fileExists(atPath: seeds.defaultRegister.path) else { return [] }
        return ((try? Seeds.register(at: seeds.defaultRegister)) ?? []).map(\.name)
    }

    /// `body` over the seeds folder when it holds instruments, else over the program's own seeds
    /// (written to a private temporary folder for the while): the command works in any folder.
    static func withSeeds<T>(_ folder: String, _ body: (Seeds, _ own: Bool) throws -> T) throws -> T {
        let directory = URL(fileURLWithPath: folder)
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("instruments").path) {
            return try body(Seeds(directory: directory), true)
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("atbalsts-seeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try EmbeddedSeeds.write(to: temporary)
        return try body(Seeds(directory: temporary), false)
    }
}

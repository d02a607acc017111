import AtbalstsCore
import Foundation
import XLSX

/// Writes the current draft plan on its own (`atbalsts plan`, SPEC 12.1): Pilnveides plāns and
/// MA plāni as in the council workbook, for a specialist who keeps the plan apart from it. The
/// file reads back as `kind: plan`.
public enum PlanWorkbook {
    public static func write(
        _ report: CouncilReport, to path: String, language: Language, temporaryDirectory: String? = nil
    ) throws {
        let labels = Labels.of(language)
        let workbook = try Workbook(path: path, temporaryDirectory: temporaryDirectory)
        let title = "\(labels.plan.planTitle) — \(WaveName.text(report.wave, language))"
        try workbook.setProperties(title: title, subject: report.wave, author: "atbalsts", keywords: report.wave)
        let plan = try workbook.addWorksheet(labels.plan.planSheet)
        let associationPlans = try workbook.addWorksheet(AssociationPlanLabels.of(language).sheet)
        try PlanSheet.write(report, on: plan, labels: labels, title: title)
        try AssociationPlanSheet.write(report, on: associationPlans, labels: labels, title: title)
        try plan.activate()
        try workbook.close()
    }
}

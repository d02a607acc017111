import AtbalstsCore
import Foundation
import XLSX

/// Writes `<wave>-padome.xlsx` (SPEC 10): the municipality's view of one wave.
public enum CouncilWorkbook {
    public static func write(
        _ report: CouncilReport, to path: String, language: Language, temporaryDirectory: String? = nil
    ) throws {
        let labels = Labels.of(language)
        let workbook = try Workbook(path: path, temporaryDirectory: temporaryDirectory)
        try workbook.setProperties(
            title: "\(labels.councilTitle) — \(report.wave)", subject: report.wave, author: "atbalsts",
            keywords: report.wave)
        let title = "\(labels.councilTitle) — \(WaveName.text(report.wave, language))"
        let summary = try workbook.addWorksheet(labels.summarySheet)
        let priorities = try workbook.addWorksheet(labels.prioritiesSheet)
        let institutions = try workbook.addWorksheet(labels.institutionsSheet)
        let wellbeing = try workbook.addWorksheet(labels.wellbeing.sheet)
        let wellbeingChart = try WellbeingSheet.hasChart(report) ? workbook.addWorksheet(labels.wellbeing.chartSheet) : nil
        let trends = try workbook.addWorksheet(labels.plan.trendsSheet)
        let forms = try workbook.addWorksheet(labels.plan.formsSheet)
        let plan = try workbook.addWorksheet(labels.plan.planSheet)
        let associationPlans = try workbook.addWorksheet(AssociationPlanLabels.of(language).sheet)
        let followUp = try report.followUp.map { _ in try workbook.addWorksheet(FollowUpLabels.of(language).sheet) }
        let associationFollowUp = try report.followUp?.associations.flatMap { associations in
            associations.items.isEmpty ? nil : try workbook.addWorksheet(AssociationPlanLabels.of(language).followUpSheet)
        }
        let dataQuality = try workbook.addWorksheet(labels.dataQualitySheet)
        let observed = try report.observation.map { _ in try workbook.addWorksheet(ObservationLabels.of(language).sheet) }
        let methodology = try workbook.addWorksheet(labels.methodologySheet)

        try SummarySheet.write(report, on: summary, labels: labels, title: title)
        try PrioritiesSheet.write(report, on: priorities, in: workbook, labels: labels, title: title)
        try InstitutionsSheet.write(report, on: institutions, labels: labels, title: title)
        try WellbeingSheet.write(report, on: wellbeing, chartSheet: wellbeingChart, in: workbook, labels: labels, title: title)
        try TrendsSheet.write(report, on: trends, in: workbook, labels: labels, title: title)
        try SupportFormsSheet.write(report, on: forms, labels: labels, title: title)
        try PlanSheet.write(report, on: plan, labels: labels, title: title)
        try AssociationPlanSheet.write(report, on: associationPlans, labels: labels, title: title)
        if let followUp, let data = report.followUp {
            try FollowUpSheet.write(data, report: report, on: followUp, labels: labels, title: title)
            if let associationFollowUp, let associations = data.associations {
                try AssociationFollowUpSheet.write(
                    data, associations, report: report, on: associationFollowUp, labels: labels, title: title)
            }
        }
        try DataQualitySheet.write(report, on: dataQuality, labels: labels, title: title)
        if let observed, let observation = report.observation {
            try ObservationSheet.write(report, observation, on: observed, labels: labels, title: title)
        }
        try MethodologySheet.write(report, on: methodology, labels: labels, title: title)
        try summary.activate()
        try workbook.close()
    }
}

extension Worksheet {
    /// Title and subtitle rows every sheet opens with.
    func heading(_ title: String, _ subtitle: String) throws {
        try write(0, 0, title, Styles.title)
        try write(1, 0, subtitle, Styles.subtitle)
    }
}

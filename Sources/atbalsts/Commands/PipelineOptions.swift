import ArgumentParser
import Foundation
import Pipeline

/// What `run` and `report` share: the pipeline file and how the summary is printed.
struct PipelineOptions: ParsableArguments {
    @Argument(help: bilingual("The pipeline file (YAML).", lv: "Pipeline fails (YAML)."))
    var pipeline: String

    @Flag(help: bilingual("Print a machine-readable summary on stdout.", lv: "Izdrukā mašīnlasāmu kopsavilkumu standarta izvadē."))
    var json = false

    @Flag(help: bilingual("Print nothing but errors on stderr.", lv: "Standarta kļūdu izvadē drukā tikai kļūdas."))
    var quiet = false

    /// The pipeline file loaded, with progress on stderr unless the output is JSON or quiet.
    func runner() throws -> Runner {
        try Runner(pipeline: PipelineFile.load(URL(fileURLWithPath: pipeline)), progress: RunProgress(quiet: quiet || json))
    }

    func print(_ summary: RunSummary) { SummaryPrinter.print(summary, json: json, quiet: quiet) }
}

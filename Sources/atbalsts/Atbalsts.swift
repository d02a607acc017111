import ArgumentParser
import Pipeline

@main
struct Atbalsts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atbalsts",
        abstract: "Turn teacher needs surveys into council-ready Excel workbooks.",
        discussion: """
            Example:
              atbalsts init my-municipality
              atbalsts run my-municipality/pipeline.yaml
            """,
        version: AtbalstsVersion.current,
        subcommands: [Init.self, Run.self, Check.self, Waves.self, Report.self, Forget.self])
}

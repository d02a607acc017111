import ArgumentParser
import Foundation
import Pipeline

struct InstrumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instrument",
        abstract: say(
            "List the instruments; print one's questions for a web form, or write the observation sheet.",
            lv: "Uzskaita instrumentus; izdrukā instrumenta jautājumus tīmekļa formai vai izveido vērošanas lapu."),
        discussion: say(
            """
            --questions prints each question's exact title, type, options in order and whether it is
            required, to build the form in Google Forms or Microsoft Forms: its export then imports with
            no columns:/labels: in the pipeline. --workbook writes the observation sheet for observers,
            to fill on screen or print (A4).

            Examples:
              atbalsts instrument
              atbalsts instrument observation-v1 --workbook vērošanas-lapa.xlsx
              atbalsts instrument observation-v1 --questions --language en
            """,
            lv: """
                --questions izdrukā katra jautājuma precīzu nosaukumu, veidu, variantus pēc kārtas un vai tas
                ir obligāts, lai formu izveidotu Google Forms vai Microsoft Forms: tās eksports tad
                importējas bez columns:/labels: pipeline failā. --workbook izveido vērošanas lapu vērotājiem,
                ko aizpildīt datorā vai izdrukāt (A4).

                Piemēri:
                  atbalsts instrument
                  atbalsts instrument observation-v1 --workbook vērošanas-lapa.xlsx
                  atbalsts instrument observation-v1 --questions --language en
                """))

    @Argument(help: bilingual("The instrument (omit to list them).", lv: "Instruments (bez tā — saraksts)."))
    var id: String?

    @Option(
        help: bilingual(
            "Write the printable, fillable observation sheet to this .xlsx file.",
            lv: "Ierakstīt drukājamo, aizpildāmo vērošanas lapu šajā .xlsx failā."),
        completion: .file(extensions: ["xlsx"]))
    var workbook: String?

    @Flag(
        help: bilingual(
            "Print the questions to build the form in Google Forms or Microsoft Forms.",
            lv: "Izdrukāt jautājumus formas izveidei Google Forms vai Microsoft Forms."))
    var questions = false

    @Option(
        help: bilingual(
            "Language of the sheet or the questions: lv or en (default: that of the messages).",
            lv: "Lapas vai jautājumu valoda: lv vai en (noklusēti ziņojumu valoda).", valueName: "lv|en"))
    var language: Language?

    @Option(
        help: bilingual(
            "The seeds folder (its instruments and register; default: seeds, else the program's own).",
            lv: "Sēklu mape (tās instrumenti un reģistrs; noklusēti seeds, citādi programmas pašas)."))
    var seeds = "seeds"

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if id == nil, workbook != nil || questions {
            throw ValidationError(
                say("name the instrument: atbalsts instrument ID …", lv: "norādiet instrumentu: atbalsts instrument ID …"))
        }
        if id != nil, workbook == nil, !questions {
            throw ValidationError(
                say("say what to make: --workbook FILE or --questions", lv: "norādiet, ko veidot: --workbook FAILS vai --questions"))
        }
    }

    func run() throws {
        let documentLanguage = language ?? MessageLanguage.current
        do {
            guard let id else {
                for line in try InstrumentTools.list(seeds: seeds, language: documentLanguage) { print(line) }
                return
            }
            if let workbook {
                try InstrumentTools.writeWorkbook(id, seeds: seeds, language: documentLanguage, to: workbook)
                FileHandle.standardError.write(Data((say("written: ", lv: "ierakstīts: ") + workbook + "\n").utf8))
            }
            if questions {
                print(try InstrumentTools.questions(id, seeds: seeds, language: documentLanguage))
            }
        } catch {
            throw Outcome.report(error)
        }
    }
}

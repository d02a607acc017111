import AtbalstsCore

/// `atbalsts instrument ID --questions`: the questions to type into Google Forms or Microsoft
/// Forms, one block each — the exact title, the question type in both tools' words, required or
/// not, the options (a grid's rows and columns) in order. A form built from it exports headers the
/// reader maps with no `columns:` or `labels:` (tested in FormQuestionsTests).
struct FormQuestionsText {
    let language: Language

    private func say(_ english: String, lv latvian: String) -> String { language == .lv ? latvian : english }

    func text(_ instrument: Instrument, institutions: [String], registerPath: String) -> String {
        var lines = [
            "\(instrument.title.text(language)) (\(instrument.id))",
            say(
                """
                Questions for Google Forms or Microsoft Forms. Type each title, row and option exactly as
                written here (letter for letter, without the indent and the dash): then the form's export
                imports with no columns:/labels: in the pipeline. Microsoft Forms adds the columns Id,
                Start time, Completion time, Email and Name, and Google Forms a Timestamp: that is expected.
                Offer no "Other" of the form's own: where "Cits"/"Other" is listed, it is an ordinary option.
                """,
                lv: """
                    Jautājumi formai Google Forms vai Microsoft Forms. Katru nosaukumu, rindu un variantu
                    ierakstiet tieši tā, kā šeit (burts burtā, bez atkāpes un domuzīmes): tad formas eksports
                    importējas bez columns:/labels: pipeline failā. Microsoft Forms pievieno kolonnas Id,
                    Start time, Completion time, Email un Name, Google Forms — Timestamp: tā tam jābūt.
                    Formas pašas variantu "Cits" neizmantojiet: kur "Cits" ir sarakstā, tas ir parasts variants.
                    """),
        ]
        for (index, question) in instrument.formQuestions.enumerated() {
            lines.append("")
            lines.append("\(index + 1). \(question.title.text(language))")
            lines.append("   \(say("Type", lv: "Veids")): \(type(question))")
            lines.append(
                "   \(say("Required", lv: "Obligāts")): \(question.required ? say("yes", lv: "jā") : say("no", lv: "nē"))"
                    + (question.kind == .grid && question.required
                        ? say(" (require a response in each row)", lv: " (atbilde katrā rindā)") : ""))
            switch question.kind {
            case .institution:
                if institutions.isEmpty {
                    lines.append(
                        "   "
                            + say(
                                "Options: the names of your institutions as in the register (seeds/institutions.csv)",
                                lv: "Varianti: jūsu iestāžu nosaukumi kā reģistrā (seeds/institutions.csv)"))
                } else {
                    lines.append("   \(say("Options, in order (the register's names)", lv: "Varianti pēc kārtas (reģistra nosaukumi)")):")
                    lines += institutions.map { "   - \($0)" }
                }
            case .grid:
                lines.append("   \(say("Rows, in order", lv: "Rindas pēc kārtas")):")
                lines += question.rows.map { "   - \($0.text(language))" }
                lines.append("   \(say("Columns, in order", lv: "Kolonnas pēc kārtas")):")
                lines += question.options.map { "   - \($0.text(language))" }
            case .choice, .checkboxes:
                lines.append("   \(say("Options, in order", lv: "Varianti pēc kārtas")):")
                lines += question.options.map { "   - \($0.text(language))" }
            case .shortAnswer, .date:
                break
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The question type in Google Forms' and Microsoft Forms' own (English) menu words.
    private func type(_ question: FormQuestion) -> String {
        switch question.kind {
        case .institution:
            return say(
                "drop-down — Google Forms: Dropdown; Microsoft Forms: Choice, drop-down",
                lv: "nolaižamais saraksts — Google Forms: Dropdown; Microsoft Forms: Choice, drop-down")
        case .choice:
            return say(
                "multiple choice, one answer — Google Forms: Multiple choice; Microsoft Forms: Choice",
                lv: "izvēle, viena atbilde — Google Forms: Multiple choice; Microsoft Forms: Choice")
        case .checkboxes:
            return say(
                "multiple choice, several answers — Google Forms: Checkboxes; Microsoft Forms: Choice, Multiple answers",
                lv: "izvēle, vairākas atbildes — Google Forms: Checkboxes; Microsoft Forms: Choice, Multiple answers")
        case .grid:
            return say(
                "grid, one answer per row — Google Forms: Multiple choice grid; Microsoft Forms: Likert",
                lv: "režģis, viena atbilde rindā — Google Forms: Multiple choice grid; Microsoft Forms: Likert")
        case .shortAnswer:
            return say(
                "short answer — Google Forms: Short answer; Microsoft Forms: Text",
                lv: "īsa atbilde — Google Forms: Short answer; Microsoft Forms: Text")
        case .date:
            return say("date — Google Forms: Date; Microsoft Forms: Date", lv: "datums — Google Forms: Date; Microsoft Forms: Date")
        }
    }
}

import AtbalstsCore
import Yams

/// A YAML mapping read strictly: every key must be known, or the file and line of the stray key
/// are named (SPEC 5: a typo must not be ignored).
struct StrictMapping {
    let file: String
    let node: Node.Mapping
    private let entries: [(key: String, line: Int?, value: Node)]

    init(_ node: Node, file: String, what: String) throws(PipelineError) {
        guard let mapping = node.mapping else {
            throw PipelineError(
                file: file, line: node.mark?.line,
                say("\(what) must be a mapping of keys to values", lv: "\(what): jābūt atslēgām ar vērtībām"))
        }
        self.file = file
        self.node = mapping
        entries = mapping.map { ($0.key.string ?? "", $0.key.mark?.line, $0.value) }
    }

    static func document(_ text: String, file: String) throws(PipelineError) -> StrictMapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PipelineError(file: file, line: Self.line(of: error), Self.explain(error, in: text))
        } catch {
            throw PipelineError(file: file, say("not valid YAML (\(error))", lv: "nederīgs YAML (\(error))"))
        }
        guard let root else { throw PipelineError(file: file, say("the file is empty", lv: "fails ir tukšs")) }
        return try StrictMapping(root, file: file, what: "the file")
    }

    /// The YAML parser's words ("found character that cannot start any token") said as what to do:
    /// the pipeline is edited by hand, and its mistakes are part of the loop (issue 12).
    static func explain(_ error: YamlError, in text: String) -> String {
        let problem = Self.problem(of: error)
        let lines = text.components(separatedBy: "\n")
        let number = Self.line(of: error)
        let line = number.flatMap { $0 >= 1 && $0 <= lines.count ? lines[$0 - 1] : nil } ?? ""
        let tabLine = lines.firstIndex { $0.prefix { $0 == " " || $0 == "\t" }.contains("\t") }
        if let tabLine, problem.contains("cannot start any token") || problem.contains("tab") || tabLine + 1 == number {
            let column =
                (lines[tabLine].firstIndex(of: "\t").map { lines[tabLine].distance(from: lines[tabLine].startIndex, to: $0) } ?? 0) + 1
            return say(
                "a tab at line \(tabLine + 1) column \(column): YAML is indented with spaces only; replace the tab by spaces",
                lv:
                    "tabulācija \(tabLine + 1). rindas \(column). kolonnā: YAML atkāpes drīkst būt tikai atstarpes; aizstājiet tabulāciju ar atstarpēm"
            )
        }
        if problem.contains("mapping values are not allowed"), line.components(separatedBy: ": ").count < 3 {
            return say(
                "line \(number ?? 0) is indented more than the key above it: give it the same indentation as its sibling keys",
                lv: "\(number ?? 0). rindai ir lielāka atkāpe nekā atslēgai virs tās: dodiet tai tādu pašu atkāpi kā blakus atslēgām")
        }
        if problem.contains("mapping values are not allowed") {
            return say(
                "line \(number ?? 0) has a colon followed by a space inside a value (a file name or a header?): put the value in quotes, e.g. \"\(Self.valuePart(line))\"",
                lv:
                    "\(number ?? 0). rindā vērtībā ir kols ar atstarpi (faila nosaukums vai virsraksts?): ielieciet vērtību pēdiņās, piemēram, \"\(Self.valuePart(line))\""
            )
        }
        if problem.contains("did not find expected") || problem.contains("indentation") {
            return say(
                "line \(number ?? 0) is indented differently from the keys beside it: align it with the key above (spaces only), or add the missing `-` for a list entry",
                lv:
                    "\(number ?? 0). rindai ir cita atkāpe nekā blakus atslēgām: izlīdziniet to ar atslēgu virs tās (tikai atstarpes) vai pievienojiet saraksta `-`"
            )
        }
        if problem.contains("found unexpected end of stream") || problem.contains("found unknown escape")
            || problem.contains("quoted scalar")
        {
            return say(
                "line \(number ?? 0): a quoted value is not closed or has a backslash: close the quotes, or use single quotes for Windows paths",
                lv:
                    "\(number ?? 0). rinda: pēdiņās likta vērtība nav aizvērta vai satur slīpsvītru: aizveriet pēdiņas vai Windows ceļiem lietojiet vienpēdiņas"
            )
        }
        return say("not valid YAML (\(problem))", lv: "nederīgs YAML (\(problem))")
    }

    /// `  - file: a: b.csv` → `a: b.csv`, for the example of quoting.
    private static func valuePart(_ line: String) -> String {
        guard let colon = line.range(of: ": ") else { return line.trimmingCharacters(in: .whitespaces) }
        return String(line[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    var line: Int? { node.mark?.line }

    func allowOnly(_ keys: Set<String>, in context: String) throws(PipelineError) {
        for entry in entries where !keys.contains(entry.key) {
            let known = keys.sorted().joined(separator: ", ")
            let hint = Self.closest(entry.key, in: keys).map { say("; did you mean `\($0)`?", lv: "; vai domājāt `\($0)`?") } ?? ""
            throw PipelineError(
                file: file, line: entry.line,
                say(
                    "unknown key `\(entry.key)` in \(context) (known: \(known))\(hint)",
                    lv: "nezināma atslēga `\(entry.key)` vietā \(context) (zināmās: \(known))\(hint)"))
        }
    }

    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
    func keyLine(_ key: String) -> Int? { entries.first { $0.key == key }?.line }
    var keys: [String] { entries.map(\.key) }

    func string(_ key: String) throws(PipelineError) -> String? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else {
            throw PipelineError(
                file: file, line: node.mark?.line, say("`\(key)` must be a single value", lv: "`\(key)` jābūt vienai vērtībai"))
        }
        return scalar.string
    }

    /// A value that must be one of a closed set (`format:`, `encoding:`); `what` names it in both
    /// languages for the message.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, _ what: (en: String, lv: String)
    ) throws(PipelineError) -> Choice? where Choice.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let parsed = Choice(rawValue: text) else {
            let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw PipelineError(
                file: file, line: keyLine(key),
                say("\(what.en) \"\(text)\" is not one of \(known)", lv: "\(what.lv) \"\(text)\" nav neviens no: \(known)"))
        }
        return parsed
    }

    func required(_ key: String, in context: String) throws(PipelineError) -> String {
        guard let text = try string(key), !text.isEmpty else {
            throw PipelineError(file: file, line: line, say("\(context) needs `\(key)`", lv: "\(context): trūkst `\(key)`"))
        }
        return text
    }

    func bool(_ key: String) throws(PipelineError) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let value = node.bool else {
            throw PipelineError(
                file: file, line: node.mark?.line, say("`\(key)` must be true or false", lv: "`\(key)` jābūt true vai false"))
        }
        return value
    }

    func number(_ key: String) throws(PipelineError) -> Double? {
        guard let node = value(key) else { return nil }
        guard let value = node.float ?? node.int.map(Double.init) else {
            throw PipelineError(file: file, line: node.mark?.line, say("`\(key)` must be a number", lv: "`\(key)` jābūt skaitlim"))
        }
        return value
    }

    func mapping(_ key: String, in context: String) throws(PipelineError) -> StrictMapping? {
        guard let node = value(key) else { return nil }
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "{}" { return nil }
        return try StrictMapping(node, file: file, what: "`\(key)` in \(context)")
    }

    func sequence(_ key: String) throws(PipelineError) -> [Node] {
        guard let node = value(key) else { return [] }
        guard let sequence = node.sequence else {
            throw PipelineError(file: file, line: node.mark?.line, say("`\(key)` must be a list", lv: "`\(key)` jābūt sarakstam"))
        }
        return Array(sequence)
    }

    /// The known key within edit distance 2 of a typo.
    static func closest(_ key: String, in keys: Set<String>) -> String? { closestMatch(key, in: keys) }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}

/// The candidate within edit distance 2 of a typo, the nearest first (keys, subcommands).
public func closestMatch(_ typo: String, in candidates: Set<String>) -> String? {
    candidates.sorted().map { ($0, editDistance(typo, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
}

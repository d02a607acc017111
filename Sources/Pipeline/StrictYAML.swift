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
            throw PipelineError(file: file, line: node.mark?.line, say("\(what) must be a mapping of keys to values", lv: "\(what): jābūt atslēgām ar vērtībām"))
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
            throw PipelineError(file: file, line: Self.line(of: error), say("not valid YAML (\(Self.problem(of: error)))", lv: "nederīgs YAML (\(Self.problem(of: error)))"))
        } catch {
            throw PipelineError(file: file, say("not valid YAML (\(error))", lv: "nederīgs YAML (\(error))"))
        }
        guard let root else { throw PipelineError(file: file, say("the file is empty", lv: "fails ir tukšs")) }
        return try StrictMapping(root, file: file, what: "the file")
    }

    var line: Int? { node.mark?.line }

    func allowOnly(_ keys: Set<String>, in context: String) throws(PipelineError) {
        for entry in entries where !keys.contains(entry.key) {
            let known = keys.sorted().joined(separator: ", ")
            let hint = Self.closest(entry.key, in: keys).map { say("; did you mean `\($0)`?", lv: "; vai domājāt `\($0)`?") } ?? ""
            throw PipelineError(
                file: file, line: entry.line,
                say("unknown key `\(entry.key)` in \(context) (known: \(known))\(hint)", lv: "nezināma atslēga `\(entry.key)` vietā \(context) (zināmās: \(known))\(hint)"))
        }
    }

    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
    func keyLine(_ key: String) -> Int? { entries.first { $0.key == key }?.line }
    var keys: [String] { entries.map(\.key) }

    func string(_ key: String) throws(PipelineError) -> String? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else {
            throw PipelineError(file: file, line: node.mark?.line, say("`\(key)` must be a single value", lv: "`\(key)` jābūt vienai vērtībai"))
        }
        return scalar.string
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
            throw PipelineError(file: file, line: node.mark?.line, say("`\(key)` must be true or false", lv: "`\(key)` jābūt true vai false"))
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

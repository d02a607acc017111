import AtbalstsCore
import Foundation
import Testing

@testable import Pipeline

/// What an instrument file may hold, checked where it is loaded.
struct InstrumentLoaderTests {
    /// An instrument with one multi-select item of `count` inline options, loaded from its own
    /// seeds folder, which is removed again.
    func instrument(multiOptions count: Int) throws -> Instrument {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atbalsts-seeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("instruments"), withIntermediateDirectories: true)
        let options = (1...count).map { "      - { id: o\($0), lv: Iespēja \($0) }" }.joined(separator: "\n")
        let yaml = """
            id: wide
            title: { lv: Plaša, en: Wide }
            items:
              - id: forms
                type: multi
                header: Atbalsta veidi
                options:
            \(options)

            """
        try yaml.write(to: directory.appendingPathComponent("instruments/wide.yaml"), atomically: true, encoding: .utf8)
        return try Seeds(directory: directory).instrument("wide")
    }

    /// The importer keeps a respondent's checkbox choices as the bits of one 64-bit word.
    @Test func aMultiItemHasAtMost64Options() throws {
        let wide = try instrument(multiOptions: 64)
        #expect(wide.slots.count == 64)
        do {
            _ = try instrument(multiOptions: 65)
            Issue.record("65 options were accepted")
        } catch {
            #expect("\(error)".contains("wide.yaml:4: "), "names the file and the item's line")
            #expect("\(error)".contains("item forms has 65 options; at most 64"))
        }
    }

    /// Answers are stored by slot name: an item whose id (or a grid row's, or an option's)
    /// makes a name another item already has would keep one answer of the two, and a run would
    /// count the other. Refused where the file is loaded, naming the file and the item's line.
    @Test func twoItemsCannotMakeOneAnswerName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atbalsts-seeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("instruments"), withIntermediateDirectories: true)
        let yaml = """
            id: twice
            title: { lv: Divreiz, en: Twice }
            scales:
              need:
                - { value: 0, lv: Nav }
                - { value: 3, lv: Augsta }
            items:
              - id: need
                type: grid
                scale: need
                header: Vajadzība
                rows:
                  - { id: digital, lv: Digitālās prasmes }
              - id: need_digital
                type: choice
                scale: need
                header: Vēlreiz

            """
        try yaml.write(to: directory.appendingPathComponent("instruments/twice.yaml"), atomically: true, encoding: .utf8)
        do {
            let loaded = try Seeds(directory: directory).instrument("twice")
            Issue.record("loaded with slots \(loaded.slots.map(\.name))")
        } catch {
            #expect("\(error)".contains("twice.yaml:"), "names the file: \(error)")
            #expect("\(error)".contains("need_digital"), "\(error)")
        }
    }
}

import AtbalstsCore
import Foundation
import ZIPFoundation

/// An `.xlsx` file opened for reading one sheet (SPEC 4.1): Microsoft Forms' own download and
/// anything saved from Excel or LibreOffice. The parts follow ECMA-376 (SpreadsheetML); the
/// package's relationships, not fixed names, say where each part is.
struct XLSXWorkbook {
    struct Sheet {
        let name: String
        let path: String
    }

    private let archive: Archive
    private let partLimit: Int64
    let sheets: [Sheet]
    let date1904: Bool
    private let workbookFolder: String
    private let relationships: [String: (type: String, target: String)]

    /// A ZIP is a workbook when its package names a SpreadsheetML workbook.
    private static func kind(of archive: Archive) -> NotAnExport? {
        if archive["xl/workbook.xml"] != nil || archive["xl/workbook.bin"] != nil { return nil }
        if archive["mimetype"] != nil && archive["content.xml"] != nil { return .openDocument }
        if archive["_rels/.rels"] != nil, let rels = try? Self.part("_rels/.rels", in: archive, limit: 1 << 20),
            let main = (try? XMLParts.relationships(rels, part: "_rels/.rels"))?["officeDocument"]?.target,
            main.hasSuffix("workbook.xml")
        {
            return nil
        }
        return .zipArchive
    }

    /// Opens a ZIP that must be a workbook: another ZIP is refused as what it is (SPEC 4.1).
    /// `partLimit` bounds any one part once unpacked, so a ZIP bomb is refused, not inflated.
    init(bytes: [UInt8], partLimit: Int64) throws(IngestError) {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw IngestError(cause: .damagedWorkbook(part: "ZIP", .unreadable("\(error)")))
        }
        if let kind = Self.kind(of: archive) { throw IngestError(cause: .notAnExport(kind)) }
        self.archive = archive
        self.partLimit = partLimit
        var workbookPath = "xl/workbook.xml"
        if archive["_rels/.rels"] != nil {
            let rels = try XMLParts.relationships(try Self.part("_rels/.rels", in: archive, limit: partLimit), part: "_rels/.rels")
            if let main = rels.values.first(where: { $0.type.hasSuffix("/officeDocument") })?.target {
                workbookPath = Self.resolve(main, from: "")
            }
        }
        if workbookPath.hasSuffix(".bin") {
            throw IngestError(
                cause: .damagedWorkbook(part: workbookPath, .binaryWorkbook))
        }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        workbookFolder = folder
        let relsPath =
            (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let relationships = try XMLParts.relationships(try Self.part(relsPath, in: archive, limit: partLimit), part: relsPath)
        self.relationships = relationships
        let workbook = try XMLParts.workbook(try Self.part(workbookPath, in: archive, limit: partLimit), part: workbookPath)
        date1904 = workbook.date1904
        sheets = workbook.sheets.compactMap { sheet in
            guard let target = relationships[sheet.relationship]?.target else { return nil }
            return Sheet(name: sheet.name, path: Self.resolve(target, from: folder))
        }
        guard !sheets.isEmpty else {
            throw IngestError(cause: .damagedWorkbook(part: workbookPath, .noWorksheet))
        }
    }

    /// The sheet a source names, or the first.
    func sheet(named name: String?) throws(IngestError) -> Sheet {
        guard let name else { return sheets[0] }
        if let sheet = sheets.first(where: { $0.name == name }) { return sheet }
        let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let sheet = sheets.first(where: { $0.name.lowercased() == folded }) { return sheet }
        throw IngestError(cause: .sheetNotFound(name, available: sheets.map(\.name)))
    }

    func sharedStrings() throws(IngestError) -> [String] {
        guard let target = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target else { return [] }
        let path = Self.resolve(target, from: workbookFolder)
        return try XMLParts.sharedStrings(try part(path), part: path)
    }

    /// Per cell style (`s`), whether its number format makes numbers dates.
    func dateStyles() throws(IngestError) -> [ExcelDates.Kind?] {
        guard let target = relationships.values.first(where: { $0.type.hasSuffix("/styles") })?.target else { return [] }
        let path = Self.resolve(target, from: workbookFolder)
        return try XMLParts.dateStyles(try part(path), part: path)
    }

    func part(_ path: String) throws(IngestError) -> [UInt8] { try Self.part(path, in: archive, limit: partLimit) }

    private static func part(_ path: String, in archive: Archive, limit: Int64) throws(IngestError) -> [UInt8] {
        guard let entry = archive[path] else {
            throw IngestError(cause: .damagedWorkbook(part: path, .missingPart))
        }
        var data: [UInt8] = []
        data.reserveCapacity(Int(Swift.min(Int64(entry.uncompressedSize), limit)))
        do {
            _ = try archive.extract(entry) { chunk in
                guard Int64(data.count + chunk.count) <= limit else { throw PartTooLarge() }
                data.append(contentsOf: chunk)
            }
        } catch is PartTooLarge {
            throw IngestError(
                cause: .damagedWorkbook(part: path, .largerThanLimitUnpacked))
        } catch {
            throw IngestError(cause: .damagedWorkbook(part: path, .unreadable("\(error)")))
        }
        return data
    }

    private struct PartTooLarge: Error {}

    /// A relationship target is relative to the part's folder, or absolute from the package root.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }
}

import Foundation
import ZIPFoundation

/// Re-opens a closed workbook and reads every part (SPEC 9: a workbook replaces the previous one
/// only when it re-opens as a ZIP whose parts are whole). libxlsxwriter 1.1.4 does not check its
/// writes to its working files: on a full disk it zips 0-byte or cut XML parts, with matching CRCs,
/// and reports success. So besides the CRC and size of each entry, every XML part must be a whole
/// document: it ends with the closing tag of the element it opens with.
enum WorkbookCheck {
    static let requiredParts = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml"]

    static func verify(_ path: String) throws(XLSXError) {
        func broken(_ part: String, _ detail: String) -> XLSXError {
            var error = XLSXError(code: nil, sheet: nil, cell: nil, detail: "\(path): \(part): \(detail)")
            error.isWriteFailure = true
            error.brokenPart = part
            return error
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw broken("ZIP directory", "does not open as a ZIP archive")
        }
        var names = Set<String>()
        for entry in archive where entry.type == .file {
            names.insert(entry.path)
            var data = Data()
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry) { data.append($0) }
            } catch {
                throw broken(entry.path, "cannot be read back (\(error))")
            }
            guard checksum == entry.checksum, Int64(data.count) == entry.uncompressedSize else {
                throw broken(entry.path, "its checksum or size does not match")
            }
            if entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
                guard isWholeXML(data) else { throw broken(entry.path, "is empty or cut short") }
            }
        }
        for part in requiredParts where !names.contains(part) {
            throw broken(part, "is missing")
        }
    }

    /// `<?xml …?><root …>…</root>` or `<root …/>`, allowing trailing white space.
    static func isWholeXML(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        var start = 0
        while true {
            guard let open = bytes[start...].firstIndex(of: UInt8(ascii: "<")), open + 1 < bytes.count else { return false }
            if bytes[open + 1] == UInt8(ascii: "?") || bytes[open + 1] == UInt8(ascii: "!") {
                guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return false }
                start = close + 1
                continue
            }
            let nameEnd = bytes[(open + 1)...].firstIndex { " \t\r\n/>".utf8.contains($0) } ?? bytes.count
            let name = Array(bytes[(open + 1)..<nameEnd])
            var end = bytes.count
            while end > 0, " \t\r\n".utf8.contains(bytes[end - 1]) { end -= 1 }
            let tail = Array(bytes[..<end])
            let closing = Array("</".utf8) + name + Array(">".utf8)
            if tail.count >= closing.count, Array(tail.suffix(closing.count)) == closing { return true }
            // A root element that closes itself is the whole document.
            guard let rootClose = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return false }
            return rootClose == end - 1 && rootClose > 0 && bytes[rootClose - 1] == UInt8(ascii: "/")
        }
    }
}

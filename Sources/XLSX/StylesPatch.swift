import Foundation
import ZIPFoundation

/// Adds `quotePrefix="1"` to chosen cell styles of a closed workbook, since libxlsxwriter 1.1.4
/// has no API for it (NOTES.md). Only `xl/styles.xml` is rewritten; cells keep their text.
enum StylesPatch {
    static func addQuotePrefix(toXF indices: Set<Int32>, inWorkbookAt path: String) throws(XLSXError) {
        guard !indices.isEmpty else { return }
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update)
            guard let entry = archive["xl/styles.xml"] else {
                throw XLSXError(code: 0, sheet: nil, cell: nil, detail: "no xl/styles.xml in \(path)")
            }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let patched = try patch(String(decoding: data, as: UTF8.self), indices: indices)
            let bytes = Data(patched.utf8)
            try archive.remove(entry)
            try archive.addEntry(
                with: "xl/styles.xml", type: .file, uncompressedSize: Int64(bytes.count),
                compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError(code: 0, sheet: nil, cell: nil, detail: "cannot add quote prefixes: \(error)")
        }
    }

    /// Inserts the attribute into the n-th `<xf` element of `<cellXfs>`.
    static func patch(_ styles: String, indices: Set<Int32>) throws(XLSXError) -> String {
        guard let start = styles.range(of: "<cellXfs"), let end = styles.range(of: "</cellXfs>") else {
            throw XLSXError(code: 0, sheet: nil, cell: nil, detail: "styles.xml has no cellXfs")
        }
        let section = styles[start.upperBound..<end.lowerBound]
        var pieces = section.components(separatedBy: "<xf ")
        for index in indices {
            let piece = Int(index) + 1  // pieces[0] is the cellXfs attributes
            guard piece < pieces.count else {
                throw XLSXError(code: 0, sheet: nil, cell: nil, detail: "styles.xml has no xf \(index)")
            }
            pieces[piece] = "quotePrefix=\"1\" " + pieces[piece]
        }
        return String(styles[..<start.upperBound]) + pieces.joined(separator: "<xf ")
            + String(styles[end.lowerBound...])
    }
}

import Foundation
import ZIPFoundation

/// Adds `quotePrefix="1"` to chosen cell styles of a closed workbook, since libxlsxwriter 1.1.4
/// has no API for it (NOTES.md). Only `xl/styles.xml` is rewritten; cells keep their text.
enum StylesPatch {
    /// The archive is copied, with the patched `xl/styles.xml`, into a new file beside it and renamed
    /// over it: ZIPFoundation's in-place update would copy the whole workbook into `$TMPDIR`
    /// (SPEC 8: working files stay on the output folder's file system, in files of this process).
    static func addQuotePrefix(toXF indices: Set<Int32>, inWorkbookAt path: String) throws(XLSXError) {
        guard !indices.isEmpty else { return }
        // `.<name>.styles.<pid>.tmp`: a temporary name that a later run can tell is ours.
        let patchedPath = path.replacingOccurrences(of: ".\(getpid()).tmp", with: ".styles.\(getpid()).tmp")
        do {
            let source = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            guard source["xl/styles.xml"] != nil else {
                throw XLSXError(code: nil, sheet: nil, cell: nil, detail: "no xl/styles.xml in \(path)")
            }
            try copy(source, to: patchedPath, indices: indices)
            guard rename(patchedPath, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch let error as XLSXError {
            unlink(patchedPath)
            throw error
        } catch {
            // A full disk shows here as a failed write of the copy.
            let systemError = errno
            unlink(patchedPath)
            var failure = XLSXError(code: nil, sheet: nil, cell: nil, detail: "cannot add quote prefixes: \(error)")
            failure.isWriteFailure = true
            failure.systemError = systemError
            throw failure
        }
    }

    /// Every part of `source` into a new archive, `xl/styles.xml` patched. The new archive is
    /// closed (its buffers written) when this returns, before it is renamed.
    private static func copy(_ source: Archive, to path: String, indices: Set<Int32>) throws {
        let patched = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for entry in source where entry.type == .file {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            if entry.path == "xl/styles.xml" {
                data = Data(try patch(String(decoding: data, as: UTF8.self), indices: indices).utf8)
            }
            let bytes = data
            try patched.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        }
    }

    /// Inserts the attribute into the n-th `<xf` element of `<cellXfs>`.
    static func patch(_ styles: String, indices: Set<Int32>) throws(XLSXError) -> String {
        guard let start = styles.range(of: "<cellXfs"), let end = styles.range(of: "</cellXfs>") else {
            throw XLSXError(code: nil, sheet: nil, cell: nil, detail: "styles.xml has no cellXfs")
        }
        let section = styles[start.upperBound..<end.lowerBound]
        var pieces = section.components(separatedBy: "<xf ")
        for index in indices {
            let piece = Int(index) + 1  // pieces[0] is the cellXfs attributes
            guard piece < pieces.count else {
                throw XLSXError(code: nil, sheet: nil, cell: nil, detail: "styles.xml has no xf \(index)")
            }
            pieces[piece] = "quotePrefix=\"1\" " + pieces[piece]
        }
        return String(styles[..<start.upperBound]) + pieces.joined(separator: "<xf ")
            + String(styles[end.lowerBound...])
    }
}

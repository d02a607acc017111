import CXlsxWriter
import Foundation

/// The Swift face of one libxlsxwriter workbook.
///
/// Written to a hidden temporary file beside the target and renamed on `close()`, so a failed run
/// never leaves half a workbook (SPEC 9). Closed exactly once; dropping it unclosed discards it.
public final class Workbook {
    public let path: String
    private let temporaryPath: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [FormatSpec: UnsafeMutablePointer<lxw_format>] = [:]
    /// xf indices of the formats that must carry Excel's quote prefix (see `Worksheet.write`).
    var quotePrefixedXF: Set<Int32> = []
    private var keepAlive: [UnsafeMutablePointer<CChar>] = []

    /// `temporaryDirectory` receives libxlsxwriter's working files (SPEC 8: a private directory).
    public init(path: String, temporaryDirectory: String? = nil) throws(XLSXError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath =
            url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        var options = lxw_workbook_options()
        if let temporaryDirectory {
            let directory = strdup(temporaryDirectory)!
            keepAlive.append(directory)
            options.tmpdir = directory
        }
        handle = workbook_new_opt(temporaryPath, &options)
        guard handle != nil else {
            throw XLSXError(code: nil, sheet: nil, cell: nil, detail: "cannot create \(temporaryPath)")
        }
    }

    deinit {
        if let handle {
            workbook_close(handle)
            unlink(temporaryPath)
        }
        keepAlive.forEach { free($0) }
    }

    public func addWorksheet(_ name: String) throws(XLSXError) -> Worksheet {
        let workbook = try open()
        try check(workbook_validate_sheet_name(workbook, name), sheet: name)
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XLSXError(code: nil, sheet: name, cell: nil, detail: "cannot add the sheet")
        }
        return Worksheet(workbook: self, handle: sheet, name: name)
    }

    public func format(_ spec: FormatSpec) throws(XLSXError) -> UnsafeMutablePointer<lxw_format> {
        try format(spec, quotePrefix: false)
    }

    func format(_ spec: FormatSpec, quotePrefix: Bool) throws(XLSXError) -> UnsafeMutablePointer<lxw_format> {
        let workbook = try open()
        var key = spec
        if quotePrefix { key.quotePrefixTwin = true }
        if let existing = formats[key] { return existing }
        let created = try nonNull(workbook_add_format(workbook), sheet: nil, "a cell format")
        spec.apply(to: created)
        if quotePrefix {
            // 1.1.4 cannot write quotePrefix; a reading order of "left to right" (what Latvian text
            // has anyway) makes the twin a distinct style, whose xf gets the prefix after closing.
            format_set_reading_order(created, 1)
            quotePrefixedXF.insert(lxw_format_get_xf_index(created))
        } else {
            _ = lxw_format_get_xf_index(created)
        }
        formats[key] = created
        return created
    }

    public func addChart(_ type: ChartType) throws(XLSXError) -> Chart {
        guard let chart = workbook_add_chart(try open(), type.code) else {
            throw XLSXError(code: nil, sheet: nil, cell: nil, detail: "cannot add a chart")
        }
        return Chart(workbook: self, handle: chart, type: type)
    }

    public func setProperties(title: String, subject: String, author: String, keywords: String) throws(XLSXError) {
        var properties = lxw_doc_properties()
        properties.title = retain(title)
        properties.subject = retain(subject)
        properties.author = retain(author)
        properties.keywords = retain(keywords)
        try check(workbook_set_properties(try open(), &properties), sheet: nil)
    }

    /// Writes the file, adds the quote prefixes, checks that every part reads back whole, then
    /// renames it over the previous workbook (SPEC 9). On any failure the previous workbook stays
    /// and the temporary file goes; the error says it was the write that failed, with the `errno`.
    public func close() throws(XLSXError) {
        let workbook = try open()
        handle = nil
        errno = 0
        let error = workbook_close(workbook)
        let closeErrno = errno
        do throws(XLSXError) {
            do throws(XLSXError) {
                try check(error, sheet: nil)
            } catch var failure {
                failure.isWriteFailure = true
                failure.systemError = closeErrno
                throw failure
            }
            try StylesPatch.addQuotePrefix(toXF: quotePrefixedXF, inWorkbookAt: temporaryPath)
            if WriteFaults.nextFails() { WriteFaults.cut(temporaryPath) }
            try WorkbookCheck.verify(temporaryPath)
            guard rename(temporaryPath, path) == 0 else {
                let renameErrno = errno
                var failure = XLSXError(
                    code: nil, sheet: nil, cell: nil,
                    detail: "cannot write \(path): \(String(cString: strerror(renameErrno)))")
                failure.isWriteFailure = true
                failure.systemError = renameErrno
                throw failure
            }
        } catch {
            unlink(temporaryPath)
            throw error
        }
    }

    /// For a `Worksheet` or `Chart`: after `close()` libxlsxwriter has freed it, so using it
    /// throws instead of touching a dangling pointer.
    func requireOpen(_ what: String, sheet: String?) throws(XLSXError) {
        guard handle == nil else { return }
        throw XLSXError(code: nil, sheet: sheet, cell: nil, detail: "\(what) is used after its workbook was closed")
    }

    /// The handle while the workbook is open.
    private func open() throws(XLSXError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else {
            throw XLSXError(code: nil, sheet: nil, cell: nil, detail: "the workbook is already closed")
        }
        return handle
    }

    /// libxlsxwriter keeps some C strings by pointer until close; they live as long as the workbook.
    @discardableResult
    func retain(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        keepAlive.append(copy)
        return copy
    }
}

import CXlsxWriter

/// A libxlsxwriter failure, named by the sheet and cell it happened at.
public struct XLSXError: Error, CustomStringConvertible, Equatable {
    /// libxlsxwriter's `lxw_error`; nil for a failure of our own (a NULL handle, a closed
    /// workbook, the write checks), never 0, which is `LXW_NO_ERROR`.
    public let code: UInt32?
    public let sheet: String?
    public let cell: String?
    public let detail: String
    /// Set when writing the file failed (not a sheet or cell mistake): the `errno` seen, if any,
    /// and the part of the archive found broken, if that is how the failure showed.
    public var isWriteFailure = false
    public var systemError: Int32? = nil
    public var brokenPart: String? = nil

    public var description: String {
        let place = [sheet.map { "sheet \"\($0)\"" }, cell.map { "cell \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? "workbook: \(detail)" : "workbook \(place): \(detail)"
    }
}

/// A NULL where libxlsxwriter should have returned an object (out of memory, or a refused argument).
func nonNull<T>(_ pointer: UnsafeMutablePointer<T>?, sheet: String?, _ what: String) throws(XLSXError) -> UnsafeMutablePointer<T> {
    guard let pointer else { throw XLSXError(code: nil, sheet: sheet, cell: nil, detail: "cannot add \(what)") }
    return pointer
}

func check(_ error: lxw_error, sheet: String?, row: Int? = nil, column: Int? = nil) throws(XLSXError) {
    guard error != LXW_NO_ERROR else { return }
    let cell = row.map { cellReference(row: $0, column: column ?? 0) }
    throw XLSXError(
        code: error.rawValue, sheet: sheet, cell: cell, detail: String(cString: lxw_strerror(error)))
}

/// `A1`-style name of a zero-based cell.
public func cellReference(row: Int, column: Int) -> String {
    columnName(column) + String(row + 1)
}

public func columnName(_ column: Int) -> String {
    var name = ""
    var rest = column + 1
    while rest > 0 {
        let digit = (rest - 1) % 26
        name = String(UnicodeScalar(UInt8(65 + digit))) + name
        rest = (rest - 1) / 26
    }
    return name
}

/// `'Sheet name'!$A$1:$B$2` for chart ranges and defined names.
public func absoluteRange(sheet: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> String {
    let quoted = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
    func absolute(_ row: Int, _ column: Int) -> String { "$\(columnName(column))$\(row + 1)" }
    return "\(quoted)!\(absolute(rows.lowerBound, columns.lowerBound)):\(absolute(rows.upperBound, columns.upperBound))"
}

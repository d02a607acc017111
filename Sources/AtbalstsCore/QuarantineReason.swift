import Foundation

/// Why a row was quarantined (SPEC 9). It crosses from Ingest through Store to Reports as this
/// value, never as prose: Reports renders it in Latvian or English at the last moment
/// (Reports/QuarantineReasonText.swift), so a reworded reason cannot fall out of the translation.
/// Stored as `code` and `arguments` (migration "v6-quarantine-codes").
public enum QuarantineReason: Hashable, Sendable {
    /// The row has another number of fields than the header.
    case wrongFieldCount(expected: Int, found: Int)
    /// The export's completion column is empty: the respondent never submitted.
    case incompleteResponse
    case noInstitution
    case unknownInstitution
    /// A byte the text's encoding cannot decode, with its offset in the file (SPEC 4.1).
    case undecodableByte(byte: UInt8, byteOffset: Int, encoding: String)
    /// A NUL byte, which SQLite and libxlsxwriter would take for the end of the text.
    case nulByte(byteOffset: Int)
    /// Self-assessment (SPEC 4.2): the need area matches none of the instrument's.
    case unknownNeedArea
    case noRating
    case unknownRatingLabel
    case ratingOutOfRange(value: Int, lowest: Int, highest: Int)
    /// An edited plan (SPEC 12.1): a row with no need area, or a status none of the four.
    case noNeedArea
    case unknownPlanStatus
    /// A row of an association's work plan (MA plāni) whose learning area is none of the instrument's.
    case unknownLearningArea
    /// A reason stored as English prose before the database had reason codes.
    case legacy(String)

    /// The stable name stored in the database; nil for `.legacy`, which has none.
    public var code: String? {
        switch self {
        case .wrongFieldCount: "wrong_field_count"
        case .incompleteResponse: "incomplete_response"
        case .noInstitution: "no_institution"
        case .unknownInstitution: "unknown_institution"
        case .undecodableByte: "undecodable_byte"
        case .nulByte: "nul_byte"
        case .unknownNeedArea: "unknown_need_area"
        case .noRating: "no_rating"
        case .unknownRatingLabel: "unknown_rating_label"
        case .ratingOutOfRange: "rating_out_of_range"
        case .noNeedArea: "no_need_area"
        case .unknownPlanStatus: "unknown_plan_status"
        case .unknownLearningArea: "unknown_learning_area"
        case .legacy: nil
        }
    }

    /// The case's arguments as stored beside the code, in declaration order.
    public var arguments: [String] {
        switch self {
        case .wrongFieldCount(let expected, let found): [String(expected), String(found)]
        case .undecodableByte(let byte, let offset, let encoding): [String(byte), String(offset), encoding]
        case .nulByte(let offset): [String(offset)]
        case .ratingOutOfRange(let value, let lowest, let highest): [String(value), String(lowest), String(highest)]
        case .legacy(let text): [text]
        case .incompleteResponse, .noInstitution, .unknownInstitution, .unknownNeedArea, .noRating, .unknownRatingLabel, .noNeedArea,
            .unknownPlanStatus, .unknownLearningArea:
            []
        }
    }

    /// The reason read back from its code and arguments; nil when the code is unknown or its
    /// arguments do not fit (a database written by a later version).
    public init?(code: String, arguments: [String]) {
        let numbers = arguments.map { Int($0) }
        func number(_ index: Int) -> Int? { numbers.indices.contains(index) ? numbers[index] : nil }
        switch (code, arguments.count) {
        case ("wrong_field_count", 2):
            guard let expected = number(0), let found = number(1) else { return nil }
            self = .wrongFieldCount(expected: expected, found: found)
        case ("incomplete_response", 0): self = .incompleteResponse
        case ("no_institution", 0): self = .noInstitution
        case ("unknown_institution", 0): self = .unknownInstitution
        case ("undecodable_byte", 3):
            guard let byte = UInt8(arguments[0]), let offset = number(1) else { return nil }
            self = .undecodableByte(byte: byte, byteOffset: offset, encoding: arguments[2])
        case ("nul_byte", 1):
            guard let offset = number(0) else { return nil }
            self = .nulByte(byteOffset: offset)
        case ("unknown_need_area", 0): self = .unknownNeedArea
        case ("no_rating", 0): self = .noRating
        case ("unknown_rating_label", 0): self = .unknownRatingLabel
        case ("rating_out_of_range", 3):
            guard let value = number(0), let lowest = number(1), let highest = number(2) else { return nil }
            self = .ratingOutOfRange(value: value, lowest: lowest, highest: highest)
        case ("no_need_area", 0): self = .noNeedArea
        case ("unknown_plan_status", 0): self = .unknownPlanStatus
        case ("unknown_learning_area", 0): self = .unknownLearningArea
        default: return nil
        }
    }
}

import AtbalstsCore

/// How one response's answers are stored: a single BLOB of two bytes per slot (a little-endian
/// `Int16`, `AnswerValues.missing` for no answer), slots in the instrument's *storage order*.
///
/// The storage order is the `slots` list of the `instrument` row: the instrument's slots when its
/// table was made, then every slot it gained later (an `other` option), appended. So a slot keeps
/// its position for as long as the database lives, and a response stored before a slot was added
/// has a shorter BLOB: the slots past its end read as not answered.
///
/// One BLOB instead of a column per slot: at national scale SQLite's work per row was the ~80
/// bound values and record columns, on insert and on every read (BENCHMARKS.md, change 14).
struct AnswerLayout: Sendable {
    /// Slot names in storage order.
    let stored: [String]
    /// For each slot of the instrument, its position in storage order; -1: not stored.
    private let positions: [Int]
    /// Storage order is the instrument's own: values are copied as they are.
    private let identity: Bool
    private let slotNames: [String]

    init(stored: [String], instrument: Instrument) {
        self.stored = stored
        slotNames = instrument.slots.map(\.name)
        var position: [String: Int] = [:]
        for (index, name) in stored.enumerated() where position[name] == nil { position[name] = index }
        positions = instrument.slots.map { position[$0.name] ?? -1 }
        identity = positions == Array(instrument.slots.indices) && stored.count == instrument.slots.count
    }

    /// Every stored slot is one of the instrument's: its answers keep their meaning. Otherwise an
    /// item changed under the same instrument id, and stored answers would be read as another's.
    var storesOnlyTheInstrumentsSlots: Bool { Set(stored).isSubset(of: slotNames) }

    /// The storage order of a list as the `instrument` row keeps it.
    static func slots(from list: String) -> [String] {
        list.isEmpty ? [] : list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// The BLOB of one response's values (read in place from its batch), handed to `body`
    /// without a copy when the layout is the instrument's own.
    func withPacked<Result>(
        _ values: UnsafeBufferPointer<Int16>, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        if identity, Int16(1).littleEndian == 1 {
            return try body(UnsafeRawBufferPointer(values))
        }
        var packed = [Int16](repeating: AnswerValues.missing.littleEndian, count: stored.count)
        for (slot, position) in positions.enumerated() where position >= 0 {
            packed[position] = values[slot].littleEndian
        }
        return try packed.withUnsafeBytes(body)
    }

    /// The instrument's values from a stored BLOB (`bytes` may be shorter than the storage order).
    func unpack(_ bytes: UnsafeRawBufferPointer) -> AnswerValues {
        AnswerValues(
            raw: [Int16](unsafeUninitializedCapacity: positions.count) { buffer, initialized in
                buffer.initialize(repeating: AnswerValues.missing)
                unpack(bytes, into: buffer)
                initialized = positions.count
            })
    }

    /// Writes the instrument's values from a stored BLOB into `values` (one per slot), where
    /// each is `AnswerValues.missing` on entry.
    func unpack(_ bytes: UnsafeRawBufferPointer, into values: UnsafeMutableBufferPointer<Int16>) {
        let storedCount = bytes.count / 2
        if identity, storedCount == positions.count, Int16(1).littleEndian == 1 {
            UnsafeMutableRawBufferPointer(values).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<storedCount * 2]))
            return
        }
        for (slot, position) in positions.enumerated() where position >= 0 && position < storedCount {
            values[slot] = Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: position * 2, as: Int16.self))
        }
    }
}

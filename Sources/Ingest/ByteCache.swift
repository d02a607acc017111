/// Values keyed by a cell's raw bytes, so that a label seen before is found without making a
/// `String` (an export repeats the same few answer labels tens of thousands of times).
///
/// Open addressing on the FNV-1a hash itself, keys kept in one byte arena: a lookup is one pass
/// over the cell's bytes and usually one comparison, with no hashing of the hash and no
/// allocation.
struct ByteCache<Value> {
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
        var value: Value
    }

    private var slots: [Int] = Array(repeating: -1, count: 64)  // index into entries, or -1
    private var entries: [Entry] = []
    private var arena: [UInt8] = []

    func value(for bytes: ArraySlice<UInt8>) -> Value? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            // Fields read in place: copying the entry would retain its value (a String, say).
            if entries[index].hash == hash, entries[index].count == bytes.count {
                let start = entries[index].start
                if arena[start..<(start + bytes.count)].elementsEqual(bytes) { return entries[index].value }
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ value: Value, for bytes: ArraySlice<UInt8>) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(bytes)
        entries.append(Entry(hash: hash, start: arena.count, count: bytes.count, value: value))
        arena.append(contentsOf: bytes)
        place(entries.count - 1, hash: hash)
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for index in entries.indices { place(index, hash: entries[index].hash) }
    }

    /// FNV-1a, 64 bit.
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// Values keyed by a cell's raw bytes, so that a label seen before is found without making a
/// `String` (an export repeats the same few answer labels tens of thousands of times).
///
/// Open addressing on the hash itself, keys kept in one byte arena: a lookup is one pass over
/// the cell's bytes (eight at a time) and usually one comparison, with no hashing of the hash and
/// no allocation.
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
        bytes.withUnsafeBufferPointer { value(for: $0) }
    }

    mutating func insert(_ value: Value, for bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { insert(value, for: $0) }
    }

    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let index = slots[slot]
                if index < 0 { return nil }
                // Fields read in place: copying the entry would retain its value (a String, say).
                if entries[index].hash == hash, entries[index].count == bytes.count {
                    let start = entries[index].start
                    if Self.equal(arena, start, bytes) { return entries[index].value }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
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

    @inline(__always)
    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for offset in 0..<bytes.count where arena[start + offset] != bytes[offset] { return false }
        return true
    }

    /// Eight bytes a step, each word mixed in by a multiplication, the last word read so that it
    /// ends with the key (overlapping the one before), then MurmurHash3's finaliser so that the
    /// low bits (the slot) depend on every byte. The length is in the seed, so overlapping reads
    /// of keys of different lengths cannot collide by construction. Byte-at-a-time FNV-1a was a
    /// chain of one multiplication per byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return finalized(hash) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 29
        }
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                mix(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
                index += 8
            }
            mix(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self).littleEndian)
        } else if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self).littleEndian)
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self).littleEndian)
            mix(low | high << 32)
        } else if count > 0 {
            mix(UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16)
        }
        return finalized(hash)
    }

    @inline(__always)
    private static func finalized(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}

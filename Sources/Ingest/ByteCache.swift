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

    /// Always inlined: called out of line, with its closure, the look-ups of a row's labels
    /// cost a tenth of the parsing thread more at national scale.
    @inline(__always)
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

    /// Compared as the hash reads: words, the last overlapping, or two halves of a short key.
    @inline(__always)
    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return true }
        let stored = UnsafeRawPointer(arena.baseAddress! + start)
        let given = UnsafeRawPointer(bytes.baseAddress!)
        func word(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt64 { pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        func half(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt32 { pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                if word(stored, offset) != word(given, offset) { return false }
                offset += 8
            }
            return word(stored, count - 8) == word(given, count - 8)
        }
        if count >= 4 { return half(stored, 0) == half(given, 0) && half(stored, count - 4) == half(given, count - 4) }
        for offset in 0..<count where arena[start + offset] != bytes[offset] { return false }
        return true
    }

    /// Keys of up to 16 bytes (almost every answer label) are read as two words, the second
    /// ending with the key, and mixed by one 64×64→128-bit multiplication folded in half (as
    /// wyhash does), which spreads every input bit over the low bits that pick the slot; longer
    /// keys fold sixteen bytes a step. The length is in the seed, so the overlapping reads of
    /// keys of different lengths cannot collide by construction. Byte-at-a-time FNV-1a was a
    /// chain of one multiplication per byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        let seed = 0xcbf2_9ce4_8422_2325 ^ UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = bytes.baseAddress else { return mixed(seed, 0x243F_6A88_85A3_08D3) }
        let raw = UnsafeRawPointer(base)
        func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian }
        func half(_ offset: Int) -> UInt64 { UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian) }
        let first: UInt64
        let second: UInt64
        var state = seed
        if count >= 8 {
            var offset = 0
            while offset + 16 < count {
                state = mixed(word(offset) ^ state, word(offset + 8) ^ 0x243F_6A88_85A3_08D3)
                offset += 16
            }
            first = count > 16 ? word(count - 16) : word(0)
            second = word(count - 8)
        } else if count >= 4 {
            first = half(0)
            second = half(count - 4)
        } else {
            first = UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16
            second = 0
        }
        return mixed(first ^ state, second ^ 0x243F_6A88_85A3_08D3)
    }

    @inline(__always)
    private static func mixed(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

}

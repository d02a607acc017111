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

/// The few labels each scale's cells hold (a need scale has five), found by their length and
/// first eight bytes in a short list, without hashing: in front of a `ByteCache`, which keeps
/// every label, a misspelt one too. At national scale a row looks up some 35 labels, and the
/// hash table's look-up (hash, slot, entry, bytes: four loads one after another) was a fifth of
/// the parsing thread. Up to `width` labels a scale, up to `maxLabel` bytes each, are kept here.
final class LabelFront: @unchecked Sendable {  // one mapper's, used by its thread only
    private struct Entry {
        var count: Int
        var first: UInt64
        var start: Int
        var value: Int?
    }

    static let width = 8
    static let maxLabel = 63
    private let tables: Int
    private let entries: UnsafeMutablePointer<Entry>
    private let used: UnsafeMutablePointer<Int>
    /// Per table and length (0 … `maxLabel`): the one entry of that length, -1 none, -2 several.
    /// A scale's labels mostly differ in length: one load finds the only candidate.
    private let byLength: UnsafeMutablePointer<Int8>
    private let arena: UnsafeMutablePointer<UInt8>
    private var arenaUsed = 0

    init(tables: Int) {
        self.tables = tables
        entries = .allocate(capacity: Swift.max(tables, 1) * Self.width)
        used = .allocate(capacity: Swift.max(tables, 1))
        used.initialize(repeating: 0, count: Swift.max(tables, 1))
        byLength = .allocate(capacity: Swift.max(tables, 1) * (Self.maxLabel + 1))
        byLength.initialize(repeating: -1, count: Swift.max(tables, 1) * (Self.maxLabel + 1))
        arena = .allocate(capacity: Swift.max(tables, 1) * Self.width * Self.maxLabel)
    }

    deinit {
        // Entries are plain integers: nothing to deinitialize.
        entries.deallocate()
        used.deallocate()
        byLength.deallocate()
        arena.deallocate()
    }

    /// The first eight bytes (fewer: zeros after them) as one word.
    @inline(__always)
    private static func firstWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        if bytes.count >= 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
        var word: UInt64 = 0
        for index in 0..<bytes.count { word |= UInt64(base[index]) << (8 * UInt64(index)) }
        return word
    }

    /// `.some(value)` when table `table` holds these bytes; nil when it does not.
    @inline(__always)
    func value(table: Int, for bytes: UnsafeBufferPointer<UInt8>) -> Int?? {
        let count = bytes.count
        guard count <= Self.maxLabel else { return nil }
        let only = byLength[table * (Self.maxLabel + 1) + count]
        if only == -1 { return nil }
        let first = Self.firstWord(bytes)
        let list = entries + table * Self.width
        if only >= 0 {
            let entry = list + Int(only)
            guard entry.pointee.first == first,
                count <= 8 || Self.restEqual(arena + entry.pointee.start, bytes.baseAddress!, count)
            else { return nil }
            return .some(entry.pointee.value)
        }
        for index in 0..<used[table] where list[index].count == count && list[index].first == first {
            if count <= 8 || Self.restEqual(arena + list[index].start, bytes.baseAddress!, count) {
                return .some(list[index].value)
            }
        }
        return nil
    }

    /// Bytes 8 ..< `count` (more than 8) equal, compared a word at a time, the last word
    /// overlapping the one before: a call to `memcmp` per label cost more than the comparison.
    @inline(__always)
    private static func restEqual(_ stored: UnsafePointer<UInt8>, _ given: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let stored = UnsafeRawPointer(stored)
        let given = UnsafeRawPointer(given)
        var offset = 8
        while offset + 8 < count {
            if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != given.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        return stored.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == given.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// Keeps the label if there is room; a look-up that missed it finds it in the cache behind.
    func insert(table: Int, _ value: Int?, for bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard used[table] < Self.width, count <= Self.maxLabel, let base = bytes.baseAddress else { return }
        let start = arenaUsed
        (arena + start).update(from: base, count: count)
        arenaUsed += count
        (entries + table * Self.width + used[table]).initialize(
            to: Entry(count: count, first: Self.firstWord(bytes), start: start, value: value))
        let length = byLength + table * (Self.maxLabel + 1) + count
        length.pointee = length.pointee == -1 ? Int8(used[table]) : -2
        used[table] += 1
    }
}

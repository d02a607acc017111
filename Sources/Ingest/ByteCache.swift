/// Values keyed by a cell's raw bytes, so that a label seen before is found without making a
/// `String` (an export repeats the same few answer labels tens of thousands of times).
struct ByteCache<Value> {
    private var buckets: [UInt64: [(key: [UInt8], value: Value)]] = [:]

    func value(for bytes: ArraySlice<UInt8>) -> Value? {
        guard let bucket = buckets[Self.hash(bytes)] else { return nil }
        return bucket.first { $0.key.elementsEqual(bytes) }?.value
    }

    mutating func insert(_ value: Value, for bytes: ArraySlice<UInt8>) {
        buckets[Self.hash(bytes), default: []].append((Array(bytes), value))
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

import TestSupport
import Testing

@testable import Ingest

struct ByteCacheTests {
    /// Against a plain dictionary: thousands of random keys (empty, short, long, shared
    /// prefixes) force the table to grow several times; every key finds its value, and keys
    /// never inserted find nothing.
    @Test func agreesWithADictionary() {
        var generator = SplitMix64(state: 0xB17E_CAC4E)
        var cache = ByteCache<Int>()
        var reference: [[UInt8]: Int] = [:]
        for index in 0..<5_000 {
            let length = [0, 1, 2, 5, 12, 40].randomElement(using: &generator)!
            let key = (0..<length).map { _ in UInt8.random(in: 97...100, using: &generator) }
            if reference[key] == nil {
                reference[key] = index
                cache.insert(index, for: key[...])
            }
        }
        for (key, value) in reference { #expect(cache.value(for: key[...]) == value) }
        let absent: [UInt8] = Array("not a key at all, too long for the alphabet above".utf8)
        #expect(cache.value(for: absent[...]) == nil)
        let inside = [UInt8](repeating: 0, count: 3) + [97, 98] + [0]
        #expect(cache.value(for: inside[3..<5]) == reference[[97, 98]])
    }

    /// The hash reads words, the last one overlapping the one before and short keys in pieces:
    /// every byte of a key of any length must count, or keys differing in it would all share a
    /// slot (still found, but by walking the table). Two keys that differ in one byte, at every
    /// position of every length up to 40, never hash alike.
    @Test func everyByteOfTheKeyCounts() {
        var generator = SplitMix64(state: 0x4A54)
        for length in 1...40 {
            let key = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let hash = key.withUnsafeBufferPointer { ByteCache<Int>.hash($0) }
            for position in 0..<length {
                var changed = key
                changed[position] ^= UInt8.random(in: 1...255, using: &generator)
                #expect(changed.withUnsafeBufferPointer { ByteCache<Int>.hash($0) } != hash, "length \(length), byte \(position)")
            }
            // The same bytes one shorter or longer (a zero byte added) are other keys.
            #expect((key + [0]).withUnsafeBufferPointer { ByteCache<Int>.hash($0) } != hash)
        }
        // Found by contents, wherever the key's bytes lie in memory.
        var cache = ByteCache<Int>()
        let text = Array("Drīzāk piekrītu, Pilnībā piekrītu".utf8)
        cache.insert(1, for: text[0..<"Drīzāk piekrītu".utf8.count])
        let copy = Array("xDrīzāk piekrītu".utf8)
        #expect(copy.withUnsafeBufferPointer { cache.value(for: UnsafeBufferPointer(rebasing: $0[1...])) } == 1)
    }
}

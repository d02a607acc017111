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

    /// The short list in front of it (`LabelFront`): labels of lengths around its word size that
    /// share their first bytes and differ only late, a few tables at once, more labels than it
    /// keeps. A label it holds gives its value (nil among them), in its own table only; anything
    /// else, a label differing in one byte too, is not found there.
    @Test func theLabelFrontFindsExactlyWhatItKeeps() {
        var generator = SplitMix64(state: 0xF20_7)
        let front = LabelFront(tables: 3)
        var kept: [[[UInt8]: Int?]] = Array(repeating: [:], count: 3)
        var offered: [[UInt8]] = []
        for round in 0..<200 {
            let table = round % 3
            let length = [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 40, 64, 65].randomElement(using: &generator)!
            // Mostly 'a': labels that share a prefix and differ in a byte or two near the end.
            let label: [UInt8] = (0..<length).map { _ in UInt8.random(in: 0...9, using: &generator) == 0 ? 98 : 97 }
            offered.append(label)
            guard kept[table][label] == nil else { continue }
            let value: Int? = round % 5 == 0 ? nil : round
            let before = kept[table].count
            label.withUnsafeBufferPointer { front.insert(table: table, value, for: $0) }
            if before < LabelFront.width, length <= LabelFront.maxLabel { kept[table][label] = value }
        }
        #expect(kept.allSatisfy { $0.count == LabelFront.width }, "every table filled")
        for table in 0..<3 {
            for label in offered {
                let found = label.withUnsafeBufferPointer { front.value(table: table, for: $0) }
                if let value = kept[table][label] {
                    #expect(found == .some(value), "table \(table), \(label.count) bytes")
                } else {
                    #expect(found == nil, "table \(table), \(label.count) bytes: not kept")
                }
            }
            // A kept label with its last byte changed, read from an odd address.
            for label in kept[table].keys where !label.isEmpty {
                var changed: [UInt8] = [0] + label
                changed[changed.count - 1] ^= 3
                let found = changed.withUnsafeBufferPointer { front.value(table: table, for: UnsafeBufferPointer(rebasing: $0[1...])) }
                #expect(found == nil)
            }
        }
    }
}

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
}

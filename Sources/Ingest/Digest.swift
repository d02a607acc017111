import AtbalstsCore
import COpenSSL
import Foundation

/// SHA-256 over bytes that arrive in pieces (`SourceFile.read`).
struct SHA256Stream {
    private var state = SHA256_CTX()

    init() { SHA256_Init(&state) }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count > 0 { SHA256_Update(&state, bytes.baseAddress, bytes.count) }
    }

    /// The digest in hex; the stream is used up.
    mutating func hex() -> String {
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        SHA256_Final(&out, &state)
        return Digest.hex(out)
    }
}

/// SHA-256 and HMAC-SHA256 through the system's libcrypto (Debian `libssl-dev`).
public enum Digest {
    public static func sha256Hex(_ input: InputBytes) -> String {
        var stream = SHA256Stream()
        input.withUnsafeBufferPointer { stream.update($0) }
        return stream.hex()
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &out, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1, "libcrypto failed to compute SHA-256")
        return hex(out.prefix(Int(length)))
    }

    public static func hmacSHA256Hex(key: [UInt8], message: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                HMAC(
                    EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                    messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                    &out, &length)
            }
        }
        precondition(result != nil, "libcrypto failed to compute HMAC-SHA256")
        return hex(out.prefix(Int(length)))
    }

    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        precondition(RAND_bytes(&bytes, Int32(count)) == 1, "libcrypto has no entropy")
        return bytes
    }

    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count * 2) { writeHex(bytes, into: $0) }
    }

    /// Two lower-case hex digits a byte into `chars`; returns how many were written.
    @discardableResult
    static func writeHex<C: Collection>(_ bytes: C, into chars: UnsafeMutableBufferPointer<UInt8>) -> Int
    where C.Element == UInt8 {
        var written = 0
        for byte in bytes {
            chars[written] = hexDigit(byte >> 4)
            chars[written + 1] = hexDigit(byte & 0x0f)
            written += 2
        }
        return written
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 48 + value : 87 + value }
}

/// HMAC-SHA256 (RFC 2104) under one key, for a key per row: the padded key is hashed once, into
/// an inner and an outer SHA-256 state that each message then copies, a plain struct copy. The
/// one-shot `HMAC()` is `EVP_Q_mac` in OpenSSL 3, which fetched the algorithm by name and keyed
/// it anew for each row: a fifth of the parse thread's time at 300,000 rows.
struct HMACSHA256: @unchecked Sendable {  // two immutable C structs of integers
    private let inner: SHA256_CTX
    private let outer: SHA256_CTX

    init(key: [UInt8]) {
        var block = [UInt8](repeating: 0, count: Int(SHA256_CBLOCK))
        if key.count > block.count {
            _ = key.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &block) }
        } else {
            block.replaceSubrange(0..<key.count, with: key)
        }
        func state(_ pad: UInt8) -> SHA256_CTX {
            var context = SHA256_CTX()
            let padded = block.map { $0 ^ pad }
            precondition(SHA256_Init(&context) == 1 && SHA256_Update(&context, padded, padded.count) == 1)
            return context
        }
        inner = state(0x36)
        outer = state(0x5c)
    }

    /// The MAC of `message` as 64 lower-case hex digits.
    func hex(_ message: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: 2 * Int(SHA256_DIGEST_LENGTH)) { hex(message, into: $0) }
    }

    /// The same written into `text` (room for 64 bytes); returns 64.
    @discardableResult
    func hex(_ message: UnsafeBufferPointer<UInt8>, into text: UnsafeMutableBufferPointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(SHA256_DIGEST_LENGTH)) { digest in
            var context = inner
            let base = digest.baseAddress!
            var ok = SHA256_Update(&context, message.baseAddress, message.count) == 1 && SHA256_Final(base, &context) == 1
            context = outer
            ok = ok && SHA256_Update(&context, base, digest.count) == 1 && SHA256_Final(base, &context) == 1
            precondition(ok, "libcrypto failed to compute SHA-256")
            return Digest.writeHex(UnsafeBufferPointer(digest), into: text)
        }
    }
}

/// Turns an e-mail into the respondent key of SPEC 8: HMAC-SHA256(workspace key, normalised e-mail).
/// The e-mail itself goes no further than this type.
public struct Pseudonymizer: Sendable {
    private let mac: HMACSHA256

    public init(key: [UInt8]) { mac = HMACSHA256(key: key) }

    /// nil when the row carries no usable e-mail: the caller gives the row a random key.
    /// The same from a cell's bytes without making a String: an ASCII address is trimmed and
    /// lower-cased in place; anything else takes the Unicode path.
    public func key(forEmailBytes bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { key(forEmailBytes: $0) }
    }

    /// The same from bytes in place (a cell of a mapped file).
    public func key(forEmailBytes bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let trimmed = Self.trimmed(bytes)
        guard trimmed.allSatisfy({ $0 < 0x80 }) else { return key(forEmail: String(decoding: trimmed, as: UTF8.self)) }
        guard trimmed.contains(UInt8(ascii: "@")) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: trimmed.count) { lowered in
            Self.lowercase(trimmed, into: lowered)
            return mac.hex(UnsafeBufferPointer(lowered))
        }
    }

    /// What an e-mail cell gives when its key is left for the storing thread (`EmailKeys`).
    enum PendingEmail {
        case none
        /// Normalised into the arena at these bytes: the key is worked out later.
        case pending(start: Int, end: Int)
        /// Keyed already: an address with other letters than ASCII takes the Unicode path here.
        case keyed(String)
    }

    /// As `key(forEmailBytes:)`, but an ASCII address is only normalised, appended to `arena`.
    func pendingKey(forEmailBytes bytes: UnsafeBufferPointer<UInt8>, into arena: PendingEmails) -> PendingEmail {
        let trimmed = Self.trimmed(bytes)
        var at = false
        for byte in trimmed {
            if byte >= 0x80 { return key(forEmail: String(decoding: trimmed, as: UTF8.self)).map(PendingEmail.keyed) ?? .none }
            if byte == UInt8(ascii: "@") { at = true }
        }
        guard at else { return .none }
        let (start, end) = arena.appendLowercased(trimmed)
        return .pending(start: start, end: end)
    }

    /// The keys of the addresses `pendingKey` put in `arena` since it was last taken, row by
    /// row as `bounds` says.
    func keys(of arena: PendingEmails, bounds: [Int32]) -> EmailKeys {
        EmailKeys(mac: mac, arena: arena.take(), bounds: bounds)
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (byte >= 9 && byte <= 13) }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, into lowered: UnsafeMutableBufferPointer<UInt8>) {
        for (offset, byte) in bytes.enumerated() { lowered[offset] = byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
    }

    public func key(forEmail email: String) -> String? {
        let normalised = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard normalised.contains("@") else { return nil }  // blank, "anonymous", a name
        return Array(normalised.utf8).withUnsafeBufferPointer { mac.hex($0) }
    }

    /// An observed teacher's e-mail or id (SPEC 12.2): an e-mail keys as above; any other id is
    /// trimmed, lower-cased and keyed under its own prefix, so it never collides with an e-mail.
    /// nil for a blank cell.
    public func key(forIdentifierBytes bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { key(forIdentifierBytes: $0) }
    }

    public func key(forIdentifierBytes bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if let email = key(forEmailBytes: bytes) { return email }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !text.isEmpty else { return nil }
        return Array(("id:" + text).utf8).withUnsafeBufferPointer { mac.hex($0) }
    }

    public static func randomKey() -> String { "r-" + Digest.hex(Digest.randomBytes(16)) }
}

/// One batch's e-mail addresses, normalised, whose keys the storing thread works out
/// (`PendingKeys`, issue 19): the HMAC was a tenth of the parsing thread at national scale, and
/// the storing thread had time to spare. The addresses never leave this value; a key is written
/// into a buffer on the stack and handed to the caller, no `String` made for it.
struct EmailKeys: PendingKeys {
    fileprivate let mac: HMACSHA256
    let arena: [UInt8]
    /// Per row of the batch: where its address lies in `arena`, start then end; -1: not pending.
    let bounds: [Int32]

    func withKey<Result>(ofRow row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        let start = Int(bounds[2 * row])
        guard start >= 0 else { return nil }
        let end = Int(bounds[2 * row + 1])
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * Int(SHA256_DIGEST_LENGTH)) { text in
            let count = arena.withUnsafeBufferPointer { mac.hex(UnsafeBufferPointer(rebasing: $0[start..<end]), into: text) }
            return try body(UnsafeBufferPointer(rebasing: text[..<count]))
        }
    }
}

/// Where a parser puts a batch's normalised addresses: a buffer of its own, written in place
/// (appending to an array byte by byte checked that it was not shared at every byte).
final class PendingEmails: @unchecked Sendable {  // one parser's, used on its thread only
    private var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 16_384)
    private var capacity = 16_384
    private var count = 0

    deinit { bytes.deallocate() }

    /// Appends `address` lower-cased (ASCII); returns where it lies.
    func appendLowercased(_ address: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int) {
        if count + address.count > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * (count + address.count))
            grown.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = grown
            capacity = 2 * (count + address.count)
        }
        let start = count
        for (offset, byte) in address.enumerated() { bytes[start + offset] = byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
        count += address.count
        return (start, count)
    }

    /// The addresses appended since the last call, as an array; the buffer starts again.
    func take() -> [UInt8] {
        defer { count = 0 }
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }
}

import COpenSSL
import Foundation

/// SHA-256 and HMAC-SHA256 through the system's libcrypto (Debian `libssl-dev`).
public enum Digest {
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
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}

/// Turns an e-mail into the respondent key of SPEC 8: HMAC-SHA256(workspace key, normalised e-mail).
/// The e-mail itself goes no further than this type.
public struct Pseudonymizer: Sendable {
    private let key: [UInt8]

    public init(key: [UInt8]) { self.key = key }

    /// nil when the row carries no usable e-mail: the caller gives the row a random key.
    /// The same from a cell's bytes without making a String: an ASCII address is trimmed and
    /// lower-cased in place; anything else takes the Unicode path.
    public func key(forEmailBytes bytes: ArraySlice<UInt8>) -> String? {
        var start = bytes.startIndex
        var end = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (byte >= 9 && byte <= 13) }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let trimmed = bytes[start..<end]
        guard trimmed.allSatisfy({ $0 < 0x80 }) else { return key(forEmail: String(decoding: trimmed, as: UTF8.self)) }
        guard trimmed.contains(UInt8(ascii: "@")) else { return nil }
        let lowered = trimmed.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        return Digest.hmacSHA256Hex(key: key, message: lowered)
    }

    public func key(forEmail email: String) -> String? {
        let normalised = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard normalised.contains("@") else { return nil }  // blank, "anonymous", a name
        return Digest.hmacSHA256Hex(key: key, message: Array(normalised.utf8))
    }

    /// An observed teacher's e-mail or id (SPEC 12.2): an e-mail keys as above; any other id is
    /// trimmed, lower-cased and keyed under its own prefix, so it never collides with an e-mail.
    /// nil for a blank cell.
    public func key(forIdentifierBytes bytes: ArraySlice<UInt8>) -> String? {
        if let email = key(forEmailBytes: bytes) { return email }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !text.isEmpty else { return nil }
        return Digest.hmacSHA256Hex(key: key, message: Array(("id:" + text).utf8))
    }

    public static func randomKey() -> String { "r-" + Digest.hex(Digest.randomBytes(16)) }
}

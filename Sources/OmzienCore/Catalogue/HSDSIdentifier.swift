import Foundation

/// Deterministic identifiers for the HSDS export.
///
/// HSDS 3.0 wants a UUID for every row, but our model has no ids for phones, addresses, schedules and
/// the like. Deriving them from stable names (RFC 4122 version 5: SHA-1 of a namespace and a name) gives
/// the same id on every export, so an export → import → export round trip is byte-identical and other
/// systems can follow a row across exports.
enum HSDSIdentifier {
    /// Omzien's own namespace for name-based ids (a fixed random UUID; never change it).
    static let namespace = "0d96b91a-6f36-4911-bea0-1472028e6b13"

    static let namespaceBytes = bytes(ofUUID: namespace)

    /// A version-5 UUID (lowercase) for `name` in `namespace`.
    static func nameBased(_ name: String, namespace: String = HSDSIdentifier.namespace) -> String {
        var input = namespace == Self.namespace ? namespaceBytes : bytes(ofUUID: namespace)
        input.append(contentsOf: Array(name.utf8))
        var digest = Array(HSDSSHA1.hash(input).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50 // version 5
        digest[8] = (digest[8] & 0x3F) | 0x80 // RFC 4122 variant
        return format(digest)
    }

    /// A name-based id whose last four hex digits are `position`: rows of one owner share the prefix,
    /// so sorting rows by id (as the export does) keeps their order (schedules, languages, list terms).
    static func sequenced(_ name: String, position: Int) -> String {
        let base = nameBased(name)
        let suffix = String(position & 0xFFFF, radix: 16)
        return String(base.dropLast(4)) + String(repeating: "0", count: 4 - suffix.count) + suffix
    }

    /// Whether `text` is a UUID in the 8-4-4-4-12 hex form (either case).
    static func isUUID(_ text: String) -> Bool {
        UUID(uuidString: text) != nil
    }

    static func bytes(ofUUID text: String) -> [UInt8] {
        guard let uuid = UUID(uuidString: text) else { return [] }
        return withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }

    static func format(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// SHA-1 (FIPS 180-4), only for name-based UUIDs: not for anything security-related.
/// Written here because the core uses Foundation only (no CryptoKit on Linux).
enum HSDSSHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        let bytes = padded(message)
        for block in stride(from: 0, to: bytes.count, by: 64) {
            compress(&state, bytes[block..<block + 64])
        }
        return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }

    /// The message, a 1 bit, zeros, and the 64-bit big-endian bit length, to a multiple of 64 bytes.
    static func padded(_ message: [UInt8]) -> [UInt8] {
        var bytes = message
        bytes.append(0x80)
        while bytes.count % 64 != 56 { bytes.append(0) }
        let bits = UInt64(message.count) * 8
        bytes.append(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) })
        return bytes
    }

    static func compress(_ state: inout [UInt32], _ block: ArraySlice<UInt8>) {
        var w = [UInt32](repeating: 0, count: 80)
        let base = block.startIndex
        for i in 0..<16 {
            w[i] = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(block[base + 4 * i + $1]) }
        }
        for i in 16..<80 { w[i] = rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
        var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
        for i in 0..<80 {
            let (f, k): (UInt32, UInt32) = switch i {
            case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
            case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
            case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
            default: (b ^ c ^ d, 0xCA62_C1D6)
            }
            let temp = rotate(a, 5) &+ f &+ e &+ k &+ w[i]
            (e, d, c, b, a) = (d, c, rotate(b, 30), a, temp)
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d; state[4] &+= e
    }

    static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}

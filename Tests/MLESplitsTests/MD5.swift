/// RFC 1321 MD5, only to compare written files with MLE-bench's published checksums.
struct MD5 {
    private static let s: [UInt32] = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                      5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
                                      4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                      6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21]
    private static let k: [UInt32] = (0 ..< 64).map { i in
        UInt32(truncatingIfNeeded: Int64((abs(sin(Double(i + 1))) * 4_294_967_296.0).rounded(.down)))
    }

    static func hex<Bytes: Collection>(_ input: Bytes) -> String where Bytes.Element == UInt8 {
        var message = Array(input)
        let bitLength = UInt64(message.count) &* 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for i in 0 ..< 8 { message.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))) }
        var a0: UInt32 = 0x6745_2301, b0: UInt32 = 0xefcd_ab89, c0: UInt32 = 0x98ba_dcfe, d0: UInt32 = 0x1032_5476
        var m = [UInt32](repeating: 0, count: 16)
        for chunk in stride(from: 0, to: message.count, by: 64) {
            for i in 0 ..< 16 {
                let j = chunk + 4 * i
                let b0 = UInt32(message[j]), b1 = UInt32(message[j + 1])
                let b2 = UInt32(message[j + 2]), b3 = UInt32(message[j + 3])
                m[i] = b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)
            }
            var a = a0, b = b0, c = c0, d = d0
            for i in 0 ..< 64 {
                var f: UInt32
                var g: Int
                switch i {
                case 0 ..< 16: f = (b & c) | (~b & d); g = i
                case 16 ..< 32: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
                case 32 ..< 48: f = b ^ c ^ d; g = (3 * i + 5) % 16
                default: f = c ^ (b | ~d); g = (7 * i) % 16
                }
                f = f &+ a &+ k[i] &+ m[g]
                a = d; d = c; c = b
                b = b &+ ((f << s[i]) | (f >> (32 - s[i])))
            }
            a0 = a0 &+ a; b0 = b0 &+ b; c0 = c0 &+ c; d0 = d0 &+ d
        }
        var text = ""
        for word in [a0, b0, c0, d0] {
            for byteIndex in 0 ..< 4 {
                let byte = UInt8(truncatingIfNeeded: word >> UInt32(8 * byteIndex))
                if byte < 16 { text += "0" }
                text += String(byte, radix: 16)
            }
        }
        return text
    }
}

import Foundation

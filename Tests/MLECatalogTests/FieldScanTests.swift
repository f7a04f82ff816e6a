import CFieldScan
import Testing

/// The row skip that passes over unselected Submissions rows: its widest-vector path (AVX2
/// where the machine has it) must count what the sixteen-byte and byte loops count, wherever
/// the newline, quotes and commas fall and however the row ends.
struct FieldScanTests {
    @Test func theWideSkipCountsWhatTheNarrowOneCounts() {
        var rng = SplitMix64(seed: 20261208)
        let alphabet: [UInt8] = Array("abc0123456789.-".utf8) + [UInt8(ascii: ","), UInt8(ascii: ","), UInt8(ascii: "\r")]
        var checked = 0
        for _ in 0 ..< 20_000 {
            let length = Int.random(in: 0 ... 150, using: &rng)
            var row = (0 ..< length).map { _ in alphabet.randomElement(using: &rng)! }
            switch Int.random(in: 0 ..< 4, using: &rng) {
            case 0: break                                             // no newline: -2
            case 1: row.insert(UInt8(ascii: "\""), at: Int.random(in: 0 ... row.count, using: &rng))  // a quote: -1 when before the newline
                row.append(UInt8(ascii: "\n"))
            default: row.insert(UInt8(ascii: "\n"), at: Int.random(in: 0 ... row.count, using: &rng))
            }
            let start = Int.random(in: 0 ... min(3, row.count), using: &rng)
            row.withUnsafeBufferPointer { b in
                var wideNext = -7, narrowNext = -7
                let wide = CFieldScan_skip(b.baseAddress, start, b.count, &wideNext)
                let narrow = CFieldScan_skipFrom(b.baseAddress, start, b.count, &narrowNext, 0)
                #expect(wide == narrow && (wide < 0 || wideNext == narrowNext), "row \(Array(b)) from \(start)")
                // And both agree with the plain definition.
                let rest = Array(b[start...])
                if let nl = rest.firstIndex(of: UInt8(ascii: "\n")), !rest[..<nl].contains(UInt8(ascii: "\"")) {
                    #expect(narrow == rest[..<nl].filter { $0 == UInt8(ascii: ",") }.count && narrowNext == start + nl + 1)
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }
}

/// A seeded generator, so that a failing row is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

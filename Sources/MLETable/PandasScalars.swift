/// How pandas' C parser (2.2.2, `float_precision="round_trip"`) reads one cell, reduced to the
/// facts that decide a column's dtype and how each cell is printed again.
///
/// Everything here works on the cell's bytes after CSV unquoting. The rules were established
/// against the real library (see scripts/vectors/) and are kept as small, separate predicates
/// so the dtype decision in ``ChunkSummary`` can replay pandas' order of attempts exactly.
enum PandasScalars {
    /// pandas' `isspace_ascii`: the characters its number parsers skip around a value.
    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0d)
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// The default `na_values` of `read_csv`, plus the empty string.
    static func isNA(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 0 { return true }
        if n > 9 { return false }
        // Every spelling starts with one of "#-1<Nn": most cells are settled by their first byte.
        switch p[0] {
        case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "1"), UInt8(ascii: "<"), UInt8(ascii: "N"), UInt8(ascii: "n"): break
        default: return false
        }
        switch n {
        case 2: return matches(p, n, "NA")
        case 3:
            return matches(p, n, "NaN") || matches(p, n, "nan") || matches(p, n, "N/A")
                || matches(p, n, "n/a") || matches(p, n, "#NA")
        case 4:
            return matches(p, n, "NULL") || matches(p, n, "null") || matches(p, n, "None")
                || matches(p, n, "-NaN") || matches(p, n, "-nan") || matches(p, n, "<NA>")
                || matches(p, n, "#N/A")
        case 6: return matches(p, n, "1.#IND")
        case 7: return matches(p, n, "-1.#IND") || matches(p, n, "1.#QNAN")
        case 8: return matches(p, n, "-1.#QNAN") || matches(p, n, "#N/A N/A")
        default: return false
        }
    }

    /// `True`/`TRUE`/`true` → true, `False`/`FALSE`/`false` → false, anything else → nil
    /// (pandas' default `true_values`/`false_values`; no whitespace is tolerated).
    static func boolValue(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        if n == 4 {
            if matches(p, n, "True") || matches(p, n, "TRUE") || matches(p, n, "true") { return true }
        } else if n == 5 {
            if matches(p, n, "False") || matches(p, n, "FALSE") || matches(p, n, "false") { return false }
        }
        return nil
    }

    /// The spellings pandas' float converter accepts for infinities (case-insensitive, whole cell).
    static func infinityValue(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n >= 3 && n <= 9 else { return nil }
        var start = 0
        var negative = false
        if p[0] == UInt8(ascii: "+") { start = 1 } else if p[0] == UInt8(ascii: "-") { start = 1; negative = true }
        let len = n - start
        guard len == 3 || len == 8 else { return nil }
        let word = len == 3 ? "inf" : "infinity"
        var k = 0
        for c in word.utf8 {
            if p[start + k] | 0x20 != c { return nil }
            k += 1
        }
        return negative ? -Double.infinity : Double.infinity
    }

    @inline(__always)
    static func matches(_ p: UnsafePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        guard s.utf8CodeUnitCount == n else { return false }
        let q = s.utf8Start
        for i in 0 ..< n where p[i] != q[i] { return false }
        return true
    }

    enum IntStatus: UInt8 { case ok, invalid, overflow }

    /// pandas' `str_to_int64`: optional surrounding whitespace, one sign, digits. Overflow is
    /// reported as soon as the digits leave the range, before looking at what follows.
    static func parseInt64(_ p: UnsafePointer<UInt8>, _ n: Int) -> (IntStatus, Int64) {
        var i = 0
        while i < n && isSpace(p[i]) { i += 1 }
        var negative = false
        if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < n && isDigit(p[i]) else { return (.invalid, 0) }
        var value: Int64 = 0
        if negative {
            while i < n && isDigit(p[i]) {
                let d = Int64(p[i] &- 0x30)
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(d)
                if o1 || o2 { return (.overflow, 0) }
                value = s
                i += 1
            }
        } else {
            while i < n && isDigit(p[i]) {
                let d = Int64(p[i] &- 0x30)
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { return (.overflow, 0) }
                value = s
                i += 1
            }
        }
        while i < n && isSpace(p[i]) { i += 1 }
        return i == n ? (.ok, value) : (.invalid, 0)
    }

    enum UIntStatus: UInt8 { case ok, negative, invalid, overflow }

    /// pandas' `str_to_uint64`: like the signed parser, except that any leading `-` merely marks
    /// the column as having seen a signed value (no error, whatever follows).
    static func parseUInt64(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UIntStatus, UInt64) {
        var i = 0
        while i < n && isSpace(p[i]) { i += 1 }
        if i < n && p[i] == UInt8(ascii: "-") { return (.negative, 0) }
        if i < n && p[i] == UInt8(ascii: "+") { i += 1 }
        guard i < n && isDigit(p[i]) else { return (.invalid, 0) }
        var value: UInt64 = 0
        while i < n && isDigit(p[i]) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(p[i] &- 0x30))
            if o1 || o2 { return (.overflow, 0) }
            value = s
            i += 1
        }
        while i < n && isSpace(p[i]) { i += 1 }
        return i == n ? (.ok, value) : (.invalid, 0)
    }

    /// Whether pandas' round-trip float converter accepts the cell: surrounding whitespace, a
    /// sign, digits with at most one '.', at least one mantissa digit, an optional exponent with
    /// at least one digit, or one of the infinity words. A value that overflows to +inf is
    /// rejected (pandas treats `HUGE_VAL` as an error) while one that overflows to -inf is kept.
    static func isFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard let shape = FloatShape(p, n) else { return infinityValue(p, n) != nil }
        if shape.negative || shape.leadingDigitExponent < 308 { return true }
        if shape.leadingDigitExponent > 308 { return false }
        return parseDouble(p, n).isFinite
    }

    /// The value pandas reads for a cell that ``isFloat`` accepts (correctly rounded).
    static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double {
        guard let shape = FloatShape(p, n) else { return infinityValue(p, n) ?? .nan }
        return shape.value(p)
    }

    /// True when the cell is exactly how numpy would print an int64/uint64: no sign other than
    /// a leading '-', no padding, no leading zeros, and not "-0".
    static func isCanonicalInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n > 0 else { return false }
        var i = 0
        if p[0] == UInt8(ascii: "-") { i = 1 }
        guard i < n else { return false }
        if p[i] == UInt8(ascii: "0") { return n == 1 }  // "0" only; rejects "-0" and "007"
        while i < n { if !isDigit(p[i]) { return false }; i += 1 }
        return true
    }

    /// A cheap, conservative test that the cell is already Python's `repr` of the double it
    /// parses to, so it can be copied instead of being parsed and printed again.
    ///
    /// Accepted texts look like `-?I.F` with no exponent, `I` either "0" or without leading
    /// zeros and at most 16 digits, `F` non-empty without trailing zeros (except "0"), a value of
    /// 0 or at least 1e-4, and at most 15 significant digits. Why that is exact: any decimal with
    /// at most 15 significant digits is the unique such decimal that reads to its double
    /// (DBL_DIG = 15), so the shortest round-trip digits of that double are the cell's own
    /// digits; and Python lays out values in [1e-4, 1e16) positionally, which for those digits
    /// is exactly the accepted text. Anything else returns false and takes the slow path.
    static func isCanonicalFloatFast(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        if n > 0 && p[0] == UInt8(ascii: "-") { i = 1 }
        let intStart = i
        while i < n && isDigit(p[i]) { i += 1 }
        let intLen = i - intStart
        guard intLen >= 1, intLen <= 16, i < n, p[i] == UInt8(ascii: ".") else { return false }
        let intIsZero = intLen == 1 && p[intStart] == UInt8(ascii: "0")
        if !intIsZero && p[intStart] == UInt8(ascii: "0") { return false }
        i += 1
        let fracStart = i
        while i < n && isDigit(p[i]) { i += 1 }
        guard i == n else { return false }
        let fracLen = n - fracStart
        guard fracLen >= 1 else { return false }
        if p[n - 1] == UInt8(ascii: "0") {
            // Only a lone "0" fraction may end in zero ("100.0", "0.0", "-0.0").
            guard fracLen == 1 else { return false }
            if intIsZero { return true }
            // Significant digits: the integer part without its trailing zeros.
            var end = fracStart - 1
            while end > intStart + 1 && p[end - 1] == UInt8(ascii: "0") { end -= 1 }
            return end - intStart <= 15
        }
        if intIsZero {
            var z = fracStart
            while z < n && p[z] == UInt8(ascii: "0") { z += 1 }
            guard z - fracStart <= 3 else { return false }  // below 1e-4 Python uses an exponent
            return n - z <= 15
        }
        return intLen + fracLen <= 15
    }
}

/// The syntactic pieces of a decimal number as pandas' round-trip parser accepts it.
struct FloatShape {
    var negative = false
    var start = 0         // first byte after whitespace
    var end = 0           // one past the last byte of the number proper
    var mantissaStart = 0 // first mantissa digit or '.'
    var mantissaEnd = 0
    var exponent = 0      // explicit exponent, saturated
    /// The decimal exponent of the leading non-zero digit (for overflow checks); very negative
    /// for zero.
    var leadingDigitExponent = Int.min / 4
    /// Up to 19 significant digits, the power of ten that scales them, and whether non-zero
    /// digits were cut off: value = significand × 10^scale (approximately when truncated).
    var significand: UInt64 = 0
    var scale = 0
    var truncated = false

    init?(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var i = 0
        while i < n && PandasScalars.isSpace(p[i]) { i += 1 }
        start = i
        if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        mantissaStart = i
        var digitCount = 0
        var firstNonZeroIntIndex = -1
        var intDigits = 0
        var w: UInt64 = 0
        var significant = 0
        var decimalShift = 0
        var cut = false
        while i < n {
            let d = p[i] &- 0x30
            if d >= 10 { break }
            if significant > 0 || d != 0 {
                if firstNonZeroIntIndex < 0 { firstNonZeroIntIndex = intDigits }
                if significant < 19 {
                    w = w &* 10 &+ UInt64(d)
                    significant += 1
                } else {
                    if d != 0 { cut = true }
                    decimalShift += 1
                }
            }
            intDigits += 1
            i += 1
        }
        digitCount += intDigits
        var leadingFractionZeros = 0
        var fractionHasNonZero = false
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n {
                let d = p[i] &- 0x30
                if d >= 10 { break }
                if !fractionHasNonZero {
                    if d == 0 { leadingFractionZeros += 1 } else { fractionHasNonZero = true }
                }
                if significant > 0 || d != 0 {
                    if significant < 19 {
                        w = w &* 10 &+ UInt64(d)
                        significant += 1
                        decimalShift -= 1
                    } else if d != 0 {
                        cut = true
                    }
                } else {
                    decimalShift -= 1
                }
                digitCount += 1
                i += 1
            }
        }
        guard digitCount > 0 else { return nil }
        mantissaEnd = i
        if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < n && PandasScalars.isDigit(p[i]) else { return nil }
            var e = 0
            while i < n && PandasScalars.isDigit(p[i]) {
                if e < 100_000_000 { e = e * 10 + Int(p[i] &- 0x30) }
                i += 1
            }
            exponent = expNegative ? -e : e
        }
        end = i
        while i < n && PandasScalars.isSpace(p[i]) { i += 1 }
        guard i == n else { return nil }
        significand = w
        truncated = cut
        scale = exponent + decimalShift
        if firstNonZeroIntIndex >= 0 {
            leadingDigitExponent = (intDigits - firstNonZeroIntIndex - 1) + exponent
        } else if fractionHasNonZero {
            leadingDigitExponent = -(leadingFractionZeros + 1) + exponent
        }
    }

    /// The correctly rounded double: Clinger's exact fast path, then exact 128-bit arithmetic
    /// for up to 19 significant digits, then the C library's correctly rounded `strtod`.
    func value(_ p: UnsafePointer<UInt8>) -> Double {
        let magnitude = Self.compose(significand: significand, scale: scale, truncated: truncated,
                                     text: p + mantissaStart, length: end - mantissaStart)
        return negative ? -magnitude : magnitude
    }

    /// The double nearest to `significand × 10^scale`; `text` (the unsigned number as written)
    /// is only read when the value needs the C library (more than 19 significant digits, or a
    /// power of ten beyond the exact 64-bit paths).
    @inline(__always)
    static func compose(significand w: UInt64, scale decimalExponent: Int, truncated: Bool,
                        text: UnsafePointer<UInt8>, length: Int) -> Double {
        if w == 0 { return 0 }
        if truncated || decimalExponent > 19 || decimalExponent < -21 {
            return slowValue(text, length)
        }
        if w <= (1 << 53) && decimalExponent >= -22 && decimalExponent <= 22 {
            if decimalExponent >= 0 { return Double(w) * exactPowersOfTen[decimalExponent] }
            return Double(w) / exactPowersOfTen[-decimalExponent]
        }
        if decimalExponent >= 0 {
            // w × 10^q, exact in 128 bits (w < 2^64, 10^q < 2^64 for q <= 19).
            let (high, low) = multiplyFull(w, powersOfTen64[decimalExponent])
            return round(high: high, low: low, binaryExponent: 0, sticky: false)
        }
        if decimalExponent >= -19 {
            if let quick = quickQuotient(w, -decimalExponent) { return quick }
            // w / 10^k by 128-by-64-bit long division, scaled to keep at least 55 quotient bits.
            let divisor = powersOfTen64[-decimalExponent]
            let divisorBits = 64 - divisor.leadingZeroBitCount
            let wBits = 64 - w.leadingZeroBitCount
            let shift = max(0, 55 + divisorBits - wBits)
            let numeratorHigh = shift == 0 ? 0 : (shift >= 64 ? w << (shift - 64) : w >> (64 - shift))
            let numeratorLow = shift >= 64 ? 0 : w << shift
            let (q1, r1) = numeratorHigh.quotientAndRemainder(dividingBy: divisor)
            let (q0, r0) = divisor.dividingFullWidth((r1, numeratorLow))
            return round(high: q1, low: q0, binaryExponent: -shift, sticky: r0 != 0)
        }
        let divisor = power128(-decimalExponent)
        let divisorBits = 128 - divisor.leadingZeroBitCount
        let wBits = 64 - w.leadingZeroBitCount
        let shift = max(0, 55 + divisorBits - wBits)
        let numerator = UInt128(w) << shift
        let (q, r) = numerator.quotientAndRemainder(dividingBy: divisor)
        return round(high: UInt64(truncatingIfNeeded: q >> 64), low: UInt64(truncatingIfNeeded: q),
                     binaryExponent: -shift, sticky: r != 0)
    }

    /// 64 × 64 → 128-bit product (one `mul` on x86-64 in optimized builds).
    @inline(__always)
    static func multiplyFull(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) {
        let product = a.multipliedFullWidth(by: b)
        return (product.high, product.low)
    }

    private static func slowValue(_ p: UnsafePointer<UInt8>, _ length: Int) -> Double {
        var text = String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self)
        if text.hasPrefix(".") { text = "0" + text }
        return Double(text) ?? .nan
    }

    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    @inline(__always)
    static func power128(_ k: Int) -> UInt128 {
        var result: UInt128 = 1
        for _ in 0 ..< k { result &*= 10 }
        return result
    }

    /// `floor(2^(127 + b) / 10^k)` with `b` the bit length of `10^k`, for k in 1...19: a
    /// 128-bit normalised reciprocal of 10^k, as literals (a table computed at first use is
    /// reached through a lazy-initialisation call on every access, once per parsed float here);
    /// a test derives them by long division. Entry 0 is unused.
    static let reciprocalHighOfTen: [UInt64] = [
        0x0000_0000_0000_0000, 0xcccc_cccc_cccc_cccc, 0xa3d7_0a3d_70a3_d70a, 0x8312_6e97_8d4f_df3b,
        0xd1b7_1758_e219_652b, 0xa7c5_ac47_1b47_8423, 0x8637_bd05_af6c_69b5, 0xd6bf_94d5_e57a_42bc,
        0xabcc_7711_8461_cefc, 0x8970_5f41_36b4_a597, 0xdbe6_fece_bded_d5be, 0xafeb_ff0b_cb24_aafe,
        0x8cbc_cc09_6f50_88cb, 0xe12e_1342_4bb4_0e13, 0xb424_dc35_095c_d80f, 0x901d_7cf7_3ab0_acd9,
        0xe695_94be_c44d_e15b, 0xb877_aa32_36a4_b449, 0x9392_ee8e_921d_5d07, 0xec1e_4a7d_b695_61a5,
    ]
    static let reciprocalLowOfTen: [UInt64] = [
        0x0000_0000_0000_0000, 0xcccc_cccc_cccc_cccc, 0x3d70_a3d7_0a3d_70a3, 0x645a_1cac_0831_26e9,
        0xd3c3_6113_404e_a4a8, 0x0fcf_80dc_3372_1d53, 0xa63f_9a49_c2c1_b10f, 0x3d32_9076_0469_1b4c,
        0xfdc2_0d2b_36ba_7c3d, 0x3168_0a88_f895_3030, 0xb573_440e_5a88_4d1b, 0xf78f_69a5_1539_d748,
        0xf93f_87b7_442e_45d3, 0x2865_a5f2_06b0_6fb9, 0x5384_84c1_9ef3_8c94, 0x0f9d_3701_4bf6_0a10,
        0x4c2e_be68_7989_a9b3, 0x09be_feb9_fad4_87c2, 0x3aff_322e_6243_9fcf, 0x2b31_e9e3_d06c_32e5,
    ]
    /// `w / 10^k` correctly rounded, by multiplying with the 128-bit reciprocal; nil in the
    /// (astronomically rare) cases where the product's error could change the rounding, which
    /// the caller then settles by exact division. The product underestimates the exact value
    /// by less than 2^64 units of its lowest word, so only a middle word of all ones (a carry
    /// may reach the kept bits) or all zeros (a tie may be exact) is undecidable.
    @inline(__always)
    static func quickQuotient(_ w: UInt64, _ k: Int) -> Double? {
        let lz = w.leadingZeroBitCount
        let wn = w << UInt64(lz)
        let (a1, a0) = multiplyFull(wn, reciprocalLowOfTen[k])
        let (b1, b0) = multiplyFull(wn, reciprocalHighOfTen[k])
        _ = a0
        let (mid, carry) = b0.addingReportingOverflow(a1)
        let high = b1 &+ (carry ? 1 : 0)
        if mid == 0 || mid == .max { return nil }
        let highBits = 64 - high.leadingZeroBitCount
        guard highBits >= 63 else { return nil }
        let drop = highBits - 53
        var mantissa = high >> UInt64(drop)
        let fraction = high & ((1 << UInt64(drop)) - 1)
        let half: UInt64 = 1 << UInt64(drop - 1)
        var exponent = drop + 1 - (64 - powersOfTen64[k].leadingZeroBitCount) - lz
        if fraction > half || (fraction == half) {
            // fraction == half with mid != 0 means strictly above the tie.
            mantissa += 1
            if mantissa == (1 << 53) { mantissa >>= 1; exponent += 1 }
        }
        return double(mantissa, exponent)
    }

    /// `mantissa · 2^exponent` (exact: the mantissa has at most 53 bits). A 53-bit mantissa
    /// with a normal result is assembled from its bits; `Double(sign:exponent:significand:)`,
    /// an out-of-line call, handles the rest.
    @inline(__always)
    static func double(_ mantissa: UInt64, _ exponent: Int) -> Double {
        let biased = exponent + 52 + 1023
        if mantissa >> 52 == 1 && biased >= 1 && biased <= 2046 {
            return Double(bitPattern: UInt64(biased) << 52 | (mantissa & ((1 << 52) - 1)))
        }
        return Double(sign: .plus, exponent: exponent, significand: Double(mantissa))
    }

    /// 10^k for k in 0...19, as literals (see ``reciprocalHighOfTen``).
    static let powersOfTen64: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ]

    /// Rounds `(high·2^64 + low) × 2^binaryExponent` (plus a non-zero tail when `sticky`) to the
    /// nearest double, ties to even. Callers guarantee at least 55 significant bits whenever
    /// `sticky`, and a result in the normal range.
    @inline(__always)
    static func round(high: UInt64, low: UInt64, binaryExponent: Int, sticky: Bool) -> Double {
        let bits = high != 0 ? 128 - high.leadingZeroBitCount : 64 - low.leadingZeroBitCount
        if bits <= 53 {
            return double(low, binaryExponent)
        }
        let drop = bits - 53
        // top = value >> drop; round bit = bit (drop - 1); rest = bits below it, or sticky.
        let top: UInt64
        let roundBit: Bool
        let rest: Bool
        if drop >= 64 {
            top = high >> (drop - 64)
            let roundShift = drop - 1 - 64
            roundBit = roundShift >= 0 ? (high >> roundShift) & 1 == 1 : low >> 63 == 1
            let highRest = roundShift > 0 ? high & ((1 << roundShift) - 1) : 0
            let lowRest = roundShift >= 0 ? low : low & ~(1 << 63)
            rest = highRest != 0 || lowRest != 0 || sticky
        } else {
            top = (high << (64 - drop)) | (low >> drop)   // drop in 1...63
            roundBit = (low >> (drop - 1)) & 1 == 1
            rest = (drop > 1 && low & ((1 << (drop - 1)) - 1) != 0) || sticky
        }
        var mantissa = top
        var exponent = binaryExponent + drop
        if roundBit && (rest || mantissa & 1 == 1) {
            mantissa += 1
            if mantissa == (1 << 53) { mantissa >>= 1; exponent += 1 }
        }
        return double(mantissa, exponent)
    }
}

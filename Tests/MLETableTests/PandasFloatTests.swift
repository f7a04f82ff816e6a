import Testing
@testable import MLEPyCompat
@testable import MLETable

@Suite("pandas float parsing, checked against Python's repr")
struct PandasFloatTests {
    @Test("the literal tables of powers of ten and their reciprocals are the computed ones")
    func powerTables() {
        var power: UInt64 = 1
        for k in 0 ... 19 {
            #expect(FloatShape.powersOfTen64[k] == power)
            if k < 19 { power *= 10 }
        }
        for k in 1 ... 19 {
            let r = Self.reciprocalOfTen(k)
            #expect(FloatShape.reciprocalHighOfTen[k] == r.high, "k = \(k)")
            #expect(FloatShape.reciprocalLowOfTen[k] == r.low, "k = \(k)")
        }
    }

    /// `floor(2^(127 + b) / 10^k)`, b the bit length of 10^k, by exact long division of the
    /// dividend as three 64-bit words (high to low).
    static func reciprocalOfTen(_ k: Int) -> (high: UInt64, low: UInt64) {
        let d = FloatShape.powersOfTen64[k]
        let bit = 127 + (64 - d.leadingZeroBitCount)
        var words: [UInt64] = [0, 0, 0]
        words[2 - bit / 64] = 1 << UInt64(bit % 64)
        var remainder: UInt64 = 0
        var quotient: [UInt64] = []
        for word in words {
            let (q, r) = d.dividingFullWidth((remainder, word))
            quotient.append(q)
            remainder = r
        }
        return (quotient[1], quotient[2])   // below 2^128: quotient[0] is 0
    }

    @Test("decimal text parses to the correctly rounded double")
    func parsing() {
        for (text, bits) in GeneratedVectors.decimalParse {
            let value = Array(text.utf8).withUnsafeBufferPointer { PandasScalars.parseDouble($0.baseAddress!, $0.count) }
            #expect(value.bitPattern == bits, "\(text)")
        }
    }

    @Test("the fused decimal check agrees with parse-and-print on random decimals")
    func fusedDecimalCheck() {
        var generator = SystemRandomNumberGenerator()
        var canonical = 0
        for round in 0 ..< 60000 {
            var text = ""
            if Bool.random(using: &generator) { text += "-" }
            if round % 3 == 0 {
                // Python's own repr of a random double in the positional range, sometimes with
                // its last digit nudged (still reads back as the same double, but is not repr).
                let value = Double.random(in: 0 ..< 1, using: &generator) * Double(sign: .plus, exponent: Int.random(in: -14 ... 53, using: &generator), significand: 1)
                var repr = Array(PythonFloat.repr(value).utf8)
                if round % 2 == 0, let last = repr.last, last >= UInt8(ascii: "1"), last <= UInt8(ascii: "8"),
                   repr.count > 3 {
                    repr[repr.count - 1] = Bool.random(using: &generator) ? last + 1 : last - 1
                }
                text += String(decoding: repr, as: UTF8.self)
            } else {
                let intDigits = Int.random(in: 0 ... 17, using: &generator)
                text += intDigits == 0 ? "0" : String((0 ..< intDigits).map { i in
                    Character(String(i == 0 ? Int.random(in: 1 ... 9, using: &generator) : Int.random(in: 0 ... 9, using: &generator)))
                })
                text += "."
                text += String((0 ..< Int.random(in: 1 ... 18, using: &generator)).map { _ in Character(String(Int.random(in: 0 ... 9, using: &generator))) })
            }
            guard !text.contains("e") else { continue }
            let bytes = Array(text.utf8)
            let point = bytes.firstIndex(of: UInt8(ascii: "."))!
            let intStart = bytes[0] == UInt8(ascii: "-") ? 1 : 0
            let fused = bytes.withUnsafeBufferPointer {
                ColumnChunkSummary.isCanonicalDecimal($0.baseAddress!, $0.count, intStart: intStart, point: point)
            }
            let exact = bytes.withUnsafeBufferPointer { ColumnChunkSummary.isCanonicalFloatExact($0.baseAddress!, $0.count) }
            #expect(fused == exact, "\(text)")
            if exact { canonical += 1 }
        }
        #expect(canonical > 10000)
    }

    @Test("the interval test decides most 16- and 17-digit texts, always as printing would")
    func intervalDecisions() {
        var generator = SystemRandomNumberGenerator()
        var decided = 0
        var total = 0
        for round in 0 ..< 100_000 {
            let value = Double.random(in: 1e-4 ..< 1, using: &generator) * Double(sign: .plus, exponent: Int.random(in: 0 ... 50, using: &generator), significand: 1)
            var text = Array(PythonFloat.repr(value).utf8)
            guard !text.contains(UInt8(ascii: "e")), text.last != UInt8(ascii: "0") else { continue }
            if round % 2 == 0 {
                let last = text[text.count - 1]
                text[text.count - 1] = last == UInt8(ascii: "9") ? last - 1 : last + 1
                if text.last == UInt8(ascii: "0") { continue }
            }
            let point = text.firstIndex(of: UInt8(ascii: "."))!
            let digits = text.filter { $0 != UInt8(ascii: ".") }
            var w: UInt64 = 0
            for d in digits { w = w * 10 + UInt64(d - 48) }
            guard w >= 1_000_000_000_000_000 / 100 else { continue }   // 16+ significant digits
            let k = text.count - point - 1
            let parsed = text.withUnsafeBufferPointer { PandasScalars.parseDouble($0.baseAddress!, $0.count) }
            let printed = Array(PythonFloat.repr(parsed).utf8) == text
            total += 1
            if let verdict = ColumnChunkSummary.isShortestByInterval(w, k: k, parsed) {
                decided += 1
                #expect(verdict == printed, "\(String(decoding: text, as: UTF8.self))")
            }
        }
        #expect(total > 40_000)
        #expect(decided * 10 > total * 9)
    }

    @Test("the fast canonical test never accepts text that is not its own repr")
    func fastCanonicalIsSound() {
        var generator = SystemRandomNumberGenerator()
        var accepted = 0
        for _ in 0 ..< 20000 {
            let digits = Int.random(in: 1 ... 17, using: &generator)
            var text = ""
            if Bool.random(using: &generator) { text += "-" }
            let intDigits = Int.random(in: 0 ... 17, using: &generator)
            text += intDigits == 0 ? "0" : String((0 ..< intDigits).map { i in
                Character(String(i == 0 ? Int.random(in: 1 ... 9, using: &generator) : Int.random(in: 0 ... 9, using: &generator)))
            })
            text += "."
            text += String((0 ..< max(1, digits - intDigits)).map { _ in Character(String(Int.random(in: 0 ... 9, using: &generator))) })
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { PandasScalars.isCanonicalFloatFast($0.baseAddress!, $0.count) }
            let exact = bytes.withUnsafeBufferPointer { ColumnChunkSummary.isCanonicalFloatExact($0.baseAddress!, $0.count) }
            if fast {
                accepted += 1
                #expect(exact, "\(text)")
            }
        }
        #expect(accepted > 1000)
        for text in ["0.0001", "100.0", "1000000000000000.0", "-0.0", "0.0", "123456789012345.0", "0.000123456789012345"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { PandasScalars.isCanonicalFloatFast($0.baseAddress!, $0.count) }, "\(text)")
        }
        for text in ["0.00001", "1.50", "01.5", "1e5", "1.", ".5", "+1.5", "1234567890123456.0", "0.1234567890123456"] {
            let bytes = Array(text.utf8)
            #expect(!bytes.withUnsafeBufferPointer { PandasScalars.isCanonicalFloatFast($0.baseAddress!, $0.count) }, "\(text)")
        }
    }
}

import Testing
@testable import MLETable

/// `float_format="%.pg"` cells against Python's `"%.pg" % x` (`scripts/vectors/percent_g.py`).
@Suite("percent g formatting")
struct PercentGTests {
    @Test("percentG matches Python's %.pg on random, tie, integer, tiny and huge doubles")
    func matchesPython() {
        var mismatches: [String] = []
        let cases = PercentGVectors.text.split(separator: "\n").map { line in
            let f = line.split(separator: " ")
            return (bits: UInt64(f[0], radix: 16)!, precision: Int(f[1])!, text: String(f[2]))
        }
        for c in cases {
            let x = Double(bitPattern: c.bits)
            let got = CSVTable.percentG(x, precision: c.precision)
            if got != c.text { mismatches.append("\(x) %.\(c.precision)g: expected '\(c.text)', got '\(got)'") }
        }
        #expect(cases.count > 9000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("NaN is 'nan' whatever its sign, as Python writes it")
    func nanHasNoSign() {
        #expect(CSVTable.percentG(-Double.nan, precision: 10) == "nan")
        #expect(CSVTable.percentG(Double.nan, precision: 10) == "nan")
    }
}

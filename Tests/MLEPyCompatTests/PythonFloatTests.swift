import Testing
@testable import MLEPyCompat

@Suite("Python float repr")
struct PythonFloatTests {
    @Test("repr matches Python for the documented list")
    func documented() {
        let expected: [(Double, String)] = [
            (0.1, "0.1"), (1e-05, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
            (123456789.0, "123456789.0"), (1.5e300, "1.5e+300"), (Double.leastNonzeroMagnitude, "5e-324"), (-0.0, "-0.0"), (2.5, "2.5"),
            (100.0, "100.0"), (0.30000000000000004, "0.30000000000000004"), (9999999999999998.0, "9999999999999998.0"),
            (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
        ]
        for (value, text) in expected { #expect(PythonFloat.repr(value) == text) }
    }

    @Test("repr matches Python for hundreds of random doubles")
    func generated() {
        for (bits, text) in GeneratedVectors.floatRepr {
            #expect(PythonFloat.repr(Double(bitPattern: bits)) == text, "bits \(bits)")
        }
    }
}

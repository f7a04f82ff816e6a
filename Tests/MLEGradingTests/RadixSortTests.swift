import Testing
@testable import MLEGrading

@Suite struct RadixSortTests {
    @Test("sorts like the standard library, negatives, zeros, subnormals and extremes included")
    func sortsLikeTheStandardLibrary() {
        var rng = SystemRandomNumberGenerator()
        let specials: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                  -.greatestFiniteMagnitude, .infinity, -.infinity, 1, -1, 0.5]
        for n in [0, 1, 255, 1000, 16_384, 16_385, 50_000] {
            var values = (0 ..< n).map { i -> Double in
                switch i % 4 {
                case 0: return specials.randomElement(using: &rng)!
                case 1: return Double.random(in: -1 ... 1, using: &rng)
                case 2: return Double(Int.random(in: -5 ... 5, using: &rng))   // many ties
                default: return Double(bitPattern: UInt64.random(in: 0 ... 0x7fef_ffff_ffff_ffff, using: &rng))
                }
            }
            var expected = values
            expected.sort()
            RadixSort.sort(&values)
            // Equal as values in order; -0.0 and 0.0 compare equal, so either order between them is fine.
            #expect(values.count == expected.count)
            #expect(zip(values, expected).allSatisfy { $0 == $1 }, "n = \(n)")
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "n = \(n)")
        }
    }

    @Test("two large arrays sorted side by side come out as if sorted one by one")
    func sortsAPairConcurrently() {
        var a = (0 ..< 70_000).map { _ in Double.random(in: -1e6 ... 1e6) }
        var b = (0 ..< 50_000).map { _ in Double(Int.random(in: 0 ... 9)) }
        let expectedA = a.sorted(), expectedB = b.sorted()
        RadixSort.sort(&a, &b)
        #expect(a == expectedA)
        #expect(b == expectedB)
    }
}

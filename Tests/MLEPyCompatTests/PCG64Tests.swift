import MLEPyCompat
import Testing

/// numpy's `SeedSequence`, `PCG64`, `Generator.random` / `uniform` and `np.round`, against
/// values numpy 1.26.4 printed (`scripts/vectors/pcg64.py`).
struct PCG64Tests {
    @Test(arguments: PCG64Vectors.seedSequences.indices)
    func seedSequencePoolsAndWordsMatchNumpy(_ i: Int) {
        let v = PCG64Vectors.seedSequences[i]
        let ss = SeedSequence(seed: v.seed)
        #expect(ss.pool == v.pool, "seed \(v.seed)")
        #expect(ss.generateState(wordCount: 8) == v.words, "seed \(v.seed)")
    }

    @Test(arguments: PCG64Vectors.raw.indices)
    func rawOutputsMatchNumpysDefaultRNG(_ i: Int) {
        let v = PCG64Vectors.raw[i]
        var rng = PCG64(seed: v.seed)
        #expect(rng.state == UInt128(v.stateHigh) << 64 | UInt128(v.stateLow), "seed \(v.seed)")
        #expect(rng.increment == UInt128(v.incHigh) << 64 | UInt128(v.incLow), "seed \(v.seed)")
        #expect((0 ..< 20).map { _ in rng.next64() } == v.outputs, "seed \(v.seed)")
    }

    @Test func randomDoublesTakeTheTop53Bits() {
        for v in PCG64Vectors.random {
            var rng = PCG64(seed: v.seed)
            #expect((0 ..< 20).map { _ in rng.nextDouble().bitPattern } == v.values, "seed \(v.seed)")
        }
    }

    @Test func uniformIsLowPlusRangeTimesRandom() {
        for v in PCG64Vectors.uniform {
            var rng = PCG64(seed: v.seed)
            #expect(rng.uniform(low: v.low, high: v.high, count: 20).map(\.bitPattern) == v.values,
                    "seed \(v.seed) uniform(\(v.low), \(v.high))")
        }
    }

    @Test func roundingScalesRintsAndDividesLikeNumpy() {
        for v in PCG64Vectors.round {
            let x = Double(bitPattern: v.x)
            let got = NumpyRound.round(x, decimals: v.decimals)
            #expect(got.bitPattern == v.result, "np.round(\(x), \(v.decimals)): expected \(Double(bitPattern: v.result)), got \(got)")
        }
    }

    @Test func petfinderSampleColumnIsNumpysText() {
        let expected = PCG64Vectors.petfinderColumn.split(separator: "\n").map(String.init)
        #expect(expected.count == 992)
        var rng = PCG64(seed: 0)
        let got = rng.uniform(low: 1, high: 100, count: 992).map { PythonFloat.repr(NumpyRound.round($0, decimals: 2)) }
        #expect(got == expected)
    }
}

import Foundation

/// CPython's `random.Random(seed)` for a non-negative integer seed: the same MT19937 stream
/// (seeded by `init_by_array`) and the same ways of turning it into values, so preparations that
/// call `random.seed(0); random.shuffle(x)`, `random.choice` or `random.sample` can be replayed
/// exactly. Bounded integers use `_randbelow_with_getrandbits` (draw `n.bit_length()` bits, retry
/// while ≥ n), as CPython 3 does for its default generator.
public struct PythonRandom: Sendable, Hashable {
    private var mt: MT19937

    /// `random.Random(seed)` / `random.seed(seed)`.
    public init(seed: UInt64) {
        var key: [UInt32] = []
        var rest = seed
        repeat {
            key.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        } while rest > 0
        mt = MT19937(key: key)
    }

    /// `getrandbits(k)` for `k` in 1 … 64: 32-bit words, the first the least significant, the
    /// last cut to the bits still wanted (its high bits kept).
    public mutating func getrandbits(_ k: Int) -> UInt64 {
        precondition((1 ... 64).contains(k), "getrandbits(k) here takes 1 … 64 bits")
        if k <= 32 { return UInt64(mt.next32() >> (32 - UInt32(k))) }
        let low = UInt64(mt.next32())
        return low | (UInt64(mt.next32() >> (64 - UInt32(k))) << 32)
    }

    /// `_randbelow(n)`: a uniform integer in `0 ..< n` (0 when n is 0).
    public mutating func below(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = getrandbits(k)
        while r >= UInt64(n) { r = getrandbits(k) }
        return Int(r)
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    public mutating func random() -> Double {
        let a = Double(mt.next32() >> 5), b = Double(mt.next32() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// `shuffle(x)`: Fisher–Yates from the last index down to 1.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, through: 1, by: -1) {
            values.swapAt(i, below(i + 1))
        }
    }

    /// `choice(seq)` (nil for an empty sequence, where CPython raises).
    public mutating func choice<T>(_ values: [T]) -> T? {
        values.isEmpty ? nil : values[below(values.count)]
    }

    /// `sample(population, k)`: for small populations a partial shuffle of a pool, for large ones
    /// draws with a set of the chosen positions, switching where CPython does
    /// (`21 + 4 ** ceil(log(3k, 4))` for k > 5). Nil when k is out of 0 … count (CPython raises).
    public mutating func sample<T>(_ population: [T], _ k: Int) -> [T]? {
        let n = population.count
        guard k >= 0, k <= n else { return nil }
        var setSize = 21
        if k > 5 { setSize += Int(pow(4.0, (log(Double(k * 3)) / log(4.0)).rounded(.up))) }
        var result: [T] = []
        result.reserveCapacity(k)
        if n <= setSize {
            var pool = population
            for i in 0 ..< k {
                let j = below(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for _ in 0 ..< k {
                var j = below(n)
                while selected.contains(j) { j = below(n) }
                selected.insert(j)
                result.append(population[j])
            }
        }
        return result
    }
}

/// The Mersenne Twister exactly as numpy's legacy `np.random.RandomState(seed)` drives it.
///
/// MLE-bench's random splits call `train_test_split(..., random_state=s)`, which draws from
/// `RandomState(s)`. To reproduce those splits byte for byte we need the very same stream of
/// 32-bit outputs and the very same way of turning them into bounded integers, so this type
/// mirrors numpy's legacy behaviour rather than offering a "nicer" generator:
///
/// * seeding is the classic `init_genrand(seed)` (not `init_by_array`), which is what
///   `RandomState(int)` uses for seeds in `0 ..< 2^32`;
/// * `next32()` is the tempered MT19937 output;
/// * bounded draws use numpy's masked rejection (`random_interval`), not Lemire's method;
/// * `permutation(n)` is numpy's legacy Fisher–Yates walk from the last index down to 1.
///
/// It is a value type: copying it forks the stream, which keeps callers free of shared state.
public struct MT19937: Sendable, Hashable {
    private static let n = 624
    private static let m = 397
    private static let matrixA: UInt32 = 0x9908_b0df
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7fff_ffff

    private var state: [UInt32]
    private var index: Int

    /// Seeds like `np.random.RandomState(seed)` does for an integer seed.
    ///
    /// numpy accepts seeds in `0 ... 2^32 - 1` only, hence `UInt32`.
    public init(seed: UInt32) {
        var mt = [UInt32](repeating: 0, count: Self.n)
        mt[0] = seed
        for i in 1 ..< Self.n {
            let prev = mt[i - 1]
            mt[i] = 1_812_433_253 &* (prev ^ (prev >> 30)) &+ UInt32(i)
        }
        state = mt
        index = Self.n  // forces a regeneration on the first draw, as numpy does
    }

    /// Seeds like CPython's `init_by_array(key)`, which `random.Random(n)` uses with the 32-bit
    /// words of `abs(n)`, least significant first (`[0]` for 0).
    public init(key: [UInt32]) {
        precondition(!key.isEmpty, "init_by_array needs at least one word")
        self.init(seed: 19_650_218)
        var mt = state
        var i = 1, j = 0
        for _ in 0 ..< max(Self.n, key.count) {
            let prev = mt[i - 1]
            mt[i] = (mt[i] ^ ((prev ^ (prev >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= Self.n { mt[0] = mt[Self.n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0 ..< Self.n - 1 {
            let prev = mt[i - 1]
            mt[i] = (mt[i] ^ ((prev ^ (prev >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n { mt[0] = mt[Self.n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000
        state = mt
        index = Self.n
    }

    /// The next tempered 32-bit output (numpy's `mt19937_next32`).
    public mutating func next32() -> UInt32 {
        if index >= Self.n { regenerate() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A 64-bit output made of two 32-bit outputs, high word first (numpy's `mt19937_next64`).
    public mutating func next64() -> UInt64 {
        let high = UInt64(next32())
        let low = UInt64(next32())
        return (high << 32) | low
    }

    /// A uniform integer in `0 ... max`, by numpy's legacy masked rejection (`random_interval`).
    ///
    /// The mask is `max` with every lower bit set; candidates above `max` are thrown away.
    /// Bounds that do not fit 32 bits use 64-bit draws, exactly as numpy does.
    public mutating func nextInterval(upTo max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        if max <= 0xffff_ffff {
            while true {
                let value = UInt64(next32()) & mask
                if value <= max { return value }
            }
        } else {
            while true {
                let value = next64() & mask
                if value <= max { return value }
            }
        }
    }

    /// `RandomState.permutation(n)`: `arange(n)` shuffled by the legacy in-place shuffle
    /// (for i from n-1 down to 1, swap a[i] with a[random_interval(i)]).
    public mutating func permutation(_ count: Int) -> [Int] {
        precondition(count >= 0, "permutation size must not be negative")
        var result = Array(0 ..< count)
        shuffle(&result)
        return result
    }

    /// The legacy in-place shuffle of `RandomState.shuffle` on a one-dimensional array.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        values.withUnsafeMutableBufferPointer { buffer in
            var i = buffer.count - 1
            while i >= 1 {
                let j = Int(nextInterval(upTo: UInt64(i)))
                buffer.swapAt(i, j)
                i -= 1
            }
        }
    }

    /// `RandomState.randint(low, high, size=count)` (int64 results): each draw is
    /// `low + random_interval(high - low - 1)`, numpy's masked rejection on 32-bit outputs.
    ///
    /// ```swift
    /// var rng = MT19937(seed: 42)
    /// rng.randint(low: 1, high: 7, count: 3)  // np.random.RandomState(42).randint(1, 7, size=3)
    /// ```
    public mutating func randint(low: Int64, high: Int64, count: Int) -> [Int64] {
        precondition(high > low, "randint needs low < high")
        let span = UInt64(bitPattern: high &- low) &- 1
        return (0 ..< max(0, count)).map { _ in low &+ Int64(bitPattern: nextInterval(upTo: span)) }
    }

    private mutating func regenerate() {
        state.withUnsafeMutableBufferPointer { mt in
            let n = Self.n, m = Self.m
            var k = 0
            while k < n - m {
                let y = (mt[k] & Self.upperMask) | (mt[k + 1] & Self.lowerMask)
                mt[k] = mt[k + m] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : Self.matrixA)
                k += 1
            }
            while k < n - 1 {
                let y = (mt[k] & Self.upperMask) | (mt[k + 1] & Self.lowerMask)
                mt[k] = mt[k + m - n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : Self.matrixA)
                k += 1
            }
            let y = (mt[n - 1] & Self.upperMask) | (mt[0] & Self.lowerMask)
            mt[n - 1] = mt[m - 1] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : Self.matrixA)
        }
        index = 0
    }
}

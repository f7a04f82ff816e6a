/// numpy's `SeedSequence` for an integer seed: the entropy pool that `np.random.default_rng(seed)`
/// hashes the seed into before it seeds `PCG64`.
///
/// The pool holds four 32-bit words. The seed's 32-bit words (least significant first; `[0]` for
/// zero) are hashed into it with numpy's `hashmix` and cross-mixed with `mix`;
/// ``generateState(wordCount:)`` then draws words from the pool in a cycle, each hashed once more.
///
/// ```swift
/// let words = SeedSequence(seed: 0).generateState(wordCount: 4)
/// // np.random.SeedSequence(0).generate_state(4)
/// ```
public struct SeedSequence: Sendable, Hashable {
    static let poolSize = 4
    static let initA: UInt32 = 0x43b0_d7e5
    static let multA: UInt32 = 0x931e_8875
    static let initB: UInt32 = 0x8b51_f9dd
    static let multB: UInt32 = 0x58f3_8ded
    static let mixMultL: UInt32 = 0xca01_f9dd
    static let mixMultR: UInt32 = 0x4973_f715
    static let xshift: UInt32 = 16

    /// The mixed entropy pool (`SeedSequence.pool`).
    public private(set) var pool: [UInt32]

    /// `SeedSequence(seed)` for a non-negative integer seed.
    public init(seed: UInt64) {
        var words: [UInt32] = [UInt32(truncatingIfNeeded: seed)]
        if seed >> 32 != 0 { words.append(UInt32(truncatingIfNeeded: seed >> 32)) }
        self.init(entropy: words)
    }

    /// `SeedSequence(entropy)` for entropy given as its 32-bit words, least significant first
    /// (numpy's `_coerce_to_uint32_array`), with no spawn key.
    public init(entropy: [UInt32]) {
        var hashConst = Self.initA
        func hashmix(_ value: UInt32) -> UInt32 {
            var v = value ^ hashConst
            hashConst = hashConst &* Self.multA
            v = v &* hashConst
            return v ^ (v >> Self.xshift)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let r = Self.mixMultL &* x &- Self.mixMultR &* y
            return r ^ (r >> Self.xshift)
        }
        var mixer = [UInt32](repeating: 0, count: Self.poolSize)
        for i in 0 ..< Self.poolSize {
            mixer[i] = hashmix(i < entropy.count ? entropy[i] : 0)
        }
        for src in 0 ..< Self.poolSize {
            for dst in 0 ..< Self.poolSize where src != dst {
                mixer[dst] = mix(mixer[dst], hashmix(mixer[src]))
            }
        }
        if entropy.count > Self.poolSize {
            for src in Self.poolSize ..< entropy.count {
                for dst in 0 ..< Self.poolSize {
                    mixer[dst] = mix(mixer[dst], hashmix(entropy[src]))
                }
            }
        }
        pool = mixer
    }

    /// `generate_state(wordCount)`: 32-bit words drawn from the pool in a cycle, each hashed.
    public func generateState(wordCount: Int) -> [UInt32] {
        var hashConst = Self.initB
        return (0 ..< max(0, wordCount)).map { i in
            var v = pool[i % Self.poolSize] ^ hashConst
            hashConst = hashConst &* Self.multB
            v = v &* hashConst
            return v ^ (v >> Self.xshift)
        }
    }

    /// `generate_state(wordCount, np.uint64)`: pairs of 32-bit words, low word first.
    public func generateState64(wordCount: Int) -> [UInt64] {
        let words = generateState(wordCount: 2 * wordCount)
        return (0 ..< max(0, wordCount)).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    }
}

/// numpy's `PCG64` bit generator, as `np.random.default_rng(seed)` seeds and drives it.
///
/// A 128-bit linear congruential generator (numpy's multiplier; the increment is twice the
/// seeded sequence constant plus one) whose 64-bit outputs are the XSL-RR permutation of the
/// state after each step. Seeding follows `pcg_setseq_128_srandom_r` with the four 64-bit words
/// of ``SeedSequence/generateState64(wordCount:)``: the first two (high word first) are the
/// initial state, the last two the sequence.
///
/// It is a value type: copying it forks the stream.
///
/// ```swift
/// var rng = PCG64(seed: 0)
/// rng.uniform(low: 1, high: 100)  // np.random.default_rng(0).uniform(1, 100)
/// ```
public struct PCG64: Sendable, Hashable {
    /// numpy's `PCG_DEFAULT_MULTIPLIER_128`.
    static let multiplier = UInt128(0x2360_ed05_1fc6_5da4) << 64 | UInt128(0x4385_df64_9fcc_f645)

    /// The 128-bit state (`bit_generator.state["state"]["state"]`).
    public private(set) var state: UInt128
    /// The odd increment (`bit_generator.state["state"]["inc"]`).
    public let increment: UInt128

    /// `np.random.default_rng(seed)`'s bit generator: `PCG64(SeedSequence(seed))`.
    public init(seed: UInt64) {
        self.init(seedSequence: SeedSequence(seed: seed))
    }

    public init(seedSequence: SeedSequence) {
        let v = seedSequence.generateState64(wordCount: 4)
        let initState = UInt128(v[0]) << 64 | UInt128(v[1])
        let initSequence = UInt128(v[2]) << 64 | UInt128(v[3])
        increment = initSequence << 1 | 1
        state = 0
        step()
        state &+= initState
        step()
    }

    private mutating func step() {
        state = state &* Self.multiplier &+ increment
    }

    /// The next 64-bit output (`random_raw()`): step, then XSL-RR of the new state.
    public mutating func next64() -> UInt64 {
        step()
        let folded = UInt64(truncatingIfNeeded: state >> 64) ^ UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        return folded >> rotation | folded << ((64 &- rotation) & 63)
    }

    /// `Generator.random()`: a double in [0, 1) from the top 53 bits of one output.
    public mutating func nextDouble() -> Double {
        Double(next64() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `Generator.uniform(low, high)`: `low + (high - low) * random()`, in double.
    public mutating func uniform(low: Double, high: Double) -> Double {
        let range = high - low
        return low + range * nextDouble()
    }

    /// `Generator.uniform(low, high, size=count)`.
    public mutating func uniform(low: Double, high: Double, count: Int) -> [Double] {
        (0 ..< max(0, count)).map { _ in uniform(low: low, high: high) }
    }
}

/// numpy's `np.round(x, decimals)` (`ndarray.round`) on float64: `rint(x * 10**decimals) /
/// 10**decimals`, or `rint(x / 10**-decimals) * 10**-decimals` for negative `decimals`, with
/// halves of the scaled value going to even, exactly as numpy computes it (so `1.005` rounds to
/// `1.0`, its scaled double being below 100.5).
public enum NumpyRound {
    /// numpy's `power_of_ten`: exact table up to 1e8, then repeated multiplication by 10.
    static func powerOfTen(_ n: Int) -> Double {
        let table: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]
        if n < 9 { return table[n] }
        var r = 1e9
        var k = n
        while k > 9 { r *= 10; k -= 1 }
        return r
    }

    public static func round(_ x: Double, decimals: Int) -> Double {
        if decimals >= 0 {
            let f = powerOfTen(decimals)
            return (x * f).rounded(.toNearestOrEven) / f
        }
        let f = powerOfTen(-decimals)
        return (x / f).rounded(.toNearestOrEven) * f
    }
}

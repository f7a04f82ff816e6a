import Dispatch

/// Sorting of doubles by their bits, for metrics that rank a million scores.
///
/// The standard library's comparison sort costs most of an AUC over a million rows; an LSD
/// radix sort over an order-preserving transform of the bits takes a few linear passes. The
/// order is the `<` order of the values, -0.0 placed just before 0.0 (they compare equal, so
/// every caller that groups ties with `==` sees the same groups). NaN must not occur.
enum RadixSort {
    /// Sorts two arrays ascending, each on its own thread when they are large.
    static func sort(_ a: inout [Double], _ b: inout [Double]) {
        guard a.count + b.count > 1 << 16 else { sort(&a); sort(&b); return }
        var pair = (a, b)
        a = []; b = []   // the arrays move into `pair`: no copy on write below
        withUnsafeMutablePointer(to: &pair) { p in
            let shared = SendablePointer(p)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { sort(&shared.pointer.pointee.0) } else { sort(&shared.pointer.pointee.1) }
            }
        }
        (a, b) = pair
    }

    /// A pointer handed to the two sorting threads; each touches only its own half of the pair.
    private struct SendablePointer: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<([Double], [Double])>
        init(_ pointer: UnsafeMutablePointer<([Double], [Double])>) { self.pointer = pointer }
    }

    /// Sorts `values` ascending: the values become order-preserving keys in place, one pass
    /// counts all six 11-bit digits, and each digit that is not the same for every key takes
    /// one stable scatter pass (2048 buckets: the counts stay in the L1 cache and the write
    /// streams in the store buffers, where 16-bit digits missed the cache on every write).
    static func sort(_ values: inout [Double]) {
        let n = values.count
        guard n > 1 << 14 else { values.sort(); return }
        let digitBits = 11, buckets = 1 << digitBits, digits = (64 + digitBits - 1) / digitBits
        let mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: digits * buckets)
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        defer { scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { doubles in
            doubles.withMemoryRebound(to: UInt64.self) { keys in
                counts.withUnsafeMutableBufferPointer { counts in
                    for i in 0 ..< n {
                        let key = orderedBits(Double(bitPattern: keys[i]))
                        keys[i] = key
                        for d in 0 ..< digits { counts[d * buckets + Int((key >> UInt64(d * digitBits)) & mask)] += 1 }
                    }
                    var source = keys, target = scratch
                    for d in 0 ..< digits {
                        let shift = UInt64(d * digitBits)
                        let count = counts.baseAddress! + d * buckets
                        if count[Int((source[0] >> shift) & mask)] == n { continue }   // one bucket holds every key
                        var total = 0
                        for bucket in 0 ..< buckets {
                            let c = count[bucket]
                            count[bucket] = total
                            total += c
                        }
                        for key in source {
                            let bucket = Int((key >> shift) & mask)
                            target[count[bucket]] = key
                            count[bucket] += 1
                        }
                        swap(&source, &target)
                    }
                    for i in 0 ..< n { keys[i] = value(ofOrderedBits: source[i]).bitPattern }
                }
            }
        }
    }

    /// Bits whose unsigned order is the order of the doubles.
    @inline(__always)
    static func orderedBits(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func value(ofOrderedBits key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }
}

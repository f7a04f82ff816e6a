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

    /// Sorts `values` ascending.
    static func sort(_ values: inout [Double]) {
        let n = values.count
        guard n > 1 << 14 else { values.sort(); return }   // 64Ki buckets only pay off on big arrays
        var keys = values.map { orderedBits($0) }
        var scratch = [UInt64](repeating: 0, count: n)
        let digitBits = 16, buckets = 1 << digitBits
        var counts = [Int](repeating: 0, count: buckets)
        var shift: UInt64 = 0
        while shift < 64 {
            for i in counts.indices { counts[i] = 0 }
            let first = (keys[0] >> shift) & UInt64(buckets - 1)
            var same = true
            for key in keys {
                let digit = (key >> shift) & UInt64(buckets - 1)
                counts[Int(digit)] += 1
                if digit != first { same = false }
            }
            if !same {
                var total = 0
                for i in 0 ..< buckets {
                    let c = counts[i]
                    counts[i] = total
                    total += c
                }
                keys.withUnsafeBufferPointer { source in
                    scratch.withUnsafeMutableBufferPointer { target in
                        counts.withUnsafeMutableBufferPointer { next in
                            for key in source {
                                let digit = Int((key >> shift) & UInt64(buckets - 1))
                                target[next[digit]] = key
                                next[digit] += 1
                            }
                        }
                    }
                }
                swap(&keys, &scratch)
            }
            shift += UInt64(digitBits)
        }
        for i in 0 ..< n { values[i] = value(ofOrderedBits: keys[i]) }
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

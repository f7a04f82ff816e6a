/// `np.mean` of a float64 array: numpy's pairwise summation (blocks of 8, unrolled; halves
/// beyond 128 elements), divided by the count. Plain left-to-right sums differ in the last bits,
/// and graders must agree with MLE-bench's numpy to 1e-9 relative or better.
func numpyMean(_ values: [Double]) -> Double {
    func pairwise(_ a: ArraySlice<Double>) -> Double {
        let n = a.count, base = a.startIndex
        if n < 8 {
            var res = -0.0
            for v in a { res += v }
            return res
        } else if n <= 128 {
            var r = (0..<8).map { a[base + $0] }
            var i = 8
            let end = n - n % 8
            while i < end {
                for k in 0..<8 { r[k] += a[base + i + k] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += a[base + i]; i += 1 }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return pairwise(a[base..<(base + n2)]) + pairwise(a[(base + n2)...])
        }
    }
    return values.isEmpty ? .nan : pairwise(values[...]) / Double(values.count)
}

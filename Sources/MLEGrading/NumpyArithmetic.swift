/// NumPy's pairwise summation of `n` terms (`pairwise_sum` in its float loops): blocks of 8 summed
/// in 8 running partials, halves beyond 128 terms. Plain left-to-right sums differ in the last bits,
/// and graders must agree with MLE-bench's numpy to 1e-9 relative or better. Starts from -0.0, as
/// NumPy does, so that a sum of negative zeros stays -0.0.
func numpyPairwiseSum(_ n: Int, start: Int = 0, _ term: (Int) -> Double) -> Double {
    if n < 8 {
        var res = -0.0
        for i in start..<(start + n) { res += term(i) }
        return res
    } else if n <= 128 {
        var r0 = term(start), r1 = term(start + 1), r2 = term(start + 2), r3 = term(start + 3)
        var r4 = term(start + 4), r5 = term(start + 5), r6 = term(start + 6), r7 = term(start + 7)
        var i = 8
        let limit = n - n % 8
        while i < limit {
            let b = start + i
            r0 += term(b); r1 += term(b + 1); r2 += term(b + 2); r3 += term(b + 3)
            r4 += term(b + 4); r5 += term(b + 5); r6 += term(b + 6); r7 += term(b + 7)
            i += 8
        }
        var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n { res += term(start + i); i += 1 }
        return res
    } else {
        var n2 = n / 2
        n2 -= n2 % 8
        return numpyPairwiseSum(n2, start: start, term) + numpyPairwiseSum(n - n2, start: start + n2, term)
    }
}

/// `np.mean` of a float64 array: the pairwise sum divided by the count (NaN when empty).
func numpyMean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : numpyPairwiseSum(values.count) { values[$0] } / Double(values.count)
}

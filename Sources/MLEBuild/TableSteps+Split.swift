import MLEPyCompat
import MLERecipes
import MLETable
import MLESplits

extension TableSteps {
    /// `split` with `by` (see ``RecipeStep/SplitBy``): the rows of each side, and the first row of
    /// each split item in `train_test_split`'s order (for `train_keys`/`test_keys`). `sizes` is
    /// made once the column is found, as MLE-bench's code fails on the column first.
    static func splitBy(_ t: CSVTable, _ step: RecipeStep.SplitBy, sizes: () throws -> TrainTestSplit, _ fail: Fail) throws
        -> (train: [Int], test: [Int], trainKeyRows: [Int], testKeyRows: [Int]) {
        guard let c = t.columnIndex(named: step.column) else { throw fail("no column '\(step.column)'") }
        // Each split item's rows: one group per unique value (first-appearance order),
        // or with groupby the groups of `list(df.groupby(column))` in sorted key order.
        var groups: [[Int]] = []
        if step.groupby {
            groups = try sortedGroups(t, keyColumns: [c], fail)
        } else {
            let keys = try t.columnValues([c])[0].map { try RecipeRunner.IsInKey($0, fail) }
            var index: [RecipeRunner.IsInKey: Int] = [:]
            for (row, k) in keys.enumerated() {
                if let i = index[k] { groups[i].append(row) } else { index[k] = groups.count; groups.append([row]) }
            }
        }
        let result = try sizes().split(rowCount: groups.count)
        var train: [Int] = [], test: [Int] = []
        if step.groupby {
            // pd.concat of the groups in train_test_split's order.
            train = result.train.flatMap { groups[$0] }
            test = result.test.flatMap { groups[$0] }
        } else {
            // df[df[column].isin(values)]: rows in their order.
            var side = [Bool](repeating: false, count: t.rowCount)
            for g in result.test { for row in groups[g] { side[row] = true } }
            for row in 0 ..< t.rowCount { if side[row] { test.append(row) } else { train.append(row) } }
        }
        return (train, test, result.train.map { groups[$0][0] }, result.test.map { groups[$0][0] })
    }

    /// MLE-bench's "each group on both sides" split (whale-categorization-playground): rows of
    /// `train` and `test`, each in row order.
    ///
    /// For each value of `by`, in first-appearance order (`df[by].unique()`):
    /// - two or more rows: `group.sample(2, random_state=sampleRandomState)`, which draws
    ///   `RandomState(sampleRandomState).permutation(len(group))[:2]`; the first row goes to
    ///   train, the second to test;
    /// - one row: `default_rng(seed).choice(["train", "test"], p=[1 - testSize, testSize])`,
    ///   one `random()` each, test when it is at least the first cumulative weight
    ///   (`cdf = cumsum(p) / cdf[-1]`, `searchsorted(side="right")`).
    /// The rows still undecided are split by `train_test_split(rest, test_size=testSize,
    /// random_state=randomState)`. A missing key is refused (`df[by] == nan` selects no row,
    /// so MLE-bench's loop fails on it).
    static func groupSplit(_ t: CSVTable, by: String, testSize: Double, sampleRandomState: UInt32, seed: UInt64,
                           randomState: UInt32, _ fail: Fail) throws -> (train: [Int], test: [Int]) {
        guard let c = t.columnIndex(named: by) else { throw fail("no column '\(by)'") }
        var groups: [RecipeRunner.IsInKey: [Int]] = [:]
        var order: [RecipeRunner.IsInKey] = []
        for (row, v) in t.columnValues([c])[0].enumerated() {
            let key = try RecipeRunner.IsInKey(v, fail)
            if key == .missing { throw fail("row \(row): '\(by)' is missing, which selects no rows in MLE-bench's loop") }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        // choice(p=[1 - t, t]) without replacement: cdf = cumsum(p); cdf /= cdf[-1].
        let first = 1 - testSize
        let threshold = first / (first + testSize)
        var rng = PCG64(seed: seed)
        var prefixes: [Int: [Int]] = [:]
        var side = [UInt8](repeating: 0, count: t.rowCount)  // 0 undecided, 1 train, 2 test
        for key in order {
            let rows = groups[key]!
            if rows.count >= 2 {
                let picked = prefixes[rows.count] ?? {
                    var mt = MT19937(seed: sampleRandomState)
                    return Array(mt.permutation(rows.count).prefix(2))
                }()
                prefixes[rows.count] = picked
                side[rows[picked[0]]] = 1
                side[rows[picked[1]]] = 2
            } else {
                side[rows[0]] = rng.nextDouble() >= threshold ? 2 : 1
            }
        }
        let rest = (0 ..< t.rowCount).filter { side[$0] == 0 }
        let split = try TrainTestSplit(testSize: .fraction(testSize), randomState: randomState).split(rowCount: rest.count)
        for i in split.train { side[rest[i]] = 1 }
        for i in split.test { side[rest[i]] = 2 }
        return ((0 ..< t.rowCount).filter { side[$0] == 1 }, (0 ..< t.rowCount).filter { side[$0] == 2 })
    }
}

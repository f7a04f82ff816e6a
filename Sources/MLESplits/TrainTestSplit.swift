import MLEPyCompat

/// scikit-learn's `train_test_split(X, test_size=..., train_size=..., random_state=s)` for the
/// unstratified, shuffled case that MLE-bench's prepare scripts use.
///
/// The sizes follow `sklearn.model_selection._split._validate_shuffle_split` (version 1.5.1):
/// a fractional test size becomes `ceil(t * n)` computed in double precision (so
/// `0.1 * 8693 = 869.3000000000001` gives 870), a fractional train size becomes `floor(t * n)`,
/// and an integer size is a count. The rows come from one `RandomState(s).permutation(n)`:
/// test rows are its first `n_test` entries and train rows the next `n_train`, both in
/// permutation order, which is also the order pandas writes them in.
///
/// Invalid sizes throw ``TrainTestSplitError`` carrying scikit-learn's own message, so that a
/// wrong recipe fails the same way the Python reference would, and never traps.
public struct TrainTestSplit: Sendable, Hashable {
    /// A size given either as a share of the rows (Python `float`) or as a row count (`int`).
    public enum Size: Sendable, Hashable {
        case fraction(Double)
        case count(Int)
    }

    /// The rows of one split, each list in permutation order.
    public struct Result: Sendable, Hashable {
        public var test: [Int]
        public var train: [Int]
        public init(test: [Int], train: [Int]) {
            self.test = test
            self.train = train
        }
    }

    public var testSize: Size?
    public var trainSize: Size?
    public var randomState: UInt32

    /// With neither size given, scikit-learn's default test share of 0.25 applies.
    public init(testSize: Size? = nil, trainSize: Size? = nil, randomState: UInt32) {
        self.testSize = testSize
        self.trainSize = trainSize
        self.randomState = randomState
    }

    /// `(n_train, n_test)` as scikit-learn computes them for `rowCount` samples.
    public func sizes(rowCount: Int) throws -> (train: Int, test: Int) {
        // `@validate_params` on train_test_split: a float in (0, 1), an int >= 1, or None.
        for (name, size) in [("test_size", testSize), ("train_size", trainSize)] {
            let valid: Bool
            switch size {
            case nil: valid = true
            case .fraction(let f)?: valid = f > 0 && f < 1
            case .count(let c)?: valid = c >= 1
            }
            if !valid {
                throw TrainTestSplitError(
                    "The '\(name)' parameter of train_test_split must be a float in the range (0.0, 1.0), an int in the range [1, inf) or None. Got \(Self.describe(size)) instead.")
            }
        }
        // train_test_split validates the user's sizes, then ShuffleSplit validates the resulting
        // integer counts once more; doing both keeps the edge cases (e.g. a count of 0) identical.
        let first = try Self.validate(rowCount: rowCount, test: testSize, train: trainSize, defaultTest: 0.25)
        return try Self.validate(rowCount: rowCount, test: .count(first.test), train: .count(first.train),
                                 defaultTest: 0.1)
    }

    /// The split itself: `RandomState(randomState).permutation(rowCount)` cut into test then train.
    public func split(rowCount: Int) throws -> Result {
        let (nTrain, nTest) = try sizes(rowCount: rowCount)
        var generator = MT19937(seed: randomState)
        let permutation = generator.permutation(rowCount)
        return Result(test: Array(permutation[0 ..< nTest]),
                      train: Array(permutation[nTest ..< nTest + nTrain]))
    }

    private static func describe(_ size: Size?) -> String {
        switch size {
        case nil: return "None"
        case .fraction(let value)?: return PythonFloat.repr(value)
        case .count(let value)?: return String(value)
        }
    }

    private static func validate(rowCount n: Int, test: Size?, train: Size?,
                                 defaultTest: Double) throws -> (train: Int, test: Int) {
        var test = test
        if test == nil && train == nil { test = .fraction(defaultTest) }

        func outOfRange(_ size: Size?) -> Bool {
            switch size {
            case .count(let c)?: return c >= n || c <= 0
            // NaN passes this check in scikit-learn too; it fails later when converted.
            case .fraction(let f)?: return f <= 0 || f >= 1
            case nil: return false
            }
        }
        if outOfRange(test) {
            throw TrainTestSplitError(
                "test_size=\(describe(test)) should be either positive and smaller than the number of samples \(n) or a float in the (0, 1) range")
        }
        if outOfRange(train) {
            throw TrainTestSplitError(
                "train_size=\(describe(train)) should be either positive and smaller than the number of samples \(n) or a float in the (0, 1) range")
        }
        if case .fraction(let a)? = train, case .fraction(let b)? = test, a + b > 1 {
            throw TrainTestSplitError(
                "The sum of test_size and train_size = \(PythonFloat.repr(a + b)), should be in the (0, 1) range. Reduce test_size and/or train_size.")
        }

        func toCount(_ value: Double) throws -> Int {
            guard value.isFinite, value < 9.2e18 else {
                throw TrainTestSplitError("cannot convert float \(PythonFloat.repr(value)) to integer")
            }
            return Int(value)
        }
        var nTest: Int?
        var nTrain: Int?
        switch test {
        case .fraction(let f)?: nTest = try toCount((f * Double(n)).rounded(.up))
        case .count(let c)?: nTest = c
        case nil: break
        }
        switch train {
        case .fraction(let f)?: nTrain = try toCount((f * Double(n)).rounded(.down))
        case .count(let c)?: nTrain = c
        case nil: break
        }
        if train == nil { nTrain = n - (nTest ?? 0) }
        else if test == nil { nTest = n - (nTrain ?? 0) }
        let finalTrain = nTrain ?? 0
        let finalTest = nTest ?? 0
        if finalTrain + finalTest > n {
            throw TrainTestSplitError(
                "The sum of train_size and test_size = \(finalTrain + finalTest), should be smaller than the number of samples \(n). Reduce test_size and/or train_size.")
        }
        if finalTrain == 0 {
            throw TrainTestSplitError(
                "With n_samples=\(n), test_size=\(describe(test)) and train_size=\(describe(train)), the resulting train set will be empty. Adjust any of the aforementioned parameters.")
        }
        return (finalTrain, finalTest)
    }
}

/// A rejected split request; `message` is scikit-learn's `ValueError` text for the same input.
public struct TrainTestSplitError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

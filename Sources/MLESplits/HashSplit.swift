import MLEBasics
import MLEPyCompat
import MLETable

/// mlepkg's own split: a row's side depends only on its key, never on the row order or count.
///
/// A row goes to the test side when `SHA-256(salt ‖ 0x00 ‖ key)`, its first 8 bytes read as a
/// big-endian `UInt64` `h`, satisfies `h / 2^64 < testFraction`. The comparison is done exactly
/// (`h < ceil(testFraction · 2^64)`), so no floating-point rounding can move a row. Because the
/// decision is per key, reordering the file, appending rows or splitting a subset keeps every
/// existing row on its side — what a content-addressed dataset builder wants, and what
/// `train_test_split` (whose permutation depends on the row count) cannot offer.
///
/// With a stratification column the rows of each stratum are ranked by `h` (ties by key bytes,
/// then position) and the lowest `round(testFraction · n_stratum)` go to test, which gives exact
/// per-stratum proportions; that mode is order-independent for distinct keys but, unlike the
/// plain rule, a row's side may change when rows are added to its stratum.
public struct HashSplit: Sendable, Hashable {
    public var salt: [UInt8]
    public var testFraction: Double

    /// `testFraction` must be in `0 ... 1`.
    public init(salt: [UInt8], testFraction: Double) throws {
        guard testFraction >= 0, testFraction <= 1 else {
            throw TrainTestSplitError("test fraction \(PythonFloat.repr(testFraction)) should be in the [0, 1] range")
        }
        self.salt = salt
        self.testFraction = testFraction
    }

    public init(salt: String, testFraction: Double) throws {
        try self.init(salt: Array(salt.utf8), testFraction: testFraction)
    }

    /// The first 8 bytes of `SHA-256(salt ‖ 0x00 ‖ key)`, big-endian. The hasher and the digest
    /// live on the stack: a split hashes millions of short keys.
    public func score<Key: Sequence>(key: Key) -> UInt64 where Key.Element == UInt8 {
        var hasher = SHA256Hasher()
        hasher.update(salt)
        var separator: UInt8 = 0
        withUnsafeBytes(of: &separator) { hasher.update($0) }
        hasher.update(key)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4) { digest in
            hasher.finalize(into: UnsafeMutableRawBufferPointer(digest))
            return UInt64(bigEndian: digest[0])
        }
    }

    /// `score / 2^64 < testFraction`, evaluated exactly.
    public func isTest(score: UInt64) -> Bool {
        let scaled = testFraction * 18_446_744_073_709_551_616.0  // exact: scaling by 2^64
        if scaled >= 18_446_744_073_709_551_616.0 { return true }
        return score < UInt64(scaled.rounded(.up))
    }

    public func isTest<Key: Sequence>(key: Key) -> Bool where Key.Element == UInt8 {
        isTest(score: score(key: key))
    }

    /// Splits rows given their keys; both lists are in row order.
    public func split(keys: [[UInt8]]) -> TrainTestSplit.Result {
        var result = TrainTestSplit.Result(test: [], train: [])
        for (i, key) in keys.enumerated() {
            if isTest(key: key) { result.test.append(i) } else { result.train.append(i) }
        }
        return result
    }

    /// Stratified split: per stratum, the rows with the lowest scores go to test (see the type's
    /// documentation). Both lists are in row order.
    public func split(keys: [[UInt8]], strata: [String]) -> TrainTestSplit.Result {
        precondition(keys.count == strata.count, "one stratum per key")
        var groups: [String: [Int]] = [:]
        for (i, stratum) in strata.enumerated() { groups[stratum, default: []].append(i) }
        let scores = keys.map { score(key: $0) }
        var isTestRow = [Bool](repeating: false, count: keys.count)
        for (_, members) in groups {
            let ranked = members.sorted { a, b in
                if scores[a] != scores[b] { return scores[a] < scores[b] }
                if keys[a] != keys[b] { return keys[a].lexicographicallyPrecedes(keys[b]) }
                return a < b
            }
            let take = Int((testFraction * Double(members.count)).rounded(.toNearestOrEven))
            for row in ranked.prefix(take) { isTestRow[row] = true }
        }
        var result = TrainTestSplit.Result(test: [], train: [])
        for i in 0 ..< keys.count {
            if isTestRow[i] { result.test.append(i) } else { result.train.append(i) }
        }
        return result
    }

    /// Splits a table by the text of `keyColumn` as `to_csv` would write it (so `007` in an
    /// integer column keys as `7`), optionally stratified by `stratifyColumn`.
    public func split(_ table: CSVTable, keyColumn: String, stratifyColumn: String? = nil) throws -> TrainTestSplit.Result {
        guard let keyIndex = table.columnIndex(named: keyColumn) else { throw CSVError.columnNotFound(keyColumn) }
        let keys = (0 ..< table.rowCount).map { Array(table.csvText(row: $0, column: keyIndex).utf8) }
        guard let stratifyColumn else { return split(keys: keys) }
        guard let strataIndex = table.columnIndex(named: stratifyColumn) else {
            throw CSVError.columnNotFound(stratifyColumn)
        }
        let strata = (0 ..< table.rowCount).map { table.csvText(row: $0, column: strataIndex) }
        return split(keys: keys, strata: strata)
    }
}

import Testing
@testable import MLESplits

@Suite("train_test_split sizes and rows")
struct TrainTestSplitTests {
    @Test("a fractional test size is ceil(t * n) in double precision")
    func sizes() throws {
        #expect(try TrainTestSplit(testSize: .fraction(0.1), randomState: 0).sizes(rowCount: 8693) == (7823, 870))
        #expect(try TrainTestSplit(testSize: .fraction(0.1), randomState: 0).sizes(rowCount: 2400) == (2160, 240))
        #expect(try TrainTestSplit(testSize: .fraction(0.2), randomState: 0).sizes(rowCount: 4040) == (3232, 808))
        #expect(try TrainTestSplit(testSize: .count(9914), randomState: 0).sizes(rowCount: 100_000) == (90086, 9914))
        #expect(try TrainTestSplit(trainSize: .fraction(0.75), randomState: 0).sizes(rowCount: 10) == (7, 3))
        #expect(try TrainTestSplit(randomState: 0).sizes(rowCount: 10) == (7, 3))
    }

    @Test("splits equal scikit-learn's rows in scikit-learn's order")
    func generatedSplits() throws {
        for v in GeneratedVectors.splits {
            let result = try TrainTestSplit(testSize: v.test, trainSize: v.train, randomState: v.seed).split(rowCount: v.rows)
            #expect(result.train.count == v.trainCount)
            #expect(result.test.count == v.testCount)
            #expect(Array(result.train.prefix(12)) == v.trainHead, "rows \(v.rows)")
            #expect(Array(result.test.prefix(12)) == v.testHead, "rows \(v.rows)")
            #expect(Array(result.train.suffix(5)) == v.trainTail, "rows \(v.rows)")
        }
    }

    @Test("invalid sizes throw scikit-learn's messages instead of trapping")
    func errors() {
        for v in GeneratedVectors.splitErrors {
            let split = TrainTestSplit(testSize: v.test, trainSize: v.train, randomState: 0)
            if let message = v.message {
                #expect(throws: TrainTestSplitError(message)) { try split.split(rowCount: v.rows) }
            } else {
                #expect(throws: Never.self) { try split.split(rowCount: v.rows) }
            }
        }
        #expect(throws: TrainTestSplitError.self) {
            try TrainTestSplit(testSize: .fraction(.nan), randomState: 0).split(rowCount: 10)
        }
        #expect(throws: TrainTestSplitError.self) {
            try TrainTestSplit(testSize: .count(1), randomState: 0).split(rowCount: 0)
        }
    }
}

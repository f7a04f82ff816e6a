import Foundation
import MLEBasics
import MLETable
import MLESplits

/// Splits one CSV file the way MLE-bench's preparations do, outside any recipe.
///
/// Writes `train.csv` and `test.csv` to the output directory; with a label column, the
/// test file loses it and `answers.csv` holds the first column and the label.
public struct FileSplit: Sendable {
    public enum Size: Sendable, Equatable { case fraction(Double), count(Int) }

    public var testSize: Size
    public var randomState: UInt32
    public var label: String?

    public init(testSize: Size, randomState: UInt32, label: String? = nil) {
        self.testSize = testSize
        self.randomState = randomState
        self.label = label
    }

    public struct Result: Sendable, Equatable {
        public var trainRows: Int
        public var testRows: Int
        public var files: [String]
    }

    public func run(input: String, outputDirectory: String) throws -> Result {
        let table: CSVTable
        do { table = try CSVTable.read(contentsOf: URL(fileURLWithPath: input)) } catch let e as CSVError {
            // pandas' messages name no file; the error line must.
            if case .io = e { throw e }
            throw CSVError.io(path: input, message: e.description)
        }
        let size: TrainTestSplit.Size
        switch testSize {
        case .fraction(let f): size = .fraction(f)
        case .count(let n): size = .count(n)
        }
        let split = try TrainTestSplit(testSize: size, randomState: randomState).split(rowCount: table.rowCount)
        var outputDirectory = outputDirectory
        while outputDirectory.count > 1 && outputDirectory.hasSuffix("/") { outputDirectory.removeLast() }
        if FileIO.exists(outputDirectory) && !FileIO.isDirectory(outputDirectory) {
            throw SystemError.posix(ENOTDIR, "the output directory", outputDirectory)
        }
        try FileIO.makeDirectory(outputDirectory)
        let train = table.rows(split.train)
        let test = table.rows(split.test)
        var files = ["\(outputDirectory)/train.csv", "\(outputDirectory)/test.csv"]
        try train.write(to: URL(fileURLWithPath: files[0]))
        if let label {
            try test.dropping(columns: [label]).write(to: URL(fileURLWithPath: files[1]))
            let first = table.columnNames[0]
            files.append("\(outputDirectory)/answers.csv")
            try test.selecting(columns: first == label ? [label] : [first, label]).write(to: URL(fileURLWithPath: files[2]))
        } else {
            try test.write(to: URL(fileURLWithPath: files[1]))
        }
        return Result(trainRows: split.train.count, testRows: split.test.count, files: files)
    }
}

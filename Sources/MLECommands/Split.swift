import ArgumentParser
import Foundation
import MLEBuild

extension MLEPkg {
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split a CSV file exactly as MLE-bench's train_test_split does.",
            discussion: """
            Reads like pandas.read_csv(float_precision="round_trip"), splits like scikit-learn's \
            train_test_split (rows in permutation order), and writes like to_csv(index=False): \
            the files are byte-identical to what pandas and scikit-learn write.

            Examples:
              mlepkg split train.csv --test-size 0.1 --random-state 0 -o out/
              mlepkg split train.csv --test-size 100000 --label target -o out/
            """
        )

        @Argument(help: "The CSV file to split.")
        var input: String

        @Option(parsing: .unconditional, help: "A fraction in (0, 1), or a number of test rows.")
        var testSize: String = "0.1"

        @Option(parsing: .unconditional, help: "The seed, 0 to 2^32 - 1 (numpy's legacy RandomState).")
        var randomState: UInt32 = 0

        @Option(help: "A label column: removed from test.csv and written with the first column to answers.csv.")
        var label: String?

        @Option(name: .shortAndLong, help: "The output directory.")
        var output: String

        func size() throws -> FileSplit.Size {
            if let n = Int(testSize), n > 0 { return .count(n) }
            if let f = Double(testSize), f > 0, f < 1 { return .fraction(f) }
            throw ValidationError("Please pass a --test-size in (0, 1) or a positive row count, not '\(testSize)'.")
        }

        func validate() throws { _ = try size() }

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let state = try CommandState.make(json: json)
            try state.run {
                let r = try FileSplit(testSize: try size(), randomState: randomState, label: label)
                    .run(input: input, outputDirectory: output)
                if json {
                    try state.output.printJSON(SplitJSON(trainRows: r.trainRows, testRows: r.testRows, files: r.files))
                } else {
                    state.output.print("\(r.trainRows) train rows, \(r.testRows) test rows: \(r.files.joined(separator: ", "))")
                }
            }
        }
    }
}

struct SplitJSON: Encodable {
    var trainRows: Int
    var testRows: Int
    var files: [String]
}

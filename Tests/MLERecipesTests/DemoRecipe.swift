import Foundation
import MLERecipes
import MLETestSupport
import Testing

/// A small `demo` recipe for the step decoding tests: a prelude that reads train.csv as `train`,
/// keep.csv as `keep` and train.json as `records`, then the steps under test.
enum DemoRecipe {
    /// What the prelude's three steps decode to.
    static let prelude: [RecipeStep] = [
        .readCSV(path: "train.csv", as: "train", dtype: []),
        .readCSV(path: "keep.csv", as: "keep", dtype: []),
        .readJSON(path: "train.json", as: "records"),
    ]

    /// The recipe with `steps` after its prelude. The first step after it is `steps[3]`, and a
    /// `[[steps]]` header that `steps` starts with stands at line 26.
    static func withSteps(_ steps: String) -> String {
        """
        \(TestSupport.demoRecipeHeader)

        [[steps]]
        op = "read_csv"
        path = "train.csv"
        as = "train"

        [[steps]]
        op = "read_csv"
        path = "keep.csv"
        as = "keep"

        [[steps]]
        op = "read_json"
        path = "train.json"
        as = "records"

        \(steps)

        [outputs]

        [grader]
        metric = "accuracy"
        """
    }

    /// Each of `steps` (a step's fields, one a line) under its own `[[steps]]` header.
    static func steps(_ steps: [String]) -> String {
        steps.map { "[[steps]]\n" + $0 }.joined(separator: "\n\n")
    }

    /// A `read_csv` step that makes `table` (from `<table>.csv`), for a step that reads a table
    /// the prelude does not make.
    static func reading(_ table: String) -> String {
        "op = \"read_csv\"\npath = \"\(table).csv\"\nas = \"\(table)\""
    }

    /// The steps that `steps` (see ``steps(_:)``) decode to after the prelude, which is expected intact.
    static func decodedSteps(_ steps: [String]) throws -> [RecipeStep] {
        let r = try RecipeDecoder.decode(withSteps(Self.steps(steps)), file: "demo.toml")
        #expect(Array(r.steps.prefix(prelude.count)) == prelude)
        return Array(r.steps.dropFirst(prelude.count))
    }

    /// Expects decoding `text` to fail with a message containing `expected`.
    static func expectDecodingError(_ text: String, containing expected: String) {
        do {
            _ = try RecipeDecoder.decode(text, file: "demo.toml")
            Issue.record("expected an error containing \(expected)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }
}

import Foundation
import MLERecipes
import MLETestSupport
import Testing

/// A small `demo` recipe that reads train.csv and keep.csv, for the step decoding tests.
enum DemoRecipe {
    /// The recipe with `steps` after its two `read_csv` steps.
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

        \(steps)

        [outputs]

        [grader]
        metric = "accuracy"
        """
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

import Foundation
import MLERecipes
import Testing

/// Decoding of the `uniform` step (`np.random.default_rng(seed).uniform(low, high, len(df))`).
struct UniformStepTests {
    @Test func theUniformStepDecodes() throws {
        let r = try RecipeDecoder.decode(TableStepsTests.recipe("""
        [[steps]]
        op = "uniform"
        table = "train"
        column = "Pawpularity"
        low = 1
        high = 100
        seed = 0
        round = 2
        as = "sample"

        [[steps]]
        op = "uniform"
        table = "train"
        column = "x"
        low = -5.5
        high = -5.5
        seed = 9223372036854775807
        as = "t"
        """), file: "demo.toml")
        #expect(r.steps[3] == .uniform(.init(table: "train", column: "Pawpularity", low: 1, high: 100, seed: 0, round: 2, output: "sample")))
        #expect(r.steps[4] == .uniform(.init(table: "train", column: "x", low: -5.5, high: -5.5, seed: 9_223_372_036_854_775_807,
                                       round: nil, output: "t")))
    }

    static let head = "op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\n"

    @Test(arguments: [
        (head + "low = 7\nhigh = 1\nseed = 0\nas = \"s\"", "demo.toml:31: field 'steps[3].high': expected a value not below low (7.0), got 1.0"),
        (head + "low = \"1\"\nhigh = 7\nseed = 0\nas = \"s\"", "demo.toml:30: field 'steps[3].low': expected a number, got string"),
        (head + "low = 1\nseed = 0\nas = \"s\"", "field 'steps[3].high': is required"),
        (head + "low = nan\nhigh = 1\nseed = 0\nas = \"s\"", "demo.toml:30: field 'steps[3].low': expected a finite number, got nan"),
        (head + "low = 1\nhigh = inf\nseed = 0\nas = \"s\"", "demo.toml:31: field 'steps[3].high': expected a finite number, got inf"),
        (head + "low = -1.5e308\nhigh = 1.5e308\nseed = 0\nas = \"s\"", "field 'steps[3].high': high - low exceeds the float64 range"),
        (head + "low = 1\nhigh = 7\nas = \"s\"", "field 'steps[3].seed': is required"),
        (head + "low = 1\nhigh = 7\nseed = -1\nas = \"s\"", "demo.toml:32: field 'steps[3].seed': expected a non-negative integer, got -1"),
        (head + "low = 1\nhigh = 7\nseed = 0.5\nas = \"s\"", "field 'steps[3].seed': expected an integer, got float"),
        (head + "low = 1\nhigh = 7\nseed = 0\nround = 16\nas = \"s\"", "demo.toml:33: field 'steps[3].round': expected decimals in -15 … 15, got 16"),
        (head + "low = 1\nhigh = 7\nseed = 0\nround = 2.0\nas = \"s\"", "field 'steps[3].round': expected an integer, got float"),
        (head + "low = 1\nhigh = 7\nseed = 0\nrandom_state = 0\nas = \"s\"", "field 'steps[3].random_state': unknown field"),
        ("op = \"uniform\"\ntable = \"later\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nseed = 0\nas = \"s\"", "demo.toml:28: field 'steps[3].table': table 'later' is used before any step makes it"),
    ])
    func malformedUniformStepsNameTheLineAndField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(TableStepsTests.recipe("[[steps]]\n" + step), containing: expected)
    }
}

import Foundation
import MLERecipes
import Testing

/// Decoding of `split` … `by` with `groupby = true` (a split over `list(df.groupby(col))`).
struct GroupbySplitStepTests {
    @Test func aGroupbySplitDecodes() throws {
        let r = try RecipeDecoder.decode(TableStepsTests.recipe("""
        [[steps]]
        op = "read_csv"
        path = "train.csv"
        as = "train"

        [[steps]]
        op = "split"
        table = "train"
        by = "molecule_name"
        groupby = true
        test_size = 0.1
        train = "a"
        test = "b"
        train_keys = "a_keys"

        [[steps]]
        op = "split"
        table = "train"
        by = "molecule_name"
        groupby = false
        test_size = 0.1
        train = "c"
        test = "d"
        """), file: "demo.toml")
        #expect(r.steps[4] == .splitBy(.init(table: "train", column: "molecule_name", testSize: .fraction(0.1), randomState: 0,
                                       train: "a", test: "b", trainKeys: "a_keys", groupby: true)))
        #expect(r.steps[5] == .splitBy(.init(table: "train", column: "molecule_name", testSize: .fraction(0.1), randomState: 0,
                                       train: "c", test: "d")))
    }

    @Test(arguments: [
        ("op = \"split\"\ntable = \"records\"\ntest_size = 0.1\ngroupby = true\ntrain = \"a\"\ntest = \"b\"",
         "demo.toml:30: field 'steps[3].groupby': splitting over groups needs 'by'"),
        ("op = \"split\"\ntable = \"records\"\nby = \"m\"\ngroupby = \"yes\"\ntest_size = 0.1\ntrain = \"a\"\ntest = \"b\"",
         "demo.toml:30: field 'steps[3].groupby': expected true or false"),
    ])
    func malformedGroupbySplitsNameTheLineAndField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(TableStepsTests.recipe("[[steps]]\n" + step), containing: expected)
    }
}

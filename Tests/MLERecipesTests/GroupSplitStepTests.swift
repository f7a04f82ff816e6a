import Foundation
import MLERecipes
import Testing

/// Decoding of group_split and set … where_in / where_not_in.
struct GroupSplitStepTests {
    @Test func groupSplitAndSetWhereInDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "group_split"
        table = "train"
        by = "Id"
        test_size = 0.1
        sample_random_state = 0
        seed = 12
        random_state = 42
        train = "new_train"
        test = "test"

        [[steps]]
        op = "set"
        table = "test"
        where_not_in = { Id = "new_train" }
        columns = ["Id"]
        value = "new_whale"
        as = "answers"

        [[steps]]
        op = "set"
        table = "test"
        where_in = { Id = "keep" }
        columns = ["score", "rank"]
        value = 0
        as = "kept"
        """), file: "demo.toml")
        #expect(r.steps[2] == .groupSplit(.init(table: "train", by: "Id", testSize: 0.1, sampleRandomState: 0, seed: 12, randomState: 42,
                                          train: "new_train", test: "test")))
        #expect(r.steps[3] == .setWhereIn(.init(table: "test", column: "Id", other: "new_train", negate: true, columns: ["Id"],
                                          value: .string("new_whale"), output: "answers")))
        #expect(r.steps[4] == .setWhereIn(.init(table: "test", column: "Id", other: "keep", negate: false, columns: ["score", "rank"],
                                          value: .int(0), output: "kept")))
    }

    static let groupSplit = "op = \"group_split\"\ntable = \"train\"\nby = \"Id\"\ntest_size = 0.1\nsample_random_state = 0\nseed = 0\nrandom_state = 0\ntrain = \"a\"\ntest = \"b\""
    static let setIn = "op = \"set\"\ntable = \"train\"\nwhere_not_in = { Id = \"keep\" }\ncolumns = [\"Id\"]\nvalue = \"x\"\nas = \"s\""

    @Test(arguments: [
        (groupSplit.replacingOccurrences(of: "test_size = 0.1", with: "test_size = 1"), "demo.toml:25: field 'steps[2].test_size': expected a fraction in (0, 1)"),
        (groupSplit.replacingOccurrences(of: "test_size = 0.1", with: "test_size = 1.5"), "field 'steps[2].test_size': expected a fraction in (0, 1)"),
        (groupSplit.replacingOccurrences(of: "seed = 0", with: "seed = -1"), "demo.toml:27: field 'steps[2].seed': expected a non-negative integer, got -1"),
        (groupSplit.replacingOccurrences(of: "random_state = 0\ntrain", with: "random_state = 4294967296\ntrain"),
         "demo.toml:28: field 'steps[2].random_state': expected 0 … 4294967295, got 4294967296"),
        (groupSplit.replacingOccurrences(of: "sample_random_state = 0\n", with: ""), "field 'steps[2].sample_random_state': is required"),
        (groupSplit + "\nstratify = \"Id\"", "demo.toml:31: field 'steps[2].stratify': unknown field"),
        (setIn.replacingOccurrences(of: "\"keep\"", with: "\"nowhere\""), "demo.toml:24: field 'steps[2].where_not_in': table 'nowhere' is used before any step makes it"),
        (setIn.replacingOccurrences(of: "{ Id = \"keep\" }", with: "{ Id = \"keep\", x = \"keep\" }"), "field 'steps[2].where_not_in': expected one column and the table"),
        (setIn.replacingOccurrences(of: "{ Id = \"keep\" }", with: "{ Id = 3 }"), "field 'steps[2].where_not_in.Id': expected a string"),
        (setIn + "\nwhere_in = { Id = \"keep\" }", "field 'steps[2].where_not_in': expected one of 'where', 'where_in', 'where_not_in' and 'where_contains'"),
        (setIn + "\nvalues = { Id = \"y\" }", "field 'steps[2].where_not_in': a conditional set takes 'columns' and a constant 'value' only"),
        (setIn.replacingOccurrences(of: "value = \"x\"", with: "value = true"), "field 'steps[2].value': expected a string or a number"),
    ])
    func malformedUsesNameTheField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(DemoRecipe.withSteps("[[steps]]\n" + step), containing: expected)
    }
}

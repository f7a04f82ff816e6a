import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: group_split and set … where_not_in (whale-categorization-playground's pattern)
/// against the bytes MLE-bench's code writes (`scripts/vectors/group_split_steps.py`).
@Suite(.serialized) struct GroupSplitStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("whale-steps") }

    static let recipe = """
    \(RecipeBuild.demoHeader)

    [[inputs]]
    path = "train.csv"

    [[inputs]]
    path = "train"
    directory = true

    [[steps]]
    op = "read_csv"
    path = "train.csv"
    as = "old_train"

    [[steps]]
    op = "group_split"
    table = "old_train"
    by = "Id"
    test_size = 0.1
    sample_random_state = 0
    seed = 0
    random_state = 0
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
    table = "answers"
    values = { Id = "new_whale w_1287fbc w_98baff9 w_7554f44 w_1eafe46" }
    as = "sample"

    [[steps]]
    op = "write_csv"
    table = "answers"
    to = "private/test.csv"

    [[steps]]
    op = "write_csv"
    table = "new_train"
    to = "public/train.csv"

    [[steps]]
    op = "write_csv"
    table = "sample"
    to = "public/sample_submission.csv"

    [[steps]]
    op = "copy_by_id"
    table = "new_train"
    column = "Image"
    from = "train/{id}"
    to = "public/train/{id}"

    [[steps]]
    op = "copy_by_id"
    table = "answers"
    column = "Image"
    from = "train/{id}"
    to = "public/test/{id}"

    [outputs]

    [grader]
    metric = "accuracy"
    """

    func build(recipe: String = Self.recipe) throws -> TestSupport.ProcessResult {
        var raw = ["train.csv": GroupSplitStepsVectors.trainCSV]
        for image in GroupSplitStepsVectors.trainImages + GroupSplitStepsVectors.testImages { raw["train/\(image)"] = "jpeg \(image)" }
        return try RecipeBuild.build(home: home, recipe: recipe, raw: raw)
    }

    @Test func theOutputsAreWhatPandasNumpyAndScikitLearnWrite() throws {
        defer { TestSupport.remove(home) }
        let r = try build()
        #expect(r.status == 0, "\(r.stderr)")
        let out = RecipeBuild.prepared(home: home)
        try RecipeBuild.expectBytes(GroupSplitStepsVectors.expected, under: out)
        for (folder, images) in [("train", GroupSplitStepsVectors.trainImages), ("test", GroupSplitStepsVectors.testImages)] {
            let listed = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public/\(folder)").sorted()
            #expect(listed == images.sorted())
        }
    }

    @Test func aMissingGroupKeyIsAnError() throws {
        defer { TestSupport.remove(home) }
        let r = try RecipeBuild.build(home: home, recipe: Self.recipe,
                                               raw: ["train.csv": "Image,Id\na.jpg,w_1\nb.jpg,\nc.jpg,w_1\n", "train/a.jpg": "a"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("step 2 (group_split): row 1: 'Id' is missing"), "\(r.stderr)")
    }

    @Test func matchingAgainstATableWithoutTheColumnIsAnError() throws {
        defer { TestSupport.remove(home) }
        let r = try build(recipe: Self.recipe.replacingOccurrences(of: "where_not_in = { Id = \"new_train\" }",
                                                                    with: "where_not_in = { Image = \"sample_less\" }")
            .replacingOccurrences(of: "[[steps]]\nop = \"set\"\ntable = \"test\"",
                                  with: "[[steps]]\nop = \"select\"\ntable = \"test\"\ncolumns = [\"Id\"]\nas = \"sample_less\"\n\n[[steps]]\nop = \"set\"\ntable = \"test\""))
        #expect(r.status != 0)
        #expect(r.stderr.contains("no column 'Image' in the table matched against"), "\(r.stderr)")
    }
}

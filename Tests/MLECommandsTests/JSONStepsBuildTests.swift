import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: read_json, write_json, select columns_of, astype, split test_size_from and by,
/// read_csv dtype, randint, uniform and a one-file zip, against pandas' and scikit-learn's bytes
/// (`scripts/vectors/json_steps.py`).
@Suite(.serialized) struct JSONStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("more-steps-json") }

    static let recipe = """
    \(RecipeBuild.demoHeader)

    [[inputs]]
    path = "train.json"

    [[inputs]]
    path = "test.json"

    [[inputs]]
    path = "labels.csv"

    [[steps]]
    op = "read_json"
    path = "train.json"
    as = "old_train"

    [[steps]]
    op = "read_json"
    path = "test.json"
    as = "old_test"

    [[steps]]
    op = "split"
    table = "old_train"
    test_size_from = "old_test"
    random_state = 0
    train = "train"
    test = "test"

    [[steps]]
    op = "select"
    table = "test"
    columns_of = "old_test"
    as = "test_public"

    [[steps]]
    op = "write_json"
    table = "train"
    to = "public/train.json"

    [[steps]]
    op = "write_json"
    table = "test_public"
    to = "public/test.json"

    [[steps]]
    op = "zip"
    from = "public/train.json"
    to = "public/train.zip"
    keep = true

    [[steps]]
    op = "select"
    table = "test"
    columns = ["request_id", "requester_received_pizza"]
    as = "answers"

    [[steps]]
    op = "astype"
    table = "answers"
    columns = { requester_received_pizza = "int" }
    as = "answers"

    [[steps]]
    op = "write_csv"
    table = "answers"
    to = "private/answers.csv"

    [[steps]]
    op = "set"
    table = "answers"
    values = { requester_received_pizza = 0 }
    as = "sample"

    [[steps]]
    op = "write_csv"
    table = "sample"
    to = "public/sample_submission.csv"

    [[steps]]
    op = "select"
    table = "train"
    columns = ["request_id", "n", "ts", "text"]
    as = "scalars"

    [[steps]]
    op = "write_csv"
    table = "scalars"
    to = "private/records.csv"

    [[steps]]
    op = "read_csv"
    path = "labels.csv"
    dtype = { id = "str" }
    as = "labels"

    [[steps]]
    op = "split"
    table = "labels"
    by = "group"
    test_size = 0.25
    random_state = 0
    train = "labels_train"
    test = "labels_test"

    [[steps]]
    op = "write_csv"
    table = "labels_train"
    to = "public/labels_train.csv"

    [[steps]]
    op = "write_csv"
    table = "labels_test"
    to = "private/labels_test.csv"

    [[steps]]
    op = "select"
    table = "labels_test"
    columns = ["id"]
    as = "ids"

    [[steps]]
    op = "randint"
    table = "ids"
    column = "score"
    low = 1
    high = 7
    random_state = 42
    as = "scores"

    [[steps]]
    op = "write_csv"
    table = "scores"
    to = "public/labels_sample.csv"

    [[steps]]
    op = "select"
    table = "labels"
    columns = ["id", "flag"]
    as = "flags"

    [[steps]]
    op = "astype"
    table = "flags"
    columns = { flag = "int" }
    as = "flags"

    [[steps]]
    op = "write_csv"
    table = "flags"
    to = "public/flags.csv"

    [[steps]]
    op = "select"
    table = "labels_test"
    columns = ["id", "value"]
    as = "pawpularity"

    [[steps]]
    op = "uniform"
    table = "pawpularity"
    column = "value"
    low = 1
    high = 100
    seed = 0
    round = 2
    as = "pawpularity"

    [[steps]]
    op = "write_csv"
    table = "pawpularity"
    to = "public/uniform_sample.csv"

    [[steps]]
    op = "select"
    table = "labels"
    columns = ["id"]
    as = "draws"

    [[steps]]
    op = "uniform"
    table = "draws"
    column = "u"
    low = -5.5
    high = 3.25
    seed = 12345
    as = "draws"

    [[steps]]
    op = "uniform"
    table = "draws"
    column = "whole"
    low = 0
    high = 1000
    seed = 1099511627783
    round = 0
    as = "draws"

    [[steps]]
    op = "uniform"
    table = "draws"
    column = "tens"
    low = -1e6
    high = 1e6
    seed = 42
    round = -1
    as = "draws"

    [[steps]]
    op = "write_csv"
    table = "draws"
    to = "public/uniform_draws.csv"

    [outputs]

    [grader]
    metric = "accuracy"
    """

    func build(recipe: String = Self.recipe) throws -> TestSupport.ProcessResult {
        try RecipeBuild.build(home: home, recipe: recipe, raw: ["train.json": JSONStepsVectors.trainJSON,
                                                                         "test.json": JSONStepsVectors.testJSON,
                                                                         "labels.csv": JSONStepsVectors.labelsCSV])
    }

    @Test func theOutputsAreWhatPandasAndScikitLearnWrite() throws {
        defer { TestSupport.remove(home) }
        let r = try build()
        #expect(r.status == 0, "\(r.stderr)")
        let out = RecipeBuild.prepared(home: home)
        try RecipeBuild.expectBytes(JSONStepsVectors.expected, under: out)
        // make_archive(public/"train", "zip", public, "train.json"): one entry, named train.json.
        let py = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None
            print(z.namelist(), z.read("train.json") == open(sys.argv[2], "rb").read())
        """
        let listing = try TestSupport.run("/usr/bin/env", ["python3", "-c", py, "\(out)/public/train.zip", "\(out)/public/train.json"])
        #expect(listing.stdout == "['train.json'] True\n", "\(listing.stderr)")
    }

    @Test func writingJSONFromACSVTableIsAnError() throws {
        defer { TestSupport.remove(home) }
        let r = try build(recipe: Self.recipe.replacingOccurrences(of: """
            op = "write_csv"
            table = "sample"
            to = "public/sample_submission.csv"
            """, with: """
            op = "write_json"
            table = "sample"
            to = "public/sample_submission.json"
            """))
        #expect(r.status != 0)
        #expect(r.stderr.contains("step 12 (write_json): table 'sample' was not read by read_json"), "\(r.stderr)")
    }

    @Test func aListInACSVColumnIsAnError() throws {
        defer { TestSupport.remove(home) }
        let r = try build(recipe: Self.recipe.replacingOccurrences(of: #"columns = ["request_id", "n", "ts", "text"]"#,
                                                                    with: #"columns = ["request_id", "subs"]"#))
        #expect(r.status != 0)
        #expect(r.stderr.contains("column 'subs' holds lists or objects"), "\(r.stderr)")
    }
}

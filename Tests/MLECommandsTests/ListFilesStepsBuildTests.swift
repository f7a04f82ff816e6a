import Foundation
import MLETestSupport
import Testing

/// End to end: a table made from a raw folder listing (`list_files`), split, a constant sample
/// submission and images copied by row, against the bytes MLE-bench's
/// plant-seedlings-classification code writes (`scripts/vectors/list_files_steps.py`).
@Suite(.serialized) struct ListFilesStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("list-files-steps") }

    static let recipe = """
    \(RecipeBuild.demoHeader)

    [[inputs]]
    path = "train"
    directory = true

    [[steps]]
    op = "list_files"
    from = "train"
    pattern = "{species}/{file}"
    ends_with = ".png"
    as = "listing"

    [[steps]]
    op = "select"
    table = "listing"
    columns = ["file", "species"]
    as = "old_train"

    [[steps]]
    op = "split"
    table = "old_train"
    test_size = 0.14
    random_state = 0
    train = "new_train"
    test = "answers"

    [[steps]]
    op = "set"
    table = "answers"
    values = { species = "Sugar beet" }
    as = "sample"

    [[steps]]
    op = "write_csv"
    table = "answers"
    to = "private/answers.csv"

    [[steps]]
    op = "write_csv"
    table = "sample"
    to = "public/sample_submission.csv"

    [[steps]]
    op = "copy_by_id"
    table = "new_train"
    column = "file"
    from = "train/{species}/{id}"
    to = "public/train/{species}/{id}"

    [[steps]]
    op = "copy_by_id"
    table = "answers"
    column = "file"
    from = "train/{species}/{id}"
    to = "public/test/{id}"

    [[steps]]
    op = "list_files"
    from = "train/"
    pattern = "{species}/{stem}.png"
    order = "path"
    as = "by_path"

    [[steps]]
    op = "cumcount"
    table = "by_path"
    column = "k"
    by = ["species"]
    start = 1
    as = "by_path"

    [[steps]]
    op = "write_csv"
    table = "by_path"
    to = "private/by_path.csv"

    [outputs]

    [grader]
    metric = "accuracy"
    """

    func build(recipe: String = Self.recipe) throws -> TestSupport.ProcessResult {
        try RecipeBuild.build(home: home, recipe: recipe,
                                       raw: Dictionary(uniqueKeysWithValues: ListFilesStepsVectors.rawFiles.map { ("train/\($0)", $0) }))
    }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        let r = try build()
        #expect(r.status == 0, "\(r.stderr)")
        let out = RecipeBuild.prepared(home: home)
        try RecipeBuild.expectBytes(ListFilesStepsVectors.expected, under: out)
        #expect(try RecipeBuild.texts(under: out, ["public/train", "public/test"]) == ListFilesStepsVectors.copied)
    }

    @Test func aListingThatMatchesNothingIsAnErrorNamingTheStep() throws {
        defer { TestSupport.remove(home) }
        let r = try build(recipe: Self.recipe.replacingOccurrences(of: "ends_with = \".png\"", with: "ends_with = \".jpg\""))
        #expect(r.status != 0)
        #expect(r.stderr.contains("list_files") && r.stderr.contains("no raw file under 'train/' matches '{species}/{file}'"), "\(r.stderr)")
    }
}

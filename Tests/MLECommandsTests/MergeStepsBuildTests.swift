import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: an input bound to a nested archive's members (`archive`), `replace` and `merge`,
/// against pandas' and scikit-learn's bytes (`scripts/vectors/merge_steps.py`).
@Suite(.serialized) struct MergeStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("merge-steps") }

    static let recipe = """
    \(RecipeBuild.demoHeader)

    [[inputs]]
    path = "train.csv"

    [[inputs]]
    path = "info.csv"

    [[inputs]]
    path = "train_images"
    archive = "train_images.zip"

    [[steps]]
    op = "read_csv"
    path = "train.csv"
    as = "old_train"

    [[steps]]
    op = "split"
    table = "old_train"
    by = "location"
    test_size = 0.3
    random_state = 8
    train = "new_train"
    test = "answers"

    [[steps]]
    op = "drop"
    table = "answers"
    columns = ["category_id"]
    as = "new_test"

    [[steps]]
    op = "select"
    table = "answers"
    columns = ["id", "category_id"]
    as = "gold"

    [[steps]]
    op = "rename"
    table = "gold"
    columns = { id = "Id", category_id = "Category" }
    as = "gold"

    [[steps]]
    op = "select"
    table = "new_test"
    columns = ["id"]
    as = "sample"

    [[steps]]
    op = "set"
    table = "sample"
    values = { category_id = 0 }
    as = "sample"

    [[steps]]
    op = "rename"
    table = "sample"
    columns = { id = "Id", category_id = "Category" }
    as = "sample"

    [[steps]]
    op = "write_csv"
    table = "answers"
    to = "private/test.csv"

    [[steps]]
    op = "write_csv"
    table = "gold"
    to = "private/answers.csv"

    [[steps]]
    op = "write_csv"
    table = "new_train"
    to = "public/train.csv"

    [[steps]]
    op = "write_csv"
    table = "new_test"
    to = "public/test.csv"

    [[steps]]
    op = "write_csv"
    table = "sample"
    to = "public/sample_submission.csv"
    index = true

    [[steps]]
    op = "copy_by_id"
    table = "new_train"
    column = "id"
    from = "train_images/{id}.jpg"
    to = "public/train_images/{id}.jpg"

    [[steps]]
    op = "copy_by_id"
    table = "new_test"
    column = "id"
    from = "train_images/{id}.jpg"
    to = "public/test_images/{id}.jpg"

    [[steps]]
    op = "zip"
    from = "public/train_images"
    to = "public/train_images.zip"

    [[steps]]
    op = "zip"
    from = "public/test_images"
    to = "public/test_images.zip"

    [[steps]]
    op = "read_csv"
    path = "info.csv"
    as = "info"

    [[steps]]
    op = "replace"
    table = "info"
    column = "image_file"
    old = ".tiff"
    new = ""
    into = "id"
    as = "info"

    [[steps]]
    op = "write_csv"
    table = "info"
    to = "public/info.csv"

    [[steps]]
    op = "replace"
    table = "info"
    column = "image_file"
    old = "img"
    new = "IMG-"
    as = "renamed"

    [[steps]]
    op = "write_csv"
    table = "renamed"
    to = "public/renamed.csv"

    [[steps]]
    op = "filter"
    table = "info"
    column = "id"
    in = "old_train"
    as = "kept"

    [[steps]]
    op = "select"
    table = "kept"
    columns = ["id", "width_pixels", "height_pixels", "note"]
    as = "sizes"

    [[steps]]
    op = "merge"
    table = "answers"
    with = "sizes"
    on = "id"
    as = "inner"

    [[steps]]
    op = "write_csv"
    table = "inner"
    to = "private/inner.csv"

    [[steps]]
    op = "write_csv"
    table = "inner"
    to = "private/inner_index.csv"
    index = true

    [[steps]]
    op = "select"
    table = "old_train"
    columns = ["id", "frame", "location"]
    as = "left"

    [[steps]]
    op = "select"
    table = "info"
    columns = ["id", "width_pixels", "note"]
    as = "right"

    [[steps]]
    op = "rename"
    table = "right"
    columns = { note = "frame" }
    as = "right"

    [[steps]]
    op = "merge"
    table = "left"
    with = "right"
    on = ["id"]
    how = "left"
    as = "left_merged"

    [[steps]]
    op = "write_csv"
    table = "left_merged"
    to = "private/left.csv"

    [[steps]]
    op = "filter"
    table = "left"
    column = "id"
    in = "dups"
    as = "first_four"

    [[steps]]
    op = "read_csv"
    path = "boxes.csv"
    as = "boxes"

    [[steps]]
    op = "split"
    table = "boxes"
    by = "image_id"
    test_size = 0.25
    random_state = 2
    train = "boxes_train"
    test = "boxes_answers"
    train_keys = "train_ids"
    test_keys = "test_ids"

    [[steps]]
    op = "write_csv"
    table = "boxes_train"
    to = "public/vb_train.csv"

    [[steps]]
    op = "write_csv"
    table = "train_ids"
    to = "private/vb_train_keys.csv"
    index = true

    [[steps]]
    op = "set"
    table = "test_ids"
    values = { PredictionString = "14 1 0 0 1 1" }
    as = "vb_sample"

    [[steps]]
    op = "write_csv"
    table = "vb_sample"
    to = "public/vb_sample.csv"

    [[steps]]
    op = "group_first"
    table = "boxes_answers"
    by = ["image_id", "class_id"]
    as = "consensus"

    [[steps]]
    op = "fillna"
    table = "consensus"
    value = 0
    as = "consensus"

    [[steps]]
    op = "set"
    table = "consensus"
    where = { class_id = 14 }
    columns = ["x_max", "y_max"]
    value = 1.0
    as = "consensus"

    [[steps]]
    op = "write_csv"
    table = "consensus"
    to = "private/vb_answers.csv"

    [[steps]]
    op = "format"
    table = "consensus"
    column = "PredictionString"
    template = "{class_id} 1.0 {x_min} {y_min} {x_max} {y_max}"
    as = "predictions"

    [[steps]]
    op = "group_join"
    table = "predictions"
    by = "image_id"
    column = "PredictionString"
    separator = " "
    as = "vb_gold"

    [[steps]]
    op = "write_csv"
    table = "vb_gold"
    to = "private/vb_gold.csv"

    [[steps]]
    op = "copy_by_id"
    table = "test_ids"
    column = "image_id"
    from = "boxes/{id}.dicom"
    to = "public/vb_test/{id}.dicom"

    [outputs]

    [grader]
    metric = "accuracy"
    """

    /// `pd.concat([left, left.iloc[:4]])` has no step: the duplicated left keys come from a
    /// second raw file holding those rows again.
    static let recipeWithDuplicates = recipe.replacingOccurrences(of: """
        [[steps]]
        op = "filter"
        table = "left"
        column = "id"
        in = "dups"
        as = "first_four"
        """, with: """
        [[steps]]
        op = "read_csv"
        path = "train_again.csv"
        as = "again"

        [[steps]]
        op = "select"
        table = "again"
        columns = ["id", "frame", "location"]
        as = "again"

        [[steps]]
        op = "merge"
        table = "again"
        with = "right"
        on = "id"
        as = "dups"

        [[steps]]
        op = "write_csv"
        table = "dups"
        to = "private/inner_dups.csv"
        """).replacingOccurrences(of: """
        [[inputs]]
        path = "info.csv"
        """, with: """
        [[inputs]]
        path = "info.csv"

        [[inputs]]
        path = "train_again.csv"

        [[inputs]]
        path = "boxes.csv"

        [[inputs]]
        path = "boxes"
        directory = true
        """)

    func build(recipe: String = Self.recipeWithDuplicates, zipImages: Bool = true) throws -> TestSupport.ProcessResult {
        let lines = MergeStepsVectors.trainCSV.split(separator: "\n")
        var raw = ["train.csv": MergeStepsVectors.trainCSV, "train_again.csv": (lines + lines[1 ... 4]).joined(separator: "\n") + "\n",
                   "info.csv": MergeStepsVectors.infoCSV, "boxes.csv": MergeStepsVectors.boxesCSV]
        for image in MergeStepsVectors.boxImages { raw["boxes/\(image).dicom"] = image }
        let ids = (MergeStepsVectors.trainImages + MergeStepsVectors.testImages).sorted()
        if !zipImages { for name in ids { raw["train_images/\(name)"] = "jpeg " + name } }
        try RecipeBuild.stage(home: home, recipe: recipe, raw: raw)
        if zipImages {
            // The nested archive holds the images at its root, as Kaggle's train_images.zip does.
            let py = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                for name in sys.argv[2:]:
                    z.writestr(name, "jpeg " + name)
            """
            let r = try TestSupport.run("/usr/bin/env", ["python3", "-c", py, "\(home)/raw/demo/train_images.zip"] + ids)
            #expect(r.status == 0, "\(r.stderr)")
        }
        return try RecipeBuild.run(home: home)
    }

    func zipListing(_ path: String) throws -> String {
        let py = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None
            assert all(z.read(n) == ("jpeg " + n).encode() for n in z.namelist())
            print(" ".join(z.namelist()))
        """
        let r = try TestSupport.run("/usr/bin/env", ["python3", "-c", py, path])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func theOutputsAreWhatPandasAndScikitLearnWrite() throws {
        defer { TestSupport.remove(home) }
        let r = try build()
        #expect(r.status == 0, "\(r.stderr)")
        let out = RecipeBuild.prepared(home: home)
        try RecipeBuild.expectBytes(MergeStepsVectors.expected, under: out)
        #expect(try zipListing("\(out)/public/train_images.zip") == MergeStepsVectors.trainImages.joined(separator: " ") + "\n")
        #expect(try zipListing("\(out)/public/test_images.zip") == MergeStepsVectors.testImages.joined(separator: " ") + "\n")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/public/train_images"))
        let copied = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public/vb_test").sorted()
        let sample = MergeStepsVectors.expected["public/vb_sample.csv"]!.split(separator: "\n").dropFirst()
        #expect(copied == sample.map { $0.split(separator: ",")[0] + ".dicom" }.sorted())
    }

    @Test func anArchiveInputAlsoTakesTheFolderAlreadyUnpacked() throws {
        defer { TestSupport.remove(home) }
        let r = try build(zipImages: false)
        #expect(r.status == 0, "\(r.stderr)")
        let out = RecipeBuild.prepared(home: home)
        #expect(try zipListing("\(out)/public/test_images.zip") == MergeStepsVectors.testImages.joined(separator: " ") + "\n")
    }

    @Test func aMissingArchiveNamesIt() throws {
        defer { TestSupport.remove(home) }
        let r = try build(recipe: Self.recipeWithDuplicates.replacingOccurrences(of: "path = \"train_images\"\narchive = \"train_images.zip\"",
                                                                                  with: "path = \"other\"\narchive = \"other.zip\""),
                          zipImages: false)
        #expect(r.status != 0)
        #expect(r.stderr.contains("raw file 'other.zip' was not found among the raw files"), "\(r.stderr)")
    }

    /// A change to the recipe (`old` → `new`) that the build refuses, and the message it names.
    static let refusedChanges: [(old: String, new: String, message: String)] = [
        // merging on keys of different dtypes
        ("on = [\"id\"]", "on = \"frame\"", "(merge): key column 'frame' is int64 on the left and object on the right"),
        // replacing in a numeric column
        ("column = \"image_file\"\nold = \"img\"", "column = \"width_pixels\"\nold = \"1\"",
         "(replace): column 'width_pixels' is int64; replace (.str.replace) needs a text column"),
        // filling a float column with text
        ("op = \"fillna\"\ntable = \"consensus\"\nvalue = 0", "op = \"fillna\"\ntable = \"consensus\"\nvalue = \"0\"",
         "(fillna): column 'x_min' is float64 and has NaN; filling it with 0 would change its dtype"),
        // setting a missing column where a row matches
        (#"columns = ["x_max", "y_max"]"#, #"columns = ["x_max", "z"]"#,
         "(set): no column 'z' (pandas would add it with NaN elsewhere, which is not supported)"),
        // joining numbers
        ("by = \"image_id\"\ncolumn = \"PredictionString\"", "by = \"image_id\"\ncolumn = \"class_id\"",
         "(group_join): row 0: 'class_id' = 0 is not text, which str.join refuses"),
    ]

    @Test(arguments: refusedChanges)
    func aRefusedStepIsAnErrorNamingIt(_ change: (old: String, new: String, message: String)) throws {
        defer { TestSupport.remove(home) }
        let r = try build(recipe: Self.recipeWithDuplicates.replacingOccurrences(of: change.old, with: change.new))
        #expect(r.status != 0)
        #expect(r.stderr.contains(change.message), "\(r.stderr)")
    }
}

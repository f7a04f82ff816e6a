import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: an input bound to a nested archive's members (`archive`), `replace` and `merge`,
/// against pandas' and scikit-learn's bytes (`scripts/vectors/merge_steps.py`).
@Suite(.serialized) struct MergeStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("merge-steps") }

    /// `pd.concat([left, left.iloc[:4]])` has no step: the duplicated left keys come from a second
    /// raw file (`train_again.csv`) holding those rows again.
    static let recipe = RecipeBuild.demo("merge-steps")

    func build(recipe: String = Self.recipe, zipImages: Bool = true) throws -> TestSupport.ProcessResult {
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
        let out = try RecipeBuild.expectPrepared(try build(), home: home, MergeStepsVectors.expected)
        #expect(try zipListing("\(out)/public/train_images.zip") == MergeStepsVectors.trainImages.joined(separator: " ") + "\n")
        #expect(try zipListing("\(out)/public/test_images.zip") == MergeStepsVectors.testImages.joined(separator: " ") + "\n")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/public/train_images"))
        let copied = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public/vb_test").sorted()
        let sample = MergeStepsVectors.expected["public/vb_sample.csv"]!.split(separator: "\n").dropFirst()
        #expect(copied == sample.map { $0.split(separator: ",")[0] + ".dicom" }.sorted())
    }

    @Test func anArchiveInputAlsoTakesTheFolderAlreadyUnpacked() throws {
        defer { TestSupport.remove(home) }
        let out = try RecipeBuild.expectPrepared(try build(zipImages: false), home: home)
        #expect(try zipListing("\(out)/public/test_images.zip") == MergeStepsVectors.testImages.joined(separator: " ") + "\n")
    }

    @Test func aMissingArchiveNamesIt() throws {
        defer { TestSupport.remove(home) }
        let other = RecipeBuild.edited(Self.recipe, [("path = \"train_images\"\narchive = \"train_images.zip\"", "path = \"other\"\narchive = \"other.zip\"")])
        RecipeBuild.expectFailed(try build(recipe: other, zipImages: false), saying: ["raw file 'other.zip' was not found among the raw files"])
    }

    static let refusals = [
        RefusedBuild("merging on keys of different dtypes", edits: [("on = [\"id\"]", "on = \"frame\"")],
                     saying: "(merge): key column 'frame' is int64 on the left and object on the right"),
        RefusedBuild("replacing in a numeric column", edits: [("column = \"image_file\"\nold = \"img\"", "column = \"width_pixels\"\nold = \"1\"")],
                     saying: "(replace): column 'width_pixels' is int64; replace (.str.replace) needs a text column"),
        RefusedBuild("filling a float column with text",
                     edits: [("op = \"fillna\"\ntable = \"consensus\"\nvalue = 0", "op = \"fillna\"\ntable = \"consensus\"\nvalue = \"0\"")],
                     saying: "(fillna): column 'x_min' is float64 and has NaN; filling it with 0 would change its dtype"),
        RefusedBuild("setting a missing column where a row matches", edits: [(#"columns = ["x_max", "y_max"]"#, #"columns = ["x_max", "z"]"#)],
                     saying: "(set): no column 'z' (pandas would add it with NaN elsewhere, which is not supported)"),
        RefusedBuild("joining numbers", edits: [("by = \"image_id\"\ncolumn = \"PredictionString\"", "by = \"image_id\"\ncolumn = \"class_id\"")],
                     saying: "(group_join): row 0: 'class_id' = 0 is not text, which str.join refuses"),
    ]

    @Test(arguments: refusals)
    func aRefusedStepIsAnErrorNamingIt(_ refusal: RefusedBuild) throws {
        defer { TestSupport.remove(home) }
        RecipeBuild.expectFailed(try build(recipe: RecipeBuild.edited(Self.recipe, refusal.edits)), saying: refusal.messages)
    }
}

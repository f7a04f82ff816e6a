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

    static let recipe = RecipeBuild.demo("json-steps")

    static let raw = ["train.json": JSONStepsVectors.trainJSON, "test.json": JSONStepsVectors.testJSON, "labels.csv": JSONStepsVectors.labelsCSV]

    @Test func theOutputsAreWhatPandasAndScikitLearnWrite() throws {
        defer { TestSupport.remove(home) }
        let r = try RecipeBuild.build(home: home, recipe: Self.recipe, raw: Self.raw)
        let out = try RecipeBuild.expectPrepared(r, home: home, JSONStepsVectors.expected)
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

    @Test(arguments: [
        RefusedBuild("writing JSON from a CSV table", edits: [("""
            op = "write_csv"
            table = "sample"
            to = "public/sample_submission.csv"
            """, """
            op = "write_json"
            table = "sample"
            to = "public/sample_submission.json"
            """)], saying: "step 12 (write_json): table 'sample' was not read by read_json"),
        RefusedBuild("a list in a CSV column", edits: [(#"columns = ["request_id", "n", "ts", "text"]"#, #"columns = ["request_id", "subs"]"#)],
                     saying: "column 'subs' holds lists or objects"),
    ])
    func aTableThatCSVOrJSONCannotHoldIsAnError(_ refusal: RefusedBuild) throws {
        defer { TestSupport.remove(home) }
        try RecipeBuild.expectRefused(refusal, home: home, recipe: Self.recipe, raw: Self.raw)
    }
}

import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: group_split and set … where_not_in (whale-categorization-playground's pattern)
/// against the bytes MLE-bench's code writes (`scripts/vectors/group_split_steps.py`).
@Suite(.serialized) struct GroupSplitStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("whale-steps") }

    static let recipe = RecipeBuild.demo("group-split-steps")

    static var raw: [String: String] {
        var raw = ["train.csv": GroupSplitStepsVectors.trainCSV]
        for image in GroupSplitStepsVectors.trainImages + GroupSplitStepsVectors.testImages { raw["train/\(image)"] = "jpeg \(image)" }
        return raw
    }

    @Test func theOutputsAreWhatPandasNumpyAndScikitLearnWrite() throws {
        defer { TestSupport.remove(home) }
        let r = try RecipeBuild.build(home: home, recipe: Self.recipe, raw: Self.raw)
        let out = try RecipeBuild.expectPrepared(r, home: home, GroupSplitStepsVectors.expected)
        for (folder, images) in [("train", GroupSplitStepsVectors.trainImages), ("test", GroupSplitStepsVectors.testImages)] {
            let listed = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public/\(folder)").sorted()
            #expect(listed == images.sorted())
        }
    }

    @Test(arguments: [
        RefusedBuild("a missing group key", raw: ["train.csv": "Image,Id\na.jpg,w_1\nb.jpg,\nc.jpg,w_1\n", "train/a.jpg": "a"],
                     saying: "step 2 (group_split): row 1: 'Id' is missing"),
        RefusedBuild("matching against a table without the column",
                     edits: [("where_not_in = { Id = \"new_train\" }", "where_not_in = { Image = \"sample_less\" }"),
                             ("[[steps]]\nop = \"set\"\ntable = \"test\"",
                              "[[steps]]\nop = \"select\"\ntable = \"test\"\ncolumns = [\"Id\"]\nas = \"sample_less\"\n\n[[steps]]\nop = \"set\"\ntable = \"test\"")],
                     saying: "no column 'Image' in the table matched against"),
    ])
    func aSplitOrSetItCannotDoIsAnError(_ refusal: RefusedBuild) throws {
        defer { TestSupport.remove(home) }
        try RecipeBuild.expectRefused(refusal, home: home, recipe: Self.recipe, raw: Self.raw)
    }
}

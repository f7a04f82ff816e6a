import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: templated copy_by_id paths, folder copies, filter by value, split train_size,
/// format, set from/mean, renumber unique/format, group_first, normalize and write_csv
/// index/quoting, against the bytes MLE-bench's code writes (`scripts/vectors/transform_steps.py`).
@Suite(.serialized) struct TransformStepsBuildTests {
    @Test func theOutputsAreWhatPandasAndScikitLearnWrite() throws {
        try RecipeBuild.buildDemo("transform-steps", raw: TransformStepsVectors.raw) { r, home in
            let out = try RecipeBuild.expectPrepared(r, home: home, TransformStepsVectors.expected)
            #expect(Set(try RecipeBuild.texts(under: out, ["public", "private"]).keys) == Set(TransformStepsVectors.expected.keys))
        }
    }

    @Test(arguments: [
        RefusedBuild("a template naming a missing column", edits: [("template = \"{patient_id}_{laterality}\"", "template = \"{patient}_{laterality}\"")],
                     saying: "(format): template '{patient}_{laterality}': no column 'patient'"),
        RefusedBuild("a path template past the id's end", edits: [("to = \"public/test/{id[0]}/{id}.png\"", "to = \"public/test/{id[40]}/{id}.png\"")],
                     saying: "has no character 40"),
        RefusedBuild("normalizing a missing column", edits: [("columns = [\"seizure_vote\", \"lpd_vote\", \"other_vote\"]\nas = \"v_gold\"",
                                                               "columns = [\"seizure_vote\", \"nope\"]\nas = \"v_gold\"")],
                     saying: "(normalize): no column 'nope'"),
        RefusedBuild("filtering on a boolean value", edits: [("value = \"dup.jpg\"", "value = true")],
                     saying: "field 'steps[13].value': expected a string or a number"),
        RefusedBuild("a write_csv quoting other than minimal or nonnumeric", edits: [("to = \"public/cams_sample.csv\"", "to = \"public/cams_sample.csv\"\nquoting = \"all\"")],
                     saying: "quoting': expected 'minimal' or 'nonnumeric', got 'all'"),
    ])
    func aStepThatCannotBeDoneExactlyFailsTheBuild(_ refusal: RefusedBuild) throws {
        try RecipeBuild.buildDemo("transform-steps", edits: refusal.edits, raw: refusal.raw ?? TransformStepsVectors.raw) { r, _ in
            RecipeBuild.expectFailed(r, saying: refusal.messages)
        }
    }
}

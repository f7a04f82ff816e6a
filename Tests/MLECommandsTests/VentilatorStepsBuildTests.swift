import Foundation
import MLETestSupport
import Testing

/// End to end: the committed ventilator-pressure-prediction recipe (its MD5s aside) over a
/// synthetic train.csv — read with explicit dtypes, split over `groupby("breath_id")` groups,
/// ids renumbered from 1, written with `float_format="%.10g"` — against MLE-bench's prepare.py
/// (`scripts/vectors/ventilator_steps.py`).
@Suite(.serialized) struct VentilatorStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("ventilator-steps") }

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        for (path, text) in VentilatorStepsVectors.rawFiles {
            try MoreStepsBuildTests.write("\(home)/raw/ventilator-pressure-prediction/\(path)", text)
        }
        let out = try CommittedRecipeBuild.build("ventilator-pressure-prediction", home: home, files: [:], archives: [])
        try CommittedRecipeBuild.expectBytes(VentilatorStepsVectors.expected, under: out)
        #expect(try CommittedRecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == VentilatorStepsVectors.expected.keys.sorted())
    }
}

import Foundation
import MLERecipes
import MLETestSupport
import Testing

/// Every committed recipe says its metric's direction: without a leaderboard, a report's
/// `is_lower_better` comes from it.
struct MetricDirectionTests {
    @Test func everyCommittedRecipeSaysWhetherLowerIsBetter() throws {
        let registry = try Registry.load(directory: TestSupport.packageRoot.appendingPathComponent("registry").path)
        #expect(registry.recipes.count == 82)
        for r in registry.recipes {
            #expect(r.grader.lowerIsBetter != nil, "\(r.id) lacks grader.lower_is_better")
        }
        // Known answers: losses and errors are lower-is-better, scores higher.
        let expected = ["spooky-author-identification": true, "spaceship-titanic": false, "ventilator-pressure-prediction": true,
                        "nomad2018-predict-transparent-conductors": true, "leaf-classification": true,
                        "uw-madison-gi-tract-image-segmentation": false, "osic-pulmonary-fibrosis-progression": false]
        for (id, lower) in expected { #expect(registry.recipe(id)?.grader.lowerIsBetter == lower, "\(id)") }
    }

    /// The direction agrees with MLE-bench's own facts where ../shared has them.
    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/mle-bench is absent"))
    func directionsMatchMLEBenchsMetrics() throws {
        let tsv = try String(contentsOf: TestSupport.sharedDirectory!.appendingPathComponent("data/mle-bench/competitions.tsv"), encoding: .utf8)
        let lines = tsv.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let column = lines[0].firstIndex(of: "is_lower_better_expected_from_metric")!
        let registry = try Registry.load(directory: TestSupport.packageRoot.appendingPathComponent("registry").path)
        var checked = 0
        for row in lines.dropFirst() where row.count > column {
            guard let r = registry.recipe(row[0]) else { continue }
            #expect(r.grader.lowerIsBetter == (row[column] == "True"), "\(row[0])")
            checked += 1
        }
        #expect(checked == 82)
    }
}

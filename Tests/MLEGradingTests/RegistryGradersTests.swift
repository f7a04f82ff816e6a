import Foundation
import MLERecipes
import Testing
@testable import MLEGrading

/// Every committed recipe names a grader that exists, and every grader is checked against its
/// reference: the 77 competitions without raw files in ../shared by a batch manifest
/// (Inputs/*/manifest.json), the five built from real raw files by the MLE-bench grading
/// acceptance test in MLECommandsTests.
@Suite struct RegistryGradersTests {
    static let builtFromRealRawFiles: Set<String> = [
        "detecting-insults-in-social-commentary", "leaf-classification",
        "nomad2018-predict-transparent-conductors", "spaceship-titanic", "spooky-author-identification",
    ]

    @Test func everyCommittedRecipeHasAnImplementedGraderCheckedAgainstItsReference() throws {
        let registry = try Registry.load(directory: GraderManifest.packageRoot.appendingPathComponent("registry").path)
        #expect(registry.recipes.count == 82)
        let missing = registry.recipes.filter { GraderRegistry.grader(metric: $0.grader.metric, parameters: $0.grader.parameters) == nil }
        #expect(missing.map(\.id) == [])

        let inputs = GraderManifest.packageRoot.appendingPathComponent("Tests/MLEGradingTests/Inputs")
        var covered = Set<String>()
        for batch in try FileManager.default.contentsOfDirectory(atPath: inputs.path)
        where FileManager.default.fileExists(atPath: inputs.appendingPathComponent("\(batch)/manifest.json").path) {
            covered.formUnion(try GraderManifest.load(batch).competitions.keys)
        }
        #expect(covered.count == 77)
        #expect(covered.isDisjoint(with: Self.builtFromRealRawFiles))
        #expect(Set(registry.recipes.map(\.id)) == covered.union(Self.builtFromRealRawFiles))
    }
}

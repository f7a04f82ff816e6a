import Foundation
import MLERecipes
import Testing
@testable import MLEGrading

/// Every committed recipe names a grader that exists, and every grader is checked against its
/// reference: the 77 competitions without raw files in ../shared by their reference cases
/// (Inputs/graders/<competition>/cases.json), the five built from real raw files by the MLE-bench
/// grading acceptance test in MLECommandsTests.
@Suite struct RegistryGradersTests {
    static let builtFromRealRawFiles: Set<String> = [
        "detecting-insults-in-social-commentary", "leaf-classification",
        "nomad2018-predict-transparent-conductors", "spaceship-titanic", "spooky-author-identification",
    ]

    static func registry() throws -> Registry {
        try Registry.load(directory: GraderCases.packageRoot.appendingPathComponent("registry").path)
    }

    @Test func everyCommittedRecipeHasAnImplementedGraderCheckedAgainstItsReference() throws {
        let registry = try Self.registry()
        #expect(registry.recipes.count == 82)
        let missing = registry.recipes.filter { GraderRegistry.grader(metric: $0.grader.metric, parameters: $0.grader.parameters) == nil }
        #expect(missing.map(\.id) == [])

        let covered = Set(GraderCases.competitions)
        #expect(covered.count == 77)
        #expect(try GraderCases.competitions.reduce(0) { $0 + (try GraderCases.load($1).cases.count) } == 1406)  // 1175 + the three careless variants of every sample
        #expect(covered.isDisjoint(with: Self.builtFromRealRawFiles))
        #expect(Set(registry.recipes.map(\.id)) == covered.union(Self.builtFromRealRawFiles))
    }

    @Test(arguments: GraderCases.competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderCases.load(competition).expectGradesAsMLEBench()
    }

    /// The module README's table (`| competition | grader | file |`) names, for every committed
    /// recipe, the grader `GraderRegistry` gives it and the file that declares that grader.
    @Test func theModuleREADMEListsEachCompetitionsGraderAndItsFile() throws {
        let sources = GraderCases.packageRoot.appendingPathComponent("Sources/MLEGrading")
        let readme = try String(contentsOf: sources.appendingPathComponent("README.md"), encoding: .utf8)
        var listed = [String: (grader: String, file: String)]()
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            guard cells.count == 3 else { continue }
            listed[cells[0]] = (cells[1], cells[2])
        }
        let registry = try Self.registry()
        #expect(Set(listed.keys) == Set(registry.recipes.map(\.id)))
        for recipe in registry.recipes {
            let grader = try #require(GraderRegistry.grader(metric: recipe.grader.metric, parameters: recipe.grader.parameters))
            let name = String(describing: type(of: grader))
            #expect(listed[recipe.id]?.grader == name, "\(recipe.id): the README says \(listed[recipe.id]?.grader ?? "nothing"), the registry gives \(name)")
            if let file = listed[recipe.id]?.file {
                let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
                #expect(text.contains("public struct \(name):"), "\(recipe.id): \(name) is not declared in \(file)")
            }
        }
    }
}

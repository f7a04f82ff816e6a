import Foundation
import MLETestSupport
import Testing

/// End to end: a table made from a raw folder listing (`list_files`), split, a constant sample
/// submission and images copied by row, against the bytes MLE-bench's
/// plant-seedlings-classification code writes (`scripts/vectors/list_files_steps.py`).
@Suite(.serialized) struct ListFilesStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("list-files-steps") }

    static let recipe = RecipeBuild.demo("list-files-steps")

    static let raw = Dictionary(uniqueKeysWithValues: ListFilesStepsVectors.rawFiles.map { ("train/\($0)", $0) })

    @Test func theOutputsAreWhatMLEBenchWrites() throws {
        defer { TestSupport.remove(home) }
        let r = try RecipeBuild.build(home: home, recipe: Self.recipe, raw: Self.raw)
        let out = try RecipeBuild.expectPrepared(r, home: home, ListFilesStepsVectors.expected)
        #expect(try RecipeBuild.texts(under: out, ["public/train", "public/test"]) == ListFilesStepsVectors.copied)
    }

    @Test func aListingThatMatchesNothingIsAnErrorNamingTheStep() throws {
        defer { TestSupport.remove(home) }
        try RecipeBuild.expectRefused(RefusedBuild("a listing that matches nothing", edits: [("ends_with = \".png\"", "ends_with = \".jpg\"")],
                                                   saying: "list_files", "no raw file under 'train/' matches '{species}/{file}'"),
                                      home: home, recipe: Self.recipe, raw: Self.raw)
    }
}

import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: `linspace` against numpy 1.26's values (recorded from `np.linspace(0.3, 1.9, 6)`,
/// whose rounding differs from `i * 0.32 + 0.3`), and `swap_rows` passing both sides through when
/// the test column varies and refusing tables that are not one split's two sides.
/// (google-quest-challenge's CommittedRecipeBuildTests case covers the exchange itself.)
@Suite(.serialized) struct SwapAndLinspaceBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("swap-linspace") }

    static let recipe = RecipeBuild.demo("swap-and-linspace")

    static let raw = ["train.csv": "id,s\n1,0.0\n2,0.5\n3,0.0\n4,1.0\n5,0.0\n6,0.25\n", "other.csv": "id,s\n9,1.0\n"]

    @Test func linspaceIsNumpysAndAVaryingColumnSwapsNothing() throws {
        defer { TestSupport.remove(home) }
        let r = try RecipeBuild.build(home: home, recipe: Self.recipe, raw: Self.raw)
        let spaced = "id,s,p\n1,0.3,0.3\n2,0.6199999999999999,0.6199999999999999\n3,0.94,0.94\n4,1.2599999999999998,1.2599999999999998\n"
            + "5,1.5799999999999998,1.5799999999999998\n6,1.9,1.9\n"
        // train_test_split(test_size=2, random_state=0) of 6 rows tests ids 6 and 3 (s 0.25, 0.0): not constant.
        try RecipeBuild.expectPrepared(r, home: home, ["public/spaced.csv": spaced, "private/held.csv": "id,s\n6,0.25\n3,0.0\n"])
    }

    @Test func swappingWithAnotherFilesRowsFailsTheBuild() throws {
        defer { TestSupport.remove(home) }
        let raw = ["train.csv": "id,s\n1,0.0\n2,0.0\n3,0.0\n4,1.0\n5,0.0\n6,0.0\n", "other.csv": "id,s\n9,1.0\n"]
        try RecipeBuild.expectRefused(RefusedBuild("swapping with another file's rows", edits: [("with = \"rest\"", "with = \"other\"")], raw: raw,
                                                   saying: "must be the two sides of one split"),
                                      home: home, recipe: Self.recipe, raw: Self.raw)
    }
}

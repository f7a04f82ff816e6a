import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: `renumber` after a split keeps the other columns as pandas holds them. pandas types
/// each `low_memory` chunk on its own (65,536 rows for 16 columns), so a column can be float64 in
/// one chunk and text in the next; the split mixes the rows across chunks, and the text cells
/// must stay text (`0.72777926978103102407`, not `0.727779269781031`). The MD5 is pandas 2.2.2's
/// `train_test_split(df, test_size=0.5, random_state=0)`, `new_train.id = np.arange(len(new_train))`,
/// `to_csv(index=False)` of the same generated file.
@Suite(.serialized) struct RenumberTypingBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("renumber-typing") }

    static let recipe = RecipeBuild.demo("renumber-typing")

    /// 65,536 rows of `0.25` (a float64 chunk), then 40 rows of a text chunk: long decimals and one `abc`, which the split sends to the test side (so the train side has no text pandas would see as text).
    static var raw: String {
        var text = "id,x," + (0 ..< 14).map { "f\($0)" }.joined(separator: ",") + "\n"
        let ones = String(repeating: ",1", count: 14)
        for i in 0 ..< 65_536 + 40 {
            text += "\(i),\(i < 65_536 ? "0.25" : i == 65_541 ? "abc" : "0.72777926978103102407")\(ones)\n"
        }
        return text
    }

    @Test func textCellsOfAMixedColumnStayTextThroughRenumber() throws {
        defer { TestSupport.remove(home) }
        let out = try RecipeBuild.expectPrepared(try RecipeBuild.build(home: home, recipe: Self.recipe, raw: ["train.csv": Self.raw]), home: home)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/public/train.csv"))
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "0.72777926978103102407").count - 1 == 21)
        #expect(Digests.md5(bytes) == "637eed5c4e8757f21f50e25d4313f69d")
    }
}

import Foundation
import MLERecipes
import Testing

/// Decoding of `zip`'s `format` (7z archives) and `write_json`'s `compact`.
struct SevenZipStepTests {
    @Test func formatAndCompactDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "zip"
        from = "private/sample_submission.csv"
        to = "public/sample_submission.csv.7z"
        keep = true
        format = "7z"

        [[steps]]
        op = "zip"
        from = "public/train"
        to = "public/train.zip"
        format = "zip"

        [[steps]]
        op = "read_json"
        path = "train.json"
        as = "records"

        [[steps]]
        op = "write_json"
        table = "records"
        to = "public/train.json"
        compact = true

        [[steps]]
        op = "write_json"
        table = "records"
        to = "public/indented.json"
        """), file: "demo.toml")
        #expect(r.steps[2] == .zip(folder: "private/sample_submission.csv", to: "public/sample_submission.csv.7z",
                                   keep: true, format: .sevenZip))
        #expect(r.steps[3] == .zip(folder: "public/train", to: "public/train.zip", keep: false))
        #expect(r.steps[5] == .writeJSON(table: "records", to: "public/train.json", compact: true))
        #expect(r.steps[6] == .writeJSON(table: "records", to: "public/indented.json"))
    }

    @Test(arguments: [
        ("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train.rar\"\nformat = \"rar\"", "demo.toml:25: field 'steps[2].format': expected zip or 7z, got 'rar'"),
        ("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train.7z\"\nformat = 7", "demo.toml:25: field 'steps[2].format': expected a string, got integer"),
        ("op = \"write_json\"\ntable = \"train\"\nto = \"public/t.json\"\ncompact = \"yes\"", "demo.toml:25: field 'steps[2].compact': expected true or false, got string"),
        ("op = \"write_json\"\ntable = \"train\"\nto = \"public/t.json\"\nindent = 2", "demo.toml:25: field 'steps[2].indent': unknown field"),
    ])
    func malformedFieldsNameTheLine(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(DemoRecipe.withSteps("[[steps]]\n" + step), containing: expected)
    }
}

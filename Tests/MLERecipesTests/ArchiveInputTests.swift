import Foundation
import MLERecipes
import Testing

/// Decoding of inputs bound to a nested archive (`archive`).
struct ArchiveInputTests {
    static func recipe(inputs: String) -> String {
        DemoRecipe.withSteps("").replacingOccurrences(of: "[[steps]]\nop = \"read_csv\"\npath = \"train.csv\"",
                                                      with: inputs + "\n\n[[steps]]\nop = \"read_csv\"\npath = \"train.csv\"")
    }

    @Test func anArchiveInputIsAFolderOfItsMembers() throws {
        let r = try RecipeDecoder.decode(Self.recipe(inputs: """
        [[inputs]]
        path = "train_images"
        archive = "train_images.zip"
        sha256 = "abc"
        """), file: "demo.toml")
        #expect(r.inputs.count == 1)
        #expect(r.inputs[0].path == "train_images")
        #expect(r.inputs[0].archive == "train_images.zip")
        #expect(r.inputs[0].isDirectory)
        #expect(r.inputs[0].sha256 == "abc")
    }

    @Test(arguments: [
        ("path = \"images\"\narchive = \"../x.zip\"", "demo.toml:13: field 'inputs[0].archive': expected a relative archive path among the raw files, got '../x.zip'"),
        ("path = \"images\"\narchive = \"\"", "field 'inputs[0].archive': expected a relative archive path"),
        ("path = \"images/\"\narchive = \"x.zip\"", "demo.toml:12: field 'inputs[0].path': expected a relative folder for the archive's members, got 'images/'"),
        ("path = \"images\"\narchive = \"x.zip\"\ndirectory = false", "demo.toml:14: field 'inputs[0].directory': an input with 'archive' is a folder"),
        ("path = \"images\"\narchive = 3", "field 'inputs[0].archive': expected a string, got integer"),
    ])
    func malformedArchiveInputsNameTheLineAndField(_ input: String, _ expected: String) {
        DemoRecipe.expectDecodingError(Self.recipe(inputs: "[[inputs]]\n" + input), containing: expected)
    }
}

import Foundation
import MLERecipes
import Testing

/// Decoding of copy_dir_by_id, zip, filter and sort.
struct FileStepDecodingTests {
    @Test func copyDirByIDZipFilterAndSortDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "filter"
        table = "train"
        column = "id"
        in = "keep"
        in_column = "kept_id"
        not = true
        as = "rest"

        [[steps]]
        op = "filter"
        table = "train"
        column = "id"
        in = "keep"
        as = "kept"

        [[steps]]
        op = "sort"
        table = "kept"
        by = "score"
        as = "sorted"

        [[steps]]
        op = "copy_dir_by_id"
        table = "sorted"
        column = "id"
        from = "train/{id}/"
        to = "public/train/{id}"

        [[steps]]
        op = "zip"
        from = "public/train"
        to = "public/train.zip"
        keep = true
        """), file: "demo.toml")
        #expect(r.steps.count == 7)
        #expect(r.steps[2] == .filter(.init(table: "train", column: "id", other: "keep", otherColumn: "kept_id", negate: true, output: "rest")))
        #expect(r.steps[3] == .filter(.init(table: "train", column: "id", other: "keep", otherColumn: "id", negate: false, output: "kept")))
        #expect(r.steps[4] == .sort(table: "kept", by: "score", as: "sorted"))
        #expect(r.steps[5] == .copyDirByID(table: "sorted", column: "id", from: "train/{id}", to: "public/train/{id}"))
        #expect(r.steps[6] == .zip(folder: "public/train", to: "public/train.zip", keep: true))
    }

    @Test(arguments: [
        ("op = \"sort\"\ntable = \"train\"\nby = \"x\"\nas = \"s\"\ndescending = true", "demo.toml:26: field 'steps[2].descending': unknown field"),
        ("op = \"sort\"\ntable = \"train\"\nas = \"s\"", "field 'steps[2].by': is required"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nin = \"nowhere\"\nas = \"f\"", "field 'steps[2].in': table 'nowhere' is used before any step makes it"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nin = \"keep\"\nnot = \"yes\"\nas = \"f\"", "field 'steps[2].not': expected true or false, got string"),
        ("op = \"zip\"\nfrom = \"public/\"\nto = \"public/all.zip\"", "field 'steps[2].from': expected a folder inside public/ or private/"),
        ("op = \"zip\"\nfrom = \"raw/train\"\nto = \"public/train.zip\"", "field 'steps[2].from': expected a path under public/ or private/"),
        ("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train/x.zip\"", "field 'steps[2].to': the zip cannot be inside the folder it zips"),
        ("op = \"copy_dir_by_id\"\ntable = \"train\"\ncolumn = \"id\"\nfrom = \"../{id}\"\nto = \"public/{id}\"", "field 'steps[2].from': expected a relative folder"),
        ("op = \"copy_dir_by_id\"\ntable = \"train\"\ncolumn = \"id\"\nfrom = \"train/{id}\"\nto = \"train/{id}\"", "field 'steps[2].to': expected a path under public/ or private/"),
    ])
    func malformedNewStepsNameTheField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(DemoRecipe.withSteps("[[steps]]\n" + step), containing: expected)
    }

    /// Decoding `text` fails with an error whose text contains `expected`.
}

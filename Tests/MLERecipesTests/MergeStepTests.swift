import Foundation
import MLERecipes
import Testing

/// Decoding of `replace`, `merge` and inputs bound to a nested archive (`archive`).
struct MergeStepTests {
    @Test func theReplaceAndMergeStepsDecode() throws {
        let r = try RecipeDecoder.decode(TableStepsTests.recipe("""
        [[steps]]
        op = "replace"
        table = "train"
        column = "image_file"
        old = ".tiff"
        new = ""
        into = "id"
        as = "info"

        [[steps]]
        op = "replace"
        table = "train"
        column = "name"
        old = "a"
        new = "b"
        as = "train"

        [[steps]]
        op = "merge"
        table = "train"
        with = "info"
        on = "id"
        as = "m"

        [[steps]]
        op = "merge"
        table = "train"
        with = "keep"
        on = ["a", "b"]
        how = "left"
        as = "n"
        """), file: "demo.toml")
        #expect(r.steps[3] == .replace(.init(table: "train", column: "image_file", old: ".tiff", new: "", into: "id", output: "info")))
        #expect(r.steps[4] == .replace(.init(table: "train", column: "name", old: "a", new: "b", into: "name", output: "train")))
        #expect(r.steps[5] == .merge(table: "train", other: "info", on: ["id"], how: .inner, as: "m"))
        #expect(r.steps[6] == .merge(table: "train", other: "keep", on: ["a", "b"], how: .left, as: "n"))
    }

    @Test(arguments: [
        ("op = \"replace\"\ntable = \"train\"\ncolumn = \"c\"\nold = \"\"\nnew = \"x\"\nas = \"t\"",
         "demo.toml:30: field 'steps[3].old': expected the text to replace, got an empty string"),
        ("op = \"replace\"\ntable = \"train\"\ncolumn = \"c\"\nold = \"a\"\nas = \"t\"", "field 'steps[3].new': is required"),
        ("op = \"replace\"\ntable = \"train\"\ncolumn = \"c\"\nold = \"a\"\nnew = 1\nas = \"t\"",
         "demo.toml:31: field 'steps[3].new': expected a string, got integer"),
        ("op = \"replace\"\ntable = \"train\"\ncolumn = \"c\"\nold = \"a\"\nnew = \"b\"\nregex = true\nas = \"t\"",
         "demo.toml:32: field 'steps[3].regex': unknown field"),
        ("op = \"merge\"\ntable = \"train\"\nwith = \"keep\"\non = \"id\"\nhow = \"outer\"\nas = \"t\"",
         "demo.toml:31: field 'steps[3].how': expected 'inner' or 'left', got 'outer'"),
        ("op = \"merge\"\ntable = \"train\"\nwith = \"keep\"\non = []\nas = \"t\"",
         "demo.toml:30: field 'steps[3].on': expected at least one key column"),
        ("op = \"merge\"\ntable = \"train\"\nwith = \"keep\"\non = [\"a\", \"a\"]\nas = \"t\"",
         "field 'steps[3].on': expected distinct key columns"),
        ("op = \"merge\"\ntable = \"train\"\non = \"id\"\nas = \"t\"", "field 'steps[3].with': is required"),
        ("op = \"merge\"\ntable = \"train\"\nwith = \"later\"\non = \"id\"\nas = \"t\"",
         "demo.toml:29: field 'steps[3].with': table 'later' is used before any step makes it"),
    ])
    func malformedReplaceAndMergeStepsNameTheLineAndField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(TableStepsTests.recipe("[[steps]]\n" + step), containing: expected)
    }

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

/// Decoding of split keys, `fillna`, `set … where` and `group_join`.
struct FillAndJoinStepTests {
    @Test func theStepsDecode() throws {
        let r = try RecipeDecoder.decode(TableStepsTests.recipe("""
        [[steps]]
        op = "split"
        table = "train"
        by = "image_id"
        test_size = 0.1
        random_state = 0
        train = "a"
        test = "b"
        train_keys = "a_ids"
        test_keys = "b_ids"

        [[steps]]
        op = "fillna"
        table = "b_ids"
        value = 0
        as = "c"

        [[steps]]
        op = "fillna"
        table = "c"
        value = "none"
        columns = ["name"]
        as = "c"

        [[steps]]
        op = "set"
        table = "c"
        where = { class_id = 14 }
        columns = ["x_max", "y_max"]
        value = 1.0
        as = "d"

        [[steps]]
        op = "group_join"
        table = "a_ids"
        by = ["image_id"]
        column = "s"
        separator = " "
        as = "e"
        """), file: "demo.toml")
        #expect(r.steps[3] == .splitBy(.init(table: "train", column: "image_id", testSize: .fraction(0.1), randomState: 0, train: "a", test: "b",
                                       trainKeys: "a_ids", testKeys: "b_ids")))
        #expect(r.steps[4] == .fillNA(table: "b_ids", value: .int(0), columns: nil, as: "c"))
        #expect(r.steps[5] == .fillNA(table: "c", value: .string("none"), columns: ["name"], as: "c"))
        #expect(r.steps[6] == .setWhere(.init(table: "c", column: "class_id", equals: .int(14), columns: ["x_max", "y_max"], value: .float(1), output: "d")))
        #expect(r.steps[7] == .groupJoin(table: "a_ids", by: ["image_id"], column: "s", separator: " ", as: "e"))
    }

    @Test(arguments: [
        ("op = \"fillna\"\ntable = \"train\"\nvalue = true\nas = \"t\"", "demo.toml:29: field 'steps[3].value': expected a string or a number"),
        ("op = \"fillna\"\ntable = \"train\"\nas = \"t\"", "field 'steps[3].value': is required"),
        ("op = \"fillna\"\ntable = \"train\"\nvalue = 0\ncolumns = []\nas = \"t\"", "demo.toml:30: field 'steps[3].columns': expected at least one column"),
        ("op = \"set\"\ntable = \"train\"\nwhere = { a = 1, b = 2 }\ncolumns = [\"x\"]\nvalue = 1\nas = \"t\"",
         "demo.toml:29: field 'steps[3].where': expected one column and its value"),
        ("op = \"set\"\ntable = \"train\"\nwhere = { a = 1 }\nvalues = { x = 1 }\nas = \"t\"",
         "field 'steps[3].where': a conditional set takes 'columns' and a constant 'value' only"),
        ("op = \"set\"\ntable = \"train\"\nwhere = { a = 1 }\ncolumns = [\"x\"]\nas = \"t\"", "field 'steps[3].value': is required"),
        ("op = \"set\"\ntable = \"train\"\nwhere = { a = false }\ncolumns = [\"x\"]\nvalue = 1\nas = \"t\"",
         "field 'steps[3].where': expected a string or a number"),
        ("op = \"group_join\"\ntable = \"train\"\nby = \"a\"\ncolumn = \"s\"\nas = \"t\"", "field 'steps[3].separator': is required"),
        ("op = \"group_join\"\ntable = \"train\"\nby = []\ncolumn = \"s\"\nseparator = \" \"\nas = \"t\"",
         "demo.toml:29: field 'steps[3].by': expected at least one column"),
        ("op = \"split\"\ntable = \"train\"\ntest_size = 0.1\ntrain = \"a\"\ntest = \"b\"\ntest_keys = \"k\"",
         "field 'steps[3].test_keys': unknown field"),
        ("op = \"group_join\"\ntable = \"later\"\nby = \"a\"\ncolumn = \"s\"\nseparator = \" \"\nas = \"t\"",
         "demo.toml:28: field 'steps[3].table': table 'later' is used before any step makes it"),
    ])
    func malformedStepsNameTheLineAndField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(TableStepsTests.recipe("[[steps]]\n" + step), containing: expected)
    }
}

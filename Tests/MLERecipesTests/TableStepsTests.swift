import Foundation
import MLERecipes
import Testing

/// Decoding of read_json, write_json, read_csv dtype, split by / test_size_from, select
/// columns_of, astype and randint.
struct TableStepsTests {
    static func recipe(_ steps: String) -> String {
        DemoRecipe.withSteps("""
        [[steps]]
        op = "read_json"
        path = "train.json"
        as = "records"

        \(steps)
        """)
    }

    @Test func theTableStepsDecode() throws {
        let r = try RecipeDecoder.decode(Self.recipe("""
        [[steps]]
        op = "read_csv"
        path = "labels.csv"
        dtype = { id = "str", n = "int" }
        as = "labels"

        [[steps]]
        op = "split"
        table = "records"
        test_size_from = "keep"
        random_state = 0
        train = "a"
        test = "b"

        [[steps]]
        op = "split"
        table = "labels"
        by = "group"
        test_size = 0.25
        random_state = 8
        train = "c"
        test = "d"

        [[steps]]
        op = "select"
        table = "b"
        columns_of = "keep"
        as = "e"

        [[steps]]
        op = "astype"
        table = "e"
        columns = { flag = "int" }
        as = "e"

        [[steps]]
        op = "randint"
        table = "d"
        column = "score"
        low = 1
        high = 7
        random_state = 42
        as = "f"

        [[steps]]
        op = "write_json"
        table = "a"
        to = "public/train.json"
        """), file: "demo.toml")
        #expect(r.steps.count == 10)
        #expect(r.steps[0] == .readCSV(path: "train.csv", as: "train", dtype: []))
        #expect(r.steps[2] == .readJSON(path: "train.json", as: "records"))
        #expect(r.steps[3] == .readCSV(path: "labels.csv", as: "labels", dtype: [("id", .str), ("n", .int)]))
        #expect(r.steps[4] == .split(.init(table: "records", testSize: .shareOf("keep"), randomState: 0, train: "a", test: "b", hash: nil)))
        #expect(r.steps[5] == .splitBy(.init(table: "labels", column: "group", testSize: .fraction(0.25), randomState: 8, train: "c", test: "d")))
        #expect(r.steps[6] == .selectLike(table: "b", columnsOf: "keep", as: "e"))
        #expect(r.steps[7] == .astype(table: "e", columns: [("flag", .int)], as: "e"))
        #expect(r.steps[8] == .randint(.init(table: "d", column: "score", low: 1, high: 7, randomState: 42, output: "f")))
        #expect(r.steps[9] == .writeJSON(table: "a", to: "public/train.json"))
    }

    @Test func floatDtypesAndFloatFormatDecode() throws {
        let r = try RecipeDecoder.decode(Self.recipe("""
        [[steps]]
        op = "read_csv"
        path = "labels.csv"
        dtype = { p = "float" }
        as = "labels"

        [[steps]]
        op = "write_csv"
        table = "labels"
        to = "public/labels.csv"
        float_format = "%.10g"
        """), file: "demo.toml")
        #expect(r.steps[3] == .readCSV(path: "labels.csv", as: "labels", dtype: [("p", .float)]))
        #expect(r.steps[4] == .writeCSV(table: "labels", to: "public/labels.csv", index: false, quoting: .minimal, floatPrecision: 10))
    }

    @Test(arguments: ["%.10f", "%10g", "%.0g", "%.18g", "%.g", "%.1 0g", "{:.10g}"])
    func floatFormatsOtherThanPercentGAreRefused(_ format: String) {
        let step = "op = \"write_csv\"\ntable = \"train\"\nto = \"public/t.csv\"\nfloat_format = \"\(format)\""
        DemoRecipe.expectDecodingError(Self.recipe("[[steps]]\n" + step),
                                           containing: "demo.toml:30: field 'steps[3].float_format': expected '%.<p>g' with p in 1 … 17, got '\(format)'")
    }

    @Test(arguments: [
        ("op = \"read_csv\"\npath = \"a.csv\"\ndtype = { id = \"int32\" }\nas = \"t\"", "demo.toml:29: field 'steps[3].dtype.id': expected 'str' or 'int' or 'float', got 'int32'"),
        ("op = \"read_csv\"\npath = \"a.csv\"\ndtype = \"str\"\nas = \"t\"", "field 'steps[3].dtype': expected a table, got string"),
        ("op = \"split\"\ntable = \"records\"\ntest_size = 0.1\ntest_size_from = \"keep\"\ntrain = \"a\"\ntest = \"b\"", "field 'steps[3].test_size_from': expected either 'test_size' or 'test_size_from', not both"),
        ("op = \"split\"\ntable = \"records\"\ntest_size_from = \"nowhere\"\ntrain = \"a\"\ntest = \"b\"", "demo.toml:29: field 'steps[3].test_size_from': table 'nowhere' is used before any step makes it"),
        ("op = \"split\"\ntable = \"records\"\ntrain = \"a\"\ntest = \"b\"", "field 'steps[3].test_size': is required (or 'test_size_from')"),
        ("op = \"split\"\ntable = \"train\"\nmode = \"hash\"\nsalt = \"s\"\nkey = \"id\"\nby = \"g\"\ntest_size = 0.1\ntrain = \"a\"\ntest = \"b\"", "field 'steps[3].by': splitting by a column's values is only defined for mode mlebench"),
        ("op = \"select\"\ntable = \"train\"\ncolumns = [\"a\"]\ncolumns_of = \"keep\"\nas = \"s\"", "field 'steps[3].columns_of': expected either 'columns' or 'columns_of', not both"),
        ("op = \"select\"\ntable = \"train\"\ncolumns_of = \"later\"\nas = \"s\"", "field 'steps[3].columns_of': table 'later' is used before any step makes it"),
        ("op = \"astype\"\ntable = \"train\"\ncolumns = { x = \"str\" }\nas = \"s\"", "field 'steps[3].columns.x': expected 'int', got 'str'"),
        ("op = \"astype\"\ntable = \"train\"\ncolumns = {}\nas = \"s\"", "field 'steps[3].columns': expected at least one column"),
        ("op = \"randint\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 7\nhigh = 1\nrandom_state = 0\nas = \"s\"", "field 'steps[3].high': expected a value above low (7), got 1"),
        ("op = \"randint\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nas = \"s\"", "field 'steps[3].random_state': is required"),
        ("op = \"randint\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nrandom_state = -1\nas = \"s\"", "field 'steps[3].random_state': expected 0 … 4294967295, got -1"),
        ("op = \"write_json\"\ntable = \"records\"\nto = \"train.json\"", "field 'steps[3].to': expected a path under public/ or private/"),
        ("op = \"read_json\"\npath = \"a.json\"\nas = \"t\"\nlines = true", "field 'steps[3].lines': unknown field"),
    ])
    func malformedTableStepsNameTheLineAndField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(Self.recipe("[[steps]]\n" + step), containing: expected)
    }
}

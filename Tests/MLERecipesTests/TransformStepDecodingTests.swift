import Foundation
import MLERecipes
import Testing

/// Decoding of format, group_first, normalize, filter value, split train_size, set from/mean,
/// renumber unique/format, write_csv index/quoting and templated copy paths.
struct TransformStepDecodingTests {
    @Test func formatGroupFirstNormalizeRenumberAndTemplatedPathsDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "format"
        table = "train"
        column = "id"
        template = "{a}_{b[0]}{{x}}"
        as = "f"

        [[steps]]
        op = "group_first"
        table = "f"
        by = "id"
        as = "g"

        [[steps]]
        op = "group_first"
        table = "f"
        by = ["a", "b"]
        as = "g2"

        [[steps]]
        op = "normalize"
        table = "g"
        columns = ["x", "y"]
        as = "n"

        [[steps]]
        op = "filter"
        table = "n"
        column = "image"
        value = "dup.jpg"
        not = true
        as = "v"

        [[steps]]
        op = "split"
        table = "v"
        train_size = 0.75
        train = "tr"
        test = "te"

        [[steps]]
        op = "set"
        table = "te"
        from = { after = "before" }
        as = "s"

        [[steps]]
        op = "set"
        table = "s"
        columns = ["cancer"]
        mean = { table = "tr", column = "cancer" }
        as = "s2"

        [[steps]]
        op = "renumber"
        table = "s2"
        column = "id"
        start = 0
        unique = true
        format = "Train_{n}"
        map = "ids"
        as = "r"

        [[steps]]
        op = "write_csv"
        table = "r"
        to = "public/r.csv"
        index = true
        quoting = "nonnumeric"

        [[steps]]
        op = "copy_by_id"
        table = "r"
        column = "id"
        from = "train/{id[0]}/{label}/{id}.png"
        to = "public/{new}.png"
        map = "ids"
        """), file: "demo.toml")
        let s = Array(r.steps.dropFirst(2))
        #expect(s[0] == .format(table: "train", column: "id", template: try .init(parsing: "{a}_{b[0]}{{x}}"), as: "f"))
        if case .format(_, _, let template, _) = s[0] {
            #expect(template.parts == [.column("a", character: nil), .literal("_"), .column("b", character: 0), .literal("{x}")])
            #expect(template.columns == ["a", "b"])
        }
        #expect(s[1] == .groupFirst(table: "f", by: ["id"], as: "g"))
        #expect(s[2] == .groupFirst(table: "f", by: ["a", "b"], as: "g2"))
        #expect(s[3] == .normalizeRows(table: "g", columns: ["x", "y"], as: "n"))
        #expect(s[4] == .filterValue(table: "n", column: "image", value: .string("dup.jpg"), negate: true, as: "v"))
        #expect(s[5] == .splitSizes(.init(table: "v", testSize: nil, trainSize: .fraction(0.75), randomState: 0, train: "tr", test: "te")))
        #expect(s[6] == .set(table: "te", values: [("after", .column("before"))], as: "s"))
        #expect(s[7] == .set(table: "s", values: [("cancer", .mean(table: "tr", column: "cancer"))], as: "s2"))
        #expect(s[8] == .renumber(.init(table: "s2", column: "id", start: 0, unique: true, format: "Train_{n}", map: "ids", output: "r")))
        #expect(s[9] == .writeCSV(table: "r", to: "public/r.csv", index: true, quoting: .nonnumeric))
    }

    /// MLE-bench's `np.arange(len(new_train), …)`: the start is a table's length, not a number.
    @Test func renumberCanStartAtATablesLength() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "renumber"
        table = "train"
        column = "id"
        start_at_length_of = "keep"
        map = "ids"
        as = "r"
        """), file: "demo.toml")
        #expect(r.steps[2] == .renumber(.init(table: "train", column: "id", start: 1, startAtLengthOf: "keep", unique: false,
                                              format: nil, map: "ids", output: "r")))
    }

    @Test func tabSeparatedReadsAndWritesDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "read_csv"
        path = "train.tsv"
        sep = "\\t"
        as = "t"

        [[steps]]
        op = "write_csv"
        table = "t"
        to = "public/train.tsv"
        sep = "\\t"
        """), file: "demo.toml")
        #expect(r.steps[2] == .readCSV(path: "train.tsv", as: "t", dtype: [], separator: .tab))
        #expect(r.steps[3] == .writeCSV(table: "t", to: "public/train.tsv", index: false, quoting: .minimal, separator: .tab))
    }

    @Test func swapRowsAndLinspaceDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "swap_rows"
        table = "train"
        with = "keep"
        when_constant = "spelling"
        where_not = { spelling = 0 }
        as = "t"
        with_as = "k"

        [[steps]]
        op = "linspace"
        table = "t"
        columns = ["a", "b"]
        start = 0
        stop = 1.5
        as = "l"
        """), file: "demo.toml")
        #expect(r.steps[2] == .swapRows(.init(table: "train", other: "keep", whenConstant: "spelling", whereNotColumn: "spelling",
                                              whereNotValue: .int(0), output: "t", otherOutput: "k")))
        #expect(r.steps[3] == .linspace(table: "t", columns: ["a", "b"], start: 0, stop: 1.5, as: "l"))
    }

    @Test func bothSplitSizesDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "split"
        table = "train"
        train_size = 12
        test_size = 3
        train = "a"
        test = "b"
        """), file: "demo.toml")
        #expect(r.steps[2] == .splitSizes(.init(table: "train", testSize: .count(3), trainSize: .count(12), randomState: 0, train: "a", test: "b")))
    }

    @Test(arguments: [
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"{a\"\nas = \"f\"", "field 'steps[2].template': '{' without a closing '}'"),
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"a}\"\nas = \"f\"", "field 'steps[2].template': a lone '}'"),
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"{a[-1]}\"\nas = \"f\"", "field 'steps[2].template': expected a character position"),
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"plain\"\nas = \"f\"", "field 'steps[2].template': expected at least one {column} placeholder"),
        ("op = \"copy_by_id\"\ntable = \"train\"\ncolumn = \"id\"\nfrom = \"{}\"\nto = \"public/x\"", "demo.toml:25: field 'steps[2].from': expected a column name inside"),
        ("op = \"group_first\"\ntable = \"train\"\nby = []\nas = \"g\"", "field 'steps[2].by': expected at least one column"),
        ("op = \"normalize\"\ntable = \"train\"\ncolumns = \"x\"\nas = \"n\"", "field 'steps[2].columns': expected an array of strings"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nvalue = 1\nin = \"keep\"\nas = \"f\"", "field 'steps[2].value': expected either 'value' or 'in'"),
        ("op = \"split\"\ntable = \"train\"\ntrain_size = 1.5\ntrain = \"a\"\ntest = \"b\"", "field 'steps[2].train_size': expected a fraction in (0, 1)"),
        ("op = \"split\"\ntable = \"train\"\nby = \"g\"\ntrain_size = 0.5\ntrain = \"a\"\ntest = \"b\"", "field 'steps[2].train_size': splitting by a column's values"),
        ("op = \"split\"\ntable = \"train\"\ntrain = \"a\"\ntest = \"b\"", "field 'steps[2].test_size': is required (or 'test_size_from'), unless 'train_size' is given"),
        ("op = \"set\"\ntable = \"train\"\ncolumns = [\"c\"]\nmean = { table = \"nowhere\", column = \"c\" }\nas = \"s\"", "field 'steps[2].mean': table 'nowhere' is used before any step makes it"),
        ("op = \"set\"\ntable = \"train\"\ncolumns = [\"c\"]\nmean = { table = \"keep\", col = \"c\" }\nas = \"s\"", "field 'steps[2].mean.column': is required"),
        ("op = \"set\"\ntable = \"train\"\nfrom = { a = 1 }\nas = \"s\"", "field 'steps[2].from.a': expected a string, got integer"),
        ("op = \"renumber\"\ntable = \"train\"\ncolumn = \"id\"\nformat = \"Train_{id}\"\nmap = \"m\"\nas = \"r\"", "field 'steps[2].format': expected text with the placeholder {n}"),
        ("op = \"renumber\"\ntable = \"train\"\ncolumn = \"id\"\nstart = 0\nstart_at_length_of = \"keep\"\nmap = \"m\"\nas = \"r\"", "field 'steps[2].start_at_length_of': expected 'start' or 'start_at_length_of', not both"),
        ("op = \"renumber\"\ntable = \"train\"\ncolumn = \"id\"\nstart_at_length_of = \"nowhere\"\nmap = \"m\"\nas = \"r\"", "field 'steps[2].start_at_length_of': table 'nowhere' is used before any step makes it"),
        ("op = \"swap_rows\"\ntable = \"train\"\nwith = \"keep\"\nwhen_constant = \"s\"\nwhere_not = { s = 0, t = 1 }\nas = \"a\"\nwith_as = \"b\"", "field 'steps[2].where_not': expected one column"),
        ("op = \"linspace\"\ntable = \"train\"\ncolumns = [\"a\"]\nstart = 0\nas = \"l\"", "field 'steps[2].stop': is required"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"t_dat\"\nlast_days = 7\nvalue = 1\nas = \"f\"", "field 'steps[2].last_days': expected one of 'last_days', 'value' or 'in'"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"t_dat\"\nlast_days = -1\nas = \"f\"", "field 'steps[2].last_days': expected a number of days, 0 or more"),
        ("op = \"write_csv\"\ntable = \"train\"\nto = \"public/a.tsv\"\nsep = \";\"", "field 'steps[2].sep': expected \",\" or \"\\t\", got ';'"),
        ("op = \"write_csv\"\ntable = \"train\"\nto = \"public/a.csv\"\nindex = \"yes\"", "field 'steps[2].index': expected true or false, got string"),
    ])
    func malformedNewStepsNameTheField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(DemoRecipe.withSteps("[[steps]]\n" + step), containing: expected)
    }
}

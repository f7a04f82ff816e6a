import Foundation
import MLERecipes
import Testing

/// Each step's TOML decodes to the expected ``RecipeStep``, after ``DemoRecipe``'s prelude.
struct StepDecodingTests {
    /// A step's fields (one a line, after `[[steps]]`) and the step they decode to, after the
    /// `earlier` steps that make the tables it reads beyond the prelude's.
    struct Case: Sendable, CustomTestStringConvertible {
        let earlier: [String]
        let step: String
        let expected: @Sendable () throws -> RecipeStep

        init(_ step: String, after earlier: [String] = [], _ expected: @autoclosure @escaping @Sendable () throws -> RecipeStep) {
            self.earlier = earlier
            self.step = step
            self.expected = expected
        }

        var testDescription: String { step.replacingOccurrences(of: "\n", with: "; ") }
    }

    /// `read_csv` steps that make `tables`.
    static func reads(_ tables: String...) -> [String] { tables.map(DemoRecipe.reading) }

    static let format = "op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"{a}_{b[0]}{{x}}\"\nas = \"f\""
    static let clips = "op = \"list_files\"\nfrom = \"audio\"\npattern = \"{label}/clip_{id}.wav\"\norder = \"path\"\nas = \"clips\""

    static let cases: [Case] = [
        // MARK: read_csv, read_json, write_csv, write_json
        Case("op = \"read_csv\"\npath = \"labels.csv\"\ndtype = { id = \"str\", n = \"int\" }\nas = \"labels\"",
             .readCSV(path: "labels.csv", as: "labels", dtype: [("id", .str), ("n", .int)])),
        Case("op = \"read_csv\"\npath = \"labels.csv\"\ndtype = { p = \"float\" }\nas = \"labels\"",
             .readCSV(path: "labels.csv", as: "labels", dtype: [("p", .float)])),
        Case("op = \"read_csv\"\npath = \"train.tsv\"\nsep = \"\\t\"\nas = \"t\"",
             .readCSV(path: "train.tsv", as: "t", dtype: [], separator: .tab)),
        Case("op = \"write_csv\"\ntable = \"labels\"\nto = \"public/labels.csv\"\nfloat_format = \"%.10g\"", after: reads("labels"),
             .writeCSV(table: "labels", to: "public/labels.csv", index: false, quoting: .minimal, floatPrecision: 10)),
        Case("op = \"write_csv\"\ntable = \"t\"\nto = \"public/train.tsv\"\nsep = \"\\t\"", after: reads("t"),
             .writeCSV(table: "t", to: "public/train.tsv", index: false, quoting: .minimal, separator: .tab)),
        Case("op = \"write_csv\"\ntable = \"r\"\nto = \"public/r.csv\"\nindex = true\nquoting = \"nonnumeric\"", after: reads("r"),
             .writeCSV(table: "r", to: "public/r.csv", index: true, quoting: .nonnumeric)),
        Case("op = \"write_json\"\ntable = \"a\"\nto = \"public/train.json\"", after: reads("a"),
             .writeJSON(table: "a", to: "public/train.json")),
        Case("op = \"write_json\"\ntable = \"records\"\nto = \"public/train.json\"\ncompact = true",
             .writeJSON(table: "records", to: "public/train.json", compact: true)),
        Case("op = \"write_json\"\ntable = \"records\"\nto = \"public/indented.json\"",
             .writeJSON(table: "records", to: "public/indented.json")),

        // MARK: split, group_split
        Case("op = \"split\"\ntable = \"records\"\ntest_size_from = \"keep\"\nrandom_state = 0\ntrain = \"a\"\ntest = \"b\"",
             .split(.init(table: "records", testSize: .shareOf("keep"), randomState: 0, train: "a", test: "b", hash: nil))),
        Case("op = \"split\"\ntable = \"labels\"\nby = \"group\"\ntest_size = 0.25\nrandom_state = 8\ntrain = \"c\"\ntest = \"d\"", after: reads("labels"),
             .splitBy(.init(table: "labels", column: "group", testSize: .fraction(0.25), randomState: 8, train: "c", test: "d"))),
        Case("op = \"split\"\ntable = \"v\"\ntrain_size = 0.75\ntrain = \"tr\"\ntest = \"te\"", after: reads("v"),
             .splitSizes(.init(table: "v", testSize: nil, trainSize: .fraction(0.75), randomState: 0, train: "tr", test: "te"))),
        Case("op = \"split\"\ntable = \"train\"\ntrain_size = 12\ntest_size = 3\ntrain = \"a\"\ntest = \"b\"",
             .splitSizes(.init(table: "train", testSize: .count(3), trainSize: .count(12), randomState: 0, train: "a", test: "b"))),
        Case("op = \"split\"\ntable = \"train\"\nby = \"molecule_name\"\ngroupby = true\ntest_size = 0.1\ntrain = \"a\"\ntest = \"b\"\ntrain_keys = \"a_keys\"",
             .splitBy(.init(table: "train", column: "molecule_name", testSize: .fraction(0.1), randomState: 0,
                            train: "a", test: "b", trainKeys: "a_keys", groupby: true))),
        Case("op = \"split\"\ntable = \"train\"\nby = \"molecule_name\"\ngroupby = false\ntest_size = 0.1\ntrain = \"c\"\ntest = \"d\"",
             .splitBy(.init(table: "train", column: "molecule_name", testSize: .fraction(0.1), randomState: 0, train: "c", test: "d"))),
        Case("op = \"split\"\ntable = \"train\"\nby = \"image_id\"\ntest_size = 0.1\nrandom_state = 0\ntrain = \"a\"\ntest = \"b\"\ntrain_keys = \"a_ids\"\ntest_keys = \"b_ids\"",
             .splitBy(.init(table: "train", column: "image_id", testSize: .fraction(0.1), randomState: 0, train: "a", test: "b",
                            trainKeys: "a_ids", testKeys: "b_ids"))),
        Case("op = \"group_split\"\ntable = \"train\"\nby = \"Id\"\ntest_size = 0.1\nsample_random_state = 0\nseed = 12\nrandom_state = 42\ntrain = \"new_train\"\ntest = \"test\"",
             .groupSplit(.init(table: "train", by: "Id", testSize: 0.1, sampleRandomState: 0, seed: 12, randomState: 42,
                               train: "new_train", test: "test"))),

        // MARK: select, astype, randint, uniform
        Case("op = \"select\"\ntable = \"b\"\ncolumns_of = \"keep\"\nas = \"e\"", after: reads("b"),
             .selectLike(table: "b", columnsOf: "keep", as: "e")),
        Case("op = \"astype\"\ntable = \"e\"\ncolumns = { flag = \"int\" }\nas = \"e\"", after: reads("e"),
             .astype(table: "e", columns: [("flag", .int)], as: "e")),
        Case("op = \"randint\"\ntable = \"d\"\ncolumn = \"score\"\nlow = 1\nhigh = 7\nrandom_state = 42\nas = \"f\"", after: reads("d"),
             .randint(.init(table: "d", column: "score", low: 1, high: 7, randomState: 42, output: "f"))),
        Case("op = \"uniform\"\ntable = \"train\"\ncolumn = \"Pawpularity\"\nlow = 1\nhigh = 100\nseed = 0\nround = 2\nas = \"sample\"",
             .uniform(.init(table: "train", column: "Pawpularity", low: 1, high: 100, seed: 0, round: 2, output: "sample"))),
        Case("op = \"uniform\"\ntable = \"train\"\ncolumn = \"x\"\nlow = -5.5\nhigh = -5.5\nseed = 9223372036854775807\nas = \"t\"",
             .uniform(.init(table: "train", column: "x", low: -5.5, high: -5.5, seed: 9_223_372_036_854_775_807, round: nil, output: "t"))),

        // MARK: format, group_first, normalize, renumber, cumcount
        Case(format, .format(table: "train", column: "id", template: try .init(parsing: "{a}_{b[0]}{{x}}"), as: "f")),
        Case("op = \"group_first\"\ntable = \"f\"\nby = \"id\"\nas = \"g\"", after: reads("f"),
             .groupFirst(table: "f", by: ["id"], as: "g")),
        Case("op = \"group_first\"\ntable = \"f\"\nby = [\"a\", \"b\"]\nas = \"g2\"", after: reads("f"),
             .groupFirst(table: "f", by: ["a", "b"], as: "g2")),
        Case("op = \"normalize\"\ntable = \"g\"\ncolumns = [\"x\", \"y\"]\nas = \"n\"", after: reads("g"),
             .normalizeRows(table: "g", columns: ["x", "y"], as: "n")),
        Case("op = \"renumber\"\ntable = \"s2\"\ncolumn = \"id\"\nstart = 0\nunique = true\nformat = \"Train_{n}\"\nmap = \"ids\"\nas = \"r\"", after: reads("s2"),
             .renumber(.init(table: "s2", column: "id", start: 0, unique: true, format: "Train_{n}", map: "ids", output: "r"))),
        // MLE-bench's `np.arange(len(new_train), …)`: the start is a table's length, not a number.
        Case("op = \"renumber\"\ntable = \"train\"\ncolumn = \"id\"\nstart_at_length_of = \"keep\"\nmap = \"ids\"\nas = \"r\"",
             .renumber(.init(table: "train", column: "id", start: 1, startAtLengthOf: "keep", unique: false, format: nil, map: "ids", output: "r"))),
        Case("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"k\"\nby = \"kind\"\nas = \"a\"",
             .cumcount(.init(table: "train", column: "k", by: ["kind"], start: 0, output: "a"))),
        Case("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"id\"\nby = [\"kind\", \"size\"]\nstart = 1\nwidth = 8\nas = \"b\"",
             .cumcount(.init(table: "train", column: "id", by: ["kind", "size"], start: 1, width: 8, output: "b"))),
        Case("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nas = \"c\"",
             .cumcount(.init(table: "train", column: "n", by: [], start: 0, output: "c"))),

        // MARK: replace, fillna, group_join, swap_rows, linspace
        Case("op = \"replace\"\ntable = \"train\"\ncolumn = \"image_file\"\nold = \".tiff\"\nnew = \"\"\ninto = \"id\"\nas = \"info\"",
             .replace(.init(table: "train", column: "image_file", old: ".tiff", new: "", into: "id", output: "info"))),
        Case("op = \"replace\"\ntable = \"train\"\ncolumn = \"name\"\nold = \"a\"\nnew = \"b\"\nas = \"train\"",
             .replace(.init(table: "train", column: "name", old: "a", new: "b", into: "name", output: "train"))),
        Case("op = \"fillna\"\ntable = \"b_ids\"\nvalue = 0\nas = \"c\"", after: reads("b_ids"),
             .fillNA(table: "b_ids", value: .int(0), columns: nil, as: "c")),
        Case("op = \"fillna\"\ntable = \"c\"\nvalue = \"none\"\ncolumns = [\"name\"]\nas = \"c\"", after: reads("c"),
             .fillNA(table: "c", value: .string("none"), columns: ["name"], as: "c")),
        Case("op = \"group_join\"\ntable = \"a_ids\"\nby = [\"image_id\"]\ncolumn = \"s\"\nseparator = \" \"\nas = \"e\"", after: reads("a_ids"),
             .groupJoin(table: "a_ids", by: ["image_id"], column: "s", separator: " ", as: "e")),
        Case("op = \"swap_rows\"\ntable = \"train\"\nwith = \"keep\"\nwhen_constant = \"spelling\"\nwhere_not = { spelling = 0 }\nas = \"t\"\nwith_as = \"k\"",
             .swapRows(.init(table: "train", other: "keep", whenConstant: "spelling", whereNotColumn: "spelling",
                             whereNotValue: .int(0), output: "t", otherOutput: "k"))),
        Case("op = \"linspace\"\ntable = \"t\"\ncolumns = [\"a\", \"b\"]\nstart = 0\nstop = 1.5\nas = \"l\"", after: reads("t"),
             .linspace(table: "t", columns: ["a", "b"], start: 0, stop: 1.5, as: "l")),

        // MARK: set from / mean / where / where_contains / where_in / where_not_in
        Case("op = \"set\"\ntable = \"te\"\nfrom = { after = \"before\" }\nas = \"s\"", after: reads("te"),
             .set(table: "te", values: [("after", .column("before"))], as: "s")),
        Case("op = \"set\"\ntable = \"s\"\ncolumns = [\"cancer\"]\nmean = { table = \"tr\", column = \"cancer\" }\nas = \"s2\"", after: reads("s", "tr"),
             .set(table: "s", values: [("cancer", .mean(table: "tr", column: "cancer"))], as: "s2")),
        Case("op = \"set\"\ntable = \"c\"\nwhere = { class_id = 14 }\ncolumns = [\"x_max\", \"y_max\"]\nvalue = 1.0\nas = \"d\"", after: reads("c"),
             .setWhere(.init(table: "c", column: "class_id", equals: .int(14), columns: ["x_max", "y_max"], value: .float(1), output: "d"))),
        Case("op = \"set\"\ntable = \"c\"\nwhere_contains = { file = \"dog\" }\ncolumns = [\"label\"]\nvalue = 1\nas = \"d\"", after: reads("c"),
             .setWhereContains(.init(table: "c", column: "file", text: "dog", columns: ["label"], value: .int(1), output: "d"))),
        Case("op = \"set\"\ntable = \"test\"\nwhere_not_in = { Id = \"new_train\" }\ncolumns = [\"Id\"]\nvalue = \"new_whale\"\nas = \"answers\"",
             after: reads("test", "new_train"),
             .setWhereIn(.init(table: "test", column: "Id", other: "new_train", negate: true, columns: ["Id"],
                               value: .string("new_whale"), output: "answers"))),
        Case("op = \"set\"\ntable = \"test\"\nwhere_in = { Id = \"keep\" }\ncolumns = [\"score\", \"rank\"]\nvalue = 0\nas = \"kept\"", after: reads("test"),
             .setWhereIn(.init(table: "test", column: "Id", other: "keep", negate: false, columns: ["score", "rank"],
                               value: .int(0), output: "kept"))),

        // MARK: filter, sort, merge
        Case("op = \"filter\"\ntable = \"n\"\ncolumn = \"image\"\nvalue = \"dup.jpg\"\nnot = true\nas = \"v\"", after: reads("n"),
             .filterValue(table: "n", column: "image", value: .string("dup.jpg"), negate: true, as: "v")),
        Case("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nin = \"keep\"\nin_column = \"kept_id\"\nnot = true\nas = \"rest\"",
             .filter(.init(table: "train", column: "id", other: "keep", otherColumn: "kept_id", negate: true, output: "rest"))),
        Case("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nin = \"keep\"\nas = \"kept\"",
             .filter(.init(table: "train", column: "id", other: "keep", otherColumn: "id", negate: false, output: "kept"))),
        Case("op = \"sort\"\ntable = \"kept\"\nby = \"score\"\nas = \"sorted\"", after: reads("kept"),
             .sort(table: "kept", by: "score", as: "sorted")),
        Case("op = \"merge\"\ntable = \"train\"\nwith = \"info\"\non = \"id\"\nas = \"m\"", after: reads("info"),
             .merge(table: "train", other: "info", on: ["id"], how: .inner, as: "m")),
        Case("op = \"merge\"\ntable = \"train\"\nwith = \"keep\"\non = [\"a\", \"b\"]\nhow = \"left\"\nas = \"n\"",
             .merge(table: "train", other: "keep", on: ["a", "b"], how: .left, as: "n")),

        // MARK: list_files, copy_by_id, copy_dir_by_id, zip
        Case("op = \"list_files\"\nfrom = \"train/\"\npattern = \"{species}/{file}\"\nends_with = \".png\"\nas = \"listing\"",
             .listFiles(folder: "train", pattern: try .init(parsing: "{species}/{file}"), endsWith: ".png", order: .listing, as: "listing")),
        Case(clips, .listFiles(folder: "audio", pattern: try .init(parsing: "{label}/clip_{id}.wav"), endsWith: nil, order: .path, as: "clips")),
        // list_files makes its table.
        Case("op = \"write_csv\"\ntable = \"clips\"\nto = \"private/clips.csv\"", after: [clips],
             .writeCSV(table: "clips", to: "private/clips.csv", index: false, quoting: .minimal)),
        Case("op = \"copy_by_id\"\ntable = \"r\"\ncolumn = \"id\"\nfrom = \"train/{id[0]}/{label}/{id}.png\"\nto = \"public/{new}.png\"\nmap = \"ids\"",
             after: reads("r"),
             .copyByID(table: "r", column: "id", from: "train/{id[0]}/{label}/{id}.png", to: "public/{new}.png", map: "ids")),
        Case("op = \"copy_dir_by_id\"\ntable = \"sorted\"\ncolumn = \"id\"\nfrom = \"train/{id}/\"\nto = \"public/train/{id}\"", after: reads("sorted"),
             .copyDirByID(table: "sorted", column: "id", from: "train/{id}", to: "public/train/{id}")),
        Case("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train.zip\"\nkeep = true",
             .zip(folder: "public/train", to: "public/train.zip", keep: true)),
        Case("op = \"zip\"\nfrom = \"private/sample_submission.csv\"\nto = \"public/sample_submission.csv.7z\"\nkeep = true\nformat = \"7z\"",
             .zip(folder: "private/sample_submission.csv", to: "public/sample_submission.csv.7z", keep: true, format: .sevenZip)),
        Case("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train.zip\"\nformat = \"zip\"",
             .zip(folder: "public/train", to: "public/train.zip", keep: false)),
    ]

    @Test(arguments: cases)
    func aStepDecodes(_ c: Case) throws {
        let steps = try DemoRecipe.decodedSteps(c.earlier + [c.step])
        #expect(steps.count == c.earlier.count + 1)
        #expect(steps.last == (try c.expected()))
    }

    @Test func thePreludeDecodes() throws {
        #expect(try RecipeDecoder.decode(DemoRecipe.withSteps(""), file: "demo.toml").steps == DemoRecipe.prelude)
    }

    /// Steps compare by their descriptions, in which a template or a pattern is its text: the
    /// parts that `format` and `list_files` decode theirs to are checked here.
    @Test func aDecodedTemplateAndPatternHaveTheirParts() throws {
        let steps = try DemoRecipe.decodedSteps([Self.format, Self.clips])
        guard case .format(_, _, let template, _)? = steps.first, case .listFiles(let folder, let pattern, nil, .path, "clips")? = steps.last else {
            Issue.record("got \(steps)"); return
        }
        #expect(template.parts == [.column("a", character: nil), .literal("_"), .column("b", character: 0), .literal("{x}")])
        #expect(template.columns == ["a", "b"])
        #expect(folder == "audio")
        #expect(pattern.columns == ["label", "id"])
        #expect(pattern.segments[1] == .init(prefix: "clip_", fields: [.init(column: "id", literal: ".wav")]))
    }
}

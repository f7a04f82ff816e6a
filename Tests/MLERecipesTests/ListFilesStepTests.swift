import Foundation
import MLERecipes
import Testing

/// Decoding of `list_files` (a table from a raw folder listing) and its path patterns.
struct ListFilesStepTests {
    @Test func listFilesDecodes() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "list_files"
        from = "train/"
        pattern = "{species}/{file}"
        ends_with = ".png"
        as = "listing"

        [[steps]]
        op = "list_files"
        from = "audio"
        pattern = "{label}/clip_{id}.wav"
        order = "path"
        as = "clips"

        [[steps]]
        op = "write_csv"
        table = "clips"
        to = "private/clips.csv"
        """), file: "demo.toml")
        #expect(r.steps[2] == .listFiles(folder: "train", pattern: try .init(parsing: "{species}/{file}"), endsWith: ".png",
                                         order: .listing, as: "listing"))
        guard case .listFiles(let folder, let pattern, nil, .path, "clips") = r.steps[3] else {
            Issue.record("got \(r.steps[3])"); return
        }
        #expect(folder == "audio")
        #expect(pattern.columns == ["label", "id"])
        #expect(pattern.segments[1] == .init(prefix: "clip_", fields: [.init(column: "id", literal: ".wav")]))
    }

    @Test func patternsMatchWholeNamesByBytes() throws {
        let p = try RecipeStep.FilePattern(parsing: "{label}/clip_{id}.wav")
        #expect(p.match(["yes", "clip_0001.wav"]) == ["yes", "0001"])
        #expect(p.match(["é", "clip_é.wav"]) == ["é", "é"])
        #expect(p.match(["yes", "clip_.wav"]) == nil, "a placeholder takes at least one character")
        #expect(p.match(["yes", "clip_1.WAV"]) == nil)
        #expect(p.match(["yes", "clip_1.wav.txt"]) == nil)
        #expect(p.match(["clip_1.wav"]) == nil, "the depth must match")
        #expect(p.match(["yes", "sub", "clip_1.wav"]) == nil)
        // Several fields in a name: each but the last up to its literal's first occurrence.
        let whale = try RecipeStep.FilePattern(parsing: "{date}_{time}_TRAIN{n}_{label}.aif")
        #expect(whale.columns == ["date", "time", "n", "label"])
        #expect(whale.match(["20090328_000000_002s3ms_TRAIN0_0.aif"]) == ["20090328", "000000_002s3ms", "0", "0"])
        #expect(whale.match(["20090328_1_TRAIN12_1.aif"]) == ["20090328", "1", "12", "1"])
        #expect(whale.match(["20090328_1_TRAIN12_.aif"]) == nil)
        #expect(whale.match(["_1_TRAIN12_1.aif"]) == nil, "a field takes at least one byte")
        #expect(whale.match(["20090328_1_Test12.aif"]) == nil)
        let split = try RecipeStep.FilePattern(parsing: "{a}_{b}")
        #expect(split.match(["x_y_z"]) == ["x", "y_z"])
        #expect(split.match(["__z"]) == ["_", "z"])
        let literal = try RecipeStep.FilePattern(parsing: "audio/{file}")
        #expect(literal.match(["audio", "a.wav"]) == ["a.wav"])
        #expect(literal.match(["Audio", "a.wav"]) == nil)
        // "e" + U+0301 is canonically equal to "é" for Swift's String ==, not for Python's str.
        #expect(literal.match(["audio", "e\u{301}.wav"]) == ["e\u{301}.wav"])
        #expect(try RecipeStep.FilePattern(parsing: "\u{e9}/{f}").match(["e\u{301}", "x"]) == nil)
    }

    @Test(arguments: [
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}{b}/x\"\nas = \"t\"", "demo.toml:24: field 'steps[2].pattern': segment '{a}{b}' has two placeholders with no text between them"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}/{a}\"\nas = \"t\"", "demo.toml:24: field 'steps[2].pattern': column 'a' appears twice"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"x/y.png\"\nas = \"t\"", "demo.toml:24: field 'steps[2].pattern': 'x/y.png' names no column"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}//{b}\"\nas = \"t\"", "demo.toml:24: field 'steps[2].pattern': expected path segments such as '{label}/{file}', got '{a}//{b}'"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"../{b}\"\nas = \"t\"", "demo.toml:24: field 'steps[2].pattern': expected path segments"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a[0]}\"\nas = \"t\"", "demo.toml:24: field 'steps[2].pattern': '{a[…]}' takes no character position"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a\"\nas = \"t\"", "demo.toml:24: field 'steps[2].pattern': '{' without a closing '}'"),
        ("op = \"list_files\"\nfrom = \"../train\"\npattern = \"{a}\"\nas = \"t\"", "demo.toml:23: field 'steps[2].from': expected a relative folder among the raw files, got '../train'"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}\"\nends_with = \"\"\nas = \"t\"", "demo.toml:25: field 'steps[2].ends_with': expected the end of a file name such as '.png', got ''"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}\"\norder = \"name\"\nas = \"t\"", "demo.toml:25: field 'steps[2].order': expected 'listing' (sorted(os.listdir) per folder) or 'path' (sorted(glob)), got 'name'"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}\"\nas = \"t\"\nrecursive = true", "demo.toml:26: field 'steps[2].recursive': unknown field"),
        ("op = \"list_files\"\nfrom = \"train\"\nas = \"t\"", "field 'steps[2].pattern'"),
    ])
    func malformedFieldsNameTheLine(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(DemoRecipe.withSteps("[[steps]]\n" + step), containing: expected)
    }
}

/// Decoding of `cumcount` (running counters) and `set … where_contains`.
struct CounterStepTests {
    @Test func cumcountAndWhereContainsDecode() throws {
        let r = try RecipeDecoder.decode(DemoRecipe.withSteps("""
        [[steps]]
        op = "cumcount"
        table = "train"
        column = "k"
        by = "kind"
        as = "a"

        [[steps]]
        op = "cumcount"
        table = "train"
        column = "id"
        by = ["kind", "size"]
        start = 1
        width = 8
        as = "b"

        [[steps]]
        op = "cumcount"
        table = "train"
        column = "n"
        as = "c"

        [[steps]]
        op = "set"
        table = "c"
        where_contains = { file = "dog" }
        columns = ["label"]
        value = 1
        as = "d"
        """), file: "demo.toml")
        #expect(r.steps[2] == .cumcount(.init(table: "train", column: "k", by: ["kind"], start: 0, output: "a")))
        #expect(r.steps[3] == .cumcount(.init(table: "train", column: "id", by: ["kind", "size"], start: 1, width: 8, output: "b")))
        #expect(r.steps[4] == .cumcount(.init(table: "train", column: "n", by: [], start: 0, output: "c")))
        #expect(r.steps[5] == .setWhereContains(.init(table: "c", column: "file", text: "dog", columns: ["label"], value: .int(1), output: "d")))
    }

    @Test(arguments: [
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nby = []\nas = \"t\"", "demo.toml:25: field 'steps[2].by': expected a column or a list of columns"),
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nstart = 1.5\nas = \"t\"", "demo.toml:25: field 'steps[2].start'"),
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nwidth = 0\nas = \"t\"", "demo.toml:25: field 'steps[2].width': expected a number of digits from 1 to 32, got 0"),
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nstart = -1\nwidth = 3\nas = \"t\"", "demo.toml:25: field 'steps[2].start': expected a non-negative start with 'width'"),
        ("op = \"cumcount\"\ntable = \"nope\"\ncolumn = \"n\"\nas = \"t\"", "demo.toml:23: field 'steps[2].table': table 'nope' is used before any step makes it"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { file = \"\" }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "demo.toml:24: field 'steps[2].where_contains': expected a non-empty text"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { file = 3 }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "field 'steps[2].where_contains.file': expected a string"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { a = \"x\", b = \"y\" }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "demo.toml:24: field 'steps[2].where_contains': expected one column"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { a = \"x\" }\nwhere = { a = 1 }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "expected one of 'where', 'where_in', 'where_not_in' and 'where_contains'"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { a = \"x\" }\ncolumns = [\"a\"]\nvalue = true\nas = \"t\"", "demo.toml:26: field 'steps[2].value': expected a string or a number"),
    ])
    func malformedFieldsNameTheLine(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(DemoRecipe.withSteps("[[steps]]\n" + step), containing: expected)
    }
}

import Foundation
import MLERecipes
import Testing

/// Each malformed step is refused with an error that names the file, the line (where the case
/// gives one) and the field. Every case is one step after ``DemoRecipe``'s prelude, so it is
/// `steps[3]` and its `[[steps]]` header stands at line 26 of demo.toml.
struct MalformedStepTests {
    static let groupSplit = "op = \"group_split\"\ntable = \"train\"\nby = \"Id\"\ntest_size = 0.1\nsample_random_state = 0\nseed = 0\nrandom_state = 0\ntrain = \"a\"\ntest = \"b\""
    static let setIn = "op = \"set\"\ntable = \"train\"\nwhere_not_in = { Id = \"keep\" }\ncolumns = [\"Id\"]\nvalue = \"x\"\nas = \"s\""

    /// (the step after `[[steps]]`, what the error says)
    static let cases: [(String, String)] = steps + floatFormats

    static let steps: [(String, String)] = [
        // MARK: read_csv dtype, split by / test_size_from, select columns_of, astype, randint, write_json, read_json
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
        // MARK: split … by with groupby
        ("op = \"split\"\ntable = \"records\"\ntest_size = 0.1\ngroupby = true\ntrain = \"a\"\ntest = \"b\"",
         "demo.toml:30: field 'steps[3].groupby': splitting over groups needs 'by'"),
        ("op = \"split\"\ntable = \"records\"\nby = \"m\"\ngroupby = \"yes\"\ntest_size = 0.1\ntrain = \"a\"\ntest = \"b\"",
         "demo.toml:30: field 'steps[3].groupby': expected true or false"),
        // MARK: format, copy_by_id, group_first, normalize, filter value / last_days, split train_size, set from / mean, renumber, swap_rows, linspace, write_csv sep / index
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"{a\"\nas = \"f\"", "field 'steps[3].template': '{' without a closing '}'"),
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"a}\"\nas = \"f\"", "field 'steps[3].template': a lone '}'"),
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"{a[-1]}\"\nas = \"f\"", "field 'steps[3].template': expected a character position"),
        ("op = \"format\"\ntable = \"train\"\ncolumn = \"id\"\ntemplate = \"plain\"\nas = \"f\"", "field 'steps[3].template': expected at least one {column} placeholder"),
        ("op = \"copy_by_id\"\ntable = \"train\"\ncolumn = \"id\"\nfrom = \"{}\"\nto = \"public/x\"", "demo.toml:30: field 'steps[3].from': expected a column name inside"),
        ("op = \"group_first\"\ntable = \"train\"\nby = []\nas = \"g\"", "field 'steps[3].by': expected at least one column"),
        ("op = \"normalize\"\ntable = \"train\"\ncolumns = \"x\"\nas = \"n\"", "field 'steps[3].columns': expected an array of strings"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nvalue = 1\nin = \"keep\"\nas = \"f\"", "field 'steps[3].value': expected either 'value' or 'in'"),
        ("op = \"split\"\ntable = \"train\"\ntrain_size = 1.5\ntrain = \"a\"\ntest = \"b\"", "field 'steps[3].train_size': expected a fraction in (0, 1)"),
        ("op = \"split\"\ntable = \"train\"\nby = \"g\"\ntrain_size = 0.5\ntrain = \"a\"\ntest = \"b\"", "field 'steps[3].train_size': splitting by a column's values"),
        ("op = \"split\"\ntable = \"train\"\ntrain = \"a\"\ntest = \"b\"", "field 'steps[3].test_size': is required (or 'test_size_from'), unless 'train_size' is given"),
        ("op = \"set\"\ntable = \"train\"\ncolumns = [\"c\"]\nmean = { table = \"nowhere\", column = \"c\" }\nas = \"s\"", "field 'steps[3].mean': table 'nowhere' is used before any step makes it"),
        ("op = \"set\"\ntable = \"train\"\ncolumns = [\"c\"]\nmean = { table = \"keep\", col = \"c\" }\nas = \"s\"", "field 'steps[3].mean.column': is required"),
        ("op = \"set\"\ntable = \"train\"\nfrom = { a = 1 }\nas = \"s\"", "field 'steps[3].from.a': expected a string, got integer"),
        ("op = \"renumber\"\ntable = \"train\"\ncolumn = \"id\"\nformat = \"Train_{id}\"\nmap = \"m\"\nas = \"r\"", "field 'steps[3].format': expected text with the placeholder {n}"),
        ("op = \"renumber\"\ntable = \"train\"\ncolumn = \"id\"\nstart = 0\nstart_at_length_of = \"keep\"\nmap = \"m\"\nas = \"r\"", "field 'steps[3].start_at_length_of': expected 'start' or 'start_at_length_of', not both"),
        ("op = \"renumber\"\ntable = \"train\"\ncolumn = \"id\"\nstart_at_length_of = \"nowhere\"\nmap = \"m\"\nas = \"r\"", "field 'steps[3].start_at_length_of': table 'nowhere' is used before any step makes it"),
        ("op = \"swap_rows\"\ntable = \"train\"\nwith = \"keep\"\nwhen_constant = \"s\"\nwhere_not = { s = 0, t = 1 }\nas = \"a\"\nwith_as = \"b\"", "field 'steps[3].where_not': expected one column"),
        ("op = \"linspace\"\ntable = \"train\"\ncolumns = [\"a\"]\nstart = 0\nas = \"l\"", "field 'steps[3].stop': is required"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"t_dat\"\nlast_days = 7\nvalue = 1\nas = \"f\"", "field 'steps[3].last_days': expected one of 'last_days', 'value' or 'in'"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"t_dat\"\nlast_days = -1\nas = \"f\"", "field 'steps[3].last_days': expected a number of days, 0 or more"),
        ("op = \"write_csv\"\ntable = \"train\"\nto = \"public/a.tsv\"\nsep = \";\"", "field 'steps[3].sep': expected \",\" or \"\\t\", got ';'"),
        ("op = \"write_csv\"\ntable = \"train\"\nto = \"public/a.csv\"\nindex = \"yes\"", "field 'steps[3].index': expected true or false, got string"),
        // MARK: sort, filter in, zip, copy_dir_by_id
        ("op = \"sort\"\ntable = \"train\"\nby = \"x\"\nas = \"s\"\ndescending = true", "demo.toml:31: field 'steps[3].descending': unknown field"),
        ("op = \"sort\"\ntable = \"train\"\nas = \"s\"", "field 'steps[3].by': is required"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nin = \"nowhere\"\nas = \"f\"", "field 'steps[3].in': table 'nowhere' is used before any step makes it"),
        ("op = \"filter\"\ntable = \"train\"\ncolumn = \"id\"\nin = \"keep\"\nnot = \"yes\"\nas = \"f\"", "field 'steps[3].not': expected true or false, got string"),
        ("op = \"zip\"\nfrom = \"public/\"\nto = \"public/all.zip\"", "field 'steps[3].from': expected a folder inside public/ or private/"),
        ("op = \"zip\"\nfrom = \"raw/train\"\nto = \"public/train.zip\"", "field 'steps[3].from': expected a path under public/ or private/"),
        ("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train/x.zip\"", "field 'steps[3].to': the zip cannot be inside the folder it zips"),
        ("op = \"copy_dir_by_id\"\ntable = \"train\"\ncolumn = \"id\"\nfrom = \"../{id}\"\nto = \"public/{id}\"", "field 'steps[3].from': expected a relative folder"),
        ("op = \"copy_dir_by_id\"\ntable = \"train\"\ncolumn = \"id\"\nfrom = \"train/{id}\"\nto = \"train/{id}\"", "field 'steps[3].to': expected a path under public/ or private/"),
        // MARK: list_files
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}{b}/x\"\nas = \"t\"", "demo.toml:29: field 'steps[3].pattern': segment '{a}{b}' has two placeholders with no text between them"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}/{a}\"\nas = \"t\"", "demo.toml:29: field 'steps[3].pattern': column 'a' appears twice"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"x/y.png\"\nas = \"t\"", "demo.toml:29: field 'steps[3].pattern': 'x/y.png' names no column"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}//{b}\"\nas = \"t\"", "demo.toml:29: field 'steps[3].pattern': expected path segments such as '{label}/{file}', got '{a}//{b}'"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"../{b}\"\nas = \"t\"", "demo.toml:29: field 'steps[3].pattern': expected path segments"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a[0]}\"\nas = \"t\"", "demo.toml:29: field 'steps[3].pattern': '{a[…]}' takes no character position"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a\"\nas = \"t\"", "demo.toml:29: field 'steps[3].pattern': '{' without a closing '}'"),
        ("op = \"list_files\"\nfrom = \"../train\"\npattern = \"{a}\"\nas = \"t\"", "demo.toml:28: field 'steps[3].from': expected a relative folder among the raw files, got '../train'"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}\"\nends_with = \"\"\nas = \"t\"", "demo.toml:30: field 'steps[3].ends_with': expected the end of a file name such as '.png', got ''"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}\"\norder = \"name\"\nas = \"t\"", "demo.toml:30: field 'steps[3].order': expected 'listing' (sorted(os.listdir) per folder) or 'path' (sorted(glob)), got 'name'"),
        ("op = \"list_files\"\nfrom = \"train\"\npattern = \"{a}\"\nas = \"t\"\nrecursive = true", "demo.toml:31: field 'steps[3].recursive': unknown field"),
        ("op = \"list_files\"\nfrom = \"train\"\nas = \"t\"", "field 'steps[3].pattern'"),
        // MARK: cumcount, set … where_contains
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nby = []\nas = \"t\"", "demo.toml:30: field 'steps[3].by': expected a column or a list of columns"),
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nstart = 1.5\nas = \"t\"", "demo.toml:30: field 'steps[3].start'"),
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nwidth = 0\nas = \"t\"", "demo.toml:30: field 'steps[3].width': expected a number of digits from 1 to 32, got 0"),
        ("op = \"cumcount\"\ntable = \"train\"\ncolumn = \"n\"\nstart = -1\nwidth = 3\nas = \"t\"", "demo.toml:30: field 'steps[3].start': expected a non-negative start with 'width'"),
        ("op = \"cumcount\"\ntable = \"nope\"\ncolumn = \"n\"\nas = \"t\"", "demo.toml:28: field 'steps[3].table': table 'nope' is used before any step makes it"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { file = \"\" }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "demo.toml:29: field 'steps[3].where_contains': expected a non-empty text"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { file = 3 }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "field 'steps[3].where_contains.file': expected a string"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { a = \"x\", b = \"y\" }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "demo.toml:29: field 'steps[3].where_contains': expected one column"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { a = \"x\" }\nwhere = { a = 1 }\ncolumns = [\"a\"]\nvalue = 1\nas = \"t\"", "expected one of 'where', 'where_in', 'where_not_in' and 'where_contains'"),
        ("op = \"set\"\ntable = \"train\"\nwhere_contains = { a = \"x\" }\ncolumns = [\"a\"]\nvalue = true\nas = \"t\"", "demo.toml:31: field 'steps[3].value': expected a string or a number"),
        // MARK: zip format, write_json compact
        ("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train.rar\"\nformat = \"rar\"", "demo.toml:30: field 'steps[3].format': expected zip or 7z, got 'rar'"),
        ("op = \"zip\"\nfrom = \"public/train\"\nto = \"public/train.7z\"\nformat = 7", "demo.toml:30: field 'steps[3].format': expected a string, got integer"),
        ("op = \"write_json\"\ntable = \"train\"\nto = \"public/t.json\"\ncompact = \"yes\"", "demo.toml:30: field 'steps[3].compact': expected true or false, got string"),
        ("op = \"write_json\"\ntable = \"train\"\nto = \"public/t.json\"\nindent = 2", "demo.toml:30: field 'steps[3].indent': unknown field"),
        // MARK: group_split, set … where_in / where_not_in
        (groupSplit.replacingOccurrences(of: "test_size = 0.1", with: "test_size = 1"), "demo.toml:30: field 'steps[3].test_size': expected a fraction in (0, 1)"),
        (groupSplit.replacingOccurrences(of: "test_size = 0.1", with: "test_size = 1.5"), "field 'steps[3].test_size': expected a fraction in (0, 1)"),
        (groupSplit.replacingOccurrences(of: "seed = 0", with: "seed = -1"), "demo.toml:32: field 'steps[3].seed': expected a non-negative integer, got -1"),
        (groupSplit.replacingOccurrences(of: "random_state = 0\ntrain", with: "random_state = 4294967296\ntrain"),
         "demo.toml:33: field 'steps[3].random_state': expected 0 … 4294967295, got 4294967296"),
        (groupSplit.replacingOccurrences(of: "sample_random_state = 0\n", with: ""), "field 'steps[3].sample_random_state': is required"),
        ("\(groupSplit)\nstratify = \"Id\"", "demo.toml:36: field 'steps[3].stratify': unknown field"),
        (setIn.replacingOccurrences(of: "\"keep\"", with: "\"nowhere\""), "demo.toml:29: field 'steps[3].where_not_in': table 'nowhere' is used before any step makes it"),
        (setIn.replacingOccurrences(of: "{ Id = \"keep\" }", with: "{ Id = \"keep\", x = \"keep\" }"), "field 'steps[3].where_not_in': expected one column and the table"),
        (setIn.replacingOccurrences(of: "{ Id = \"keep\" }", with: "{ Id = 3 }"), "field 'steps[3].where_not_in.Id': expected a string"),
        ("\(setIn)\nwhere_in = { Id = \"keep\" }", "field 'steps[3].where_not_in': expected one of 'where', 'where_in', 'where_not_in' and 'where_contains'"),
        ("\(setIn)\nvalues = { Id = \"y\" }", "field 'steps[3].where_not_in': a conditional set takes 'columns' and a constant 'value' only"),
        (setIn.replacingOccurrences(of: "value = \"x\"", with: "value = true"), "field 'steps[3].value': expected a string or a number"),
        // MARK: replace, merge
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
        // MARK: fillna, set … where, group_join, split keys
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
        // MARK: uniform
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 7\nhigh = 1\nseed = 0\nas = \"s\"", "demo.toml:31: field 'steps[3].high': expected a value not below low (7.0), got 1.0"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = \"1\"\nhigh = 7\nseed = 0\nas = \"s\"", "demo.toml:30: field 'steps[3].low': expected a number, got string"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nseed = 0\nas = \"s\"", "field 'steps[3].high': is required"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = nan\nhigh = 1\nseed = 0\nas = \"s\"", "demo.toml:30: field 'steps[3].low': expected a finite number, got nan"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = inf\nseed = 0\nas = \"s\"", "demo.toml:31: field 'steps[3].high': expected a finite number, got inf"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = -1.5e308\nhigh = 1.5e308\nseed = 0\nas = \"s\"", "field 'steps[3].high': high - low exceeds the float64 range"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nas = \"s\"", "field 'steps[3].seed': is required"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nseed = -1\nas = \"s\"", "demo.toml:32: field 'steps[3].seed': expected a non-negative integer, got -1"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nseed = 0.5\nas = \"s\"", "field 'steps[3].seed': expected an integer, got float"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nseed = 0\nround = 16\nas = \"s\"", "demo.toml:33: field 'steps[3].round': expected decimals in -15 … 15, got 16"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nseed = 0\nround = 2.0\nas = \"s\"", "field 'steps[3].round': expected an integer, got float"),
        ("op = \"uniform\"\ntable = \"train\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nseed = 0\nrandom_state = 0\nas = \"s\"", "field 'steps[3].random_state': unknown field"),
        ("op = \"uniform\"\ntable = \"later\"\ncolumn = \"s\"\nlow = 1\nhigh = 7\nseed = 0\nas = \"s\"", "demo.toml:28: field 'steps[3].table': table 'later' is used before any step makes it"),
    ]

    // MARK: write_csv float_format: spellings other than `%.<p>g` with p in 1 … 17
    static let floatFormats: [(String, String)] = ["%.10f", "%10g", "%.0g", "%.18g", "%.g", "%.1 0g", "{:.10g}"].map { format in
        ("op = \"write_csv\"\ntable = \"train\"\nto = \"public/t.csv\"\nfloat_format = \"\(format)\"",
         "demo.toml:30: field 'steps[3].float_format': expected '%.<p>g' with p in 1 … 17, got '\(format)'")
    }

    @Test(arguments: cases)
    func aMalformedStepNamesTheLineAndField(_ step: String, _ expected: String) {
        DemoRecipe.expectDecodingError(DemoRecipe.withSteps(DemoRecipe.steps([step])), containing: expected)
    }
}

import Foundation

/// A competition's recipe: where its raw files come from, how to prepare them, and what
/// the result must be. Data, not code: every step is one of ``RecipeStep``'s cases.
public struct Recipe: Sendable, Equatable {
    /// MLE-bench's complexity tag; `dev` marks its seven development competitions, which have none.
    public enum Complexity: String, Sendable, CaseIterable { case low, medium, high, dev }

    public enum Status: Sendable, Equatable {
        /// Every step is expressible and the outputs were checked against MLE-bench's MD5s.
        case supported
        /// Every step is expressible and the built outputs equal, byte for byte, what a transcription
        /// of the competition's prepare.py writes from generated raw files in Kaggle's schema; `by`
        /// names that check (a test vector script). Not yet matched against MLE-bench's MD5s on the
        /// real files.
        case checked(by: String)
        /// Every step is expressible; the outputs have not been checked on real raw files yet.
        case unverified
        /// A step cannot be expressed yet; `missing` says which.
        case unsupported(missing: String)

        /// The status names, strongest first.
        public static let names = ["supported", "checked", "unverified", "unsupported"]

        public var name: String {
            switch self {
            case .supported: return "supported"
            case .checked: return "checked"
            case .unverified: return "unverified"
            case .unsupported: return "unsupported"
            }
        }
    }

    public var id: String
    public var name: String
    public var kaggleSlug: String
    public var complexity: Complexity
    public var tags: [String]
    public var status: Status
    /// The competition download, with MLE-bench's MD5 of Kaggle's zip.
    public var source: Source
    public var inputs: [Input]
    public var steps: [RecipeStep]
    public var outputs: Outputs
    public var grader: Grader

    public struct Source: Sendable, Equatable {
        public var url: String
        public var md5: String?
        public var sha256: String?
        public var size: Int64?
    }

    /// A raw file the steps read, by its path among the unpacked competition files.
    public struct Input: Sendable, Equatable {
        public var path: String
        public var sha256: String?
        /// A directory of files (images, audio) rather than one file.
        public var isDirectory: Bool
        /// A nested raw archive whose members make up the folder `path`, as MLE-bench's
        /// `extract(raw / archive, raw / path)` lays them out (`isDirectory` is then true).
        /// `sha256` pins the archive.
        public var archive: String? = nil
    }

    public struct Outputs: Sendable, Equatable {
        public var answers: String?
        public var sampleSubmission: String?
        /// MLE-bench's MD5 of each top-level csv/json file, by `public/…` or `private/…` path.
        public var md5: [String: String]
    }

    public struct Grader: Sendable, Equatable {
        public var metric: String
        /// The metric's direction. MLE-bench infers it from the leaderboard's first and last
        /// scores; a report without a leaderboard takes it from here (every committed recipe
        /// says it; a test checks).
        public var lowerIsBetter: Bool?
        public var parameters: [String: String]

        public init(metric: String, lowerIsBetter: Bool?, parameters: [String: String]) {
            self.metric = metric
            self.lowerIsBetter = lowerIsBetter
            self.parameters = parameters
        }
    }
}

/// One preparation step. Tables are named values that steps read and write.
public enum RecipeStep: Sendable, Equatable {
    public enum SplitSize: Sendable, Equatable {
        case fraction(Double)
        case count(Int)
        /// `len(other) / (len(table) + len(other))`: the share an old test table had.
        case shareOf(String)
    }

    /// A column type forced when reading (`read_csv(dtype={col: str})`) or by `astype`.
    public enum ColumnCast: String, Sendable, Equatable {
        /// The cells exactly as in the file (NA spellings still become NaN).
        case str
        /// int64: the column must already read as integers (`read_csv`), or be cast (`astype(int)`).
        case int
        /// float64 (`read_csv` only): the column must already read as floats (`dtype={col: "float64"}`
        /// then changes nothing).
        case float
    }

    public enum Constant: Sendable, Equatable {
        case bool(Bool), int(Int64), float(Double), string(String)
    }

    /// What `set` assigns to a column.
    public enum Assignment: Sendable, Equatable {
        /// `df[col] = v`.
        case constant(Constant)
        /// `df[col] = df[other]`: a copy of another column of the same table (dtype and NaN kept).
        case column(String)
        /// `df[col] = other[column].mean()` of an integer or boolean column of another table.
        case mean(table: String, column: String)
    }

    /// The kind of archive a `zip` step writes.
    public enum ArchiveFormat: String, Sendable, Equatable {
        /// `shutil.make_archive(…, "zip")`.
        case zip
        /// `py7zr.SevenZipFile(…, "w")`.
        case sevenZip = "7z"
    }

    /// How `write_csv` quotes fields (`to_csv(quoting=…)`).
    public enum Quoting: String, Sendable, Equatable {
        /// `csv.QUOTE_MINIMAL`, pandas' default.
        case minimal
        /// `csv.QUOTE_NONNUMERIC`: every text field (header and NaN included) is quoted, numbers are not.
        case nonnumeric
    }

    /// The field delimiter of `read_csv(sep=…)` and `to_csv(sep=…)`.
    public enum Separator: String, Sendable, Equatable {
        case comma = ","
        /// Tab-separated files (`sep="\t"`).
        case tab = "\t"
    }

    case readCSV(path: String, as: String, dtype: [(String, ColumnCast)], separator: Separator = .comma)
    /// `json.load` of a file holding a list of records (objects): keys in file order,
    /// values as Python holds them.
    case readJSON(path: String, as: String)
    /// `json.dump(records, f, indent=4)` of a table read by `read_json`; with `compact`,
    /// `json.dump(records, f)` (one line).
    case writeJSON(table: String, to: String, compact: Bool = false)
    /// MLE-bench's `train_test_split` (mode `mlebench`) or mlepkg's keyed-hash split (mode `hash`).
    case split(Split)
    /// `train_test_split(df, train_size=…, test_size=…)` with a `train_size`.
    case splitSizes(SplitSizes)
    /// MLE-bench's split over a column's unique values or groups (see ``SplitBy``).
    case splitBy(SplitBy)
    case select(table: String, columns: [String], as: String)
    /// `df[other.columns]` (for records, the keys of `other`'s first record).
    case selectLike(table: String, columnsOf: String, as: String)
    /// `df[col] = df[col].astype(int)` for each listed column.
    case astype(table: String, columns: [(String, ColumnCast)], as: String)
    /// `randint` (see ``Randint``).
    case randint(Randint)
    /// `uniform` (see ``Uniform``).
    case uniform(Uniform)
    case drop(table: String, columns: [String], as: String)
    case rename(table: String, columns: [String: String], as: String)
    case set(table: String, values: [(String, Assignment)], as: String)
    /// `renumber` (see ``Renumber``).
    case renumber(Renumber)
    case oneHot(table: String, id: String, target: String, classes: [String], as: String)
    /// `to_csv(index=index, quoting=quoting)`; with `index`, the row labels pandas carries
    /// (positions in the file read, kept through row selections) come first, under an empty name.
    /// `floatPrecision` p is `float_format="%.pg"` (float64 columns only).
    case writeCSV(table: String, to: String, index: Bool, quoting: Quoting, floatPrecision: Int? = nil, separator: Separator = .comma)
    case copy(from: String, to: String)
    /// Copies one file per row: `{id}` in the patterns is the row's value of `column`, and
    /// `{new}` its renumbered value when `map` is given.
    case copyByID(table: String, column: String, from: String, to: String, map: String?)
    /// Copies one folder per row (`shutil.copytree`): every raw file under `from` (with `{id}`
    /// the row's value of `column`) goes under `to`, keeping its path relative to the folder.
    case copyDirByID(table: String, column: String, from: String, to: String)
    /// Zips the output folder `folder` into the output file `to` (`shutil.make_archive(…,
    /// "zip", root_dir=folder)`): entry names relative to the folder, sorted, with fixed
    /// timestamps. The folder's entries leave the outputs unless `keep`. When `folder` is an
    /// output file, the zip holds that one file under its own name (`make_archive(…,
    /// root_dir=parent, base_dir=name)`). `format` picks a zip or a 7z archive (the same
    /// members; a 7z's bytes are libarchive's, not py7zr's).
    case zip(folder: String, to: String, keep: Bool, format: ArchiveFormat = .zip)
    /// `filter` (see ``Filter``).
    case filter(Filter)
    /// `df.sort_values(by=column)` for a column whose values are unique.
    case sort(table: String, by: String, as: String)
    /// `swap_rows` (see ``RowSwap``).
    case swapRows(RowSwap)
    /// `df[col] = np.linspace(start, stop, len(df))` for each of `columns` (float64).
    case linspace(table: String, columns: [String], start: Double, stop: Double, as: String)
    /// `df[df[column] == value]` (or `!=` with `negate`), rows in their order.
    case filterValue(table: String, column: String, value: Constant, negate: Bool, as: String)
    /// `df[pd.to_datetime(df[column]) >= max - pd.Timedelta(days=lastDays)]` (the other rows with
    /// `negate`), over ISO dates, rows in their order.
    case filterLastDays(table: String, column: String, lastDays: Int, negate: Bool, as: String)
    /// `df[column] = df[a].astype(str) + "_" + df[b].astype(str)`, written as a template
    /// (`"{a}_{b}"`); see ``Template``.
    case format(table: String, column: String, template: Template, as: String)
    /// `df.groupby(by).first().reset_index()`: one row per key (sorted, missing keys dropped),
    /// each other column's first non-missing value in the group.
    case groupFirst(table: String, by: [String], as: String)
    /// `df[cols] = df[cols].div(df[cols].sum(axis=1), axis=0)` over integer columns.
    case normalizeRows(table: String, columns: [String], as: String)
    /// `replace` (see ``Replace``).
    case replace(Replace)
    /// `df.merge(other, on=on, how=how)`: for each row of `table` in order, the matching rows of
    /// `other` in theirs (`left` keeps unmatched rows with NaN); the left columns, then the
    /// other's non-key columns, overlapping names suffixed `_x`/`_y`; a fresh 0, 1, … index.
    case merge(table: String, other: String, on: [String], how: JoinKind, as: String)

    /// `df.fillna(value)` (or only over `columns`): NaN cells of float columns take a number, of
    /// text columns a string.
    case fillNA(table: String, value: Constant, columns: [String]?, as: String)
    /// `set … where` (see ``SetWhere``).
    case setWhere(SetWhere)
    /// `set … where_in` (see ``SetWhereIn``).
    case setWhereIn(SetWhereIn)
    /// `set … where_contains` (see ``SetWhereContains``).
    case setWhereContains(SetWhereContains)
    /// `cumcount` (see ``Cumcount``).
    case cumcount(Cumcount)
    /// MLE-bench's split that puts each group on both sides where it can (see ``GroupSplit``).
    case groupSplit(GroupSplit)
    /// `df.groupby(by)[column].agg(separator.join).reset_index()`: one row per key (sorted, missing
    /// keys dropped), the group's texts joined in row order.
    case groupJoin(table: String, by: [String], column: String, separator: String, as: String)

    /// A table made from a listing of a raw folder (MLE-bench's `os.listdir` walks and globs):
    /// one row per file under `folder` whose path relative to it matches `pattern`, one text
    /// column per placeholder; with `endsWith`, only files whose name ends with it
    /// (`file_name.endswith(".png")`). Rows in `order`.
    case listFiles(folder: String, pattern: FilePattern, endsWith: String?, order: ListOrder, as: String)

    /// The row order of `list_files`.
    public enum ListOrder: String, Sendable, Equatable {
        /// `sorted(os.listdir(…))` at every level: paths compared folder by folder, each name by
        /// code points.
        case listing
        /// `sorted(glob(…))`: whole relative paths compared by code points (`"a b/x" < "a/x"`).
        case path
    }

    /// A path pattern below a raw folder, `{species}/{file}`: one segment per path level, each
    /// literal text or text around `{column}` placeholders (`{id}.wav`,
    /// `{date}_{time}_TRAIN{n}_{label}.aif`). A placeholder followed by literal text takes the
    /// (non-empty) text up to that literal's first occurrence (`name.split("_")[0]`), the last
    /// one the non-empty rest of the name before the segment's closing literal.
    public struct FilePattern: Sendable, Equatable, CustomStringConvertible {
        /// A placeholder and the literal text that follows it (empty: up to the segment's end).
        public struct Field: Sendable, Equatable {
            public var column: String
            public var literal: String
            public init(column: String, literal: String) { self.column = column; self.literal = literal }
        }
        /// One path level: literal text, then fields.
        public struct Segment: Sendable, Equatable {
            public var prefix: String
            public var fields: [Field]
            public init(prefix: String, fields: [Field]) { self.prefix = prefix; self.fields = fields }
        }
        public var segments: [Segment]
        public var description: String

        public init(parsing text: String) throws(TemplateError) {
            description = text
            guard !text.isEmpty else { throw TemplateError("expected a pattern such as '{label}/{file}', got ''") }
            segments = []
            var names = Set<String>()
            for part in text.split(separator: "/", omittingEmptySubsequences: false) {
                guard !part.isEmpty, part != ".", part != ".." else {
                    throw TemplateError("expected path segments such as '{label}/{file}', got '\(text)'")
                }
                let template = try Template(parsing: String(part))
                var segment = Segment(prefix: "", fields: [])
                for p in template.parts {
                    switch p {
                    case .literal(let l) where segment.fields.isEmpty: segment.prefix += l
                    case .literal(let l): segment.fields[segment.fields.count - 1].literal += l
                    case .column(let name, let character):
                        guard character == nil else { throw TemplateError("'{\(name)[…]}' takes no character position in a file pattern") }
                        if let last = segment.fields.last, last.literal.isEmpty {
                            throw TemplateError("segment '\(part)' has two placeholders with no text between them")
                        }
                        guard names.insert(name).inserted else { throw TemplateError("column '\(name)' appears twice") }
                        segment.fields.append(Field(column: name, literal: ""))
                    }
                }
                segments.append(segment)
            }
            guard !names.isEmpty else { throw TemplateError("'\(text)' names no column; expected a placeholder such as '{file}'") }
        }

        /// The column names, in pattern order.
        public var columns: [String] { segments.flatMap { $0.fields.map(\.column) } }

        /// Each column's text for a relative path's components, or nil when the path does not match.
        public func match(_ components: [Substring]) -> [String]? {
            guard components.count == segments.count else { return nil }
            var values: [String] = []
            for (segment, name) in Swift.zip(segments, components) {
                let bytes = Array(name.utf8), prefix = Array(segment.prefix.utf8)
                guard !segment.fields.isEmpty else {
                    if bytes != prefix { return nil }
                    continue
                }
                guard bytes.starts(with: prefix) else { return nil }
                var at = prefix.count
                for (n, field) in segment.fields.enumerated() {
                    let literal = Array(field.literal.utf8)
                    if n == segment.fields.count - 1 {
                        // The last field: the rest, before the closing literal.
                        guard bytes.count - at > literal.count, bytes.reversed().starts(with: literal.reversed()) else { return nil }
                        values.append(String(decoding: bytes[at ..< bytes.count - literal.count], as: UTF8.self))
                    } else {
                        // Up to the literal's first occurrence after at least one byte.
                        guard let end = Self.firstOccurrence(of: literal, in: bytes, from: at + 1) else { return nil }
                        values.append(String(decoding: bytes[at ..< end], as: UTF8.self))
                        at = end + literal.count
                    }
                }
            }
            return values
        }

        static func firstOccurrence(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
            guard start + needle.count <= bytes.count else { return nil }
            return (start ... bytes.count - needle.count).first { bytes[$0 ..< $0 + needle.count].elementsEqual(needle) }
        }
    }

    /// `merge`'s `how`.
    public enum JoinKind: String, Sendable, Equatable { case inner, left }

    /// Text with `{column}` placeholders, each replaced by the row's value as `str()` prints
    /// it, or `{column[i]}` by its i-th character; `{{` and `}}` are literal braces.
    public struct Template: Sendable, Equatable, CustomStringConvertible {
        public enum Part: Sendable, Equatable {
            case literal(String)
            case column(String, character: Int?)
        }
        public var parts: [Part]
        public var description: String

        public init(parsing text: String) throws(TemplateError) {
            description = text
            parts = []
            var literal = ""
            var i = text.startIndex
            while i < text.endIndex {
                let c = text[i]
                let next = text.index(after: i)
                if c == "}" {
                    guard next < text.endIndex, text[next] == "}" else { throw TemplateError("a lone '}' (write '}}' for a brace)") }
                    literal.append("}")
                    i = text.index(after: next)
                    continue
                }
                guard c == "{" else { literal.append(c); i = next; continue }
                if next < text.endIndex, text[next] == "{" {
                    literal.append("{")
                    i = text.index(after: next)
                    continue
                }
                guard let close = text[next...].firstIndex(of: "}") else { throw TemplateError("'{' without a closing '}'") }
                let inner = String(text[next..<close])
                var name = inner, character: Int?
                if inner.hasSuffix("]"), let open = inner.lastIndex(of: "[") {
                    name = String(inner[..<open])
                    guard let n = Int(inner[inner.index(after: open)..<inner.index(before: inner.endIndex)]), n >= 0 else {
                        throw TemplateError("expected a character position such as {\(name)[0]}, got '{\(inner)}'")
                    }
                    character = n
                }
                guard !name.isEmpty, !name.contains("{") else { throw TemplateError("expected a column name inside '{…}', got '{\(inner)}'") }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                parts.append(.column(name, character: character))
                i = text.index(after: close)
            }
            if !literal.isEmpty { parts.append(.literal(literal)) }
        }

        /// The column names the placeholders use, in order of first use.
        public var columns: [String] {
            var seen = Set<String>()
            return parts.compactMap { if case .column(let n, _) = $0, seen.insert(n).inserted { return n } else { return nil } }
        }
    }

    public struct TemplateError: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public struct HashOptions: Sendable, Equatable {
        public var salt: String
        public var key: String
        public var stratify: String?
    }

    public static func == (a: RecipeStep, b: RecipeStep) -> Bool { String(describing: a) == String(describing: b) }
}

// MARK: - Split steps' parameters

extension RecipeStep {
    /// `split`: `train_test_split(df, test_size=testSize, random_state=randomState)` into `train`
    /// and `test` (mode `mlebench`), or with `hash` mlepkg's keyed-hash split (mode `hash`).
    public struct Split: Sendable, Equatable {
        public var table: String
        public var testSize: SplitSize
        public var randomState: UInt32
        public var train: String
        public var test: String
        public var hash: HashOptions?

        public init(table: String, testSize: SplitSize, randomState: UInt32, train: String, test: String, hash: HashOptions? = nil) {
            self.table = table
            self.testSize = testSize
            self.randomState = randomState
            self.train = train
            self.test = test
            self.hash = hash
        }
    }

    /// `split` with a `train_size`: `train_test_split(df, train_size=…, test_size=…)` (`testSize`
    /// nil: the rest of the rows).
    public struct SplitSizes: Sendable, Equatable {
        public var table: String
        public var testSize: SplitSize?
        public var trainSize: SplitSize
        public var randomState: UInt32
        public var train: String
        public var test: String

        public init(table: String, testSize: SplitSize?, trainSize: SplitSize, randomState: UInt32, train: String, test: String) {
            self.table = table
            self.testSize = testSize
            self.trainSize = trainSize
            self.randomState = randomState
            self.train = train
            self.test = test
        }
    }

    /// `split` with `by`: MLE-bench's split over a column's unique values (first-appearance
    /// order): `train_test_split(df[column].unique(), …)`, then `df[df[column].isin(values)]` per
    /// side. `trainKeys`/`testKeys` name one-column tables of each side's values in
    /// `train_test_split`'s order (`pd.DataFrame({column: test_values})`). With `groupby`, the
    /// split is over `list(df.groupby(column))` instead: the keys in sorted order (missing keys
    /// dropped) and each side the groups concatenated in `train_test_split`'s order (`pd.concat`).
    public struct SplitBy: Sendable, Equatable {
        public var table: String
        public var column: String
        public var testSize: SplitSize
        public var randomState: UInt32
        public var train: String
        public var test: String
        public var trainKeys: String?
        public var testKeys: String?
        public var groupby: Bool

        public init(table: String, column: String, testSize: SplitSize, randomState: UInt32, train: String, test: String,
                    trainKeys: String? = nil, testKeys: String? = nil, groupby: Bool = false) {
            self.table = table
            self.column = column
            self.testSize = testSize
            self.randomState = randomState
            self.train = train
            self.test = test
            self.trainKeys = trainKeys
            self.testKeys = testKeys
            self.groupby = groupby
        }
    }

    /// `group_split`: MLE-bench's split that puts each group on both sides where it can. For each
    /// value of `by` (first-appearance order), a group of two or more rows sends the first row of
    /// `group.sample(2, random_state=sampleRandomState)` to train and the second to test; a
    /// one-row group goes to test when `default_rng(seed).choice(["train", "test"],
    /// p=[1 - testSize, testSize])` picks it (one draw per such group, in order); the remaining
    /// rows are split by `train_test_split(test_size=testSize, random_state=randomState)`. Each
    /// side keeps its rows in row order.
    public struct GroupSplit: Sendable, Equatable {
        public var table: String
        public var by: String
        public var testSize: Double
        public var sampleRandomState: UInt32
        public var seed: UInt64
        public var randomState: UInt32
        public var train: String
        public var test: String

        public init(table: String, by: String, testSize: Double, sampleRandomState: UInt32, seed: UInt64,
                    randomState: UInt32, train: String, test: String) {
            self.table = table
            self.by = by
            self.testSize = testSize
            self.sampleRandomState = sampleRandomState
            self.seed = seed
            self.randomState = randomState
            self.train = train
            self.test = test
        }
    }
}

// MARK: - Other steps' parameters

extension RecipeStep {
    /// `df[column] = np.random.RandomState(randomState).randint(low, high, size=len(df))`.
    public struct Randint: Sendable, Equatable {
        public var table: String
        public var column: String
        public var low: Int64
        public var high: Int64
        public var randomState: UInt32
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, low: Int64, high: Int64, randomState: UInt32, output: String) {
            self.table = table
            self.column = column
            self.low = low
            self.high = high
            self.randomState = randomState
            self.output = output
        }
    }

    /// `df[column] = np.random.default_rng(seed).uniform(low, high, len(df))`, then `.round(round)`
    /// when `round` is given (numpy's float64 rounding: scale, `rint`, unscale).
    public struct Uniform: Sendable, Equatable {
        public var table: String
        public var column: String
        public var low: Double
        public var high: Double
        public var seed: UInt64
        public var round: Int?
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, low: Double, high: Double, seed: UInt64, round: Int?, output: String) {
            self.table = table
            self.column = column
            self.low = low
            self.high = high
            self.seed = seed
            self.round = round
            self.output = output
        }
    }

    /// Replaces a column's values by start, start + 1, … in row order (with `unique`, one number per
    /// distinct value in first-appearance order: `col.map({v: i for i, v in enumerate(col.unique())})`),
    /// remembering old → new as `map`. With `format` (`"Train_{n}"`) the new values are that text.
    /// When `table[whenConstant].nunique() == 1`, the first row of `table` and the first row of
    /// `other` whose `whereNotColumn` differs from `whereNotValue` exchange their contents, each
    /// side keeping its row labels (MLE-bench's google-quest swap, which gives spearmanr variation).
    public struct RowSwap: Sendable, Equatable {
        public var table: String
        public var other: String
        public var whenConstant: String
        public var whereNotColumn: String
        public var whereNotValue: Constant
        /// The tables it writes: `table`'s side and `other`'s.
        public var output: String
        public var otherOutput: String

        public init(table: String, other: String, whenConstant: String, whereNotColumn: String, whereNotValue: Constant,
                    output: String, otherOutput: String) {
            self.table = table
            self.other = other
            self.whenConstant = whenConstant
            self.whereNotColumn = whereNotColumn
            self.whereNotValue = whereNotValue
            self.output = output
            self.otherOutput = otherOutput
        }
    }

    public struct Renumber: Sendable, Equatable {
        public var table: String
        public var column: String
        public var start: Int64
        /// When set, the numbers start at this table's row count instead of `start`
        /// (`np.arange(len(new_train), …)`): a preparation's offset follows the data it derives from.
        public var startAtLengthOf: String?
        public var unique: Bool
        public var format: String?
        public var map: String
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, start: Int64, startAtLengthOf: String? = nil, unique: Bool,
                    format: String?, map: String, output: String) {
            self.table = table
            self.column = column
            self.start = start
            self.startAtLengthOf = startAtLengthOf
            self.unique = unique
            self.format = format
            self.map = map
            self.output = output
        }
    }

    /// Keeps the rows whose `column` value is (or, with `negate`, is not) among the values of
    /// `otherColumn` in table `other` (`df[df[c].isin(other[c2])]`), in row order.
    public struct Filter: Sendable, Equatable {
        public var table: String
        public var column: String
        public var other: String
        public var otherColumn: String
        public var negate: Bool
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, other: String, otherColumn: String, negate: Bool, output: String) {
            self.table = table
            self.column = column
            self.other = other
            self.otherColumn = otherColumn
            self.negate = negate
            self.output = output
        }
    }

    /// `df[into] = df[column].str.replace(old, new)` (pandas 2's literal replace of every
    /// occurrence, code point by code point; NaN stays NaN).
    public struct Replace: Sendable, Equatable {
        public var table: String
        public var column: String
        public var old: String
        public var new: String
        public var into: String
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, old: String, new: String, into: String, output: String) {
            self.table = table
            self.column = column
            self.old = old
            self.new = new
            self.into = into
            self.output = output
        }
    }

    /// `df.loc[df[column] == equals, columns] = value`: the rows where `column` equals `equals`.
    public struct SetWhere: Sendable, Equatable {
        public var table: String
        public var column: String
        public var equals: Constant
        public var columns: [String]
        public var value: Constant
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, equals: Constant, columns: [String], value: Constant, output: String) {
            self.table = table
            self.column = column
            self.equals = equals
            self.columns = columns
            self.value = value
            self.output = output
        }
    }

    /// `df.loc[df[column].str.contains(text, regex=False), columns] = value` (Python's
    /// `text in name`): the rows whose text cell holds `text`.
    public struct SetWhereContains: Sendable, Equatable {
        public var table: String
        public var column: String
        public var text: String
        public var columns: [String]
        public var value: Constant
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, text: String, columns: [String], value: Constant, output: String) {
            self.table = table
            self.column = column
            self.text = text
            self.columns = columns
            self.value = value
            self.output = output
        }
    }

    /// `df[column] = df.groupby(by).cumcount() + start` (without `by`, `range(start, start +
    /// len(df))`): a running count in row order, per group of equal `by` values — MLE-bench's
    /// `cat_ctr`/`dog_ctr` counters and `enumerate(…, start=1)` ids. With `width`, the counts are
    /// text padded with zeros to that many digits (`str(n).zfill(width)`).
    public struct Cumcount: Sendable, Equatable {
        public var table: String
        public var column: String
        public var by: [String]
        public var start: Int64
        public var width: Int?
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, by: [String], start: Int64, width: Int? = nil, output: String) {
            self.table = table
            self.column = column
            self.by = by
            self.start = start
            self.width = width
            self.output = output
        }
    }

    /// `df.loc[df[column].isin(other[column]), columns] = value` (`~…isin` with `negate`).
    public struct SetWhereIn: Sendable, Equatable {
        public var table: String
        public var column: String
        public var other: String
        public var negate: Bool
        public var columns: [String]
        public var value: Constant
        /// The table it writes (the recipe's `as`).
        public var output: String

        public init(table: String, column: String, other: String, negate: Bool, columns: [String], value: Constant, output: String) {
            self.table = table
            self.column = column
            self.other = other
            self.negate = negate
            self.columns = columns
            self.value = value
            self.output = output
        }
    }
}

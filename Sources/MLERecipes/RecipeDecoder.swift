import Foundation
import MLEBasics

/// A malformed recipe: the file, the line and the field, and what is wrong.
public struct RecipeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var field: String
    public var message: String

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return field.isEmpty ? "\(place): \(message)" : "\(place): field '\(field)': \(message)"
    }
}

/// Reads `recipe.toml` files (format 1) into ``Recipe`` values.
public enum RecipeDecoder {
    public static let formatVersion: Int64 = 1

    public static func decode(_ text: String, file: String) throws -> Recipe {
        let root: TOMLTable
        do { root = try TOMLParser.parse(text) } catch let e as TOMLError {
            throw RecipeError(file: file, line: e.line, field: "", message: e.message)
        }
        var r = Reader(file: file, table: root, prefix: "")
        let format = try r.integer("format")
        guard format == formatVersion else {
            throw r.error("format", "unsupported recipe format \(format), expected \(formatVersion); a newer mlepkg may read it")
        }
        let id = try r.string("id")
        guard id.range(of: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", options: .regularExpression) != nil else {
            throw r.error("id", "expected letters, digits, '-', '_' or '.', got '\(id)'")
        }
        let complexityName = try r.string("complexity")
        guard let complexity = Recipe.Complexity(rawValue: complexityName) else {
            throw r.error("complexity", "expected low, medium, high or dev, got '\(complexityName)'")
        }
        let statusName = try r.string("status")
        let status: Recipe.Status
        switch statusName {
        case "supported": status = .supported
        case "checked":
            guard let check = try r.optionalString("checked_by") else {
                throw r.error("status", "'checked' needs 'checked_by', the check its outputs passed")
            }
            status = .checked(by: check)
        case "unverified": status = .unverified
        case "unsupported": status = .unsupported(missing: try r.string("missing"))
        default: throw r.error("status", "expected supported, checked, unverified or unsupported, got '\(statusName)'")
        }
        var src = try r.table("source")
        let source = Recipe.Source(url: try src.string("url"), md5: try src.optionalString("md5"),
                                   sha256: try src.optionalString("sha256"), size: try src.optionalInteger("size"))
        var inputs: [Recipe.Input] = []
        for var t in try r.tables("inputs") {
            let path = try t.string("path")
            var input = Recipe.Input(path: path, sha256: try t.optionalString("sha256"),
                                     isDirectory: try t.optionalBool("directory") ?? false)
            if let archive = try t.optionalString("archive") {
                guard !archive.isEmpty, !archive.hasPrefix("/"), !archive.hasSuffix("/"), !archive.split(separator: "/").contains("..") else {
                    throw t.error("archive", "expected a relative archive path among the raw files, got '\(archive)'")
                }
                if t.table["directory"] != nil, !input.isDirectory {
                    throw t.error("directory", "an input with 'archive' is a folder (its members); remove 'directory = false'")
                }
                guard !path.isEmpty, !path.hasPrefix("/"), !path.hasSuffix("/"), !path.split(separator: "/").contains("..") else {
                    throw t.error("path", "expected a relative folder for the archive's members, got '\(path)'")
                }
                input.isDirectory = true
                input.archive = archive
            }
            inputs.append(input)
            try t.finish()
        }
        var steps: [RecipeStep] = []
        for var t in try r.tables("steps") {
            steps.append(try step(&t))
            try t.finish()
        }
        var out = try r.table("outputs")
        var md5: [String: String] = [:]
        if var m = try out.optionalTable("md5") {
            for key in m.table.keys { md5[key] = try m.string(key) }
        }
        let outputs = Recipe.Outputs(answers: try out.optionalString("answers"),
                                     sampleSubmission: try out.optionalString("sample_submission"), md5: md5)
        try out.finish()
        var g = try r.table("grader")
        let metric = try g.string("metric")
        let lowerIsBetter = try g.optionalBool("lower_is_better")
        var params: [String: String] = [:]
        for key in g.table.keys where key != "metric" && key != "lower_is_better" {
            g.seen.insert(key)
            params[key] = Reader.render(g.table[key]!)
        }
        let recipe = Recipe(id: id, name: try r.string("name"), kaggleSlug: try r.string("kaggle"),
                            complexity: complexity, tags: try r.optionalStrings("tags") ?? [],
                            status: status, source: source, inputs: inputs, steps: steps,
                            outputs: outputs, grader: Recipe.Grader(metric: metric, lowerIsBetter: lowerIsBetter, parameters: params))
        try src.finish()
        try r.finish()
        try checkTables(recipe, file: file, root: root)
        return recipe
    }

    static func step(_ t: inout Reader) throws -> RecipeStep {
        let op = try t.string("op")
        switch op {
        case "read_csv":
            var dtype: [(String, RecipeStep.ColumnCast)] = []
            if var d = try t.optionalTable("dtype") {
                for key in d.table.keys { dtype.append((key, try d.cast(key, allowed: [.str, .int, .float]))) }
            }
            return .readCSV(path: try t.string("path"), as: try t.string("as"), dtype: dtype, separator: try separator(&t))
        case "read_json":
            return .readJSON(path: try t.string("path"), as: try t.string("as"))
        case "write_json":
            return .writeJSON(table: try t.string("table"), to: try outputPath(&t, "to"),
                              compact: try t.optionalBool("compact") ?? false)
        case "split":
            let size = try splitSize(&t, "test_size", from: "test_size_from")
            let trainSize = try splitSize(&t, "train_size", from: nil)
            if size == nil && trainSize == nil { throw t.error("test_size", "is required (or 'test_size_from'), unless 'train_size' is given") }
            let mode = try t.optionalString("mode") ?? "mlebench"
            var hash: RecipeStep.HashOptions?
            switch mode {
            case "mlebench": break
            case "hash":
                hash = .init(salt: try t.string("salt"), key: try t.string("key"), stratify: try t.optionalString("stratify"))
                if case .shareOf? = size { throw t.error("test_size_from", "hash mode needs a fractional 'test_size'") }
                if size == nil { throw t.error("test_size", "hash mode needs a fractional 'test_size'") }
                if trainSize != nil { throw t.error("train_size", "hash mode takes only 'test_size'") }
            default: throw t.error("mode", "expected mlebench or hash, got '\(mode)'")
            }
            let seed = try t.randomState("random_state", default: 0)
            if let by = try t.optionalString("by") {
                guard hash == nil else { throw t.error("by", "splitting by a column's values is only defined for mode mlebench") }
                guard let size, trainSize == nil else { throw t.error("train_size", "splitting by a column's values takes 'test_size' or 'test_size_from' only") }
                return .splitBy(.init(table: try t.string("table"), column: by, testSize: size, randomState: seed,
                                      train: try t.string("train"), test: try t.string("test"),
                                      trainKeys: try t.optionalString("train_keys"), testKeys: try t.optionalString("test_keys"),
                                      groupby: try t.optionalBool("groupby") ?? false))
            }
            if t.table["groupby"] != nil { throw t.error("groupby", "splitting over groups needs 'by'") }
            if let trainSize {
                return .splitSizes(.init(table: try t.string("table"), testSize: size, trainSize: trainSize, randomState: seed,
                                         train: try t.string("train"), test: try t.string("test")))
            }
            return .split(.init(table: try t.string("table"), testSize: size!, randomState: seed,
                                train: try t.string("train"), test: try t.string("test"), hash: hash))
        case "group_split":
            guard case .float(let f)? = t.table["test_size"], f > 0, f < 1 else {
                throw t.error("test_size", "expected a fraction in (0, 1) (the share each one-row group and the rest send to test)")
            }
            t.seen.insert("test_size")
            let states = try ["sample_random_state", "random_state"].map { try t.randomState($0) }
            let seed = try t.integer("seed")
            guard seed >= 0 else { throw t.error("seed", "expected a non-negative integer, got \(seed)") }
            return .groupSplit(.init(table: try t.string("table"), by: try t.string("by"), testSize: f, sampleRandomState: states[0],
                                     seed: UInt64(seed), randomState: states[1], train: try t.string("train"), test: try t.string("test")))
        case "select":
            if let other = try t.optionalString("columns_of") {
                guard t.table["columns"] == nil else { throw t.error("columns_of", "expected either 'columns' or 'columns_of', not both") }
                return .selectLike(table: try t.string("table"), columnsOf: other, as: try t.string("as"))
            }
            return .select(table: try t.string("table"), columns: try t.strings("columns"), as: try t.string("as"))
        case "astype":
            var m = try t.table("columns")
            var casts: [(String, RecipeStep.ColumnCast)] = []
            for key in m.table.keys { casts.append((key, try m.cast(key, allowed: [.int]))) }
            guard !casts.isEmpty else { throw t.error("columns", "expected at least one column") }
            return .astype(table: try t.string("table"), columns: casts, as: try t.string("as"))
        case "randint":
            let low = try t.integer("low"), high = try t.integer("high")
            guard high > low else { throw t.error("high", "expected a value above low (\(low)), got \(high)") }
            return .randint(.init(table: try t.string("table"), column: try t.string("column"), low: low, high: high,
                                  randomState: try t.randomState("random_state"), output: try t.string("as")))
        case "uniform":
            let low = try t.number("low"), high = try t.number("high")
            guard low.isFinite else { throw t.error("low", "expected a finite number, got \(low)") }
            guard high.isFinite else { throw t.error("high", "expected a finite number, got \(high)") }
            guard high >= low else { throw t.error("high", "expected a value not below low (\(low)), got \(high)") }
            guard (high - low).isFinite else { throw t.error("high", "high - low exceeds the float64 range (numpy's OverflowError)") }
            let seed = try t.integer("seed")
            guard seed >= 0 else { throw t.error("seed", "expected a non-negative integer, got \(seed)") }
            let round = try t.optionalInteger("round")
            if let round, !(-15 ... 15).contains(round) { throw t.error("round", "expected decimals in -15 … 15, got \(round)") }
            return .uniform(.init(table: try t.string("table"), column: try t.string("column"), low: low, high: high,
                                  seed: UInt64(seed), round: round.map { Int($0) }, output: try t.string("as")))
        case "drop":
            return .drop(table: try t.string("table"), columns: try t.strings("columns"), as: try t.string("as"))
        case "rename":
            var m = try t.table("columns")
            var mapping: [String: String] = [:]
            for key in m.table.keys { mapping[key] = try m.string(key) }
            return .rename(table: try t.string("table"), columns: mapping, as: try t.string("as"))
        case "set" where t.table["where_in"] != nil || t.table["where_not_in"] != nil:
            let negate = t.table["where_not_in"] != nil
            let key = negate ? "where_not_in" : "where_in"
            guard t.table["where_in"] == nil || t.table["where_not_in"] == nil, t.table["where"] == nil, t.table["where_contains"] == nil else {
                throw t.error(key, "expected one of 'where', 'where_in', 'where_not_in' and 'where_contains'")
            }
            var w = try t.table(key)
            guard w.table.keys.count == 1, let column = w.table.keys.first else {
                throw t.error(key, "expected one column and the table whose column of that name it is matched against, such as { Id = \"train\" }")
            }
            let other = try w.string(column)
            let (columns, value) = try conditionalAssignment(&t, key)
            return .setWhereIn(.init(table: try t.string("table"), column: column, other: other, negate: negate, columns: columns,
                                     value: value, output: try t.string("as")))
        case "set" where t.table["where_contains"] != nil:
            guard t.table["where"] == nil else { throw t.error("where_contains", "expected one of 'where', 'where_in', 'where_not_in' and 'where_contains'") }
            var w = try t.table("where_contains")
            guard w.table.keys.count == 1, let column = w.table.keys.first else {
                throw t.error("where_contains", "expected one column and the text its cells must hold, such as { file = \"dog\" }")
            }
            let text = try w.string(column)
            guard !text.isEmpty else { throw t.error("where_contains", "expected a non-empty text to look for") }
            let (columns, value) = try conditionalAssignment(&t, "where_contains")
            return .setWhereContains(.init(table: try t.string("table"), column: column, text: text, columns: columns, value: value,
                                           output: try t.string("as")))
        case "cumcount":
            let by = try t.optionalStringOrStrings("by") ?? []
            if by.isEmpty, t.table["by"] != nil { throw t.error("by", "expected a column or a list of columns") }
            let start = try t.optionalInteger("start") ?? 0
            let width = try t.optionalInteger("width")
            if let width {
                guard (1 ... 32).contains(width) else { throw t.error("width", "expected a number of digits from 1 to 32, got \(width)") }
                guard start >= 0 else { throw t.error("start", "expected a non-negative start with 'width' (zfill pads after a minus sign), got \(start)") }
            }
            return .cumcount(.init(table: try t.string("table"), column: try t.string("column"), by: by,
                                   start: start, width: width.map { Int($0) }, output: try t.string("as")))
        case "set" where t.table["where"] != nil:
            var w = try t.table("where")
            guard w.table.keys.count == 1, let column = w.table.keys.first else {
                throw t.error("where", "expected one column and its value, such as { class_id = 14 }")
            }
            let equals = try w.constant(column)
            if case .bool = equals { throw t.error("where", "expected a string or a number (pandas compares booleans by dtype)") }
            let (columns, value) = try conditionalAssignment(&t, "where")
            return .setWhere(.init(table: try t.string("table"), column: column, equals: equals, columns: columns, value: value,
                                   output: try t.string("as")))
        case "fillna":
            let value = try t.constant("value")
            if case .bool = value { throw t.error("value", "expected a string or a number") }
            let columns = try t.optionalStrings("columns")
            if let columns, columns.isEmpty { throw t.error("columns", "expected at least one column") }
            return .fillNA(table: try t.string("table"), value: value, columns: columns, as: try t.string("as"))
        case "group_join":
            let by = try t.stringOrStrings("by")
            guard !by.isEmpty else { throw t.error("by", "expected at least one column") }
            return .groupJoin(table: try t.string("table"), by: by, column: try t.string("column"),
                              separator: try t.string("separator"), as: try t.string("as"))
        case "set":
            var values: [(String, RecipeStep.Assignment)] = []
            if var v = try t.optionalTable("values") {
                for key in v.table.keys { values.append((key, .constant(try v.constant(key)))) }
            }
            if var f = try t.optionalTable("from") {
                for key in f.table.keys { values.append((key, .column(try f.string(key)))) }
            }
            if let columns = try t.optionalStrings("columns") {
                let value: RecipeStep.Assignment
                if var m = try t.optionalTable("mean") {
                    guard t.table["value"] == nil else { throw t.error("mean", "expected either 'value' or 'mean', not both") }
                    value = .mean(table: try m.string("table"), column: try m.string("column"))
                    try m.finish()
                } else {
                    value = .constant(try t.constant("value"))
                }
                values += columns.map { ($0, value) }
            }
            guard !values.isEmpty else { throw t.error("values", "expected 'values', 'from', or 'columns' with 'value' or 'mean'") }
            return .set(table: try t.string("table"), values: values, as: try t.string("as"))
        case "renumber":
            var format: String?
            if let f = try t.optionalString("format") {
                let template = try template(&t, "format")
                guard template.columns == ["n"], template.parts.allSatisfy({ if case .column(_, let c) = $0 { c == nil } else { true } }) else {
                    throw t.error("format", "expected text with the placeholder {n} (the new number), got '\(f)'")
                }
                format = f
            }
            let startAtLengthOf = try t.optionalString("start_at_length_of")
            if startAtLengthOf != nil, try t.optionalInteger("start") != nil {
                throw t.error("start_at_length_of", "expected 'start' or 'start_at_length_of', not both")
            }
            return .renumber(.init(table: try t.string("table"), column: try t.string("column"),
                                   start: try t.optionalInteger("start") ?? 1, startAtLengthOf: startAtLengthOf,
                                   unique: try t.optionalBool("unique") ?? false,
                                   format: format, map: try t.string("map"), output: try t.string("as")))
        case "one_hot":
            return .oneHot(table: try t.string("table"), id: try t.string("id"), target: try t.string("target"),
                           classes: try t.strings("classes"), as: try t.string("as"))
        case "write_csv":
            let quotingName = try t.optionalString("quoting") ?? "minimal"
            guard let quoting = RecipeStep.Quoting(rawValue: quotingName) else {
                throw t.error("quoting", "expected 'minimal' or 'nonnumeric', got '\(quotingName)'")
            }
            var precision: Int?
            if let f = try t.optionalString("float_format") {
                // Only printf's %.<p>g, the format MLE-bench's preparers pass.
                let digits = f.hasPrefix("%.") && f.hasSuffix("g") ? f.dropFirst(2).dropLast() : ""
                guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let p = Int(digits), (1...17).contains(p) else {
                    throw t.error("float_format", "expected '%.<p>g' with p in 1 … 17, got '\(f)'")
                }
                precision = p
            }
            return .writeCSV(table: try t.string("table"), to: try outputPath(&t, "to"),
                             index: try t.optionalBool("index") ?? false, quoting: quoting, floatPrecision: precision,
                             separator: try separator(&t))
        case "list_files":
            let folder = try folderPattern(&t, "from")
            let pattern: RecipeStep.FilePattern
            do { pattern = try RecipeStep.FilePattern(parsing: try t.string("pattern")) } catch let e as RecipeStep.TemplateError {
                throw t.error("pattern", "\(e)")
            }
            let endsWith = try t.optionalString("ends_with")
            if let endsWith, endsWith.isEmpty || endsWith.contains("/") {
                throw t.error("ends_with", "expected the end of a file name such as '.png', got '\(endsWith)'")
            }
            let orderName = try t.optionalString("order") ?? "listing"
            guard let order = RecipeStep.ListOrder(rawValue: orderName) else {
                throw t.error("order", "expected 'listing' (sorted(os.listdir) per folder) or 'path' (sorted(glob)), got '\(orderName)'")
            }
            return .listFiles(folder: folder, pattern: pattern, endsWith: endsWith, order: order, as: try t.string("as"))
        case "copy":
            return .copy(from: try t.string("from"), to: try outputPath(&t, "to"))
        case "copy_by_id":
            let from = try t.string("from"), to = try outputPath(&t, "to")
            _ = try template(&t, "from")
            _ = try template(&t, "to")
            return .copyByID(table: try t.string("table"), column: try t.string("column"), from: from,
                             to: to, map: try t.optionalString("map"))
        case "copy_dir_by_id":
            let from = try folderPattern(&t, "from"), to = try outputPath(&t, "to")
            _ = try template(&t, "from")
            _ = try template(&t, "to")
            return .copyDirByID(table: try t.string("table"), column: try t.string("column"), from: from, to: to)
        case "zip":
            let folder = try outputPath(&t, "from")
            let to = try outputPath(&t, "to")
            let f = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            guard !f.isEmpty, f != "public", f != "private" else {
                throw t.error("from", "expected a folder inside public/ or private/, got '\(folder)'")
            }
            guard !to.hasPrefix(f + "/") else { throw t.error("to", "the zip cannot be inside the folder it zips") }
            var format = RecipeStep.ArchiveFormat.zip
            if let name = try t.optionalString("format") {
                guard let parsed = RecipeStep.ArchiveFormat(rawValue: name) else { throw t.error("format", "expected zip or 7z, got '\(name)'") }
                format = parsed
            }
            return .zip(folder: f, to: to, keep: try t.optionalBool("keep") ?? false, format: format)
        case "filter":
            let column = try t.string("column")
            let negate = try t.optionalBool("not") ?? false
            if let days = try t.optionalInteger("last_days") {
                guard t.table["in"] == nil, t.table["value"] == nil else {
                    throw t.error("last_days", "expected one of 'last_days', 'value' or 'in'")
                }
                guard days >= 0 else { throw t.error("last_days", "expected a number of days, 0 or more, got \(days)") }
                return .filterLastDays(table: try t.string("table"), column: column, lastDays: Int(days), negate: negate, as: try t.string("as"))
            }
            if t.table["value"] != nil {
                guard t.table["in"] == nil, t.table["in_column"] == nil else {
                    throw t.error("value", "expected either 'value' or 'in', not both")
                }
                let value = try t.constant("value")
                if case .bool = value { throw t.error("value", "expected a string or a number (pandas compares booleans by dtype)") }
                return .filterValue(table: try t.string("table"), column: column, value: value,
                                    negate: negate, as: try t.string("as"))
            }
            let inTable = try t.string("in")
            let inColumn = try t.optionalString("in_column") ?? column
            return .filter(.init(table: try t.string("table"), column: column, other: inTable, otherColumn: inColumn,
                                 negate: negate, output: try t.string("as")))
        case "swap_rows":
            guard var w = try t.optionalTable("where_not"), w.table.keys.count == 1, let key = w.table.keys.first else {
                throw t.error("where_not", "expected one column and the value its row must not have, e.g. { label = 0 }")
            }
            return .swapRows(.init(table: try t.string("table"), other: try t.string("with"), whenConstant: try t.string("when_constant"),
                                   whereNotColumn: key, whereNotValue: try w.constant(key),
                                   output: try t.string("as"), otherOutput: try t.string("with_as")))
        case "linspace":
            let (start, stop) = (try t.number("start"), try t.number("stop"))
            guard start.isFinite, stop.isFinite else { throw t.error("start", "expected finite numbers") }
            return .linspace(table: try t.string("table"), columns: try t.strings("columns"), start: start, stop: stop, as: try t.string("as"))
        case "sort":
            return .sort(table: try t.string("table"), by: try t.string("by"), as: try t.string("as"))
        case "format":
            let template = try template(&t, "template")
            guard !template.columns.isEmpty else { throw t.error("template", "expected at least one {column} placeholder") }
            return .format(table: try t.string("table"), column: try t.string("column"), template: template, as: try t.string("as"))
        case "group_first":
            let by = try t.stringOrStrings("by")
            guard !by.isEmpty else { throw t.error("by", "expected at least one column") }
            return .groupFirst(table: try t.string("table"), by: by, as: try t.string("as"))
        case "normalize":
            let columns = try t.strings("columns")
            guard !columns.isEmpty else { throw t.error("columns", "expected at least one column") }
            return .normalizeRows(table: try t.string("table"), columns: columns, as: try t.string("as"))
        case "replace":
            let column = try t.string("column")
            let old = try t.string("old")
            guard !old.isEmpty else { throw t.error("old", "expected the text to replace, got an empty string") }
            return .replace(.init(table: try t.string("table"), column: column, old: old, new: try t.string("new"),
                                  into: try t.optionalString("into") ?? column, output: try t.string("as")))
        case "merge":
            let on = try t.stringOrStrings("on")
            guard !on.isEmpty else { throw t.error("on", "expected at least one key column") }
            guard Set(on).count == on.count else { throw t.error("on", "expected distinct key columns, got \(on)") }
            let howName = try t.optionalString("how") ?? "inner"
            guard let how = RecipeStep.JoinKind(rawValue: howName) else {
                throw t.error("how", "expected 'inner' or 'left', got '\(howName)'")
            }
            return .merge(table: try t.string("table"), other: try t.string("with"), on: on, how: how, as: try t.string("as"))
        default:
            throw t.error("op", "unknown step '\(op)'; expected one of read_csv, read_json, split, select, drop, rename, set, astype, randint, uniform, renumber, one_hot, format, normalize, group_first, group_join, group_split, fillna, replace, merge, write_csv, write_json, list_files, cumcount, swap_rows, linspace, copy, copy_by_id, copy_dir_by_id, zip, filter, sort")
        }
    }

    /// Two size fields of `split`: a fraction in (0, 1) or a row count, and (for `test_size`)
    /// `test_size_from`, the share of another table.
    static func splitSize(_ t: inout Reader, _ key: String, from fromKey: String?) throws -> RecipeStep.SplitSize? {
        let other = try fromKey.map { try t.optionalString($0) } ?? nil
        defer { t.seen.insert(key) }
        switch (t.table[key], other) {
        case (.float(let f)?, nil):
            guard f > 0, f < 1 else { throw t.error(key, "expected a fraction in (0, 1) or a row count, got \(f)") }
            return .fraction(f)
        case (.integer(let n)?, nil):
            guard n > 0 else { throw t.error(key, "expected a positive row count, got \(n)") }
            return .count(Int(n))
        case (nil, let other?): return .shareOf(other)
        case (_?, _?): throw t.error(fromKey!, "expected either '\(key)' or '\(fromKey!)', not both")
        case (let value?, nil): throw t.error(key, "expected a number, got \(value.typeName)")
        case (nil, nil): return nil
        }
    }

    /// The `columns` and constant `value` of a conditional `set` (`where`, `where_in`, …), whose
    /// condition is the field `key`.
    static func conditionalAssignment(_ t: inout Reader, _ key: String) throws -> ([String], RecipeStep.Constant) {
        guard t.table["values"] == nil, t.table["from"] == nil, t.table["mean"] == nil else {
            throw t.error(key, "a conditional set takes 'columns' and a constant 'value' only")
        }
        let columns = try t.strings("columns")
        guard !columns.isEmpty else { throw t.error("columns", "expected at least one column") }
        let value = try t.constant("value")
        if case .bool = value { throw t.error("value", "expected a string or a number") }
        return (columns, value)
    }

    /// A ``RecipeStep/Template`` field, parsed so that malformed placeholders name the field.
    /// `sep`: a comma (the default) or a tab.
    static func separator(_ t: inout Reader) throws -> RecipeStep.Separator {
        guard let text = try t.optionalString("sep") else { return .comma }
        guard let separator = RecipeStep.Separator(rawValue: text) else {
            throw t.error("sep", "expected \",\" or \"\\t\", got '\(text)'")
        }
        return separator
    }

    static func template(_ t: inout Reader, _ key: String) throws -> RecipeStep.Template {
        do { return try RecipeStep.Template(parsing: try t.string(key)) } catch let e as RecipeStep.TemplateError {
            throw t.error(key, "\(e)")
        }
    }

    static func outputPath(_ t: inout Reader, _ key: String) throws -> String {
        let p = try t.string(key)
        guard p.hasPrefix("public/") || p.hasPrefix("private/"), !p.split(separator: "/").contains("..") else {
            throw t.error(key, "expected a path under public/ or private/, got '\(p)'")
        }
        return p
    }

    /// A raw folder pattern such as `train/{id}`: relative, without `..`.
    static func folderPattern(_ t: inout Reader, _ key: String) throws -> String {
        var p = try t.string(key)
        if p.hasSuffix("/") { p.removeLast() }
        guard !p.isEmpty, !p.hasPrefix("/"), !p.split(separator: "/").contains("..") else {
            throw t.error(key, "expected a relative folder among the raw files, got '\(p)'")
        }
        return p
    }

    /// Tables must be produced before they are read.
    static func checkTables(_ recipe: Recipe, file: String, root: TOMLTable) throws {
        var known = Set<String>()
        let stepTables: [TOMLValue] = { if case .array(let a)? = root["steps"] { return a } else { return [] } }()
        for (n, step) in recipe.steps.enumerated() {
            let line: Int = {
                guard case .table(let t) = stepTables[n] else { return 0 }
                return t.lines["table"] ?? t.line
            }()
            func need(_ name: String, field: String = "table") throws {
                guard known.contains(name) else {
                    let at: Int = {
                        guard case .table(let t) = stepTables[n] else { return line }
                        return t.lines[field] ?? line
                    }()
                    throw RecipeError(file: file, line: at, field: "steps[\(n)].\(field)",
                                      message: "table '\(name)' is used before any step makes it")
                }
            }
            func needSize(_ size: RecipeStep.SplitSize) throws {
                if case .shareOf(let other) = size { try need(other, field: "test_size_from") }
            }
            switch step {
            case .readCSV(_, let a, _, _), .readJSON(_, let a), .listFiles(_, _, _, _, let a): known.insert(a)
            case .split(let s):
                try need(s.table); try needSize(s.testSize); known.insert(s.train); known.insert(s.test)
            case .splitSizes(let s):
                try need(s.table); if let size = s.testSize { try needSize(size) }; try needSize(s.trainSize)
                known.insert(s.train); known.insert(s.test)
            case .splitBy(let s):
                try need(s.table); try needSize(s.testSize); known.insert(s.train); known.insert(s.test)
                if let trainKeys = s.trainKeys { known.insert(trainKeys) }
                if let testKeys = s.testKeys { known.insert(testKeys) }
            case .select(let t, _, let a), .drop(let t, _, let a), .rename(let t, _, let a),
                 .oneHot(let t, _, _, _, let a), .astype(let t, _, let a),
                 .filterValue(let t, _, _, _, let a), .filterLastDays(let t, _, _, _, let a), .format(let t, _, _, let a), .groupFirst(let t, _, let a),
                 .normalizeRows(let t, _, let a), .fillNA(let t, _, _, let a), .groupJoin(let t, _, _, _, let a):
                try need(t); known.insert(a)
            case .randint(let step): try need(step.table); known.insert(step.output)
            case .uniform(let step): try need(step.table); known.insert(step.output)
            case .replace(let step): try need(step.table); known.insert(step.output)
            case .setWhere(let step): try need(step.table); known.insert(step.output)
            case .setWhereContains(let step): try need(step.table); known.insert(step.output)
            case .cumcount(let step): try need(step.table); known.insert(step.output)
            case .setWhereIn(let step):
                let (t, other, negate, a) = (step.table, step.other, step.negate, step.output)
                try need(t); try need(other, field: negate ? "where_not_in" : "where_in"); known.insert(a)
            case .groupSplit(let s):
                try need(s.table); known.insert(s.train); known.insert(s.test)
            case .merge(let t, let other, _, _, let a):
                try need(t); try need(other, field: "with"); known.insert(a)
            case .set(let t, let values, let a):
                try need(t)
                for case (_, .mean(let other, _)) in values { try need(other, field: "mean") }
                known.insert(a)
            case .selectLike(let t, let other, let a):
                try need(t); try need(other, field: "columns_of"); known.insert(a)
            case .renumber(let step):
                try need(step.table)
                if let other = step.startAtLengthOf { try need(other, field: "start_at_length_of") }
                known.insert(step.output)
            case .writeCSV(let t, _, _, _, _, _), .writeJSON(let t, _, _), .copyByID(let t, _, _, _, _), .copyDirByID(let t, _, _, _): try need(t)
            case .filter(let step):
                let (t, other, a) = (step.table, step.other, step.output)
                try need(t)
                try need(other, field: "in")
                known.insert(a)
            case .sort(let t, _, let a), .linspace(let t, _, _, _, let a): try need(t); known.insert(a)
            case .swapRows(let s):
                try need(s.table); try need(s.other, field: "with"); known.insert(s.output); known.insert(s.otherOutput)
            case .copy, .zip: break
            }
        }
    }
}

/// Reads typed fields from a table, tracking which keys were used so that unknown ones are errors.
struct Reader {
    let file: String
    let table: TOMLTable
    let prefix: String
    var seen = Set<String>()

    init(file: String, table: TOMLTable, prefix: String) {
        self.file = file
        self.table = table
        self.prefix = prefix
    }

    func field(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    func error(_ key: String, _ message: String) -> RecipeError {
        RecipeError(file: file, line: table.lines[key] ?? max(1, table.line), field: field(key), message: message)
    }

    mutating func raw(_ key: String) -> TOMLValue? {
        seen.insert(key)
        return table[key]
    }

    mutating func string(_ key: String) throws -> String {
        guard let v = try optionalString(key) else { throw error(key, "is required") }
        return v
    }

    mutating func optionalString(_ key: String) throws -> String? {
        switch raw(key) {
        case nil: return nil
        case .string(let s)?: return s
        case let other?: throw error(key, "expected a string, got \(other.typeName)")
        }
    }

    mutating func integer(_ key: String) throws -> Int64 {
        guard let v = try optionalInteger(key) else { throw error(key, "is required") }
        return v
    }

    mutating func optionalInteger(_ key: String) throws -> Int64? {
        switch raw(key) {
        case nil: return nil
        case .integer(let n)?: return n
        case let other?: throw error(key, "expected an integer, got \(other.typeName)")
        }
    }

    /// An integer or a float, as a double.
    mutating func number(_ key: String) throws -> Double {
        switch raw(key) {
        case .integer(let n)?: return Double(n)
        case .float(let f)?: return f
        case let other?: throw error(key, "expected a number, got \(other.typeName)")
        case nil: throw error(key, "is required")
        }
    }

    mutating func optionalBool(_ key: String) throws -> Bool? {
        switch raw(key) {
        case nil: return nil
        case .bool(let b)?: return b
        case let other?: throw error(key, "expected true or false, got \(other.typeName)")
        }
    }

    /// A seed of numpy's legacy `RandomState`: an integer in 0 … 2^32 − 1; `fallback` when
    /// absent, or required when there is none.
    mutating func randomState(_ key: String, default fallback: Int64? = nil) throws -> UInt32 {
        guard let v = try optionalInteger(key) ?? fallback else { throw error(key, "is required") }
        guard v >= 0, v <= Int64(UInt32.max) else { throw error(key, "expected 0 … 4294967295, got \(v)") }
        return UInt32(v)
    }

    /// One column name or a list of them (pandas takes either), as a list.
    mutating func optionalStringOrStrings(_ key: String) throws -> [String]? {
        if case .string(let one)? = table[key] {
            seen.insert(key)
            return [one]
        }
        return try optionalStrings(key)
    }

    mutating func stringOrStrings(_ key: String) throws -> [String] {
        guard let v = try optionalStringOrStrings(key) else { throw error(key, "is required") }
        return v
    }

    mutating func strings(_ key: String) throws -> [String] {
        guard let v = try optionalStrings(key) else { throw error(key, "is required") }
        return v
    }

    mutating func optionalStrings(_ key: String) throws -> [String]? {
        switch raw(key) {
        case nil: return nil
        case .array(let items)?:
            return try items.map {
                guard case .string(let s) = $0 else { throw error(key, "expected an array of strings, found a \($0.typeName)") }
                return s
            }
        case let other?: throw error(key, "expected an array of strings, got \(other.typeName)")
        }
    }

    mutating func constant(_ key: String) throws -> RecipeStep.Constant {
        switch raw(key) {
        case .bool(let b)?: return .bool(b)
        case .integer(let n)?: return .int(n)
        case .float(let f)?: return .float(f)
        case .string(let s)?: return .string(s)
        case let other?: throw error(key, "expected a string, number or boolean, got \(other.typeName)")
        case nil: throw error(key, "is required")
        }
    }

    mutating func cast(_ key: String, allowed: [RecipeStep.ColumnCast]) throws -> RecipeStep.ColumnCast {
        let name = try string(key)
        guard let c = RecipeStep.ColumnCast(rawValue: name), allowed.contains(c) else {
            throw error(key, "expected \(allowed.map { "'\($0.rawValue)'" }.joined(separator: " or ")), got '\(name)'")
        }
        return c
    }

    mutating func table(_ key: String) throws -> Reader {
        guard let t = try optionalTable(key) else { throw error(key, "is required") }
        return t
    }

    mutating func optionalTable(_ key: String) throws -> Reader? {
        switch raw(key) {
        case nil: return nil
        case .table(let t)?: return Reader(file: file, table: t, prefix: field(key))
        case let other?: throw error(key, "expected a table, got \(other.typeName)")
        }
    }

    mutating func tables(_ key: String) throws -> [Reader] {
        switch raw(key) {
        case nil: return []
        case .array(let items)?:
            return try items.enumerated().map { n, item in
                guard case .table(let t) = item else { throw error(key, "expected [[\(key)]] tables") }
                return Reader(file: file, table: t, prefix: "\(field(key))[\(n)]")
            }
        case let other?: throw error(key, "expected [[\(key)]] tables, got \(other.typeName)")
        }
    }

    /// Unknown keys are errors, so a typo never silently changes a build.
    func finish() throws {
        for key in table.keys where !seen.contains(key) {
            throw error(key, "unknown field")
        }
    }

    static func render(_ v: TOMLValue) -> String {
        switch v {
        case .string(let s): return s
        case .integer(let n): return String(n)
        case .float(let f): return String(f)
        case .bool(let b): return String(b)
        case .array(let a): return a.map(render).joined(separator: ",")
        case .table: return "{…}"
        }
    }
}

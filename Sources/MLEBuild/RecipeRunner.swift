import Foundation
import MLEArchive
import MLEBasics
import MLEModel
import MLERecipes
import MLEPyCompat
import MLETable
import MLESplits
import MLEStore

/// The raw files of one competition, by path among its unpacked files.
public struct RawFiles: Sendable, Equatable {
    public var files: [String: TreeEntry]
    public init(files: [String: TreeEntry]) { self.files = files }
}

public enum BuildError: Error, Sendable, CustomStringConvertible {
    case missingInput(competition: String, path: String)
    case missingRawDirectory(competition: String, path: String)
    case inputMismatch(competition: String, path: String, expected: String, actual: String)
    case unsupported(competition: String, missing: String)
    case step(competition: String, index: Int, op: String, message: String)
    case outputMismatch(competition: String, path: String, expected: String, actual: String)

    public var description: String {
        switch self {
        case .missingInput(let c, let p):
            return "\(c): raw file '\(p)' was not found among the raw files"
        case .missingRawDirectory(let c, let p):
            return "\(c): no raw files: '\(p)' does not exist (expected the competition's Kaggle archive or unpacked files there)"
        case .inputMismatch(let c, let p, let e, let a):
            return "\(c): raw file '\(p)' has sha256:\(a), expected sha256:\(e)"
        case .unsupported(let c, let m):
            return "\(c): the recipe cannot be built yet: \(m)"
        case .step(let c, let i, let op, let m):
            return "\(c): step \(i + 1) (\(op)): \(m)"
        case .outputMismatch(let c, let p, let e, let a):
            return "\(c): '\(p)' has MD5 \(a), expected \(e)"
        }
    }
}

/// Runs a recipe's steps over its raw files and stores every output.
///
/// Tables stay in memory between steps; outputs go straight into the store, so the
/// result is a manifest of `public/…` and `private/…` entries. Raw files that are copied
/// unchanged (images, audio) are referenced, never copied.
public struct RecipeRunner: Sendable {
    public let store: ObjectStore
    public var csvOptions: CSVTable.Options

    public init(store: ObjectStore, csvOptions: CSVTable.Options = CSVTable.Options()) {
        self.store = store
        self.csvOptions = csvOptions
    }

    public func run(_ recipe: Recipe, raw: RawFiles) throws -> TreeManifest {
        if case .unsupported(let missing) = recipe.status {
            throw BuildError.unsupported(competition: recipe.id, missing: missing)
        }
        var tables: [String: CSVTable] = [:]
        /// Tables read by read_json; a name's latest value is in `tables` or here, never both.
        var records: [String: RecordTable] = [:]
        /// Renumbering maps: old id → the new id as printed.
        var maps: [String: [String: String]] = [:]
        var outputs: [String: TreeEntry] = [:]
        /// Raw paths in UTF-8 order, for finding a folder's files by prefix (made on first use).
        var sortedRawPaths: [String]?
        /// The raw paths under `prefix` (a folder name ending in `/`), in UTF-8 order.
        func rawPaths(under prefix: String) -> ArraySlice<String> {
            if sortedRawPaths == nil { sortedRawPaths = raw.files.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            let paths = sortedRawPaths!
            let first = Self.lowerBound(paths, prefix)
            var end = first
            while end < paths.count, paths[end].hasPrefix(prefix) { end += 1 }
            return paths[first ..< end]
        }

        func rawEntry(_ path: String) throws -> TreeEntry {
            guard let e = raw.files[path] else { throw BuildError.missingInput(competition: recipe.id, path: path) }
            return e
        }

        for (index, step) in recipe.steps.enumerated() {
            func fail(_ message: String) -> BuildError {
                .step(competition: recipe.id, index: index, op: Self.opName(step), message: message)
            }
            func table(_ name: String) throws -> CSVTable {
                if let t = tables[name] { return t }
                guard let r = records[name] else { throw fail("no table '\(name)'") }
                return try r.dataFrame()
            }
            func recordTable(_ name: String) -> RecordTable? { tables[name] == nil ? records[name] : nil }
            func put(_ name: String, _ r: RecordTable) {
                tables[name] = nil
                records[name] = r
            }
            func rowCount(_ name: String) throws -> Int { try recordTable(name)?.rowCount ?? table(name).rowCount }
            func splitSize(_ size: RecipeStep.SplitSize, _ name: String) throws -> TrainTestSplit.Size {
                switch size {
                case .fraction(let f): return .fraction(f)
                case .count(let n): return .count(n)
                case .shareOf(let other):
                    let n = try rowCount(name), m = try rowCount(other)
                    guard n + m > 0 else { throw fail("tables '\(name)' and '\(other)' are both empty") }
                    return .fraction(Double(m) / Double(n + m))
                }
            }
            /// `train_test_split` of a table (record tables too), or its hash split.
            func split(_ name: String, _ sizes: TrainTestSplit, hash: (RecipeStep.HashOptions, Double)?,
                       _ trainName: String, _ testName: String) throws {
                if let r = recordTable(name), hash == nil {
                    let result = try sizes.split(rowCount: r.rowCount)
                    put(trainName, r.rows(result.train))
                    put(testName, r.rows(result.test))
                    return
                }
                let t = try table(name)
                let result = try hash.map { options, f in
                    try HashSplit(salt: options.salt, testFraction: f).split(t, keyColumn: options.key, stratifyColumn: options.stratify)
                } ?? sizes.split(rowCount: t.rowCount)
                tables[trainName] = t.rows(result.train)
                tables[testName] = t.rows(result.test)
            }
            func emit(_ path: String, _ entry: TreeEntry) throws {
                if let existing = outputs[path], existing.object != entry.object {
                    throw fail("'\(path)' is written twice with different contents")
                }
                var e = entry
                e.path = path
                e.mode = .file
                outputs[path] = e
            }
            do {
                switch step {
                case .readCSV(let path, let name, let dtype, let separator):
                    let entry = try rawEntry(path)
                    let t: CSVTable
                    do {
                        let url = URL(fileURLWithPath: store.path(for: entry.object))
                        t = separator == .tab
                            ? try CSVTable(bytes: try TabSeparated.commaSeparated(try Data(contentsOf: url)), options: csvOptions)
                            : try CSVTable.read(contentsOf: url, options: csvOptions)
                    } catch {
                        throw fail("raw file '\(path)' (\(entry.object)) is not a readable CSV: \(error)")
                    }
                    tables[name] = try Self.applying(dtype, to: t, fail)
                case .readJSON(let path, let name):
                    let entry = try rawEntry(path)
                    do {
                        put(name, try RecordTable(jsonBytes: try Data(contentsOf: URL(fileURLWithPath: store.path(for: entry.object)))))
                    } catch {
                        throw fail("raw file '\(path)' (\(entry.object)) is not a readable JSON list of records: \(error)")
                    }
                case .writeJSON(let name, let path, let compact):
                    guard let r = recordTable(name) else { throw fail("table '\(name)' was not read by read_json") }
                    let bytes = r.jsonBytes(indent: compact ? nil : 4)
                    let id = try store.addData(Data(bytes))
                    try emit(path, TreeEntry(path: path, mode: .file, size: Int64(bytes.count), object: id))
                case .splitSizes(let s):
                    try split(s.table, TrainTestSplit(testSize: s.testSize.map { try splitSize($0, s.table) },
                                                      trainSize: try splitSize(s.trainSize, s.table), randomState: s.randomState),
                              hash: nil, s.train, s.test)
                case .split(let s):
                    var keyed: (RecipeStep.HashOptions, Double)?
                    if let hash = s.hash {
                        guard case .fraction(let f) = s.testSize else { throw fail("hash mode needs a fractional test_size") }
                        keyed = (hash, f)
                    }
                    try split(s.table, TrainTestSplit(testSize: try splitSize(s.testSize, s.table), randomState: s.randomState),
                              hash: keyed, s.train, s.test)
                case .splitBy(let s):
                    let t = try table(s.table)
                    let sides = try TableSteps.splitBy(t, s, sizes: {
                        try TrainTestSplit(testSize: try splitSize(s.testSize, s.table), randomState: s.randomState)
                    }, fail)
                    tables[s.train] = t.rows(sides.train)
                    tables[s.test] = t.rows(sides.test)
                    // The split arrays themselves, in train_test_split's order, as one-column frames.
                    for (keysName, keyRows) in [(s.trainKeys, sides.trainKeyRows), (s.testKeys, sides.testKeyRows)] {
                        guard let keysName else { continue }
                        tables[keysName] = try t.rows(keyRows).selecting(columns: [s.column]).labelled(Array(0 ..< keyRows.count))
                    }
                case .select(let name, let columns, let out):
                    if let r = recordTable(name) { put(out, try r.selecting(columns)); break }
                    tables[out] = try table(name).selecting(columns: columns)
                case .selectLike(let name, let other, let out):
                    let columns = try recordTable(other)?.firstKeys ?? table(other).columnNames
                    if let r = recordTable(name) { put(out, try r.selecting(columns)); break }
                    tables[out] = try table(name).selecting(columns: columns)
                case .astype(let name, let casts, let out):
                    if var r = recordTable(name) {
                        for (column, _) in casts { r = try r.castingToInt(column) }
                        put(out, r)
                        break
                    }
                    // Every cast column is converted first, and the table rebuilt once.
                    let t = try table(name)
                    let replacements = try casts.map { column, _ -> DerivedTable.TypedColumn in
                        guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
                        let cells = try t.columnValues([c])[0].map { v -> String in
                            switch v {
                            case .int(let n): return String(n)
                            case .uint(let n): return String(n)
                            case .bool(let b): return b ? "1" : "0"
                            case .double(let d) where d.isFinite && abs(d) < 9.2e18: return String(Int64(d.rounded(.towardZero)))
                            default: throw fail("cannot convert '\(v.csvText)' of column '\(column)' to int")
                            }
                        }
                        return (column, cells, .int64)
                    }
                    tables[out] = try DerivedTable.replacingExactly(t, columns: replacements)
                case .randint(let step):
                    let (name, column, low, high, seed, out) = (step.table, step.column, step.low, step.high, step.randomState, step.output)
                    let t = try table(name)
                    var rng = MT19937(seed: seed)
                    let cells = rng.randint(low: low, high: high, count: t.rowCount).map { String($0) }
                    tables[out] = try DerivedTable.replacingExactly(t, column: column, with: cells, type: .int64)
                case .uniform(let step):
                    let (name, column, low, high, seed, decimals, out) = (step.table, step.column, step.low, step.high, step.seed, step.round, step.output)
                    let t = try table(name)
                    var rng = PCG64(seed: seed)
                    let cells = rng.uniform(low: low, high: high, count: t.rowCount).map { v in
                        PythonFloat.repr(decimals.map { NumpyRound.round(v, decimals: $0) } ?? v)
                    }
                    tables[out] = try DerivedTable.replacingExactly(t, column: column, with: cells, type: .float64)
                case .drop(let name, let columns, let out):
                    tables[out] = try table(name).dropping(columns: columns)
                case .rename(let name, let columns, let out):
                    let t = try table(name)
                    for old in columns.keys where t.columnIndex(named: old) == nil {
                        throw fail("no column '\(old)' to rename")
                    }
                    tables[out] = t.renaming(columns)
                case .set(let name, let values, let out):
                    var t = try table(name)
                    for (column, assignment) in values {
                        switch assignment {
                        case .constant(let constant):
                            t = t.setting(column: column, to: Self.value(constant))
                        case .column(let source):
                            guard t.columnIndex(named: source) != nil else { throw fail("no column '\(source)'") }
                            t = try t.setting(column: column, toColumn: source)
                        case .mean(let other, let source):
                            t = t.setting(column: column, to: .double(try TableSteps.mean(try table(other), column: source, fail)))
                        }
                    }
                    tables[out] = t
                case .renumber(let step):
                    let (name, column, unique, format, mapName, out) = (step.table, step.column, step.unique, step.format, step.map, step.output)
                    let t = try table(name)
                    let start = try step.startAtLengthOf.map { Int64(try rowCount($0)) } ?? step.start
                    guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
                    let (map, cells) = try TableSteps.renumber(t, column: c, start: start, unique: unique, format: format, fail)
                    maps[mapName] = map
                    // The new ids are int64 (text with a format); every other column keeps its dtype and
                    // cells as read: re-reading them would re-type each chunk of the new row order, and a
                    // text cell of a mixed column (a long decimal) could come back as a float.
                    tables[out] = try DerivedTable.replacingExactly(t, column: column, with: cells, type: format == nil ? .int64 : .object)
                case .oneHot(let name, let id, let target, let classes, let out):
                    let t = try table(name)
                    guard let tc = t.columnIndex(named: target) else { throw fail("no column '\(target)'") }
                    let labels = (0..<t.rowCount).map { t.csvText(row: $0, column: tc) }
                    let known = Set(classes)
                    if let stray = labels.first(where: { !known.contains($0) }) {
                        throw fail("label '\(stray)' of column '\(target)' is not among the classes")
                    }
                    guard let ic = t.columnIndex(named: id) else { throw fail("no column '\(id)'") }
                    let ids = (0..<t.rowCount).map { t.csvText(row: $0, column: ic) }
                    tables[out] = try DerivedTable.make(columns: [(id, ids)] + classes.map { cls in
                        (cls, labels.map { $0 == cls ? "1" : "0" })
                    })
                case .writeCSV(let name, let path, let index, let quoting, let precision, let separator):
                    let t = try table(name)
                    if index && t.hasImplicitIndex {
                        throw fail("table '\(name)' has its file's leading fields as index; writing that index is not supported")
                    }
                    var data = !index && quoting == .minimal && precision == nil ? t.csvData(options: csvOptions)
                        : t.csvData(index: index, quoting: quoting == .minimal ? .minimal : .nonnumeric, floatPrecision: precision)
                    if separator == .tab { data = Data(TabSeparated.tabSeparated(fromWritten: [UInt8](data))) }
                    let id = try store.addData(data)
                    try emit(path, TreeEntry(path: path, mode: .file, size: Int64(data.count), object: id))
                case .listFiles(let folder, let pattern, let endsWith, let order, let out):
                    let prefix = folder + "/"
                    var found: [(path: [Substring], values: [String])] = []
                    for path in rawPaths(under: prefix) {
                        let relative = path.dropFirst(prefix.count)
                        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
                        if let endsWith, !(parts.last ?? "").utf8.reversed().starts(with: endsWith.utf8.reversed()) { continue }
                        if let values = pattern.match(parts) { found.append((parts, values)) }
                    }
                    guard !found.isEmpty else { throw fail("no raw file under '\(prefix)' matches '\(pattern)'") }
                    switch order {
                    case .path: break  // already whole paths in UTF-8 (= code point) order
                    case .listing:
                        found.sort { a, b in
                            for (x, y) in Swift.zip(a.path, b.path) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
                            return a.path.count < b.path.count
                        }
                    }
                    let columns = pattern.columns.enumerated().map { n, name in
                        (name: name, cells: found.map { $0.values[n] }, type: CSVTable.ColumnType.object)
                    }
                    do { tables[out] = try DerivedTable.makeExact(columns: columns) } catch {
                        throw fail("a listed name cannot be a text cell: \(error)")
                    }
                    records[out] = nil
                case .copy(let from, let to):
                    if raw.files[from] != nil { try emit(to, try rawEntry(from)); break }
                    // A folder: `shutil.copytree(raw/from, to)`.
                    let folder = from.hasSuffix("/") ? from : from + "/"
                    let files = rawPaths(under: folder)
                    guard !files.isEmpty else { throw BuildError.missingInput(competition: recipe.id, path: from) }
                    let dest = to.hasSuffix("/") ? to : to + "/"
                    for path in files { try emit(dest + path.dropFirst(folder.count), try rawEntry(path)) }
                case .copyByID(let name, let column, let from, let to, let mapName):
                    let t = try table(name)
                    guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
                    let map = try mapName.map { m -> [String: String] in
                        guard let found = maps[m] else { throw fail("no id map '\(m)'") }
                        return found
                    }
                    let paths = try RowTemplates([from, to], table: t, idColumn: c, fail)
                    for row in 0..<t.rowCount {
                        let id = t.csvText(row: row, column: c)
                        var new: String?
                        if let map {
                            guard let n = map[id] else { throw fail("id '\(id)' is not in map '\(mapName!)'") }
                            new = n
                        }
                        let p = try paths.render(row: row, new: new)
                        try emit(p[1], try rawEntry(p[0]))
                    }
                case .copyDirByID(let name, let column, let from, let to):
                    let t = try table(name)
                    guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)'") }
                    let templates = try RowTemplates([from, to], table: t, idColumn: c, fail)
                    for row in 0..<t.rowCount {
                        let id = t.csvText(row: row, column: c)
                        let rendered = try templates.render(row: row, new: nil)
                        let folder = rendered[0] + "/"
                        let dest = rendered[1]
                        let files = rawPaths(under: folder)
                        if files.isEmpty { throw fail("no raw files under '\(folder)' (row \(row), \(column) = '\(id)')") }
                        for path in files { try emit(dest + "/" + path.dropFirst(folder.count), try rawEntry(path)) }
                    }
                case .zip(let folder, let to, let keep, let format):
                    // A folder (`make_archive(…, root_dir=folder)`), or one file (`root_dir` its
                    // folder, `base_dir` its name): entries are named relative to `prefix`.
                    let single = outputs[folder]
                    let prefix = single == nil ? folder + "/" : String(folder[..<(folder.lastIndex(of: "/").map { folder.index(after: $0) } ?? folder.startIndex)])
                    let members = single.map { [$0] } ?? outputs.values.filter { $0.path.hasPrefix(prefix) }
                        .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
                    guard !members.isEmpty else { throw fail("no outputs under '\(prefix)' to zip") }
                    let tmp = NSTemporaryDirectory() + "mlepkg-zip-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).\(format.rawValue)"
                    defer { unlink(tmp) }
                    try ZipWriter.write(entries: members.map { (String($0.path.dropFirst(prefix.count)), store.path(for: $0.object)) },
                                        to: tmp, format: format == .sevenZip ? .sevenZip : .zip)
                    let id = try store.addFile(at: tmp)
                    if !keep { for m in members { outputs[m.path] = nil } }
                    try emit(to, TreeEntry(path: to, mode: .file, size: FileIO.fileSize(tmp) ?? 0, object: id))
                case .filter(let step):
                    let (name, column, otherName, otherColumn, negate, out) = (step.table, step.column, step.other, step.otherColumn, step.negate, step.output)
                    let t = try table(name)
                    let other = try table(otherName)
                    guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)' in '\(name)'") }
                    guard let oc = other.columnIndex(named: otherColumn) else { throw fail("no column '\(otherColumn)' in '\(otherName)'") }
                    tables[out] = t.rows(try TableSteps.rowsIn(t, column: c, other: other, otherColumn: oc, negate: negate, fail))
                case .sort(let name, let by, let out):
                    let t = try table(name)
                    guard let c = t.columnIndex(named: by) else { throw fail("no column '\(by)'") }
                    tables[out] = t.rows(try Self.sortedRows(t, column: c, name: by, fail))
                case .filterValue(let name, let column, let constant, let negate, let out):
                    let t = try table(name)
                    guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)' in '\(name)'") }
                    tables[out] = t.rows(try TableSteps.rowsEqual(t, column: c, to: Self.value(constant), negate: negate, fail))
                case .swapRows(let s):
                    let (t, other) = (try table(s.table), try table(s.other))
                    guard let c = t.columnIndex(named: s.whenConstant) else { throw fail("no column '\(s.whenConstant)' in '\(s.table)'") }
                    guard let w = other.columnIndex(named: s.whereNotColumn) else { throw fail("no column '\(s.whereNotColumn)' in '\(s.other)'") }
                    var (a, b) = (t, other)
                    if TableSteps.distinctCount(t, column: c) == 1 {
                        guard let j = try TableSteps.rowsEqual(other, column: w, to: Self.value(s.whereNotValue), negate: true, fail).first else {
                            throw fail("no row of '\(s.other)' has '\(s.whereNotColumn)' other than \(Self.value(s.whereNotValue).csvText) (pandas' .index[0] raises)")
                        }
                        guard let swapped = CSVTable.exchangingRows(t, 0, other, j) else {
                            throw fail("'\(s.table)' and '\(s.other)' must be the two sides of one split of a table read from a file")
                        }
                        (a, b) = swapped
                    }
                    tables[s.output] = a
                    tables[s.otherOutput] = b
                case .linspace(let name, let columns, let start, let stop, let out):
                    let t = try table(name)
                    let cells = TableSteps.linspace(start, stop, count: t.rowCount).map(PythonFloat.repr)
                    tables[out] = try DerivedTable.replacingExactly(t, columns: columns.map { ($0, cells, .float64) })
                case .filterLastDays(let name, let column, let days, let negate, let out):
                    let t = try table(name)
                    guard let c = t.columnIndex(named: column) else { throw fail("no column '\(column)' in '\(name)'") }
                    tables[out] = t.rows(try TableSteps.rowsInLastDays(t, column: c, days: days, negate: negate, fail))
                case .format(let name, let column, let template, let out):
                    let t = try table(name)
                    let rows = try RowTemplates([template], table: t, idColumn: nil, fail)
                    let cells = try (0 ..< t.rowCount).map { try rows.render(row: $0, new: nil)[0] }
                    tables[out] = try DerivedTable.replacingExactly(t, column: column, with: cells, type: .object)
                case .groupFirst(let name, let by, let out):
                    tables[out] = try TableSteps.groupFirst(try table(name), by: by, fail)
                case .normalizeRows(let name, let columns, let out):
                    tables[out] = try TableSteps.normalizeRows(try table(name), columns: columns, fail)
                case .replace(let step):
                    let (name, column, old, new, into, out) = (step.table, step.column, step.old, step.new, step.into, step.output)
                    tables[out] = try TableSteps.replace(try table(name), column: column, old: old, new: new, into: into, fail)
                case .fillNA(let name, let value, let columns, let out):
                    tables[out] = try TableSteps.fillNA(try table(name), value: Self.value(value), columns: columns, fail)
                case .setWhere(let step):
                    let (name, column, equals, columns, value, out) = (step.table, step.column, step.equals, step.columns, step.value, step.output)
                    tables[out] = try TableSteps.setWhere(try table(name), column: column, equals: Self.value(equals), columns: columns,
                                                          value: Self.value(value), fail)
                case .setWhereContains(let step):
                    let (name, column, text, columns, value, out) = (step.table, step.column, step.text, step.columns, step.value, step.output)
                    tables[out] = try TableSteps.setWhereContains(try table(name), column: column, text: text, columns: columns,
                                                                  value: Self.value(value), fail)
                case .cumcount(let step):
                    let (name, column, by, start, width, out) = (step.table, step.column, step.by, step.start, step.width, step.output)
                    tables[out] = try TableSteps.cumcount(try table(name), column: column, by: by, start: start, width: width, fail)
                case .setWhereIn(let step):
                    let (name, column, otherName, negate, columns, value, out) = (step.table, step.column, step.other, step.negate, step.columns, step.value, step.output)
                    tables[out] = try TableSteps.setWhereIn(try table(name), column: column, other: try table(otherName), negate: negate,
                                                            columns: columns, value: Self.value(value), fail)
                case .groupSplit(let s):
                    let t = try table(s.table)
                    let (train, test) = try TableSteps.groupSplit(t, by: s.by, testSize: s.testSize, sampleRandomState: s.sampleRandomState,
                                                                  seed: s.seed, randomState: s.randomState, fail)
                    tables[s.train] = t.rows(train)
                    tables[s.test] = t.rows(test)
                case .groupJoin(let name, let by, let column, let separator, let out):
                    tables[out] = try TableSteps.groupJoin(try table(name), by: by, column: column, separator: separator, fail)
                case .merge(let name, let otherName, let on, let how, let out):
                    tables[out] = try TableSteps.merge(try table(name), try table(otherName), on: on, how: how, fail)
                }
            } catch let e as BuildError {
                throw e
            } catch {
                throw fail("\(error)")
            }
        }
        return TreeManifest(entries: Array(outputs.values))
    }

    /// `read_csv(dtype=…)`: `int` columns must already read as int64; `str` columns keep the
    /// file's text.
    static func applying(_ dtype: [(String, RecipeStep.ColumnCast)], to table: CSVTable,
                         _ fail: (String) -> BuildError) throws -> CSVTable {
        var t = table
        var text: [String] = []
        for (column, cast) in dtype {
            guard let type = t.columnType(named: column) else { throw fail("no column '\(column)' for dtype") }
            switch cast {
            case .int:
                guard type == .int64 else { throw fail("column '\(column)' reads as \(type.rawValue), and dtype int is only supported for integer columns") }
            case .float:
                guard type == .float64 else { throw fail("column '\(column)' reads as \(type.rawValue), and dtype float is only supported for float columns") }
            case .str:
                text.append(column)
            }
        }
        if !text.isEmpty { t = try t.keepingText(columns: text) }
        return t
    }

    static func value(_ c: RecipeStep.Constant) -> CSVTable.Value {
        switch c {
        case .bool(let b): return .bool(b)
        case .int(let n): return .int(n)
        case .float(let f): return .double(f)
        case .string(let s): return .text(s)
        }
    }

    static func opName(_ step: RecipeStep) -> String {
        switch step {
        case .readCSV: return "read_csv"
        case .readJSON: return "read_json"
        case .writeJSON: return "write_json"
        case .split, .splitBy, .splitSizes: return "split"
        case .filterValue, .filterLastDays: return "filter"
        case .swapRows: return "swap_rows"
        case .linspace: return "linspace"
        case .format: return "format"
        case .groupFirst: return "group_first"
        case .normalizeRows: return "normalize"
        case .replace: return "replace"
        case .merge: return "merge"
        case .fillNA: return "fillna"
        case .setWhere, .setWhereIn, .setWhereContains: return "set"
        case .cumcount: return "cumcount"
        case .groupSplit: return "group_split"
        case .groupJoin: return "group_join"
        case .select, .selectLike: return "select"
        case .astype: return "astype"
        case .randint: return "randint"
        case .uniform: return "uniform"
        case .drop: return "drop"
        case .rename: return "rename"
        case .set: return "set"
        case .renumber: return "renumber"
        case .oneHot: return "one_hot"
        case .writeCSV: return "write_csv"
        case .copy: return "copy"
        case .listFiles: return "list_files"
        case .copyByID: return "copy_by_id"
        case .copyDirByID: return "copy_dir_by_id"
        case .zip: return "zip"
        case .filter: return "filter"
        case .sort: return "sort"
        }
    }

    /// The first index whose path is not below `key` in UTF-8 order.
    static func lowerBound(_ paths: [String], _ key: String) -> Int {
        var lo = 0, hi = paths.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if paths[mid].utf8.lexicographicallyPrecedes(key.utf8) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A cell as `Series.isin` compares it: numbers by value (1 == 1.0), text by its exact
    /// code points, NaN equal to NaN. Booleans are refused: pandas' bool/number matching
    /// depends on the dtypes involved.
    enum IsInKey: Hashable {
        case missing, int(Int64), uint(UInt64), double(Double), text([UInt8])

        init(_ v: CSVTable.Value, _ fail: (String) -> BuildError) throws {
            switch v {
            case .missing: self = .missing
            case .int(let n): self = .int(n)
            case .uint(let n): self = n <= UInt64(Int64.max) ? .int(Int64(n)) : .uint(n)
            case .double(let d):
                if d.isNaN { self = .missing }
                else if d == d.rounded(), d >= -9.223372036854775808e18, d < 9.223372036854775808e18 { self = .int(Int64(d)) }
                else if d == d.rounded(), d >= 0, d < 1.8446744073709551616e19 { self = .uint(UInt64(d)) }
                else { self = .double(d) }
            case .bool: throw fail("isin over a boolean column is not supported (pandas matches True with 1 only for some dtypes)")
            case .text(let s): self = .text(Array(s.utf8))
            }
        }
    }

    /// Row order of `df.sort_values(by=column)`, ascending, NaN last. Only defined here when
    /// the values are unique: pandas' default quicksort is not stable, so ties are ambiguous.
    static func sortedRows(_ t: CSVTable, column c: Int, name: String, _ fail: (String) -> BuildError) throws -> [Int] {
        enum Key { case number(Double, exact: Int64?), text([UInt8]) }
        var keys: [Key] = []
        var missing: [Int] = []
        var present: [Int] = []
        var sawText = false, sawNumber = false
        for row in 0..<t.rowCount {
            switch t.value(row: row, column: c) {
            case .missing: missing.append(row); keys.append(.number(.nan, exact: nil))
            case .double(let d) where d.isNaN: missing.append(row); keys.append(.number(.nan, exact: nil))
            case .int(let n): present.append(row); sawNumber = true; keys.append(.number(Double(n), exact: n))
            case .uint(let n):
                guard n <= UInt64(Int64.max) else { throw fail("column '\(name)' holds integers above 2^63, which sort is not defined for") }
                present.append(row); sawNumber = true; keys.append(.number(Double(n), exact: Int64(n)))
            case .double(let d): present.append(row); sawNumber = true; keys.append(.number(d, exact: nil))
            case .bool(let b): present.append(row); sawNumber = true; keys.append(.number(b ? 1 : 0, exact: b ? 1 : 0))
            case .text(let s): present.append(row); sawText = true; keys.append(.text(Array(s.utf8)))
            }
        }
        if sawText && sawNumber { throw fail("column '\(name)' mixes text and numbers, which pandas cannot sort") }
        if missing.count > 1 { throw fail("column '\(name)' has \(missing.count) missing values: ties are ambiguous under pandas' unstable quicksort") }
        func less(_ a: Int, _ b: Int) -> Bool {
            switch (keys[a], keys[b]) {
            case (.number(_, let x?), .number(_, let y?)): return x < y
            case (.number(let x, _), .number(let y, _)): return x < y
            case (.text(let x), .text(let y)): return x.lexicographicallyPrecedes(y)
            default: return false
            }
        }
        let sorted = present.sorted(by: less)
        for i in sorted.indices.dropFirst() where !less(sorted[i - 1], sorted[i]) {
            throw fail("column '\(name)' has equal values ('\(t.csvText(row: sorted[i], column: c))'): ties are ambiguous under pandas' unstable quicksort")
        }
        return sorted + missing
    }
}

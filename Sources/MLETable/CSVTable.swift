import Foundation
import MLEBasics
import MLEPyCompat

/// A CSV file as `pandas.read_csv(path, float_precision="round_trip")` sees it, and written
/// back exactly as `DataFrame.to_csv(path, index=False)` would write it.
///
/// MLE-bench prepares each competition by reading Kaggle's CSVs with pandas, taking rows in
/// `train_test_split` order and writing them again; the MD5s of those files are what a faithful
/// rebuild must match. pandas rewrites cells on the way (`007` in an integer column becomes `7`,
/// `NA` becomes an empty cell, `1.50` in a float column becomes `1.5`, `true` in a bool column
/// becomes `True`), and it types columns chunk by chunk. ``CSVTable`` reproduces those decisions
/// without materialising a DataFrame: it keeps the file's bytes (memory-mapped), the byte range
/// of every record and, per column and per pandas chunk, how cells print. Where the raw bytes
/// already are pandas' output they are copied as they are, which is what makes splitting a
/// multi-gigabyte file fast and light on memory.
///
/// Tables are values: ``rows(_:)``, ``selecting(columns:)``, ``dropping(columns:)``,
/// ``renaming(_:)`` and ``setting(column:to:)`` return new views over the same immutable
/// storage.
public struct CSVTable: Sendable {
    /// The numpy dtype pandas gives a column.
    public enum ColumnType: String, Sendable, Hashable {
        case int64, uint64, float64, bool, object
    }

    /// One cell as pandas holds it. In `object` columns a cell keeps the type of the chunk it was
    /// read in (an integer chunk followed by a text chunk gives `.int` and `.text` cells).
    public enum Value: Sendable, Hashable {
        case missing
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case bool(Bool)
        case text(String)

        /// The text `to_csv` writes for this value, before CSV quoting.
        public var csvText: String {
            switch self {
            case .missing: return ""
            case .int(let v): return String(v)
            case .uint(let v): return String(v)
            case .double(let v): return v.isNaN ? "" : PythonFloat.repr(v)
            case .bool(let v): return v ? "True" : "False"
            case .text(let s): return s
            }
        }

        var columnType: ColumnType {
            switch self {
            case .missing, .double: return .float64
            case .int: return .int64
            case .uint: return .uint64
            case .bool: return .bool
            case .text: return .object
            }
        }
    }

    /// Tuning for reading and writing; the output never depends on it.
    public struct Options: Sendable, Hashable {
        /// Threads used for the parallel passes.
        public var threads: Int
        /// Files at least this large, without quotes or carriage returns, have their record
        /// boundaries found in parallel (smaller ones are not worth the threads).
        var parallelScanBytes = 8 << 20
        /// Keep every cell's numeric value from the reading pass, for ``numbers(column:)``
        /// (8 bytes per cell, up to 2^30 cells; skips the facts only writing needs, so writing
        /// gets slower).
        public var capturesNumbers = false
        /// With ``capturesNumbers``: the column that ``joinKeys(column:threads:)`` will be asked
        /// for (a grader's id column). In a file of long rows its keys are then made while each
        /// row is read, rather than by reading every row again.
        public var keyColumn: String?
        public init(threads: Int? = nil, capturesNumbers: Bool = false, keyColumn: String? = nil) {
            self.threads = max(1, threads ?? Parallel.defaultThreads)
            self.capturesNumbers = capturesNumbers
            self.keyColumn = keyColumn
        }
    }

    enum Source: Sendable, Hashable {
        case field(Int)       // a source column of the storage (leading index fields included)
        case constant(Value)
    }

    struct Column: Sendable {
        var name: String
        var source: Source
    }

    let storage: CSVStorage
    /// Storage rows in output order; nil means all rows in file order.
    var selection: [Int]?
    var columns: [Column]
    /// pandas' index labels of the rows, where they are not the storage row numbers (tables
    /// derived through generated text); see ``rowLabels``.
    var indexLabels: [Int]?

    init(storage: CSVStorage) {
        self.storage = storage
        selection = nil
        columns = storage.headerNames.enumerated().map {
            Column(name: $0.element, source: .field(storage.leading + $0.offset))
        }
    }

    // MARK: Reading

    /// Reads the file at `url` (memory-mapped) like `pd.read_csv(url, float_precision="round_trip")`.
    public static func read(contentsOf url: URL, options: Options = Options()) throws -> CSVTable {
        let source = try ByteSource(contentsOf: url, keepsResident: options.capturesNumbers)
        return CSVTable(storage: try CSVStorage(source: source, threads: options.threads,
                                                parallelScanBytes: options.parallelScanBytes,
                                                capturesNumbers: options.capturesNumbers, keyColumn: options.keyColumn))
    }

    /// Parses CSV text held in memory.
    public init<Bytes: Collection>(bytes: Bytes, options: Options = Options()) throws where Bytes.Element == UInt8 {
        self.init(storage: try CSVStorage(source: ByteSource(bytes: bytes), threads: options.threads,
                                          parallelScanBytes: options.parallelScanBytes,
                                          capturesNumbers: options.capturesNumbers, keyColumn: options.keyColumn))
    }

    /// How many rows pandas types at a time (`low_memory` chunks) in a table `width` columns
    /// wide; for code that writes text pandas must read back with chosen dtypes.
    public static func readingChunkRows(width: Int) -> Int { CSVInference.chunkRowCount(width: width) }

    // MARK: Shape

    public var columnNames: [String] { columns.map(\.name) }
    public var columnCount: Int { columns.count }
    public var rowCount: Int { selection?.count ?? storage.rowCount }

    /// The dtype of the column at `index`.
    public func columnType(at index: Int) -> ColumnType {
        switch columns[index].source {
        case .field(let c): return storage.types[c]
        case .constant(let v): return v.columnType
        }
    }

    /// The dtype of the first column called `name`.
    public func columnType(named name: String) -> ColumnType? {
        columns.firstIndex { $0.name == name }.map { columnType(at: $0) }
    }

    // MARK: Cells

    /// The cell at (`row`, `column`) as pandas holds it.
    public func value(row: Int, column: Int) -> Value {
        switch columns[column].source {
        case .constant(let v):
            return v
        case .field(let c):
            let r = selection?[row] ?? row
            return CellReader(storage: storage).value(row: r, column: c)
        }
    }

    /// A numeric column's cells as doubles, in row order, straight from the values captured
    /// while reading (``Options/capturesNumbers``): ints, uints and floats as numpy converts them
    /// to float64, booleans as 1/0, missing cells as NaN. nil when the numbers were not captured
    /// or the column is not int64/uint64/float64/bool (object columns hold text, and an int
    /// chunk upcast with the int64 NA sentinel cannot be told apart); use ``columnValues(_:)``.
    public func numbers(column index: Int) -> [Double]? {
        guard let view = numberView(column: index) else { return nil }
        guard view.selection == nil else { return Array(view) }
        return Array(view.numbers[view.offset ..< view.offset + view.count])
    }

    /// ``numbers(column:)`` without the copy: a view of the captured values.
    public func numberView(column index: Int) -> NumberColumn? {
        guard case .field(let c) = columns[index].source, let numbers = storage.numbers else { return nil }
        switch storage.types[c] {
        case .int64, .uint64, .float64, .bool: break
        case .object: return nil
        }
        for chunk in 0 ..< storage.chunkCount
        where storage.emit[chunk * storage.width + c] & 0x7f == EmitMode.floatFromIntWithNA.rawValue {
            return nil
        }
        return NumberColumn(numbers: numbers, offset: c * storage.rowCount, selection: selection,
                            count: rowCount)
    }

    /// The captured numbers of `columns` as contiguous buffers, in row order, handed to `body`
    /// (for the graders' hottest loops, which may then split rows among threads); nil when a
    /// column has no captured numbers (see ``numberView(column:)``) or the table is a row
    /// selection. Missing cells are NaN.
    public func withNumberBuffers<R>(columns: [Int], _ body: ([UnsafeBufferPointer<Double>]) throws -> R) rethrows -> R? {
        guard selection == nil, let numbers = storage.numbers else { return nil }
        var offsets: [Int] = []
        for column in columns {
            guard let view = numberView(column: column) else { return nil }
            offsets.append(view.offset)
        }
        let n = rowCount
        return try numbers.withUnsafeBufferPointer { all in
            try body(offsets.map { UnsafeBufferPointer(rebasing: all[$0 ..< $0 + n]) })
        }
    }

    /// One column of captured numbers, in the table's row order (shares the storage's array).
    /// Inlinable, because graders index it in their hottest loops.
    public struct NumberColumn: RandomAccessCollection, Sendable {
        @usableFromInline let numbers: [Double]
        @usableFromInline let offset: Int
        @usableFromInline let selection: [Int]?
        public let count: Int
        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { count }
        @inlinable
        public subscript(row: Int) -> Double {
            numbers[offset + (selection?[row] ?? row)]
        }
    }

    /// The cell as `to_csv` writes it, before CSV quoting ("" when missing).
    public func csvText(row: Int, column: Int) -> String {
        value(row: row, column: column).csvText
    }

    /// The index of the first column called `name`.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    // MARK: Derived tables

    /// The rows at `indices` (positions in this table), in that order — `df.iloc[indices]`.
    /// Every index must be in `0 ..< rowCount`.
    public func rows(_ indices: [Int]) -> CSVTable {
        var copy = self
        if let labels = indexLabels { copy.indexLabels = indices.map { labels[$0] } }
        if let current = selection {
            copy.selection = indices.map { current[$0] }
        } else {
            precondition(indices.allSatisfy { $0 >= 0 && $0 < storage.rowCount }, "row index out of range")
            copy.selection = indices
        }
        return copy
    }

    /// `df[names]`: the named columns in the given order (every column of a repeated name).
    public func selecting(columns names: [String]) throws -> CSVTable {
        var copy = self
        var picked: [Column] = []
        for name in names {
            let matches = columns.filter { $0.name == name }
            if matches.isEmpty { throw CSVError.columnNotFound(name) }
            picked.append(contentsOf: matches)
        }
        copy.columns = picked
        return copy
    }

    /// `df.drop(columns=names)`: every column with one of the names removed.
    public func dropping(columns names: [String]) throws -> CSVTable {
        for name in names where !columns.contains(where: { $0.name == name }) {
            throw CSVError.columnNotFound(name)
        }
        var copy = self
        let unwanted = Set(names)
        copy.columns = columns.filter { !unwanted.contains($0.name) }
        return copy
    }

    /// `df.rename(columns=mapping)`: names not in the table are ignored, as pandas does.
    public func renaming(_ mapping: [String: String]) -> CSVTable {
        var copy = self
        for i in copy.columns.indices {
            if let new = mapping[copy.columns[i].name] { copy.columns[i].name = new }
        }
        return copy
    }

    /// `df[name] = value`: every row gets `value`; an existing column keeps its position, a new
    /// one is appended. The column's dtype is the value's (`False` gives a bool column).
    public func setting(column name: String, to value: Value) -> CSVTable {
        var copy = self
        var found = false
        for i in copy.columns.indices where copy.columns[i].name == name {
            copy.columns[i].source = .constant(value)
            found = true
        }
        if !found { copy.columns.append(Column(name: name, source: .constant(value))) }
        return copy
    }

    /// `df[name] = df[source]`: a copy of the first column called `source` (its dtype and
    /// missing cells kept); an existing column keeps its position, a new one is appended.
    public func setting(column name: String, toColumn source: String) throws -> CSVTable {
        guard let from = columns.first(where: { $0.name == source }) else { throw CSVError.columnNotFound(source) }
        var copy = self
        var found = false
        for i in copy.columns.indices where copy.columns[i].name == name {
            copy.columns[i].source = from.source
            found = true
        }
        if !found { copy.columns.append(Column(name: name, source: from.source)) }
        return copy
    }

    // MARK: Writing

    /// Writes the table like `df.to_csv(url, index=False)`.
    public func write(to url: URL, options: Options = Options()) throws {
        let path = url.path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw CSVError.io(path: path, message: String(cString: strerror(errno))) }
        var failure: CSVError? = nil
        CSVWriter(table: self, threads: options.threads).write { bytes in
            guard failure == nil, var p = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let n = Foundation.write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = CSVError.io(path: path, message: String(cString: strerror(errno)))
                    return
                }
                p += n
                left -= n
            }
        }
        if close(fd) != 0 && failure == nil {
            failure = CSVError.io(path: path, message: String(cString: strerror(errno)))
        }
        if let failure { throw failure }
    }

    /// The bytes `df.to_csv(index=False)` would produce.
    public func csvData(options: Options = Options()) -> Data {
        var data = Data()
        CSVWriter(table: self, threads: options.threads).write { bytes in
            data.append(bytes)
        }
        return data
    }
}

extension CSVTable {
    /// The table as `pd.read_csv(path, dtype={name: str, …})` reads it: the named columns hold
    /// their cells' text exactly as in the file (`007` stays `007`, `1.50` stays `1.50`), NA
    /// spellings (`NA`, empty, `nan`, …) still become NaN, and the dtype is object.
    ///
    /// ```swift
    /// let t = try CSVTable(bytes: Array("id,x\n007,1.50\n".utf8)).keepingText(columns: ["id"])
    /// t.csvText(row: 0, column: 0)  // "007"
    /// ```
    ///
    /// Only columns read from the file qualify (not constants set afterwards).
    /// - Throws: ``CSVError/columnNotFound(_:)`` for an unknown name.
    public func keepingText(columns names: [String]) throws -> CSVTable {
        var modes: [Int: (ColumnType, EmitMode)] = [:]
        for name in names {
            let matches = columns.filter { $0.name == name }
            if matches.isEmpty { throw CSVError.columnNotFound(name) }
            for column in matches {
                guard case .field(let c) = column.source else { throw CSVError.columnNotFound(name) }
                modes[c] = (.object, .textFiltered)
            }
        }
        var copy = CSVTable(storage: CSVStorage(storage, overriding: modes))
        copy.selection = selection
        copy.columns = columns
        copy.indexLabels = indexLabels
        return copy
    }
}

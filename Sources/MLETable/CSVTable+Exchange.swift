import Foundation

extension CSVTable {
    /// Two row selections of one table read with row `i` of `a` and row `j` of `b` exchanged
    /// while each keeps its index labels in place: pandas' `temp = a.iloc[i].copy();
    /// a.iloc[i] = b.loc[label]; b.loc[label] = temp` between the two sides of a split. Nil unless
    /// both are selections of the same file's rows with the same columns, each read from the file
    /// (then the exchanged rows keep every cell's typing, as the assignment does between columns of
    /// one dtype).
    public static func exchangingRows(_ a: CSVTable, _ i: Int, _ b: CSVTable, _ j: Int) -> (CSVTable, CSVTable)? {
        func fromFile(_ t: CSVTable) -> Bool {
            t.columns.allSatisfy { if case .field = $0.source { true } else { false } }
        }
        guard a.storage === b.storage, fromFile(a), fromFile(b),
              a.columns.map(\.name) == b.columns.map(\.name), a.columns.map(\.source) == b.columns.map(\.source),
              a.indices.contains(i), b.indices.contains(j) else { return nil }
        var rowsA = a.selection ?? Array(0 ..< a.rowCount), rowsB = b.selection ?? Array(0 ..< b.rowCount)
        (rowsA[i], rowsB[j]) = (rowsB[j], rowsA[i])
        var x = a, y = b
        x.indexLabels = a.rowLabels
        y.indexLabels = b.rowLabels
        x.selection = rowsA
        y.selection = rowsB
        return (x, y)
    }

    private var indices: Range<Int> { 0 ..< rowCount }
}

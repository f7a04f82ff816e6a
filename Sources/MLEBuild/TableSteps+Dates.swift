import Foundation
import MLETable

/// The date computations behind `filter … last_days`.
extension TableSteps {
    /// The rows of `df[pd.to_datetime(df[column]) >= max - pd.Timedelta(days=days)]` (with `negate`,
    /// the others), in row order. Only ISO dates (`2020-09-22`) in a text column are accepted, so the
    /// comparison is whole days: a missing cell (NaT) or any other spelling (a time of day, another
    /// order, a number) is refused rather than parsed as pandas might guess.
    static func rowsInLastDays(_ t: CSVTable, column c: Int, days: Int, negate: Bool, _ fail: Fail) throws -> [Int] {
        guard t.columnType(at: c) == .object else {
            throw fail("column '\(t.columnNames[c])' is \(t.columnType(at: c).rawValue); expected ISO dates as text (YYYY-MM-DD)")
        }
        var dayNumbers: [Int] = []
        dayNumbers.reserveCapacity(t.rowCount)
        for row in 0 ..< t.rowCount {
            guard case .text(let text) = t.value(row: row, column: c), let day = isoDayNumber(text) else {
                throw fail("row \(row) of column '\(t.columnNames[c])' is '\(t.value(row: row, column: c).csvText)', not an ISO date (YYYY-MM-DD)")
            }
            dayNumbers.append(day)
        }
        guard let latest = dayNumbers.max() else { return [] }
        let first = latest - days
        return dayNumbers.indices.filter { (dayNumbers[$0] >= first) != negate }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian `YYYY-MM-DD` (a valid calendar date), or nil.
    static func isoDayNumber(_ text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0 ..< 4), let m = number(5 ..< 7), let d = number(8 ..< 10), (1 ... 12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        // Howard Hinnant's days_from_civil.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

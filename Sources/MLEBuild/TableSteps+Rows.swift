import Foundation
import MLETable

/// The computations behind `filter … last_days`, `swap_rows` and `linspace`.
extension TableSteps {
    /// `df[column].nunique()`: distinct non-missing values (numbers by value).
    static func distinctCount(_ t: CSVTable, column c: Int) -> Int {
        var seen = Set<CSVTable.Value>()
        for row in 0 ..< t.rowCount {
            let v = t.value(row: row, column: c)
            switch v {
            case .missing: continue
            case .double(let d) where d.isNaN: continue
            case .int(let n): seen.insert(.double(Double(n)))
            default: seen.insert(v)
            }
        }
        return seen.count
    }

    /// `np.linspace(start, stop, count)` as numpy 1.26 computes it: `i * step + start` with
    /// `step = (stop - start) / (count - 1)` (or `i / (count - 1) * delta` when the step is 0), the
    /// last value exactly `stop`; one value is `start`.
    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let div = Double(count - 1), delta = stop - start, step = delta / div
        var values = (0 ..< count).map { i in step == 0 ? Double(i) / div * delta + start : Double(i) * step + start }
        values[count - 1] = stop
        return values
    }

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

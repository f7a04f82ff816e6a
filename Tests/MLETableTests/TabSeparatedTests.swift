import Foundation
import Testing
@testable import MLETable

/// `read_csv(sep="\t")` and `to_csv(sep="\t")` by re-encoding, against pandas 2.2.2's bytes
/// (recorded from `pd.read_csv(io.StringIO(raw), sep="\t", float_precision="round_trip")`).
struct TabSeparatedTests {
    static let raw = "id\tphrase\tcode\tscore\n1\tx,y z\tq\"r\t1.50\n2\t\t007\t2\n3\ttab\"\"s\t\t-0.0\n"

    @Test func aTabSeparatedFileReadsAndWritesAsPandasDoes() throws {
        let t = try CSVTable(bytes: try TabSeparated.commaSeparated(Array(Self.raw.utf8)))
        let csv = t.csvData()
        // A comma inside a field is quoted in the CSV, a quote inside one doubled; a mid-field
        // quote stays literal on reading, as pandas' tokenizer takes it.
        #expect(String(decoding: csv, as: UTF8.self)
                == "id,phrase,code,score\n1,\"x,y z\",\"q\"\"r\",1.5\n2,,007,2.0\n3,\"tab\"\"\"\"s\",,-0.0\n")
        #expect(String(decoding: TabSeparated.tabSeparated(fromWritten: [UInt8](csv)), as: UTF8.self)
                == "id\tphrase\tcode\tscore\n1\tx,y z\t\"q\"\"r\"\t1.5\n2\t\t007\t2.0\n3\t\"tab\"\"\"\"s\"\t\t-0.0\n")
    }

    /// `pd.DataFrame({"t": ["a\tb", "c\nd", "e"]}).to_csv(index=False, sep="\t")`.
    @Test func writingQuotesTabsQuotesAndNewlinesOnly() {
        let written = Array("t\na\tb\n\"c\nd\"\ne\n".utf8)  // what the CSV writer makes of it
        #expect(String(decoding: TabSeparated.tabSeparated(fromWritten: written), as: UTF8.self) == "t\n\"a\tb\"\n\"c\nd\"\ne\n")
        #expect(TabSeparated.tabSeparated(fromWritten: Array("a,b\n1,\"\"\n\"\"\n".utf8)) == Array("a\tb\n1\t\n\"\"\n".utf8))
    }

    @Test(arguments: [
        ("a\tb\n\"1\"\t2\n", "line 2: a quoted field"),
        ("a\tb\r\n1\t2\r\n", "line 1: a carriage return"),
        ("a\tb\n 1\t2\n", "line 2: a tab-separated line that starts with a space or a tab"),
        ("a\tb\n\t2\n", "line 2: a tab-separated line that starts with a space or a tab"),
    ])
    func whatPandasWouldTokenizeDifferentlyIsRefused(_ text: String, _ expected: String) {
        do {
            _ = try TabSeparated.commaSeparated(Array(text.utf8))
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect("\(error)".contains(expected.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)), "\(error)")
        }
    }
}

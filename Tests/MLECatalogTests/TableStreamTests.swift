import Foundation
@testable import MLECatalog
import MLETestSupport
import Testing

@Suite struct TableStreamTests {
    func rows(_ text: String) throws -> [[String]] {
        let dir = try TestSupport.makeTemporaryDirectory("stream")
        defer { TestSupport.remove(dir) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/t.csv"))
        let s = try TableStream(path: "\(dir)/t.csv")
        var out: [[String]] = [s.header]
        try s.forEachRow { r in out.append((0 ..< s.header.count).map(r.text)) }
        return out
    }

    @Test func quotedNewlinesCommasDoubledQuotesCRLFAndABOMAreRead() throws {
        let got = try rows("\u{FEFF}\"Id\",\"Text\"\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,plain\r\n3,\"\"")
        #expect(got == [["Id", "Text"], ["1", "a, \"b\"\r\nc"], ["2", "plain"], ["3", ""]])
    }

    @Test func aTruncatedRowNamesTheFileLineAndColumn() throws {
        #expect(throws: CatalogError.self) { try rows("A,B,C\n1,2,3\n4,5") }
        do { _ = try rows("A,B,C\n1,2,3\n4,5") } catch {
            #expect("\(error)".contains("'t.csv' at line 3, column 'C'"), "\(error)")
        }
        do { _ = try rows("A,B\n1,\"open") } catch {
            #expect("\(error)".contains("line 2, column 'B'") && "\(error)".contains("truncated"), "\(error)")
        }
    }
}

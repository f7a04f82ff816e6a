import Foundation
@testable import MLECatalog
import MLETestSupport
import Testing

@Suite struct TableStreamTests {
    func rows(_ text: String, chunk: Int = 8 << 20) throws -> [[String]] {
        let dir = try TestSupport.makeTemporaryDirectory("stream")
        defer { TestSupport.remove(dir) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/t.csv"))
        let s = try TableStream(path: "\(dir)/t.csv", chunk: chunk)
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

    @Test func rowsReadTheSameWhateverTheBufferBoundaries() throws {
        var text = "\u{FEFF}Id,Name,Note\r\n"
        for i in 0 ..< 200 {
            text += "\(i),\"n\"\"\(i)\"\"\",\(i % 3 == 0 ? "\"multi\nline, \(i)\"" : "plain \(i)")\(i % 2 == 0 ? "\r\n" : "\n")"
        }
        let whole = try rows(text)
        #expect(whole.count == 201)
        #expect(whole[1] == ["0", "n\"0\"", "multi\nline, 0"])
        for chunk in [4, 5, 7, 13, 64] { #expect(try rows(text, chunk: chunk) == whole, "chunk \(chunk)") }
    }
}

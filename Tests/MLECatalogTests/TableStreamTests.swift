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

    /// Rows read through the id filter: the wanted ones as a full read gives them, the others
    /// passed over — but a passed-over row with the wrong field count still stops the read.
    func wantedRows(_ text: String, chunk: Int, wanted: @escaping (Int64) -> Bool) throws -> (rows: [[String]], passedOver: Int64) {
        let dir = try TestSupport.makeTemporaryDirectory("stream")
        defer { TestSupport.remove(dir) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/t.csv"))
        let s = try TableStream(path: "\(dir)/t.csv", chunk: chunk)
        var out: [[String]] = []
        let passed = try s.forEachRow(wantedFirst: wanted) { r in
            if let id = try r.int(0), wanted(id) { out.append((0 ..< s.header.count).map(r.text)) }
        }
        return (out, passed)
    }

    @Test func rowsPassedOverByIdAreTheUnwantedOnes() throws {
        var text = "Id,Name,Note\r\n"
        for i in 0 ..< 300 {
            text += "\(i),\(i % 7 == 0 ? "\"q,\(i)\"" : "n\(i)"),\(i % 5 == 0 ? "" : "note \(i)")\(i % 2 == 0 ? "\r\n" : "\n")"
        }
        let even: (Int64) -> Bool = { $0 % 2 == 0 }
        let full = try rows(text).dropFirst().filter { Int64($0[0])! % 2 == 0 }
        for chunk in [5, 16, 33, 8 << 20] {
            let got = try wantedRows(text, chunk: chunk, wanted: even)
            #expect(got.rows == Array(full), "chunk \(chunk)")
            #expect(got.passedOver <= 150, "chunk \(chunk): \(got.passedOver)")
            // In one buffer, every odd row is passed over but the quoted ones (read in full).
            let quotedOdd = (0 ..< 300).filter { $0 % 2 == 1 && $0 % 7 == 0 }.count
            if chunk == 8 << 20 { #expect(got.passedOver == Int64(150 - quotedOdd)) }
        }
        // 151 is odd: the filter refuses it, and its missing field is still an error.
        do {
            _ = try wantedRows("Id,Name,Note\n150,a,b\n151,a\n152,a,b\n", chunk: 8 << 20, wanted: even)
            Issue.record("a short row passed over was not refused")
        } catch {
            #expect("\(error)".contains("'t.csv' at line 3, column 'Note'"), "\(error)")
        }
    }
}

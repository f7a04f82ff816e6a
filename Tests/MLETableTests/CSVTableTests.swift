import Foundation
import Testing
@testable import MLETable
@testable import MLESplits

/// pandas' parse errors, as the generator recorded them, in ``CSVError`` form.
private func expectedError(_ text: String) -> CSVError? {
    if text.hasPrefix("EmptyDataError") { return .noColumns }
    if let range = text.range(of: "Expected ") {
        let numbers = text[range.upperBound...].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return .tooManyFields(expected: numbers[0], line: numbers[1], saw: numbers[2])
    }
    if let range = text.range(of: "starting at row ") {
        return .unterminatedQuote(line: Int(text[range.upperBound...].prefix { $0.isNumber })! + 1)
    }
    return nil
}

private func roundTrip(_ text: String, threads: Int = 2) throws -> (String, [String]) {
    let table = try CSVTable(bytes: Array(text.utf8), options: .init(threads: threads))
    let types = (0 ..< table.columnCount).map { table.columnType(at: $0).rawValue }
    return (String(decoding: table.csvData(options: .init(threads: threads)), as: UTF8.self), types)
}

@Suite("CSV read and write like pandas")
struct CSVTableTests {
    @Test("every generated input prints exactly what pandas prints, with pandas' dtypes")
    func generatedRoundTrips() throws {
        for v in GeneratedVectors.csvRoundTrips {
            if let output = v.output {
                let (written, types) = try roundTrip(v.input)
                #expect(written == output, "input \(v.input.debugDescription)")
                #expect(types == v.dtypes, "input \(v.input.debugDescription)")
            } else {
                let error = try #require(v.error)
                guard let expected = expectedError(error) else {
                    Issue.record("unknown pandas error \(error)")
                    continue
                }
                #expect(throws: expected, "input \(v.input.debugDescription)") { try roundTrip(v.input) }
            }
        }
    }

    @Test("results do not depend on the thread count")
    func threadIndependent() throws {
        for v in GeneratedVectors.csvRoundTrips where v.output != nil {
            #expect(try roundTrip(v.input, threads: 1).0 == v.output, "input \(v.input.debugDescription)")
        }
    }

    @Test("the parallel scan of plain files finds the same records as the sequential tokenizer")
    func parallelScan() throws {
        var parallel = CSVTable.Options(threads: 4)
        parallel.parallelScanBytes = 0
        let sequential = CSVTable.Options(threads: 1)
        var text = "\u{FEFF}\n  \nid,x,y\n"
        for i in 0 ..< 3000 {
            text += "\(i),\(i % 7 == 0 ? "NA" : String(Double(i) / 8)),v\(i)\n"
            if i % 97 == 0 { text += i % 2 == 0 ? "\n" : " \t \n" }
        }
        text += "3000,1,last"  // no final newline
        // Long lines first, so that the room kept for the later segments' short lines (from a
        // sample of the first ones) runs out and they are counted after all.
        var longFirst = "id,x,y\n"
        for i in 0 ..< 800 { longFirst += "\(i),\(String(repeating: "7", count: 120)),w\n" }
        for i in 800 ..< 40_000 { longFirst += "\(i),\(i % 5),s\n" }
        // Blank lines enough to fill the first segments: the header comes from a later one.
        let blankFirst = String(repeating: "\n", count: 30_000) + "id,x\n" + (0 ..< 3000).map { "\($0),\($0 % 3)\n" }.joined()
        for input in [text, text + "\n\"quoted, late\",2,3\n", text + "\r\n", longFirst, blankFirst] {
            let bytes = Array(input.utf8)
            let a = try CSVTable(bytes: bytes, options: parallel)
            let b = try CSVTable(bytes: bytes, options: sequential)
            #expect(a.rowCount == b.rowCount)
            #expect(a.csvData(options: parallel) == b.csvData(options: sequential))
            #expect(a.storage.rowStarts == b.storage.rowStarts)
        }
        #expect(throws: CSVError.tooManyFields(expected: 3, line: 4, saw: 4)) {
            try CSVTable(bytes: Array("a,b,c\n1,2,3\n\n4,5,6,7\n".utf8), options: parallel)
        }
    }

    @Test("pandas types each low_memory chunk separately and concatenates them")
    func chunkBoundaries() throws {
        for v in GeneratedVectors.chunkCases {
            let cells = v.cells.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var text = (0 ..< 20).map { "c\($0)" }.joined(separator: ",") + "\n"
            let rest = String(repeating: ",1", count: 19) + "\n"
            for (cell, count) in zip(cells, v.counts) {
                let line = cell + rest
                text += String(repeating: line, count: count)
            }
            let table = try CSVTable(bytes: Array(text.utf8))
            #expect(table.columnType(at: 0).rawValue == v.dtype, "\(v.label)")
            let lines = String(decoding: table.csvData(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for (row, expected) in v.expected {
                let first = lines[row + 1].split(separator: ",", omittingEmptySubsequences: false)[0]
                #expect(String(first) == expected, "\(v.label) row \(row)")
            }
        }
    }

    @Test("the notes' examples: NA strings, 007, big integers, float repr, minimal quoting")
    func documentedCases() throws {
        #expect(try roundTrip("a,b\nNA,x\n7,NA\n").0 == "a,b\n,x\n7.0,\n")
        #expect(try roundTrip("id,v\n007,1\n8,2\n").0 == "id,v\n7,1\n8,2\n")
        #expect(try roundTrip("big\n99999999999999999999\n1\n").0 == "big\n99999999999999999999\n1\n")
        #expect(try roundTrip("f\n0.1\n1e-05\n1E16\n100\n2.50\n").0 == "f\n0.1\n1e-05\n1e+16\n100.0\n2.5\n")
        #expect(try roundTrip("t\n\"plain\"\n\"a,b\"\n\"say \"\"hi\"\"\"\n").0 == "t\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n")
        #expect(try roundTrip("a,b\n1,\n3,\n").0 == "a,b\n1,\n3,\n")
        #expect(try roundTrip("a,b\n1,\n3,4\n").0 == "a,b\n1,\n3,4.0\n")
    }

    @Test("malformed files throw errors with line numbers instead of crashing")
    func malformed() throws {
        #expect(throws: CSVError.tooManyFields(expected: 2, line: 4, saw: 3)) {
            try CSVTable(bytes: Array("a,b\n1,2\n\n3,4,5\n".utf8))
        }
        #expect(throws: CSVError.unterminatedQuote(line: 3)) {
            try CSVTable(bytes: Array("a,b\n1,2\n3,\"open\n4,5\n".utf8))
        }
        #expect(throws: CSVError.invalidUTF8(line: 3, byteOffset: 10)) {
            try CSVTable(bytes: Array("a,b\n1,2\n3,".utf8) + [0xff] + Array("\n".utf8))
        }
        #expect(throws: CSVError.invalidUTF8(line: 1, byteOffset: 1)) {
            try CSVTable(bytes: [0x61, 0xc3, 0x28, 0x0a, 0x31, 0x0a])
        }
        #expect(throws: CSVError.noColumns) { try CSVTable(bytes: Array("\n\n  \n".utf8)) }
        // pandas' tokenizer re-reads earlier lines here, depending on its buffering: refused.
        #expect(throws: CSVError.unsupported(line: 3, reason: "a line starting with a space or tab after a line ending in a lone carriage return")) {
            try CSVTable(bytes: Array("a,b\r1,2\r x,3\r".utf8))
        }
        // Too few fields are padded with missing values.
        #expect(try roundTrip("a,b,c\n1,2,3\n4\n").0 == "a,b,c\n1,2.0,3.0\n4,,\n")
        // Truncated UTF-8 sequence at the end of the file.
        #expect(throws: CSVError.self) { try CSVTable(bytes: Array("a\nx".utf8) + [0xe4, 0xb8]) }
    }

    @Test("rows, column selection, dropping, renaming and constants behave like the DataFrame calls")
    func derivedTables() throws {
        let table = try CSVTable(bytes: Array("id,flag,score,name\n1,true,0.50,x\n2,false,,\"y,z\"\n3,TRUE,2,NA\n".utf8))
        #expect(table.columnNames == ["id", "flag", "score", "name"])
        #expect(table.rowCount == 3)
        #expect(table.columnType(named: "flag") == .bool)
        #expect(table.value(row: 1, column: 2) == .missing)
        #expect(table.value(row: 2, column: 2) == .double(2))
        #expect(table.value(row: 0, column: 3) == .text("x"))
        #expect(table.value(row: 2, column: 3) == .missing)
        let picked = table.rows([2, 0])
        #expect(String(decoding: picked.csvData(), as: UTF8.self) == "id,flag,score,name\n3,True,2.0,\n1,True,0.5,x\n")
        let dropped = try picked.dropping(columns: ["score"])
        #expect(String(decoding: dropped.csvData(), as: UTF8.self) == "id,flag,name\n3,True,\n1,True,x\n")
        let selected = try table.selecting(columns: ["name", "id"]).rows([1])
        #expect(String(decoding: selected.csvData(), as: UTF8.self) == "name,id\n\"y,z\",2\n")
        let renamed = try table.selecting(columns: ["id"]).renaming(["id": "key", "missing": "x"])
        #expect(renamed.columnNames == ["key"])
        let constant = try table.selecting(columns: ["id", "flag"]).setting(column: "flag", to: .bool(false))
            .setting(column: "extra", to: .text("a,b"))
        #expect(String(decoding: constant.rows([0]).csvData(), as: UTF8.self) == "id,flag,extra\n1,False,\"a,b\"\n")
        #expect(throws: CSVError.columnNotFound("nope")) { try table.dropping(columns: ["nope"]) }
        #expect(throws: CSVError.columnNotFound("nope")) { try table.selecting(columns: ["nope"]) }
        // Rows of rows compose.
        #expect(table.rows([2, 1, 0]).rows([0]).value(row: 0, column: 0) == .int(3))
        // No columns: an empty line per row; no rows: the header only; an empty name alone is "".
        #expect(String(decoding: try table.dropping(columns: ["id", "flag", "score", "name"]).csvData(), as: UTF8.self) == "\n\n\n\n")
        #expect(String(decoding: table.rows([]).csvData(), as: UTF8.self) == "id,flag,score,name\n")
        #expect(String(decoding: try table.selecting(columns: ["id"]).renaming(["id": ""]).csvData(), as: UTF8.self) == "\"\"\n1\n2\n3\n")
        // A single column with a missing cell is written as "" so the line is not blank.
        #expect(String(decoding: try table.selecting(columns: ["score"]).csvData(), as: UTF8.self) == "score\n0.5\n\"\"\n2.0\n")
    }

    @Test("writing to a file gives the same bytes as csvData, and reading a file works")
    func fileRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlesplits-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.csv")
        var text = "a,b,c,d\n"
        for i in 0 ..< 50_000 { text += "\(i),\(Double(i) / 7),\(i % 3 == 0 ? "NA" : "t\(i)"),\(i % 2 == 0)\n" }
        try Data(text.utf8).write(to: input)
        let table = try CSVTable.read(contentsOf: input)
        let split = try TrainTestSplit(testSize: .fraction(0.1), randomState: 0).split(rowCount: table.rowCount)
        let output = dir.appendingPathComponent("out.csv")
        let train = table.rows(split.train)
        try train.write(to: output)
        #expect(try Data(contentsOf: output) == train.csvData())
        let reread = try CSVTable.read(contentsOf: output)
        #expect(reread.rowCount == split.train.count)
        #expect(reread.csvData() == train.csvData())
        #expect(throws: CSVError.self) { try CSVTable.read(contentsOf: dir.appendingPathComponent("missing.csv")) }
        let empty = dir.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        #expect(throws: CSVError.noColumns) { try CSVTable.read(contentsOf: empty) }
    }
}

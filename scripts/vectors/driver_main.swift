import Foundation
import MLEPyCompat
import MLESplits
import MLETable

let args = CommandLine.arguments
func fail(_ s: String) -> Never { FileHandle.standardError.write((s + "\n").data(using: .utf8)!); exit(1) }
do {
    switch args[1] {
    case "roundtrip":
        // roundtrip in out [threads]
        let threads = args.count > 4 ? Int(args[4])! : nil
        do {
            let t = try CSVTable.read(contentsOf: URL(fileURLWithPath: args[2]), options: .init(threads: threads))
            try t.write(to: URL(fileURLWithPath: args[3]))
            let types = (0..<t.columnCount).map { t.columnType(at: $0).rawValue }.joined(separator: ",")
            print("OK " + types)
        } catch {
            print("ERR \(error)")
        }
    case "many":
        // many listfile: each line "in\tout"; prints a line per case
        let lines = try String(contentsOfFile: args[2], encoding: .utf8).split(separator: "\n")
        for line in lines {
            let parts = line.split(separator: "\t").map(String.init)
            do {
                let t = try CSVTable.read(contentsOf: URL(fileURLWithPath: parts[0]))
                try t.write(to: URL(fileURLWithPath: parts[1]))
                let types = (0..<t.columnCount).map { t.columnType(at: $0).rawValue }.joined(separator: ",")
                print("OK " + types)
            } catch {
                print("ERR \(error)")
            }
        }
    case "split":
        // split in testfrac seed outdir [threads]
        let threads = args.count > 6 ? Int(args[6])! : nil
        let opts = CSVTable.Options(threads: threads)
        let t0 = Date()
        let t = try CSVTable.read(contentsOf: URL(fileURLWithPath: args[2]), options: opts)
        let t1 = Date()
        func mem(_ label: String) {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let lines = status.split(separator: "\n").filter { $0.hasPrefix("VmHWM") || $0.hasPrefix("VmRSS") || $0.hasPrefix("RssFile") || $0.hasPrefix("RssAnon") }
            FileHandle.standardError.write("\(label): \(lines.joined(separator: " "))\n".data(using: .utf8)!)
        }
        mem("after read")
        let s = try TrainTestSplit(testSize: .fraction(Double(args[3])!), randomState: UInt32(args[4])!).split(rowCount: t.rowCount)
        let dir = URL(fileURLWithPath: args[5])
        try t.rows(s.train).write(to: dir.appendingPathComponent("train.csv"), options: opts)
        let t2 = Date()
        mem("after train")
        try t.rows(s.test).write(to: dir.appendingPathComponent("test.csv"), options: opts)
        let t3 = Date()
        mem("after test")
        FileHandle.standardError.write(String(format: "read %.2fs train %.2fs test %.2fs\n", t1.timeIntervalSince(t0), t2.timeIntervalSince(t1), t3.timeIntervalSince(t2)).data(using: .utf8)!)
    case "parse":
        // parse file: each line a decimal; prints bit pattern hex of the parsed double
        let data = try Data(contentsOf: URL(fileURLWithPath: args[2]))
        var out = ""
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let table = try CSVTable(bytes: Array(("a\n" + line + "\n").utf8), options: .init(threads: 1))
            if case .double(let d) = table.value(row: 0, column: 0) { out += String(d.bitPattern, radix: 16) + "\n" }
            else if case .int(let i) = table.value(row: 0, column: 0) { out += "int \(i)\n" }
            else { out += "other\n" }
        }
        print(out, terminator: "")
    case "repr":
        let data = try Data(contentsOf: URL(fileURLWithPath: args[2]))
        var out = ""
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            out += PythonFloat.repr(Double(bitPattern: UInt64(line, radix: 16)!)) + "\n"
        }
        print(out, terminator: "")
    default: fail("unknown")
    }
} catch { fail("\(error)") }

import MLEBasics
import Testing

@Suite struct TOMLTests {
    /// A lockfile's shape: arrays of tables inside arrays of tables, keys in the order written,
    /// each key's line and each table's header line kept for error messages.
    @Test func nestedArraysOfTablesKeepOrderAndLines() throws {
        let text = """
            version = 1
            [[competition]]
            id = "a"
            [[competition.output]]
            path = "x"
            [[competition.output]]
            path = "y"
            size = 2
            [[competition]]
            id = "b"
            [competition.extra]
            k = true
            """
        let root = try TOMLParser.parse(text)
        #expect(root.keys == ["version", "competition"])
        guard case .array(let competitions)? = root["competition"], competitions.count == 2,
              case .table(let a) = competitions[0], case .table(let b) = competitions[1],
              case .array(let outputs)? = a["output"], outputs.count == 2,
              case .table(let y) = outputs[1], case .table(let extra)? = b["extra"]
        else { Issue.record("unexpected shape: \(root)"); return }
        #expect(a.keys == ["id", "output"] && a.line == 2 && b.line == 9)
        #expect(y.keys == ["path", "size"] && y.line == 6 && y.lines["size"] == 8)
        #expect(y["size"] == .integer(2))
        #expect(extra["k"] == .bool(true) && extra.line == 11)
    }

    /// Twenty thousand output tables (an image competition's lock has up to 100,000), read whole:
    /// each table added once, not the array copied per key.
    @Test func manyArrayTablesAreAllRead() throws {
        var text = "[[competition]]\nid = \"c\"\n"
        for i in 0 ..< 20_000 { text += "[[competition.output]]\npath = \"f\(i)\"\n" }
        let root = try TOMLParser.parse(text)
        guard case .array(let c)? = root["competition"], case .table(let t) = c[0],
              case .array(let outputs)? = t["output"], case .table(let last) = outputs.last!
        else { Issue.record("unexpected shape"); return }
        #expect(outputs.count == 20_000)
        #expect(last["path"] == .string("f19999") && last.line == 40_001)
    }

    @Test func redefinitionsAndValuesExtendedByHeadersAreErrors() {
        func error(_ text: String) -> String {
            do { _ = try TOMLParser.parse(text); return "no error" } catch { return "\(error)" }
        }
        #expect(error("[a]\nx = 1\n[a]\n") == "line 3: table 'a' is defined twice (first as a table)")
        #expect(error("[a]\nx = 1\nx = 2\n") == "line 3: key 'x' is defined twice")
        #expect(error("a = 1\n[[a]]\n") == "line 2: 'a' is already defined (integer), not as an array of tables")
        #expect(error("a = {x = 1}\n[a.b]\n") == "line 2: 'a' is a table written as a value, not a table a header can extend")
    }
}

import Foundation

/// `pd.read_csv(path, sep="\t")` and `df.to_csv(path, sep="\t", index=False)`, by re-encoding
/// between tab- and comma-separated text: the fields are the same, only the delimiter and the
/// quoting that depends on it change, so reading and writing keep every exactness of the CSV path.
///
/// Reading accepts the tab-separated files whose fields pandas' C tokenizer splits at every tab
/// and newline alone: a field may hold quotes after its first character (the tokenizer takes them
/// literally), but a field that starts with a quote (a quoted field), a carriage return, or a line
/// that starts with a space or a tab (pandas' whitespace-line handling, which the tab delimiter
/// changes) is refused rather than guessed.
public enum TabSeparated {
    static let tab: UInt8 = 0x09

    /// The comma-separated text of a tab-separated file, field for field.
    public static func commaSeparated<Bytes: Collection>(_ tsv: Bytes) throws -> [UInt8] where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(tsv.count + tsv.count / 8)
        var line = 1
        var field: [UInt8] = []
        var atLineStart = true
        var atFieldStart = true
        func endField() {
            append(field, quotedIfItHolds: [CSVTokenizer.comma, CSVTokenizer.quote], to: &out)
            field.removeAll(keepingCapacity: true)
        }
        for c in tsv {
            if c == 0x0d {
                throw CSVError.unsupported(line: line, reason: "a carriage return in a tab-separated file")
            }
            if atLineStart, c == 0x20 || c == tab {
                throw CSVError.unsupported(line: line, reason: "a tab-separated line that starts with a space or a tab")
            }
            if atFieldStart, c == CSVTokenizer.quote {
                throw CSVError.unsupported(line: line, reason: "a quoted field in a tab-separated file")
            }
            atLineStart = false
            atFieldStart = false
            switch c {
            case tab:
                endField()
                out.append(CSVTokenizer.comma)
                atFieldStart = true
            case CSVTokenizer.lf:
                endField()
                out.append(CSVTokenizer.lf)
                line += 1
                atLineStart = true
                atFieldStart = true
            default:
                field.append(c)
            }
        }
        if !field.isEmpty { endField() }
        return out
    }

    /// The tab-separated text of comma-separated text as ``CSVTable`` writes it (Python's csv
    /// writer, minimal quoting, `\n` line ends): each field is quoted when it holds a tab, a quote
    /// or `\n`, as `to_csv(sep="\t")` quotes; a record of one empty field stays `""`.
    public static func tabSeparated(fromWritten csv: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(csv.count)
        var field: [UInt8] = []
        var fieldsInRecord = 0
        var wasQuoted = false
        func endField() {
            fieldsInRecord += 1
            append(field, quotedIfItHolds: [tab, CSVTokenizer.quote, CSVTokenizer.lf], to: &out)
            field.removeAll(keepingCapacity: true)
        }
        var i = 0
        let n = csv.count
        while i < n {
            // One field: quoted (`""` is a quote inside) or plain up to a comma or the line end.
            if csv[i] == CSVTokenizer.quote {
                wasQuoted = true
                i += 1
                while i < n {
                    if csv[i] == CSVTokenizer.quote {
                        if i + 1 < n, csv[i + 1] == CSVTokenizer.quote { field.append(CSVTokenizer.quote); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(csv[i])
                    i += 1
                }
            } else {
                while i < n, csv[i] != CSVTokenizer.comma, csv[i] != CSVTokenizer.lf { field.append(csv[i]); i += 1 }
            }
            let recordEnds = i >= n || csv[i] == CSVTokenizer.lf
            if recordEnds && fieldsInRecord == 0 && field.isEmpty && wasQuoted {
                out.append(contentsOf: [CSVTokenizer.quote, CSVTokenizer.quote])  // csv writes a lone empty field as ""
                field.removeAll(keepingCapacity: true)
            } else {
                endField()
            }
            if i < n { out.append(recordEnds ? CSVTokenizer.lf : tab) }
            if recordEnds { fieldsInRecord = 0 }
            wasQuoted = false
            i += 1
        }
        return out
    }

    /// Appends `field`, quoted with its quotes doubled when it holds one of `special` (Python's
    /// csv writer's minimal quoting for that delimiter).
    static func append(_ field: [UInt8], quotedIfItHolds special: [UInt8], to out: inout [UInt8]) {
        guard field.contains(where: special.contains) else { out.append(contentsOf: field); return }
        out.append(CSVTokenizer.quote)
        for c in field {
            if c == CSVTokenizer.quote { out.append(CSVTokenizer.quote) }
            out.append(c)
        }
        out.append(CSVTokenizer.quote)
    }
}

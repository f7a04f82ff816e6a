/// A JSON value printed exactly as Python's `json.dump(obj, f, indent=4)` prints it.
///
/// Some MLE-bench prepare scripts write JSON metadata; matching their MD5 needs Python's exact
/// layout: four-space indentation, `,` at the end of each item's line, `": "` between key and
/// value, keys in insertion order, `[]` / `{}` for empty containers, non-ASCII escaped as
/// `\uXXXX` (surrogate pairs above U+FFFF, lowercase hex), floats as `repr` (`1.0`, `1e-05`,
/// `NaN`, `Infinity`), and no trailing newline.
public enum PythonJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case array([PythonJSON])
    /// Members in order; Python dicts keep insertion order.
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: PythonJSON
        public init(_ key: String, _ value: PythonJSON) {
            self.key = key
            self.value = value
        }
    }

    /// `json.dumps(self, indent=4)` as UTF-8 (pure ASCII, given `ensure_ascii`); `indent: nil`
    /// is `json.dumps(self)`: one line, `", "` between items and `": "` after keys.
    public func dumps(indent: Int? = 4) -> String {
        var out = ""
        write(into: &out, level: 0, indent: indent)
        return out
    }

    /// The bytes `json.dump(self, f, indent=4)` writes.
    public func dumpBytes(indent: Int? = 4) -> [UInt8] { Array(dumps(indent: indent).utf8) }

    private func write(into out: inout String, level: Int, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d):
            if d.isNaN { out += "NaN" }
            else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" }
            else { out += PythonFloat.repr(d) }
        case .string(let s): Self.appendString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            guard let indent else {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(into: &out, level: 0, indent: nil)
                }
                out += "]"
                return
            }
            let inner = String(repeating: " ", count: (level + 1) * indent)
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.write(into: &out, level: level + 1, indent: indent)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: level * indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            guard let indent else {
                out += "{"
                for (i, member) in members.enumerated() {
                    if i > 0 { out += ", " }
                    Self.appendString(member.key, to: &out)
                    out += ": "
                    member.value.write(into: &out, level: 0, indent: nil)
                }
                out += "}"
                return
            }
            let inner = String(repeating: " ", count: (level + 1) * indent)
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += inner
                Self.appendString(member.key, to: &out)
                out += ": "
                member.value.write(into: &out, level: level + 1, indent: indent)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: level * indent) + "}"
        }
    }

    /// Python's `py_encode_basestring_ascii`.
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let v = scalar.value
                if v >= 0x20 && v <= 0x7e {
                    out.unicodeScalars.append(scalar)
                } else if v < 0x10000 {
                    out += hex4(v)
                } else {
                    let u = v - 0x10000
                    out += hex4(0xd800 | (u >> 10))
                    out += hex4(0xdc00 | (u & 0x3ff))
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var s = "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            s.unicodeScalars.append(Unicode.Scalar(digits[Int((v >> UInt32(shift)) & 0xf)]))
        }
        return s
    }
}

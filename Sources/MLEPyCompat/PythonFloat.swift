/// Python's `repr(float)` (and numpy's `str(np.float64)`, which pandas' `to_csv` and
/// `json.dump` both use), byte for byte.
///
/// Python prints the shortest digit string that reads back to the same double, choosing the
/// closest one when several are equally short, and lays it out positionally when the decimal
/// exponent is in `-4 ..< 16`, otherwise as `d.ddde±XX`. Swift's own float printing computes the
/// same shortest-and-closest digits but switches to exponent form at different magnitudes
/// (`9999999999999998.0` prints as `9.999999999999998e+15` in Swift), so we take Swift's digits
/// and redo only the layout. Infinities print as `inf` / `-inf`, NaN as `nan`.
public enum PythonFloat {
    /// `repr(value)` as Python writes it.
    public static func repr(_ value: Double) -> String {
        var buffer = FloatTextBuffer()
        let count = buffer.format(value)
        return withUnsafeBytes(of: &buffer.storage) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[0 ..< count]), as: UTF8.self)
        }
    }

    /// Appends `repr(value)` as UTF-8 to `output`.
    public static func append(_ value: Double, to output: inout [UInt8]) {
        var buffer = FloatTextBuffer()
        let count = buffer.format(value)
        withUnsafeBytes(of: &buffer.storage) { raw in
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0 ..< count]))
        }
    }
}

/// Receives Swift's float text without allocating: `Double.write(to:)` hands its digits to
/// `_writeASCII` when the stream implements it; `write(_:)` is the fallback for toolchains that
/// don't, which is slower but gives the same text.
struct SwiftFloatCapture: TextOutputStream {
    var storage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    var count = 0

    mutating func write(_ string: String) {
        for byte in string.utf8 where count < 40 {
            withUnsafeMutableBytes(of: &storage) { $0[count] = byte }
            count += 1
        }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        let n = min(buffer.count, 40 - count)
        guard n > 0, let base = buffer.baseAddress else { return }
        let start = count
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.baseAddress!.advanced(by: start).copyMemory(from: base, byteCount: n)
        }
        count += n
    }
}

/// A fixed 40-byte scratch area holding one formatted float (the longest repr is 24 bytes).
package struct FloatTextBuffer {
    package var storage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)

    package init() {}

    /// Writes Python's repr of `value` into `storage`; returns its length.
    package mutating func format(_ value: Double) -> Int {
        return withUnsafeMutableBytes(of: &storage) { raw in
            PythonFloatLayout.write(value, into: raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
}

package enum PythonFloatLayout {
    /// Writes Python's repr of `value` at `out` (which must have room for 32 bytes); returns the
    /// byte count.
    package static func write(_ value: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if value.isNaN {
            out[0] = UInt8(ascii: "n"); out[1] = UInt8(ascii: "a"); out[2] = UInt8(ascii: "n")
            return 3
        }
        var pos = 0
        if value.sign == .minus {
            out[0] = UInt8(ascii: "-")
            pos = 1
        }
        let magnitude = value.magnitude
        if magnitude.isInfinite {
            out[pos] = UInt8(ascii: "i"); out[pos + 1] = UInt8(ascii: "n"); out[pos + 2] = UInt8(ascii: "f")
            return pos + 3
        }
        if magnitude == 0 {
            out[pos] = UInt8(ascii: "0"); out[pos + 1] = UInt8(ascii: "."); out[pos + 2] = UInt8(ascii: "0")
            return pos + 3
        }
        // Shortest round-trip digits from Swift, then Python's layout.
        var capture = SwiftFloatCapture()
        magnitude.write(to: &capture)
        // Swift writes positional text only for magnitudes in [1e-4, 2^53], where Python is
        // positional too and both print the same digits the same way ("100.0", "0.0001").
        let positional = withUnsafeBytes(of: &capture.storage) { raw -> Bool in
            let text = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let n = capture.count
            guard n > 0, n <= 32 else { return false }
            for i in 0 ..< n where text[i] == UInt8(ascii: "e") { return false }
            (out + pos).update(from: text, count: n)
            return true
        }
        if positional { return pos + capture.count }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 significant digits
        return withUnsafeMutableBytes(of: &digits) { digitRaw -> Int in
            let d = digitRaw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var digitCount = 0
            var pointPosition = -1  // digits before the '.' in Swift's mantissa
            var exponent = 0
            var seenNonZero = false
            var leadingZerosAfterPoint = 0
            withUnsafeBytes(of: &capture.storage) { textRaw in
                let text = textRaw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                var i = 0
                let n = capture.count
                var mantissaDigitsBeforePoint = 0
                var inFraction = false
                while i < n {
                    let c = text[i]
                    if c == UInt8(ascii: ".") {
                        inFraction = true
                    } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                        i += 1
                        var negative = false
                        if i < n && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                            negative = text[i] == UInt8(ascii: "-")
                            i += 1
                        }
                        var e = 0
                        while i < n { e = e * 10 + Int(text[i] &- 48); i += 1 }
                        exponent = negative ? -e : e
                        break
                    } else {
                        if !inFraction { mantissaDigitsBeforePoint += 1 }
                        if c != UInt8(ascii: "0") || seenNonZero {
                            seenNonZero = true
                            if digitCount < 24 { d[digitCount] = c; digitCount += 1 }
                        } else if inFraction {
                            leadingZerosAfterPoint += 1
                        } else {
                            mantissaDigitsBeforePoint -= 1  // a leading zero like "0.001"
                        }
                    }
                    i += 1
                }
                pointPosition = mantissaDigitsBeforePoint
            }
            // value = 0.d1d2...dn × 10^decpt
            let decpt: Int
            if pointPosition > 0 {
                decpt = pointPosition + exponent
            } else {
                decpt = -leadingZerosAfterPoint + exponent
            }
            while digitCount > 1 && d[digitCount - 1] == UInt8(ascii: "0") { digitCount -= 1 }
            return layout(digits: d, count: digitCount, decpt: decpt, out: out, pos: pos)
        }
    }

    /// Python's `format_float_short` layout for mode 'r' with `Py_DTSF_ADD_DOT_0`.
    static func layout(digits d: UnsafePointer<UInt8>, count n: Int, decpt: Int,
                       out: UnsafeMutablePointer<UInt8>, pos start: Int) -> Int {
        var pos = start
        if decpt <= -4 || decpt > 16 {
            out[pos] = d[0]; pos += 1
            if n > 1 {
                out[pos] = UInt8(ascii: "."); pos += 1
                for k in 1 ..< n { out[pos] = d[k]; pos += 1 }
            }
            out[pos] = UInt8(ascii: "e"); pos += 1
            var e = decpt - 1
            if e < 0 { out[pos] = UInt8(ascii: "-"); e = -e } else { out[pos] = UInt8(ascii: "+") }
            pos += 1
            if e >= 100 {
                out[pos] = UInt8(48 + e / 100); pos += 1
                e %= 100
                out[pos] = UInt8(48 + e / 10); pos += 1
                out[pos] = UInt8(48 + e % 10); pos += 1
            } else {
                out[pos] = UInt8(48 + e / 10); pos += 1
                out[pos] = UInt8(48 + e % 10); pos += 1
            }
            return pos
        }
        if decpt <= 0 {
            out[pos] = UInt8(ascii: "0"); out[pos + 1] = UInt8(ascii: "."); pos += 2
            for _ in 0 ..< -decpt { out[pos] = UInt8(ascii: "0"); pos += 1 }
            for k in 0 ..< n { out[pos] = d[k]; pos += 1 }
            return pos
        }
        if decpt >= n {
            for k in 0 ..< n { out[pos] = d[k]; pos += 1 }
            for _ in 0 ..< decpt - n { out[pos] = UInt8(ascii: "0"); pos += 1 }
            out[pos] = UInt8(ascii: "."); out[pos + 1] = UInt8(ascii: "0")
            return pos + 2
        }
        for k in 0 ..< decpt { out[pos] = d[k]; pos += 1 }
        out[pos] = UInt8(ascii: "."); pos += 1
        for k in decpt ..< n { out[pos] = d[k]; pos += 1 }
        return pos
    }
}

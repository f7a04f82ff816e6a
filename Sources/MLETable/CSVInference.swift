import Foundation
import MLEPyCompat

/// Dtype inference exactly as `pandas.read_csv` (C engine, `low_memory=True`) performs it.
///
/// pandas does not type a column once: it converts the file in chunks of `buffer_lines` rows
/// (the largest power of two below `2**20 // width`, times two, see ``chunkRowCount(width:)``)
/// and types each column of each chunk separately, trying int64 → (uint64 on overflow) →
/// float64 → bool → object. The chunks are then concatenated with numpy's promotion rules
/// (`np.result_type`, except that bool mixed with numbers becomes object). So a column that is
/// integral for the first chunk and textual later comes out as object holding Python ints
/// ("007" printed as "7") and strings ("x"). ``ColumnChunkSummary`` gathers, per chunk and
/// column, just enough facts to replay that decision; ``EmitMode`` is how each cell of that
/// chunk is printed back by `to_csv`.
enum CSVInference {
    /// `TextReader.buffer_lines` for a table `width` fields wide.
    static func chunkRowCount(width: Int) -> Int {
        let heuristic = (1 << 20) / max(width, 1)
        var lines = 1
        while lines * 2 < heuristic { lines *= 2 }
        return lines
    }
}

/// The dtype pandas chose for one column within one chunk.
enum ChunkKind: UInt8 {
    case int64, uint64
    case float          // parsed as floats
    case floatFromInt   // parsed as int64 with missing values, then upcast (so "-0" is 0.0)
    case bool
    case boolObject     // bools with missing values: object array of True/False/NaN
    case objectFiltered // strings, NA spellings turned into NaN
    case objectUnfiltered // strings, NA spellings kept (pandas' uint64-conflict fallback)

    /// numpy's dtype kind letter for the chunk's array.
    var dtypeKind: Character {
        switch self {
        case .int64: return "i"
        case .uint64: return "u"
        case .float, .floatFromInt: return "f"
        case .bool: return "b"
        case .boolObject, .objectFiltered, .objectUnfiltered: return "O"
        }
    }
}

/// How `to_csv` prints a cell of one column within one chunk, after concatenation.
enum EmitMode: UInt8 {
    case intDecimal, uintDecimal
    case float, floatFromInt, floatFromUInt
    /// An int64 chunk with missing cells, upcast by pandas' `_maybe_upcast`, which masks by the
    /// int64 NA sentinel: a genuine -9223372036854775808 becomes NaN too.
    case floatFromIntWithNA
    case boolWord, boolAsInt, boolAsFloat
    case textFiltered, textUnfiltered

    /// Flag bit stored next to the mode: every cell of the chunk is already its own output.
    static let verbatimBit: UInt8 = 0x80
}

/// The uint64 retry pandas makes after an int64 overflow (`_try_uint64`).
struct UIntSummary {
    enum FirstError { case none, invalid, overflow }
    var firstError = FirstError.none
    var seenSigned = false
    var seenUnsigned = false   // a value above Int64.max
    var seenNull = false

    mutating func observe(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard firstError == .none else { return }
        if PandasScalars.isNA(p, n) { seenNull = true; return }
        let (status, value) = PandasScalars.parseUInt64(p, n)
        switch status {
        case .ok: if value > UInt64(Int64.max) { seenUnsigned = true }
        case .negative: seenSigned = true
        case .invalid: firstError = .invalid
        case .overflow: firstError = .overflow
        }
    }
}

/// Facts about the cells of one column within one chunk, folded cell by cell in file order.
struct ColumnChunkSummary {
    enum IntFailure: UInt8 { case none, invalid, overflow }

    var cells = 0
    var naCount = 0
    /// The first cell that int64 parsing rejected decides between "try uint64" and "try float".
    var int64Failure = IntFailure.none
    var allFloat = true
    var allBool = true
    /// Verbatim facts: whether every relevant cell's raw bytes are already its output.
    var allIntCanonical = true
    var allFloatCanonical = true
    var allBoolCanonical = true
    var allNARawEmpty = true
    var allTextVerbatim = true
    var anyQuoted = false
    /// An integer cell written "-0" (captured as -0.0, which pandas' int64 chunks read as 0).
    var sawNegativeZeroInteger = false
    var uint: UIntSummary? = nil

    /// A summary for a table read for its numbers only: the canonical-text facts, which only
    /// matter to writing, start false so their checks are skipped.
    static var forCapture: ColumnChunkSummary {
        var summary = ColumnChunkSummary()
        summary.allFloatCanonical = false
        return summary
    }

    /// Folds one cell. `p[0..<n]` is its content (unquoted), `quoted` whether the raw field
    /// started with a quote, `textVerbatim` whether the raw field equals its minimal quoting.
    /// With `number`, the cell's value as a float parser reads it is stored there too (NaN for
    /// missing and non-numeric cells, 1/0 for booleans).
    @inline(__always)
    mutating func observe(_ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool, textVerbatim: Bool,
                          number: UnsafeMutablePointer<Double>? = nil) {
        cells += 1
        if quoted { anyQuoted = true }
        if !textVerbatim { allTextVerbatim = false }
        if n == 0 {
            naCount += 1
            if quoted { allNARawEmpty = false }
            number?.pointee = .nan
            return
        }
        // One digit (one-hot answers, labels, flags): an int64 written as Python writes it.
        if n == 1 && p[0] &- 0x30 < 10 {
            number?.pointee = Double(p[0] &- 0x30)
            if quoted { allIntCanonical = false }
            allFloatCanonical = false   // an integer prints as "5.0" in a float column
            allBool = false
            allBoolCanonical = false
            return
        }
        // Fast path: [-]digits or [-]digits.digits, by far the commonest numeric cells.
        var i = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        let intStart = i
        var magnitude: UInt64 = 0
        var magnitudeOverflow = false
        while i < n {
            let d = p[i] &- 0x30
            if d >= 10 { break }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { magnitudeOverflow = true }
            magnitude = s
            i += 1
        }
        let intLen = i - intStart
        if intLen > 0 && intLen < 300 {
            let limit: UInt64 = negative ? (1 << 63) : UInt64(Int64.max)
            let fitsInt64 = !magnitudeOverflow && magnitude <= limit
            if i == n {
                // A plain integer.
                if let number {
                    if magnitudeOverflow {
                        number.pointee = PandasScalars.parseDouble(p, n)
                    } else {
                        number.pointee = negative ? -Double(magnitude) : Double(magnitude)
                        if negative && magnitude == 0 { sawNegativeZeroInteger = true }
                    }
                }
                if fitsInt64 {
                    let canonical = (p[intStart] != UInt8(ascii: "0") || intLen == 1) && !(negative && magnitude == 0)
                    if !canonical || quoted { allIntCanonical = false }
                } else {
                    if int64Failure == .none { int64Failure = .overflow }
                    if quoted || p[intStart] == UInt8(ascii: "0") { allIntCanonical = false }
                }
                allFloatCanonical = false   // an integer prints as "5.0" in a float column
                allBool = false
                allBoolCanonical = false
                return
            }
            if p[i] == UInt8(ascii: ".") {
                // A plain decimal number? Its fraction is scanned once, and when the chunk can
                // still be verbatim the digits are gathered for the canonical-text check.
                var canonical = false
                var isDecimal: Bool
                if let number {
                    // Reading for numbers: the fraction is checked and converted in one pass.
                    let value = Self.decimalMagnitude(p, n, intStart: intStart, point: i,
                                                      intValue: magnitude, intOverflow: magnitudeOverflow)
                    isDecimal = value != nil
                    if let value { number.pointee = negative ? -value : value }
                } else if allFloatCanonical && !quoted && intLen <= 16
                    && (p[intStart] != UInt8(ascii: "0") || intLen == 1) {
                    let verdict = Self.scanCanonicalDecimal(p, n, intStart: intStart, point: i, intValue: magnitude)
                    isDecimal = verdict >= 0
                    canonical = verdict == 1
                } else {
                    var j = i + 1
                    while j < n && p[j] &- 0x30 < 10 { j += 1 }
                    isDecimal = j == n
                }
                if isDecimal {
                    if int64Failure == .none { int64Failure = fitsInt64 ? .invalid : .overflow }
                    allBool = false
                    allBoolCanonical = false
                    if !canonical { allFloatCanonical = false }
                    return
                }
            }
        }
        observeGeneral(p, n, quoted: quoted)
        // Once a cell is neither a float nor a bool the chunk is text (object) and its numbers
        // are never asked for.
        if let number, allFloat || allBool {
            if PandasScalars.isNA(p, n) {
                number.pointee = .nan
            } else if let b = PandasScalars.boolValue(p, n) {
                number.pointee = b ? 1 : 0
            } else {
                number.pointee = PandasScalars.parseDouble(p, n)  // NaN for text
            }
        }
    }

    /// The magnitude of `[-]I.F` (I = `intValue` from `intStart` to the '.' at `point`), or nil
    /// when F (up to `n`) is not all digits. Up to 19 significant digits are gathered eight at a
    /// time and converted exactly; longer numbers go to the general parser.
    @inline(__always)
    static func decimalMagnitude(_ p: UnsafePointer<UInt8>, _ n: Int, intStart: Int, point: Int,
                                 intValue: UInt64, intOverflow: Bool) -> Double? {
        var j = point + 1
        var significant = 0
        if intValue == 0 {
            while j < n && p[j] == UInt8(ascii: "0") { j += 1 }   // leading zeros of the fraction
        } else {
            while significant < 20 && intValue >= FloatShape.powersOfTen64[significant] { significant += 1 }
        }
        if intOverflow || significant + (n - j) > 19 {
            while j < n && p[j] &- 0x30 < 10 { j += 1 }
            return j == n ? PandasScalars.parseDouble(p + intStart, n - intStart) : nil
        }
        var w = intValue
        while j + 8 <= n {
            guard let eight = eightDigits(p + j) else { return nil }
            w = w &* 100_000_000 &+ eight
            j += 8
        }
        while j < n {
            let d = p[j] &- 0x30
            guard d < 10 else { return nil }
            w = w &* 10 &+ UInt64(d)
            j += 1
        }
        return FloatShape.compose(significand: w, scale: point + 1 - n, truncated: false,
                                  text: p + intStart, length: n - intStart)
    }

    /// The value of eight ASCII digits at `p`, or nil when they are not all digits (the
    /// branch-free SWAR conversion of simdjson and fast_float).
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let v = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        let high: UInt64 = 0xf0f0_f0f0_f0f0_f0f0
        guard (v & high) | (((v &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333 else { return nil }
        var x = v &- 0x3030_3030_3030_3030
        x = (x &* 10) &+ (x >> 8)
        let low: UInt64 = 0x0000_00ff_0000_00ff
        return ((x & low) &* (100 &+ (1_000_000 << 32)) &+ ((x >> 16) & low) &* (1 &+ (10_000 << 32))) >> 32
    }

    private mutating func observeGeneral(_ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool) {
        if PandasScalars.isNA(p, n) {
            naCount += 1
            allNARawEmpty = false
            return
        }
        // Already text (not an integer, a float or a bool, and no uint64 retry pending): only
        // missing cells still count, and every other fact is settled.
        if int64Failure == .invalid && !allFloat && !allBool {
            allIntCanonical = false
            return
        }
        let (status, _) = PandasScalars.parseInt64(p, n)
        switch status {
        case .ok:
            if quoted || !PandasScalars.isCanonicalInteger(p, n) { allIntCanonical = false }
            allFloatCanonical = false
            allBool = false
            allBoolCanonical = false
            return
        case .invalid:
            if int64Failure == .none { int64Failure = .invalid }
        case .overflow:
            if int64Failure == .none { int64Failure = .overflow }
        }
        if quoted || !PandasScalars.isCanonicalInteger(p, n) { allIntCanonical = false }
        let isFloat = allFloat ? PandasScalars.isFloat(p, n) : false
        if !isFloat { allFloat = false }
        if allFloatCanonical {
            if quoted || !isFloat { allFloatCanonical = false }
            else if !PandasScalars.isCanonicalFloatFast(p, n) {
                allFloatCanonical = Self.isCanonicalFloatExact(p, n)
            }
        }
        if let b = PandasScalars.boolValue(p, n) {
            if quoted || !(b ? PandasScalars.matches(p, n, "True") : PandasScalars.matches(p, n, "False")) {
                allBoolCanonical = false
            }
        } else {
            allBool = false
            allBoolCanonical = false
        }
    }

    /// For a cell known to be `-?digits.digits`: whether it is Python's repr of its value.
    /// Texts with at most 15 significant digits in the positional range are accepted outright
    /// (see ``PandasScalars/isCanonicalFloatFast(_:_:)`` for why); others are decided by
    /// ``isShortestByInterval(_:k:_:)`` or, failing that, printed once and compared.
    static func isCanonicalDecimal(_ p: UnsafePointer<UInt8>, _ n: Int, intStart: Int, point: Int) -> Bool {
        let intLen = point - intStart
        guard intLen <= 16, p[intStart] != UInt8(ascii: "0") || intLen == 1 else { return false }
        var intValue: UInt64 = 0
        for k in intStart ..< point { intValue = intValue &* 10 &+ UInt64(p[k] &- 0x30) }
        return scanCanonicalDecimal(p, n, intStart: intStart, point: point, intValue: intValue) == 1
    }

    /// Scans the fraction of `-?I.F` (I given as `intValue`, at most 16 digits, no leading zero
    /// unless I is "0"): -1 when the cell does not end in digits after the point (not a plain
    /// decimal), otherwise 1 when the text is Python's repr of its value and 0 when not.
    @inline(__always)
    static func scanCanonicalDecimal(_ p: UnsafePointer<UInt8>, _ n: Int, intStart: Int, point: Int,
                                     intValue: UInt64) -> Int {
        let intLen = point - intStart
        let intIsZero = intValue == 0
        var w = intValue
        var significant = intIsZero ? 0 : intLen
        var scale = 0
        var truncated = false
        var leadingFractionZeros = 0
        var k = point + 1
        while k < n {
            let d = UInt64(p[k] &- 0x30)
            if d >= 10 { return -1 }
            if significant > 0 || d != 0 {
                if significant < 19 { w = w &* 10 &+ d; significant += 1; scale -= 1 } else if d != 0 { truncated = true }
            } else {
                leadingFractionZeros += 1
                scale -= 1
            }
            k += 1
        }
        let fracLen = n - point - 1
        guard fracLen >= 1 else { return 0 }                             // "5." prints as "5.0"
        if p[n - 1] == UInt8(ascii: "0") && fracLen > 1 { return 0 }    // trailing zeros
        if w == 0 { return fracLen == 1 ? 1 : 0 }                        // "0.0", "-0.0"
        if intIsZero && leadingFractionZeros > 3 { return 0 }           // below 1e-4: exponent form
        // Significant digits, not counting the trailing zeros of an "X.0" integer.
        var digits = significant
        if fracLen == 1 && p[n - 1] == UInt8(ascii: "0") {
            var t = w
            while t % 10 == 0 && digits > 1 { t /= 10; digits -= 1 }
        }
        if digits <= 15 && !truncated { return 1 }
        let start = p[0] == UInt8(ascii: "-") ? 1 : 0
        let magnitude = FloatShape.compose(significand: w, scale: scale, truncated: truncated,
                                           text: p + start, length: n - start)
        if !truncated && w % 10 != 0 && scale < 0 && scale >= -19,
           let decided = isShortestByInterval(w, k: -scale, magnitude) {
            return decided ? 1 : 0
        }
        var buffer = FloatTextBuffer()
        let length = buffer.format(start == 1 ? -magnitude : magnitude)
        guard length == n else { return 0 }
        return withUnsafeBytes(of: &buffer.storage) { raw -> Int in
            let q = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var i = 0
            while i + 8 <= n {
                if UnsafeRawPointer(q + i).loadUnaligned(as: UInt64.self)
                    != UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) { return 0 }
                i += 8
            }
            while i < n { if q[i] != p[i] { return 0 }; i += 1 }
            return 1
        }
    }

    /// Decides "is `w × 10^-k` the repr of `x`" (x = its correctly rounded value) with exact
    /// integer arithmetic instead of printing x; nil when it cannot (ties, unusual magnitudes),
    /// and the caller prints and compares instead.
    ///
    /// Python's repr is the shortest decimal that reads back as x, the closest to x among equally
    /// short ones. Scaled by 10^k · 2^(1-E) (x = M·2^E), x becomes X = 2M·10^k, the text's
    /// value becomes w·2^(1-E), and half the gap to the next double becomes exactly 10^k (half
    /// that below a power of two). Then: a shorter decimal reads back as x iff one of the two
    /// (n-1)-digit neighbours of the text does (the set of decimals reading back as x is an
    /// interval containing the text); and among n-digit decimals the text is the closest to x
    /// unless its neighbour on x's side is closer and also reads back as x.
    @inline(__always)
    static func isShortestByInterval(_ w: UInt64, k: Int, _ x: Double) -> Bool? {
        guard k >= 1, k <= 19 else { return nil }
        let bits = x.bitPattern
        let biased = Int((bits >> 52) & 0x7ff)
        guard biased > 1, biased < 0x7ff else { return nil }
        let m = (bits & 0x000f_ffff_ffff_ffff) | (1 << 52)
        let shift = 1 - (biased - 1075)                    // S = 1 - E
        guard shift >= 0, (64 - w.leadingZeroBitCount) + shift <= 124 else { return nil }
        let ten = FloatShape.powersOfTen64[k]
        let x128 = FloatShape.multiplyFull(m << 1, ten)    // X = 2M·10^k
        let half = (high: UInt64(0), low: ten)             // half gap above x
        let lowerHalf = m == (1 << 52) ? (high: UInt64(0), low: ten / 2) : half
        let evenM = m & 1 == 0
        func scaled(_ v: UInt64) -> (high: UInt64, low: UInt64) {
            shift == 0 ? (0, v) : (shift >= 64 ? (v << UInt64(shift - 64), 0)
                                   : (v >> UInt64(64 - shift), v << UInt64(shift)))
        }
        func readsBack(_ d: (high: UInt64, low: UInt64)) -> Bool {
            if Self.less(d, x128) {
                let gap = Self.subtract(x128, d)
                return Self.less(gap, lowerHalf) || (gap == lowerHalf && evenM)
            }
            let gap = Self.subtract(d, x128)
            return Self.less(gap, half) || (gap == half && evenM)
        }
        // A shorter decimal?
        let below = w / 10
        if readsBack(scaled(below * 10)) || readsBack(scaled((below + 1) * 10)) { return false }
        // The closest of its length?
        let t = scaled(w)
        let distance = Self.less(t, x128) ? Self.subtract(x128, t) : Self.subtract(t, x128)
        // Half a unit of the text's last digit, scaled: 2^(S-1).
        if shift == 0 { return nil }
        let halfUnitValue: (high: UInt64, low: UInt64) = shift - 1 >= 64
            ? (1 << UInt64(shift - 1 - 64), 0) : (0, 1 << UInt64(shift - 1))
        if Self.less(distance, halfUnitValue) { return true }
        if distance == halfUnitValue { return nil }
        let neighbour = Self.less(t, x128) ? w + 1 : w - 1
        return !readsBack(scaled(neighbour))
    }

    @inline(__always)
    static func less(_ a: (high: UInt64, low: UInt64), _ b: (high: UInt64, low: UInt64)) -> Bool {
        a.high < b.high || (a.high == b.high && a.low < b.low)
    }

    @inline(__always)
    static func subtract(_ a: (high: UInt64, low: UInt64), _ b: (high: UInt64, low: UInt64)) -> (high: UInt64, low: UInt64) {
        let (low, borrow) = a.low.subtractingReportingOverflow(b.low)
        return (a.high &- b.high &- (borrow ? 1 : 0), low)
    }

    /// Parses and prints the number; true when the text is exactly Python's repr of its value.
    static func isCanonicalFloatExact(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n <= 32 else { return false }
        let value = PandasScalars.parseDouble(p, n)
        var buffer = FloatTextBuffer()
        let length = buffer.format(value)
        guard length == n else { return false }
        return withUnsafeBytes(of: &buffer.storage) { raw in
            memcmp(raw.baseAddress!, p, n) == 0
        }
    }

    /// pandas' decision for this chunk (`uint` must be filled when int64 overflowed).
    var kind: ChunkKind {
        switch int64Failure {
        case .none:
            return naCount > 0 ? .floatFromInt : .int64
        case .overflow:
            let u = uint ?? UIntSummary()
            switch u.firstError {
            case .overflow:
                return .objectFiltered
            case .invalid:
                break  // _try_uint64 gave up quietly: pandas goes on to float64
            case .none:
                if u.seenUnsigned && (u.seenSigned || u.seenNull) { return .objectUnfiltered }
                if u.seenSigned { return .objectFiltered }
                return .uint64
            }
        case .invalid:
            break
        }
        if allFloat { return .float }
        if allBool { return naCount > 0 ? .boolObject : .bool }
        return .objectFiltered
    }

    /// Whether every cell of the chunk prints exactly as its raw bytes under `mode`.
    func isVerbatim(_ mode: EmitMode) -> Bool {
        switch mode {
        case .intDecimal, .uintDecimal:
            return !anyQuoted && allIntCanonical && naCount == 0
        case .float:
            return !anyQuoted && allFloatCanonical && allNARawEmpty
        case .floatFromInt, .floatFromUInt, .floatFromIntWithNA:
            return naCount == cells && allNARawEmpty
        case .boolWord:
            return allBoolCanonical && allNARawEmpty
        case .boolAsInt, .boolAsFloat:
            return false
        case .textFiltered:
            return allTextVerbatim && allNARawEmpty
        case .textUnfiltered:
            return allTextVerbatim
        }
    }
}

/// The final dtype of a column, and how each chunk's cells are printed, from the chunk kinds.
struct ColumnResolution {
    var type: CSVTable.ColumnType
    var modes: [EmitMode]

    init(kinds: [ChunkKind]) {
        guard let first = kinds.first else {
            type = .object
            modes = []
            return
        }
        let letters = Set(kinds.map(\.dtypeKind))
        if letters.count == 1 {
            switch first.dtypeKind {
            case "i": type = .int64
            case "u": type = .uint64
            case "f": type = .float64
            case "b": type = .bool
            default: type = .object
            }
            modes = kinds.map { Self.objectMode($0, numericTarget: nil) }
            return
        }
        if letters.contains("O") {
            type = .object
            modes = kinds.map { Self.objectMode($0, numericTarget: nil) }
            return
        }
        // Only numeric and bool arrays: numpy promotion.
        let target: Character
        if letters.contains("f") || (letters.contains("i") && letters.contains("u")) { target = "f" }
        else if letters.contains("i") { target = "i" }
        else { target = "u" }
        if letters.contains("b") {
            type = .object  // pandas casts the promoted array to object rather than keep bools as numbers
        } else {
            type = target == "f" ? .float64 : (target == "i" ? .int64 : .uint64)
        }
        modes = kinds.map { Self.objectMode($0, numericTarget: target) }
    }

    private static func objectMode(_ kind: ChunkKind, numericTarget: Character?) -> EmitMode {
        switch kind {
        case .int64: return numericTarget == "f" ? .floatFromInt : .intDecimal
        case .uint64: return numericTarget == "f" ? .floatFromUInt : .uintDecimal
        case .float: return .float
        case .floatFromInt: return .floatFromIntWithNA
        case .bool:
            switch numericTarget {
            case nil: return .boolWord
            case "f"?: return .boolAsFloat
            default: return .boolAsInt
            }
        case .boolObject: return .boolWord
        case .objectFiltered: return .textFiltered
        case .objectUnfiltered: return .textUnfiltered
        }
    }
}

import Foundation
import MLEBasics

/// The cells of one id column as join keys, compared as pandas compares them — numbers by
/// value, text by its characters, every missing cell alike — without making a `String` per row.
///
/// Graders pair a submission's rows with the answers' by id. For a million rows, building a
/// string per id and hashing it with the standard library's SipHash was most of the grading
/// time, and a hash table of a million entries misses the cache on nearly every probe. Here a
/// key is a small record made in parallel straight from the file's bytes: 16 bytes (the id
/// itself) when every id is a number or a text of at most eight bytes, else 32 (hash, kind, and
/// the id itself up to 16 bytes, or its offset in the file). The keys are grouped by hash into
/// cache-sized groups in one pass, and ``pairing(with:)`` joins two key sets group by group.
/// Fresh memory is much of the cost at this size, hence the small keys and the single pass.
public struct CSVJoinKeys: Sendable {
    /// One key. `length` is the text's byte count, or one of the kind markers.
    struct Key: JoinKey {
        var hash: UInt64
        /// The number's bits; a text's first eight bytes when it has at most 16, else its offset.
        var payload: UInt64
        /// A short text's bytes 8 to 15, zero-padded.
        var tail: UInt64
        var length: Int32
        var row: Int32

        static let missing: Int32 = -1
        static let number: Int32 = -2

        @inline(__always)
        func same(_ other: Key, _ mine: CSVStorage, _ theirs: CSVStorage) -> Bool {
            guard hash == other.hash, length == other.length else { return false }
            if length <= Int32(CSVJoinKeys.inlineBytes) { return payload == other.payload && tail == other.tail }
            return memcmp(mine.source.base + Int(payload), theirs.source.base + Int(other.payload), Int(length)) == 0
        }
    }

    /// The key of a table whose ids are all numbers, missing, or texts of at most eight bytes
    /// (most id columns): the id itself in 16 bytes, half a ``Key``, its hash worked out from
    /// it when needed. Half the memory, and fresh memory is much of the cost of a join.
    struct ShortKey: JoinKey {
        var payload: UInt64
        var length: Int32
        var row: Int32

        init(payload: UInt64, length: Int32, row: Int32) {
            self.payload = payload
            self.length = length
            self.row = row
        }

        /// A missing cell's key: every missing cell alike.
        static func missing(row: Int) -> ShortKey {
            ShortKey(payload: 0, length: Key.missing, row: Int32(truncatingIfNeeded: row))
        }

        /// A number's key: its bits, every NaN alike and -0.0 apart from 0.0 (as the general
        /// path's printed keys have it).
        static func number(_ x: Double, row: Int) -> ShortKey {
            ShortKey(payload: x.isNaN ? Double.nan.bitPattern : x.bitPattern, length: Key.number,
                     row: Int32(truncatingIfNeeded: row))
        }

        /// The key of the text `base[start ..< start + length]` in a buffer of `size` bytes; nil
        /// when it is longer than eight bytes (it then needs a whole ``Key``).
        @inline(__always)
        static func text(_ base: UnsafePointer<UInt8>, size: Int, _ start: Int, _ length: Int, row: Int) -> ShortKey? {
            guard length <= 8 else { return nil }
            return ShortKey(payload: CSVJoinKeys.word(base + start, length, from: 0, readable: size - start),
                            length: Int32(length), row: Int32(truncatingIfNeeded: row))
        }

        @inline(__always)
        var hash: UInt64 { CSVJoinKeys.mix(payload ^ UInt64(truncatingIfNeeded: Int64(length)) &* 0x9e37_79b9_7f4a_7c15) }

        @inline(__always)
        func same(_ other: ShortKey, _ mine: CSVStorage, _ theirs: CSVStorage) -> Bool {
            payload == other.payload && length == other.length
        }
    }

    /// Keys grouped by the top `bits` bits of their hash. Group `p` is made of one run of keys
    /// per stripe of rows: run `p * stripes + t` starts at `runStarts[...]` and holds
    /// `runCounts[...]` keys.
    struct Groups<K: JoinKey>: @unchecked Sendable {
        let keys: KeyStore<K>
        let runStarts: [Int]
        let runCounts: [Int]
        let stripes: Int

        /// The keys of group `p`, run by run, while `body` returns true.
        @inline(__always)
        func forEachKey(inGroup p: Int, _ body: (K) -> Bool) -> Bool {
            for t in 0 ..< stripes {
                let run = p * stripes + t
                for i in runStarts[run] ..< runStarts[run] + runCounts[run] where !body(keys.base[i]) { return false }
            }
            return true
        }

        func groupCount(_ p: Int) -> Int {
            (0 ..< stripes).reduce(0) { $0 + runCounts[p * stripes + $1] }
        }
    }

    enum Grouped: Sendable {
        case short(Groups<ShortKey>)
        case long(Groups<Key>)
    }

    let storage: CSVStorage
    let grouped: Grouped
    let bits: Int
    public let count: Int

    /// At most about four thousand keys per group: each group's table and keys stay in the
    /// L2 cache, and the room kept in each group for chance is small next to its size.
    static func partitionBits(count n: Int) -> Int {
        var bits = 0
        while (n >> bits) > 4096 && bits < 16 { bits += 1 }
        return bits
    }

    /// Makes the keys of rows `0 ..< n` and groups them by hash: as ``ShortKey``s when every
    /// row has one (`shortKeyAt` gives nil for a text longer than eight bytes, which stops that
    /// attempt), else as ``Key``s.
    init(storage: CSVStorage, count n: Int, threads: Int, shortKeyAt: (Int) -> ShortKey?, keyAt: (Int) -> Key) {
        let bits = Self.partitionBits(count: n)
        if let short = Self.group(count: n, bits: bits, threads: threads, shortKeyAt) {
            grouped = .short(short)
        } else {
            grouped = .long(Self.group(count: n, bits: bits, threads: threads, { keyAt($0) })!)
        }
        self.storage = storage
        self.bits = bits
        self.count = n
    }

    /// Groups short keys that every row has (numbers, or keys made while reading: see
    /// ``CSVStorage/rowKeys``).
    init(storage: CSVStorage, count n: Int, threads: Int, shortKeys: (Int) -> ShortKey) {
        let bits = Self.partitionBits(count: n)
        grouped = .short(Self.group(count: n, bits: bits, threads: threads, { shortKeys($0) })!)
        self.storage = storage
        self.bits = bits
        self.count = n
    }

    /// Groups the keys of rows `0 ..< n` in one pass: each stripe of rows (one per thread)
    /// writes its keys straight into its own room in each group, sized from the expected count
    /// with a margin of five standard deviations (a group's count is binomial: mean m, standard
    /// deviation under √m). Room that is not used is never touched, so costs no memory. Ids
    /// that crowd one group (a repeated id always falls in the same one) overflow it; the keys
    /// are then made in two passes instead, counted per group and then placed. nil as soon as
    /// `keyAt` gives nil.
    static func group<K: JoinKey>(count n: Int, bits: Int, threads: Int, _ keyAt: (Int) -> K?) -> Groups<K>? {
        let parts = 1 << bits
        let shift = UInt64(64 - bits)
        @inline(__always) func part(_ key: K) -> Int { bits == 0 ? 0 : Int(key.hash >> shift) }
        let stripes = max(1, min(threads, n >> 14))
        let stripeRows = (n + stripes - 1) / max(1, stripes)
        let mean = Double(stripeRows) / Double(parts)
        let room = Int(mean + 5 * mean.squareRoot()) + 8   // overflowed about once in a million groups
        var runCounts = [Int](repeating: 0, count: parts * stripes)
        let keys = KeyStore<K>(capacity: parts * stripes * room)
        var stopped = [UInt8](repeating: 0, count: stripes)   // 1: a group overflowed; 2: no key
        runCounts.withUnsafeMutableBufferPointer { counts in
            stopped.withUnsafeMutableBufferPointer { stopped in
                Parallel.forEach(stripes, threads: threads) { t in
                    for i in t * stripeRows ..< min(n, (t + 1) * stripeRows) {
                        guard let key = keyAt(i) else { stopped[t] = 2; return }
                        let run = part(key) * stripes + t
                        guard counts[run] < room else { stopped[t] = 1; return }
                        (keys.base + run * room + counts[run]).initialize(to: key)
                        counts[run] += 1
                    }
                }
            }
        }
        if stopped.contains(2) { return nil }
        guard stopped.contains(1) else {
            return Groups(keys: keys, runStarts: (0 ..< parts * stripes).map { $0 * room }, runCounts: runCounts, stripes: stripes)
        }
        // Two passes over the rows, in blocks: each block counts its keys per group, then
        // places them at its group's place; one run per group.
        let blockSize = 1 << 16
        let blocks = (n + blockSize - 1) / blockSize
        var next = [Int](repeating: 0, count: blocks * parts)
        var missing = [Bool](repeating: false, count: blocks)
        next.withUnsafeMutableBufferPointer { counts in
            missing.withUnsafeMutableBufferPointer { missing in
                Parallel.forEach(blocks, threads: threads) { block in
                    for i in block * blockSize ..< min(n, (block + 1) * blockSize) {
                        guard let key = keyAt(i) else { missing[block] = true; return }
                        counts[block * parts + part(key)] += 1
                    }
                }
            }
        }
        if missing.contains(true) { return nil }
        var starts = [Int](repeating: 0, count: parts)
        var running = 0
        for p in 0 ..< parts {
            starts[p] = running
            for block in 0 ..< blocks {
                let c = next[block * parts + p]
                next[block * parts + p] = running
                running += c
            }
        }
        let placed = KeyStore<K>(capacity: n)
        next.withUnsafeMutableBufferPointer { next in
            Parallel.forEach(blocks, threads: threads) { block in
                for i in block * blockSize ..< min(n, (block + 1) * blockSize) {
                    let key = keyAt(i)!
                    let slot = block * parts + part(key)
                    (placed.base + next[slot]).initialize(to: key)
                    next[slot] += 1
                }
            }
        }
        return Groups(keys: placed, runStarts: starts,
                      runCounts: (0 ..< parts).map { p in (p + 1 < parts ? starts[p + 1] : n) - starts[p] }, stripes: 1)
    }

    /// Texts up to this long are compared from the keys themselves, without reading the file
    /// again at a random place.
    static let inlineBytes = 16

    /// Room for keys, filled run by run; room never written is never touched (nor paid for).
    final class KeyStore<K>: @unchecked Sendable {
        let base: UnsafeMutablePointer<K>
        init(capacity: Int) { base = .allocate(capacity: max(1, capacity)) }
        deinit { base.deallocate() }
    }

    /// For each row of `self` (a submission), the row of `answers` holding the same key; nil
    /// when the answers repeat a key or these keys are not a permutation of the answers'.
    public func pairing(with answers: CSVJoinKeys, threads: Int? = nil) -> [Int]? {
        let n = count
        guard n == answers.count, bits == answers.bits else { return nil }
        guard n > 0 else { return [] }
        let workers = threads ?? Parallel.defaultThreads
        switch (grouped, answers.grouped) {
        case (.short(let ours), .short(let theirs)):
            return Self.pair(ours, storage, theirs, answers.storage, count: n, bits: bits, threads: workers)
        case (.long(let ours), .long(let theirs)):
            return Self.pair(ours, storage, theirs, answers.storage, count: n, bits: bits, threads: workers)
        default:
            return nil   // a text longer than eight bytes on one side only: not the same ids
        }
    }

    static func pair<K: JoinKey>(_ ours: Groups<K>, _ mine: CSVStorage, _ theirs: Groups<K>, _ answers: CSVStorage,
                                 count n: Int, bits: Int, threads: Int) -> [Int]? {
        let parts = 1 << bits
        let workers = max(1, min(threads, parts))
        var failed = [Bool](repeating: false, count: workers)
        // Every row is written when the pairing succeeds (the keys are then a permutation).
        let pairs = [Int](unsafeUninitializedCapacity: n) { pairOut, initialized in
            failed.withUnsafeMutableBufferPointer { failedOut in
                Parallel.forEach(workers, threads: workers) { worker in
                    // Each worker's table and copy of the answers' group are reused group after group.
                    var table = PairingTable<K>()
                    for part in stride(from: worker, to: parts, by: workers)
                    where !pairGroup(part, ours, mine, theirs, answers, &table, into: pairOut) {
                        failedOut[worker] = true
                        return
                    }
                }
            }
            initialized = n
        }
        return failed.contains(true) ? nil : pairs
    }

    /// One worker's scratch for ``pairGroup``: the answers' keys of the group, contiguous, and
    /// an open-addressing table of indices into them.
    struct PairingTable<K> {
        var theirs: [K] = []
        var slots: [Int32] = []
        var used: [Bool] = []
    }

    /// Pairs one group: an open-addressing table of the answers' keys, probed by ours; every
    /// answers key must be used exactly once.
    static func pairGroup<K: JoinKey>(_ part: Int, _ ours: Groups<K>, _ mine: CSVStorage, _ answerGroups: Groups<K>,
                                      _ answers: CSVStorage, _ table: inout PairingTable<K>,
                                      into pairs: UnsafeMutableBufferPointer<Int>) -> Bool {
        let size = answerGroups.groupCount(part)
        guard ours.groupCount(part) == size else { return false }
        table.theirs.removeAll(keepingCapacity: true)
        _ = answerGroups.forEachKey(inGroup: part) { table.theirs.append($0); return true }
        var capacity = 16
        while capacity < size * 2 { capacity <<= 1 }
        let mask = capacity - 1
        table.slots.removeAll(keepingCapacity: true)
        table.slots.append(contentsOf: repeatElement(-1, count: capacity))   // index into `theirs`, -1 when empty
        table.used.removeAll(keepingCapacity: true)
        table.used.append(contentsOf: repeatElement(false, count: size))
        return table.theirs.withUnsafeBufferPointer { theirs in
            table.slots.withUnsafeMutableBufferPointer { slots in
                table.used.withUnsafeMutableBufferPointer { used in
                    for k in 0 ..< size {
                        var i = Int(truncatingIfNeeded: theirs[k].hash >> 7) & mask
                        while slots[i] >= 0 {
                            if theirs[Int(slots[i])].same(theirs[k], answers, answers) { return false }  // repeated answer id
                            i = (i + 1) & mask
                        }
                        slots[i] = Int32(k)
                    }
                    return ours.forEachKey(inGroup: part) { key in
                        var i = Int(truncatingIfNeeded: key.hash >> 7) & mask
                        while true {
                            let slot = Int(slots[i])
                            guard slot >= 0 else { return false }   // not among the answers
                            if key.same(theirs[slot], mine, answers) {
                                guard !used[slot] else { return false }   // repeated in the submission
                                used[slot] = true
                                pairs[Int(key.row)] = Int(theirs[slot].row)
                                return true
                            }
                            i = (i + 1) & mask
                        }
                    }
                }
            }
        }
    }

    // MARK: Hashing

    static let missingHash: UInt64 = 0x6d69_7373_696e_6721

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A hash of the `n` bytes at `p`, eight at a time; `readable` bytes from `p` may be read
    /// (at least `n`), which lets the last partial word be one load.
    @inline(__always)
    static func hashBytes(_ p: UnsafePointer<UInt8>, _ n: Int, readable: Int) -> UInt64 {
        var h = UInt64(truncatingIfNeeded: n) &* 0x2545_f491_4f6c_dd1d
        var i = 0
        while i < n {
            h = mix(h ^ word(p, n, from: i, readable: readable))
            i += 8
        }
        return mix(h ^ 0x7465_7874)
    }

    /// Bytes `[from, from + 8)` of `p[0..<n]` as a little-endian word, zero-padded past `n`.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ n: Int, from: Int, readable: Int) -> UInt64 {
        let k = n - from
        guard k > 0 else { return 0 }
        if readable - from >= 8 {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + from).loadUnaligned(as: UInt64.self))
            return k >= 8 ? w : w & ((1 << UInt64(8 * k)) - 1)
        }
        var w: UInt64 = 0
        for j in 0 ..< k { w |= UInt64(p[from + j]) << UInt64(8 * j) }
        return w
    }

    static func missingKey(row: Int) -> Key {
        Key(hash: missingHash, payload: 0, tail: 0, length: Key.missing, row: Int32(truncatingIfNeeded: row))
    }

    /// The key of the text `base[start ..< start + length]` in a buffer of `size` bytes.
    @inline(__always)
    static func textKey(_ base: UnsafePointer<UInt8>, size: Int, _ start: Int, _ length: Int, row: Int) -> Key {
        let p = base + start
        let readable = size - start
        let short = length <= inlineBytes
        return Key(hash: hashBytes(p, length, readable: readable),
                   payload: short ? word(p, length, from: 0, readable: readable) : UInt64(start),
                   tail: short ? word(p, length, from: 8, readable: readable) : 0,
                   length: Int32(length), row: Int32(truncatingIfNeeded: row))
    }
}

/// What ``CSVJoinKeys`` groups and pairs: a hash, a row, and equality.
protocol JoinKey {
    var hash: UInt64 { get }
    var row: Int32 { get }
    /// Whether the two ids are equal; texts kept as offsets are read from the two files.
    func same(_ other: Self, _ mine: CSVStorage, _ theirs: CSVStorage) -> Bool
}

extension CSVTable {
    /// The column's cells as join keys, or nil when this fast path does not apply and
    /// ``columnValues(_:)`` must be used: the column must be a source column and either numeric
    /// with captured numbers (``Options/capturesNumbers``) or all text (object in every chunk)
    /// with no quoted record in the file.
    public func joinKeys(column index: Int, threads: Int? = nil) -> CSVJoinKeys? {
        guard case .field(let c) = columns[index].source, rowCount < Int(Int32.max) else { return nil }
        let workers = threads ?? Parallel.defaultThreads
        let storage = self.storage
        if let numbers = numberView(column: index) {   // read in place, no copy
            return CSVJoinKeys(storage: storage, count: numbers.count, threads: workers, shortKeys: { row in
                numbers[row].isNaN ? .missing(row: row) : .number(numbers[row], row: row)
            })
        }

        guard storage.types[c] == .object else { return nil }
        for chunk in 0 ..< storage.chunkCount
        where storage.emit[chunk * storage.width + c] & 0x7f != EmitMode.textFiltered.rawValue {
            return nil
        }
        guard !storage.rowFlags.contains(where: { $0 & CSVTokenizer.quoteFlag != 0 }),
              storage.source.count < Int(Int32.max) else { return nil }   // lengths are 32-bit
        if let made = storage.rowKeys, made.field == c, selection == nil {   // made while reading
            return CSVJoinKeys(storage: storage, count: rowCount, threads: workers, shortKeys: { made.keys.base[$0] })
        }
        let base = storage.source.base, size = storage.source.count
        let rows = selection ?? []
        let n = rowCount
        return storage.rowStarts.withUnsafeBufferPointer { starts in
            storage.rowEnds.withUnsafeBufferPointer { ends in
                rows.withUnsafeBufferPointer { selected in
                    // The cell of row i, nil when missing (a short record is padded with a missing cell).
                    func cell(_ i: Int) -> (start: Int, end: Int)? {
                        let r = selected.isEmpty ? i : selected[i]
                        guard let (fs, fe) = Self.plainField(c, base, starts[r], ends[r]),
                              !PandasScalars.isNA(base + fs, fe - fs) else { return nil }
                        return (fs, fe)
                    }
                    return CSVJoinKeys(storage: storage, count: n, threads: workers, shortKeyAt: { i in
                        guard let (fs, fe) = cell(i) else { return .missing(row: i) }
                        return .text(base, size: size, fs, fe - fs, row: i)
                    }, keyAt: { i in
                        guard let (fs, fe) = cell(i) else { return CSVJoinKeys.missingKey(row: i) }
                        return CSVJoinKeys.textKey(base, size: size, fs, fe - fs, row: i)
                    })
                }
            }
        }
    }

    /// The byte range of field `column` in an unquoted record, nil when the record is shorter.
    @inline(__always)
    static func plainField(_ column: Int, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int)? {
        var fs = start
        for _ in 0 ..< column {
            fs = nextComma(base, fs, end)
            guard fs < end else { return nil }
            fs += 1
        }
        return (fs, nextComma(base, fs, end))
    }

    /// The offset of the first comma in `[from, end)`, or `end`: eight bytes at a time (an id
    /// is a word or two), marking the bytes equal to ',' as ``CSVTokenizer/splitFields`` does.
    @inline(__always)
    static func nextComma(_ base: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(base)
        while i + 8 <= end {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x2c2c_2c2c_2c2c_2c2c
            // The lowest marked byte is exact (a borrow only marks bytes above a real match).
            let marks = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if marks != 0 { return i + marks.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end && base[i] != CSVTokenizer.comma { i += 1 }
        return i
    }
}

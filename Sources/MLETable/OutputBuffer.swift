/// A growable byte buffer for building CSV text quickly.
///
/// `Array<UInt8>.append` re-checks uniqueness and capacity on every byte; formatting hundreds
/// of millions of cells makes that visible, so this buffer keeps a raw pointer and grows
/// geometrically. Each instance belongs to one thread at a time (it is not `Sendable`).
final class OutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) func removeAll() { count = 0 }

    @inline(__always) func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always) func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always) func append(_ source: UnsafePointer<UInt8>, _ length: Int) {
        if length <= 0 { return }
        reserve(length)
        (base + count).update(from: source, count: length)
        count += length
    }

    @inline(__always) func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let start = bytes.baseAddress { append(start, bytes.count) }
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Room for `length` bytes written directly at `tail`; commit them with `advance`.
    @inline(__always) func tail(reserving length: Int) -> UnsafeMutablePointer<UInt8> {
        reserve(length)
        return base + count
    }

    @inline(__always) func advance(_ length: Int) { count += length }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

import Foundation
import Synchronization

/// Blocking work on a bounded number of threads.
///
/// Downloads and archive reads block in C (curl_easy_perform, archive_read_data), so
/// they run on plain threads rather than the Swift concurrency pool, whose few threads
/// they would starve.
public enum Parallel {
    /// Calls `body` on each item with at most `width` running at once; results keep input order.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], width: Int, _ body: @escaping @Sendable (T) -> R
    ) -> [R] {
        if items.isEmpty { return [] }
        let results = ResultSlots<R>(count: items.count)
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(width, items.count)) {
            group.enter()
            let thread = Thread {
                while let i = next.take(below: items.count) {
                    results.set(i, body(items[i]))
                }
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        group.wait()
        return results.values()
    }

    /// Runs `body(0..<count)` on up to `threads` threads, each taking the next index not yet
    /// taken (in order), for the data-parallel passes over one table (in-memory work, on
    /// Dispatch's pool). Taking the next index, rather than every `threads`-th, keeps a thread
    /// from idling at the end when the other was slowed down (by a read running beside it).
    ///
    /// Callers write results into disjoint slots they own, so no locking is needed.
    public static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0 ..< count { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        // concurrentPerform wants a @Sendable closure; `body` only touches slots that belong to
        // its own index (the callers' contract), so handing it across threads is sound.
        withoutActuallyEscaping(body) { escapable in
            let shared = SharedBody(escapable)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < count else { return }
                    shared.body(i)
                }
            }
        }
    }

    /// Runs `body(block, rows)` for each block of `size` consecutive indices of `0 ..< count`
    /// (the last one shorter), blocks shared among `threads` as ``forEach(_:threads:_:)`` shares them.
    public static func forEachBlock(of count: Int, size: Int, threads: Int, _ body: (Int, Range<Int>) -> Void) {
        forEach((count + size - 1) / size, threads: threads) { b in
            body(b, b * size ..< min(count, (b + 1) * size))
        }
    }

    /// Whether `check` holds for every block of `size` consecutive indices of `0 ..< count`,
    /// blocks checked on `threads` threads (each block is checked whole).
    public static func allBlocks(of count: Int, size: Int, threads: Int, satisfy check: (Range<Int>) -> Bool) -> Bool {
        var failed = [Bool](repeating: false, count: (count + size - 1) / size)
        failed.withUnsafeMutableBufferPointer { failed in
            forEachBlock(of: count, size: size, threads: threads) { b, rows in failed[b] = !check(rows) }
        }
        return !failed.contains(true)
    }

    /// The processors this process may use.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Work started on a plain thread of its own, while the caller does something else (a thread,
/// not the Swift concurrency pool: the work blocks in reads). The caller takes the result once,
/// which hands it over; an error thrown by the work is rethrown there.
public final class BackgroundWork<T>: @unchecked Sendable {
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    /// The work runs at once; it must not touch what the caller uses meanwhile.
    public init(_ work: @escaping () throws -> T) {
        let body = SharedWork(work)
        let thread = Thread { [self] in
            result = Result { try body.work() }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Blocks until the work has ended.
    public func wait() {
        if !finished { done.wait(); finished = true }
    }

    /// Waits, then hands the result over (later calls fail: it is not held twice).
    public func take() throws -> T {
        wait()
        defer { result = nil }
        guard let result else { preconditionFailure("BackgroundWork's result was taken already") }
        return try result.get()
    }
}

private struct SharedWork<T>: @unchecked Sendable {
    let work: () throws -> T
    init(_ work: @escaping () throws -> T) { self.work = work }
}

/// ``Parallel/forEach(_:threads:_:)``'s body, handed to the worker threads.
private struct SharedBody: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}

private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: R) { lock.lock(); slots[i] = r; lock.unlock() }
    func values() -> [R] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}

/// A count shared by threads that report progress (how many items are done).
public final class SharedCount: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    public init() {}
    /// Adds `n` and returns the new count.
    public func add(_ n: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        value += n
        return value
    }
}

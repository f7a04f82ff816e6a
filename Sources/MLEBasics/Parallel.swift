import Foundation

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

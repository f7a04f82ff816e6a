import Foundation
import MLEBasics
import Synchronization

extension TableStream {
    /// Reads the table `s` opened, from the top, with `first` — or, when it is at least
    /// `splitAbove` bytes, in two halves at once: `first` up to the first row start after the
    /// middle, `second` from there on a stream of its own. That row start is a guess, since the
    /// newline might sit inside a quoted field: when `first` does not end exactly there, the
    /// second half's work is dropped and `first` goes on from where it stopped. Returns the
    /// second half's result (nil when `first` read everything); an error of a later part names
    /// its line in the whole file. `progress` gets the bytes read so far.
    ///
    /// `first` and `second` run at the same time and must not share what they write.
    static func readInHalves<Part>(_ s: TableStream, splitAbove: Int64, progress: (Int64) -> Void,
                                   first: (_ stream: TableStream, _ until: Int64, _ report: (Int64) -> Void) throws -> Void,
                                   second: (_ stream: TableStream, _ report: (Int64) -> Void) throws -> Part) throws -> Part? {
        // Handed on to `first` and `second`, which neither keep it nor call each other.
        try withoutActuallyEscaping(progress) { progress in
            try inHalves(s, splitAbove: splitAbove, progress: progress, first: first, second: second)
        }
    }

    private static func inHalves<Part>(_ s: TableStream, splitAbove: Int64, progress: @escaping (Int64) -> Void,
                                       first: (TableStream, Int64, (Int64) -> Void) throws -> Void,
                                       second: (TableStream, (Int64) -> Void) throws -> Part) throws -> Part? {
        let size = s.size
        guard size >= splitAbove, let middle = rowStart(path: s.path, after: size / 2) else {
            try first(s, .max, progress)
            return nil
        }
        var firstResult: Result<Void, any Error> = .success(())
        var secondResult: Result<Part, any Error>?
        var firstEnd: Int64 = 0, firstLines = 0
        let secondDone = Atomic<Int64>(0)
        Parallel.forEach(2, threads: 2) { half in
            if half == 0 {
                firstResult = Result {
                    defer { firstEnd = s.position; firstLines = s.linesRead }
                    try first(s, middle) { progress($0 + secondDone.load(ordering: .relaxed)) }
                }
            } else {
                secondResult = Result {
                    try second(try TableStream(path: s.path, name: s.name, from: middle, header: s.header)) {
                        secondDone.store($0 - middle, ordering: .relaxed)
                    }
                }
            }
        }
        try firstResult.get()
        do {
            guard firstEnd == middle else {
                // The guess fell inside a quoted field: the rest is read again after the first half.
                try first(try TableStream(path: s.path, name: s.name, from: firstEnd, header: s.header), .max) { _ in }
                return nil
            }
            return try secondResult!.get()
        } catch let CatalogError.malformed(file, line, column, reason) {
            throw CatalogError.malformed(file: file, line: line + firstLines, column: column, reason: reason)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The immutable bytes of one CSV file.
///
/// Large files are memory-mapped read-only rather than read into an array: parsing then costs
/// no copy, and the pages can be handed back to the kernel (``discardResidentPages()``) once a
/// pass has gone over them, so resident memory stays far below the file size even when rows are
/// gathered in random (permutation) order. The file must not change while a table made from it
/// is alive; the mapping is shared and read-only, so nothing is ever written back.
///
/// A class because it owns the mapping (unmapped in `deinit`); it is never mutated after
/// `init`, which is why sharing it between threads is safe.
final class ByteSource: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
    private let mappedLength: Int      // > 0 when `base` is an mmap
    private let owned: UnsafeMutableRawPointer?
    /// The mapped file, kept open so that rows can also be fetched with `pread` (see
    /// ``copyBytes(at:count:into:)``); -1 for in-memory sources.
    private let descriptor: Int32

    /// Whether ``discardResidentPages(_:)`` drops pages; a file read for grading is gone over
    /// more than once (ids after numbers) and stays mapped instead.
    let discardsPages: Bool

    /// Maps the file at `url` (or reads it, when mapping is impossible). With `keepsResident`,
    /// the mapping's page tables are filled at once (`MAP_POPULATE`, far cheaper than a fault per
    /// page) and pages are never discarded.
    init(contentsOf url: URL, keepsResident: Bool = false) throws {
        discardsPages = !keepsResident
        let path = url.path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw CSVError.io(path: path, message: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(fd, &info) != 0 {
            let message = String(cString: strerror(errno))
            close(fd)
            throw CSVError.io(path: path, message: message)
        }
        let size = Int(info.st_size)
        let type = info.st_mode & S_IFMT
        if type != S_IFREG && type != S_IFIFO {
            close(fd)
            throw CSVError.io(path: path, message: type == S_IFDIR ? "is a directory, not a CSV file"
                : "is a device or socket, not a regular file")
        }
        if type == S_IFREG && size > 0 {
            if let mapped = mmap(nil, size, PROT_READ, MAP_SHARED | (keepsResident ? MAP_POPULATE : 0), fd, 0),
               mapped != MAP_FAILED {
                base = UnsafePointer(mapped.assumingMemoryBound(to: UInt8.self))
                count = size
                mappedLength = size
                owned = nil
                descriptor = fd
                return
            }
            // Reading it instead would need the same memory the mapping could not get.
            let message = String(cString: strerror(errno))
            close(fd)
            throw CSVError.io(path: path, message: "cannot map its \(size) bytes: \(message)")
        }
        defer { close(fd) }
        // A pipe: read it all, up to half the machine's memory (an endless stream would
        // otherwise end in a fatal allocation failure).
        let limit = Self.inMemoryLimit
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError.io(path: path, message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            if bytes.count + n > limit {
                throw CSVError.io(path: path, message: "more than \(limit) bytes, too large to hold in memory")
            }
            bytes.append(contentsOf: chunk[0 ..< n])
        }
        (base, count, owned) = Self.copy(bytes)
        mappedLength = 0
        descriptor = -1
    }

    /// The most a stream that cannot be mapped may hold in memory: half the physical memory.
    static var inMemoryLimit: Int {
        let pages = Int(sysconf(Int32(_SC_PHYS_PAGES))), page = Int(sysconf(Int32(_SC_PAGESIZE)))
        return pages > 0 && page > 0 ? pages / 2 * page : 1 << 32
    }

    /// Copies `bytes` into memory owned by this source.
    init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        discardsPages = false
        (base, count, owned) = Self.copy(Array(bytes))
        mappedLength = 0
        descriptor = -1
    }

    private static func copy(_ bytes: [UInt8]) -> (UnsafePointer<UInt8>, Int, UnsafeMutableRawPointer?) {
        // One spare zero byte so that `base` is valid even for an empty file.
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 1, alignment: 16)
        bytes.withUnsafeBytes { raw in
            if let source = raw.baseAddress { memory.copyMemory(from: source, byteCount: raw.count) }
        }
        memory.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
        return (UnsafePointer(memory.assumingMemoryBound(to: UInt8.self)), bytes.count, memory)
    }

    deinit {
        if mappedLength > 0 {
            munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
        }
        if descriptor >= 0 { close(descriptor) }
        owned?.deallocate()
    }

    /// Whether the bytes come from a file mapping (whose pages can be dropped and re-read).
    var isMapped: Bool { mappedLength > 0 }

    /// Tells the kernel that the mapped pages of `range` may be dropped from this process.
    ///
    /// For a shared read-only file mapping that is only a hint about residency: later reads
    /// fault the same bytes back in from the page cache. It keeps peak RSS near the working set.
    func discardResidentPages(_ range: Range<Int>? = nil) {
        guard mappedLength > 0, discardsPages else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lower = ((range?.lowerBound ?? 0) / page) * page
        let upper = min(range?.upperBound ?? mappedLength, mappedLength)
        guard upper > lower else { return }
        // Only whole pages inside the range are dropped.
        let length = ((upper - lower) / page) * page
        guard length > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + lower), length, MADV_DONTNEED)
    }

    /// Whether ``copyBytes(at:count:into:)`` reads with `pread` rather than from the mapping.
    var readsWithPread: Bool { descriptor >= 0 }

    /// Copies `count` bytes at `offset` into `destination`.
    ///
    /// Random-order gathering reads with `pread`: touching a mapped page makes the kernel map
    /// its neighbours too (fault-around), so a permutation-order pass over a mapping soon has
    /// the whole file resident, while `pread` copies from the page cache without adding to the
    /// process's resident set. Falls back to the mapping if the read comes up short.
    func copyBytes(at offset: Int, count length: Int, into destination: UnsafeMutablePointer<UInt8>) {
        var done = 0
        if descriptor >= 0 {
            while done < length {
                let n = pread(descriptor, destination + done, length - done, off_t(offset + done))
                if n > 0 { done += n; continue }
                if n < 0 && errno == EINTR { continue }
                break
            }
        }
        if done < length {
            (destination + done).update(from: base + offset + done, count: length - done)
        }
    }

    /// Hints sequential access for a linear pass.
    func adviseSequential() {
        guard mappedLength > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), mappedLength, MADV_SEQUENTIAL)
    }
}

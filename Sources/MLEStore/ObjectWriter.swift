import Foundation
import MLEBasics
import MLEModel

/// Streams bytes into a temporary file while hashing them, then commits the
/// result under its SHA-256.
///
/// The temporary file lives in `tmp/` and is flock'ed for as long as the writer
/// is alive, so `gc` can tell an abandoned file (its writer was killed) from one
/// still being written. Nothing becomes visible under `objects/` before
/// ``commit(expected:)`` has checked the digest.
public final class ObjectWriter: @unchecked Sendable {
    let store: ObjectStore
    let path: String
    private var fd: Int32
    private let hasher = StreamingHasher(.sha256)
    public private(set) var bytesWritten: Int64 = 0
    /// After a commit: whether this writer created the object (false when it already existed).
    public private(set) var createdObject = false
    /// Whether the file outlives an abort (resumable downloads keep their bytes).
    private let keepOnAbort: Bool

    init(store: ObjectStore, path: String, resume: Bool) throws {
        self.store = store
        self.path = path
        self.keepOnAbort = resume
        let flags = O_RDWR | O_CREAT | O_CLOEXEC | (resume ? 0 : O_EXCL)
        fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SystemError.posix(EWOULDBLOCK, "lock (another mlepkg is writing it)", path)
        }
        if resume {
            // Re-hash what an earlier, interrupted attempt left, then append.
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 { if errno == EINTR { continue }; throw SystemError.posix(errno, "read", path) }
                if n == 0 { break }
                buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                bytesWritten += Int64(n)
            }
        }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            if !keepOnAbort { unlink(path) }
        }
    }

    public func write(_ buffer: UnsafeRawBufferPointer) throws {
        try FileIO.writeAll(fd: fd, buffer, path: path)
        hasher.update(buffer)
        bytesWritten += Int64(buffer.count)
    }

    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Drops everything written so far (a server ignored our Range request).
    public func truncate() throws {
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else {
            throw SystemError.posix(errno, "truncate", path)
        }
        _ = hasher.finalize()
        bytesWritten = 0
    }

    /// The first bytes written, to explain a mismatch (an HTML error page, say).
    public func prefix(_ count: Int) -> Data {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        return Data(buffer.prefix(max(0, n)))
    }

    /// Checks the digest and moves the bytes into the store.
    ///
    /// - Throws: ``StoreError/hashMismatch(expected:actual:size:)`` when `expected`
    ///   is given and differs; the temporary file is then deleted, even for a
    ///   resumable writer, since its bytes are known to be wrong.
    @discardableResult
    public func commit(expected: ObjectID? = nil, kind: ObjectKind = .blob) throws -> ObjectID {
        let digest = hasher.finalize().hex
        let id = ObjectID(trustedHex: digest)
        defer {
            close(fd)
            fd = -1
            unlink(path)
        }
        if let expected, expected != id {
            throw StoreError.hashMismatch(expected: expected, actual: id, size: bytesWritten)
        }
        // Bytes the store already holds, indexed (the empty file of every empty entry, a file
        // repeated in an archive): they were made durable when first published, so neither an
        // fsync nor an index write is needed. An archive of many such entries otherwise paid
        // one fsync each (milliseconds) before its entry limit could trip.
        if kind == .blob, store.contains(id), try store.record(of: id) != nil {
            createdObject = false
            return id
        }
        guard fsync(fd) == 0 else { throw SystemError.posix(errno, "fsync", path) }
        fchmod(fd, 0o444)
        createdObject = try store.publish(tempPath: path, as: id, kind: kind, size: bytesWritten)
        return id
    }

    /// Gives up and deletes the bytes, resumable or not (they are known to be wrong).
    public func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(path)
    }

    /// Gives up: the temporary file is removed unless this writer is resumable.
    public func abort() {
        if fd >= 0 {
            close(fd)
            fd = -1
            if !keepOnAbort { unlink(path) }
        }
    }
}

import Foundation
import GRDB
import MLEBasics
import MLEModel

/// glibc declares syncfs(2) only under _GNU_SOURCE, which Swift's Glibc module does not set.
@_silgen_name("syncfs") private func systemSyncfs(_ fd: Int32) -> Int32

/// One blob of a batch: the bytes and the digest they must have.
public struct PendingBlob {
    public var expected: ObjectID
    public var bytes: UnsafeRawBufferPointer
    public init(expected: ObjectID, bytes: UnsafeRawBufferPointer) {
        self.expected = expected
        self.bytes = bytes
    }
}

extension ObjectStore {
    /// Adds many small blobs at once, each checked against its expected digest first.
    ///
    /// A mirror pull of a pack brings thousands of files of a few KB; one fsync and one
    /// index transaction each would cost more than the bytes. Here every blob is hashed
    /// (one that does not match is left out and returned), written to `tmp/`, the file system
    /// is synced once (syncfs), the files are linked into place, synced again, and recorded in
    /// one transaction. The store's guarantee is unchanged: an object is visible only once its
    /// bytes are durable and verified.
    ///
    /// - Returns: the objects this call created (not those already present), and the
    ///   blobs refused because their bytes hash to something else.
    public func addBlobs(_ blobs: [PendingBlob]) throws -> (created: [ObjectID], mismatched: [StoreError]) {
        let hasher = StreamingHasher(.sha256)
        var good: [PendingBlob] = []
        var mismatched: [StoreError] = []
        for b in blobs where !contains(b.expected) {
            hasher.update(b.bytes)
            let actual = ObjectID(trustedHex: hasher.finalize().hex)
            if actual == b.expected {
                good.append(b)
            } else {
                mismatched.append(.hashMismatch(expected: b.expected, actual: actual, size: Int64(b.bytes.count)))
            }
        }
        return (try addHashedBlobs(good), mismatched)
    }

    /// The second half of `addBlobs`, for blobs whose digests this process computed from the
    /// very bytes given (BlobBatch): written, synced, linked into place and indexed.
    /// Returns the objects created.
    func addHashedBlobs(_ good: [PendingBlob]) throws -> [ObjectID] {
        var temps: [(String, PendingBlob)] = []
        defer { for (t, _) in temps { unlink(t) } }
        for b in good {
            let tmp = "\(root)/tmp/\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tmp"
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o444)
            guard fd >= 0 else { throw SystemError.posix(errno, "open", tmp) }
            temps.append((tmp, b))
            defer { close(fd) }
            try FileIO.writeAll(fd: fd, b.bytes, path: tmp)
        }
        if temps.isEmpty { return [] }
        try syncFileSystem()
        var created: [ObjectID] = []
        var directories = Set<String>()
        for (tmp, b) in temps {
            let final = path(for: b.expected)
            let dir = (final as NSString).deletingLastPathComponent
            if !directories.contains(dir) {
                try FileIO.makeDirectory(dir)
                directories.insert(dir)
            }
            if link(tmp, final) == 0 {
                created.append(b.expected)
            } else if errno != EEXIST {
                throw SystemError.posix(errno, "link", final)
            }
        }
        // One more sync makes the new names durable (cheaper than an fsync per fan-out folder).
        try syncFileSystem()
        try recordPresent(temps.map { ($0.1.expected, Int64($0.1.bytes.count)) })
        return created
    }

    private func syncFileSystem() throws {
        let fd = open("\(root)/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", "\(root)/tmp") }
        defer { close(fd) }
        guard systemSyncfs(fd) == 0 else { throw SystemError.posix(errno, "syncfs", root) }
    }
}

/// Small blobs gathered in memory and added through `addBlobs` a batch at a time.
///
/// An archive of a dataset is mostly small files; through one writer each, every file costs a
/// temporary file, a sync and an index transaction, and an archive of two million empty files
/// took minutes to reach its entry limit. Here a blob the store (or this batch) already has
/// costs its hash alone, and new ones are synced and indexed once per batch.
public final class BlobBatch {
    private let store: ObjectStore
    private let hasher = StreamingHasher(.sha256)
    private var arena: [UInt8] = []
    private var pending: [(id: ObjectID, bytes: Range<Int>)] = []
    private var known = Set<ObjectID>()
    /// The objects the flushed batches created (for a rollback).
    public private(set) var created: [ObjectID] = []
    /// A batch is written when it holds this many bytes or blobs.
    public var maxBytes = 64 << 20
    public var maxBlobs = 8192

    public init(store: ObjectStore) { self.store = store }

    /// The blob's id; its bytes are copied and written at the next `flush` (or when full).
    public func add(_ bytes: UnsafeRawBufferPointer) throws -> ObjectID {
        hasher.update(bytes)
        let id = ObjectID(trustedHex: hasher.finalize().hex)
        if known.insert(id).inserted && !store.contains(id) {
            let start = arena.count
            arena.append(contentsOf: bytes)
            pending.append((id, start..<arena.count))
            if arena.count >= maxBytes || pending.count >= maxBlobs { try flush() }
        }
        return id
    }

    /// Writes what is pending; its objects are visible once this returns.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        // `add` hashed these bytes and skipped what the store had: nothing to check again.
        created += try arena.withUnsafeBytes { raw in
            try store.addHashedBlobs(pending.map { PendingBlob(expected: $0.id, bytes: UnsafeRawBufferPointer(rebasing: raw[$0.bytes])) })
        }
        arena.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
    }
}

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
        if temps.isEmpty { return ([], mismatched) }
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
        let now = Date()
        try index.write { db in
            for (_, b) in temps {
                try ObjectRecord(digest: b.expected.hex, kind: ObjectKind.blob.rawValue, size: Int64(b.bytes.count), createdAt: now)
                    .insert(db, onConflict: .ignore)
            }
        }
        return (created, mismatched)
    }

    private func syncFileSystem() throws {
        let fd = open("\(root)/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", "\(root)/tmp") }
        defer { close(fd) }
        guard systemSyncfs(fd) == 0 else { throw SystemError.posix(errno, "syncfs", root) }
    }
}

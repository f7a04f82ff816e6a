import Foundation
import MLEBasics
import MLEModel
import GRDB

/// The content-addressed object store.
///
/// Layout under the root (`MLEPKG_HOME`):
///
/// ```text
/// objects/sha256/ab/cdef…   read-only blobs and tree manifests, named by SHA-256
/// tmp/                      writes in progress (each flock'ed by its writer)
/// partial/                  resumable downloads
/// index.sqlite              what each object is, where it came from, which refs keep it
/// ```
///
/// Objects appear atomically: bytes are written to `tmp/`, fsync'ed, then hard-linked
/// into place, and `link(2)` refuses to replace an existing name. Concurrent writers of
/// the same bytes therefore all succeed and leave one intact object, and a writer
/// killed midway leaves only an unlinked-later file in `tmp/`, never a partial object.
///
/// ```swift
/// let store = try ObjectStore(root: "/tmp/store")
/// let id = try store.addFile(at: "train.csv")
/// let bytes = try store.data(of: id)
/// ```
public final class ObjectStore: Sendable {
    public let root: String
    let index: StoreIndex

    public init(root: String) throws {
        self.root = root
        for dir in ["objects/sha256", "tmp", "partial"] {
            try FileIO.makeDirectory("\(root)/\(dir)")
        }
        // Processes opening a new store at once must not race through the migrations.
        let lock = try FileLock(path: "\(root)/index.lock")
        defer { lock.unlock() }
        index = try StoreIndex(path: "\(root)/index.sqlite")
    }

    // MARK: Paths

    public func path(for id: ObjectID) -> String {
        let hex = id.hex
        return "\(root)/objects/sha256/\(hex.prefix(2))/\(hex.dropFirst(2))"
    }

    public func contains(_ id: ObjectID) -> Bool {
        FileIO.exists(path(for: id))
    }

    // MARK: Writing

    /// A writer for new bytes; nothing is visible until it commits.
    public func makeWriter() throws -> ObjectWriter {
        let name = "\(root)/tmp/\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tmp"
        return try ObjectWriter(store: self, path: name, resume: false)
    }

    /// A writer that continues a partial download kept under `key` (any stable string,
    /// such as the URL). Its bytes survive ``ObjectWriter/abort()`` and process death.
    public func makeResumableWriter(key: String) throws -> ObjectWriter {
        let name = "\(root)/partial/\(Digests.sha256(Data(key.utf8)).prefix(32)).part"
        return try ObjectWriter(store: self, path: name, resume: true)
    }

    /// Moves a verified temporary file into `objects/`. Called by ``ObjectWriter`` only.
    /// Returns whether the object is new.
    @discardableResult
    func publish(tempPath: String, as id: ObjectID, kind: ObjectKind, size: Int64) throws -> Bool {
        let final = path(for: id)
        let dir = (final as NSString).deletingLastPathComponent
        try FileIO.makeDirectory(dir)
        var created = true
        if link(tempPath, final) != 0 {
            if errno != EEXIST { throw SystemError.posix(errno, "link", final) }
            // Another writer published the same bytes first: theirs is identical.
            created = false
        } else {
            FileIO.syncDirectory(dir)
        }
        try record(id, kind: kind, size: size)
        return created
    }

    /// Removes objects this process just created, when the operation that made them failed
    /// (an archive refused halfway), so a failure leaves the store as it was.
    public func rollback(_ ids: [ObjectID]) {
        for id in ids {
            unlink(path(for: id))
            _ = try? index.write { try ObjectRecord.deleteOne($0, key: id.hex) }
        }
    }

    /// Indexes blobs found already in `objects/` (a writer killed between link(2) and the index
    /// insert leaves them there, intact); those indexed already are left as they are.
    public func recordPresent(_ blobs: [(object: ObjectID, size: Int64)]) throws {
        guard !blobs.isEmpty else { return }
        let now = Date()
        try index.write { db in
            for b in blobs {
                try ObjectRecord(digest: b.object.hex, kind: ObjectKind.blob.rawValue, size: b.size, createdAt: now)
                    .insert(db, onConflict: .ignore)
            }
        }
    }

    func record(_ id: ObjectID, kind: ObjectKind, size: Int64) throws {
        try index.write { db in
            try ObjectRecord(digest: id.hex, kind: kind.rawValue, size: size, createdAt: Date())
                .insert(db, onConflict: .ignore)
        }
    }

    @discardableResult
    public func addData(_ data: Data, kind: ObjectKind = .blob) throws -> ObjectID {
        let w = try makeWriter()
        try w.write(data)
        return try w.commit(kind: kind)
    }

    /// Adds a regular file by copying its bytes.
    ///
    /// The file is hashed and copied in parallel (two threads, so on two cores the copy costs
    /// no extra wall time), then its size and mtime are checked again, so a file
    /// changed during the add is refused rather than stored under a wrong name.
    @discardableResult
    public func addFile(at path: String, expected: ObjectID? = nil) throws -> ObjectID {
        var before = stat()
        guard stat(path, &before) == 0 else { throw SystemError.posix(errno, "stat", path) }
        guard (before.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError.unsupportedFile(path: path, reason: "not a regular file")
        }
        let key = StatKey(path: path, st: before)
        if expected == nil, let cached = try cachedDigest(key), contains(cached) {
            return cached
        }
        let tmp = "\(root)/tmp/\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tmp"
        let out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw SystemError.posix(errno, "open", tmp) }
        flock(out, LOCK_EX | LOCK_NB)
        var published = false
        defer {
            close(out)
            if !published { unlink(tmp) }
        }
        let (hex, size) = try Self.hashAndCopy(path, size: Int64(before.st_size), to: out, tempPath: tmp)
        var after = stat()
        guard stat(path, &after) == 0, after.st_size == before.st_size, size == Int64(before.st_size),
              after.st_mtim.tv_sec == before.st_mtim.tv_sec, after.st_mtim.tv_nsec == before.st_mtim.tv_nsec
        else { throw StoreError.sourceChanged(path: path) }
        let id = ObjectID(trustedHex: hex)
        if let expected, expected != id {
            throw StoreError.hashMismatch(expected: expected, actual: id, size: size)
        }
        guard fsync(out) == 0 else { throw SystemError.posix(errno, "fsync", tmp) }
        fchmod(out, 0o444)
        try publish(tempPath: tmp, as: id, kind: .blob, size: size)
        unlink(tmp)
        published = true
        try remember(key, id)
        return id
    }

    /// Hashes a file and copies it to `out` at the same time.
    ///
    /// The file is mapped once; one thread hashes the mapping while another writes it
    /// out, so the copy costs one kernel memcpy and, on two cores, little wall time
    /// beyond the hash itself.
    static func hashAndCopy(_ path: String, size: Int64, to out: Int32, tempPath: String) throws -> (hex: String, size: Int64) {
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw SystemError.posix(errno, "open", path) }
        defer { close(input) }
        if size == 0 { return (Digests.sha256(Data()), 0) }
        guard let base = mmap(nil, Int(size), PROT_READ, MAP_SHARED, input, 0), base != MAP_FAILED else {
            throw SystemError.posix(errno, "mmap", path)
        }
        defer { munmap(base, Int(size)) }
        madvise(base, Int(size), MADV_SEQUENTIAL)
        let bytes = UnsafeSendableBox(UnsafeRawBufferPointer(start: base, count: Int(size)))
        let results = ParallelPair(
            // The hash reads through read(2), as openssl does: faulting in the mapping
            // page by page costs more than copying 1 MiB chunks.
            { try Digests.hashFile(at: path) },
            { try Self.writeBypassingCache(bytes.value, to: out, path: tempPath) }
        )
        let hashed = try results.first.get()
        try results.second.get()
        return hashed
    }

    /// Writes a page-aligned buffer with O_DIRECT where the file system allows it.
    ///
    /// Buffered writes of a large file cost several times the hash in kernel copies
    /// and dirty-page accounting; direct writes go from the source's page cache to the
    /// disk. The unaligned tail, and file systems without O_DIRECT (tmpfs), use
    /// ordinary writes.
    ///
    /// `bytes` is a shared file mapping: the pages written are released from it as the write
    /// goes (they stay in the page cache), so a multi-gigabyte table never counts as gigabytes
    /// of this process's memory.
    static func writeBypassingCache(_ bytes: UnsafeRawBufferPointer, to out: Int32, path: String) throws {
        let block = 4096
        let aligned = bytes.count - bytes.count % block
        let flags = fcntl(out, F_GETFL)
        var offset = 0
        var released = 0
        func release(upTo end: Int) {
            let pages = end - end % block
            guard pages > released else { return }
            madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress! + released), pages - released, Int32(MADV_DONTNEED))
            released = pages
        }
        if aligned >= 1 << 20, fcntl(out, F_SETFL, flags | Self.oDirect) == 0 {
            while offset < aligned {
                let n = write(out, bytes.baseAddress! + offset, min(8 << 20, aligned - offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EINVAL { break }  // not supported after all: finish buffered
                    throw SystemError.posix(errno, "write", path)
                }
                offset += n
                release(upTo: offset)
            }
            _ = fcntl(out, F_SETFL, flags)
        }
        while offset < bytes.count {
            let n = min(8 << 20, bytes.count - offset)
            try FileIO.writeAll(fd: out, UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + n]), path: path)
            offset += n
            release(upTo: offset)
        }
    }

    /// Glibc hides O_DIRECT behind _GNU_SOURCE; its value differs by architecture.
    #if arch(arm64) || arch(arm)
    static let oDirect: Int32 = 0o200000
    #else
    static let oDirect: Int32 = 0o40000
    #endif

    /// The MD5 of an object's bytes (for MLE-bench parity), computed once and remembered.
    public func md5(of id: ObjectID) throws -> String {
        if let known = try index.read({ try String.fetchOne($0, sql: "SELECT md5 FROM objectMD5 WHERE digest = ?", arguments: [id.hex]) }) {
            return known
        }
        let md5 = try Digests.hashFile(at: path(for: id), .md5).hex
        if try record(of: id) != nil {
            try index.write { try $0.execute(sql: "INSERT OR REPLACE INTO objectMD5 (digest, md5) VALUES (?, ?)", arguments: [id.hex, md5]) }
        }
        return md5
    }

    // MARK: Stat cache

    struct StatKey {
        var path: String
        var size: Int64
        var mtimeNanos: Int64
        var inode: Int64
        init(path: String, st: stat) {
            self.path = (path as NSString).standardizingPath
            size = Int64(st.st_size)
            mtimeNanos = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            inode = Int64(st.st_ino)
        }
    }

    func cachedDigest(_ key: StatKey) throws -> ObjectID? {
        try index.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT size, mtimeNanos, inode, digest FROM statCache WHERE path = ?",
                                             arguments: [key.path]) else { return nil }
            let hit = row["size"] as Int64 == key.size && row["mtimeNanos"] as Int64 == key.mtimeNanos
                && row["inode"] as Int64 == key.inode
            return hit ? ObjectID(trustedHex: row["digest"]) : nil
        }
    }

    func remember(_ key: StatKey, _ id: ObjectID) throws {
        try index.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO statCache (path, size, mtimeNanos, inode, digest) VALUES (?, ?, ?, ?, ?)",
                           arguments: [key.path, key.size, key.mtimeNanos, key.inode, id.hex])
        }
    }

    // MARK: Reading

    public func data(of id: ObjectID) throws -> Data {
        let p = path(for: id)
        guard let d = FileManager.default.contents(atPath: p) else { throw StoreError.notFound(id) }
        return d
    }

    public func record(of id: ObjectID) throws -> ObjectRecord? {
        try index.read { try ObjectRecord.fetchOne($0, key: id.hex) }
    }

    public func kind(of id: ObjectID) throws -> ObjectKind {
        if let r = try record(of: id), let k = ObjectKind(rawValue: r.kind) { return k }
        guard contains(id) else { throw StoreError.notFound(id) }
        return .blob
    }

    public func allObjects() throws -> [ObjectRecord] {
        try index.read { try ObjectRecord.order(Column("digest")).fetchAll($0) }
    }

    // MARK: Sources

    public func recordSource(_ id: ObjectID, url: String, size: Int64, at date: Date = Date()) throws {
        try index.write { db in
            try SourceRecord(digest: id, url: url, fetchedAt: date, size: size).upsert(db)
        }
    }

    public func sources(of id: ObjectID) throws -> [SourceRecord] {
        try index.read { try SourceRecord.filter(Column("digest") == id.hex).fetchAll($0) }
    }

    /// The newest object fetched from `url` that is still present.
    public func object(fetchedFrom url: String) throws -> ObjectID? {
        let rows = try index.read {
            try SourceRecord.filter(Column("url") == url).order(Column("fetchedAt").desc).fetchAll($0)
        }
        return rows.map { ObjectID(trustedHex: $0.digest) }.first { contains($0) }
    }

    // MARK: Refs

    public func setRef(_ name: String, to id: ObjectID, kind: String) throws {
        guard contains(id) else { throw StoreError.notFound(id) }
        try index.write { db in
            try RefRecord(name: name, digest: id, kind: kind).upsert(db)
        }
    }

    @discardableResult
    public func removeRef(_ name: String) throws -> Bool {
        try index.write { try RefRecord.deleteOne($0, key: name) }
    }

    public func refs() throws -> [RefRecord] {
        try index.read { try RefRecord.order(Column("name")).fetchAll($0) }
    }
}

/// Runs two throwing closures on two threads and returns both results.
func ParallelPair<A, B>(_ a: () throws -> A, _ b: () throws -> B) -> (first: Result<A, any Error>, second: Result<B, any Error>) {
    var ra: Result<A, any Error>!
    var rb: Result<B, any Error>!
    withoutActuallyEscaping(a) { a in
        withoutActuallyEscaping(b) { b in
            let box = UnsafeSendableBox((a, b))
            let out = UnsafeMutableSendablePointer<(Result<A, any Error>?, Result<B, any Error>?)>((nil, nil))
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { out.value.0 = Result { try box.value.0() } } else { out.value.1 = Result { try box.value.1() } }
            }
            ra = out.value.0
            rb = out.value.1
            out.free()
        }
    }
    return (ra, rb)
}

struct UnsafeSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

/// Each of the two threads writes a different field, so no two writes race.
final class UnsafeMutableSendablePointer<T>: @unchecked Sendable {
    var value: T
    init(_ v: T) { value = v }
    func free() {}
}

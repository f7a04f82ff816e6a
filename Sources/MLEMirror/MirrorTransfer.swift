import Foundation
import MLEBasics
import MLEFetch
import MLEModel
import MLEStore
import Synchronization

/// Progress of a transfer, reported from worker threads.
public protocol MirrorObserver: Sendable {
    func transferred(objects: Int, bytes: Int64, ofObjects: Int, ofBytes: Int64)
    func retrying(_ path: String, attempt: Int, after delay: Double, because error: any Error)
}

/// What a push or pull did.
public struct TransferSummary: Sendable, Equatable, Codable {
    /// Objects sent or received.
    public var objects = 0
    public var bytes: Int64 = 0
    /// Objects that were already where they had to go.
    public var present = 0
    /// Requests to the remote (listings, reads, writes, existence checks).
    public var requests = 0
    public var seconds = 0.0

    public init() {}
}

/// Requests made to the remote, counted across threads.
final class RequestCount: Sendable {
    private let count = Atomic<Int>(0)
    func add() { count.wrappingAdd(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Counters shared by a transfer's threads.
final class TransferStats: Sendable {
    let objects = Atomic<Int>(0)
    let bytes = Atomic<Int64>(0)
    let requests = RequestCount()
    let lastReport = Mutex<Date>(.distantPast)
    let totalObjects: Int
    let totalBytes: Int64
    let observer: (any MirrorObserver)?

    init(totalObjects: Int, totalBytes: Int64, observer: (any MirrorObserver)?) {
        self.totalObjects = totalObjects
        self.totalBytes = totalBytes
        self.observer = observer
    }

    func add(objects n: Int, bytes b: Int64) {
        let o = objects.wrappingAdd(n, ordering: .relaxed).newValue
        let by = bytes.wrappingAdd(b, ordering: .relaxed).newValue
        guard let observer else { return }
        let now = Date()
        let due = lastReport.withLock { last -> Bool in
            guard now.timeIntervalSince(last) > 0.1 || o == totalObjects else { return false }
            last = now
            return true
        }
        if due { observer.transferred(objects: o, bytes: by, ofObjects: totalObjects, ofBytes: totalBytes) }
    }
}

/// Moves the objects of ``MirrorGroup``s between the store and a remote.
///
/// Every byte is verified: a pull hashes each object as it arrives and stores only what
/// matches its name (packs are split by the manifest and each blob checked); a push hashes
/// each object as it reads it from the store, so a damaged local object never reaches the
/// mirror. Transient failures are retried with backoff, continuing from the last byte
/// received; a large object interrupted for good keeps its bytes in the store's
/// `partial/` and the next pull resumes it.
///
/// ```swift
/// let transfer = MirrorTransfer(remote: try MirrorRemotes.open("/mnt/mirror"), store: store)
/// let summary = try transfer.pull(try MirrorGroup.groups(of: lock, file: "a.lock"))
/// ```
public struct MirrorTransfer: Sendable {
    public let remote: any MirrorRemote
    public let store: ObjectStore
    public var jobs: Int
    public var policy: RetryPolicy
    public var observer: (any MirrorObserver)?
    /// Reads of a pack are cut into ranges of at most this many bytes, fetched in parallel.
    public var rangeSize: Int64 = 8 << 20

    public init(remote: any MirrorRemote, store: ObjectStore, jobs: Int = 8, policy: RetryPolicy = RetryPolicy(),
                observer: (any MirrorObserver)? = nil) {
        self.remote = remote
        self.store = store
        self.jobs = max(1, jobs)
        self.policy = policy
        self.observer = observer
    }

    // MARK: Pull

    enum PullJob: Sendable {
        case object(TreeEntry)
        case range(pack: ObjectID, members: [PackLayout.Member])
    }

    /// Downloads what the store lacks of `groups`, then adds their trees.
    public func pull(_ groups: [MirrorGroup]) throws -> TransferSummary {
        let started = Date()
        let requests = RequestCount()
        // 1. Manifests: from the lock, the store, or the mirror (verified).
        let manifests = Parallel.map(groups, width: jobs) { g in
            Result { () throws -> TreeManifest in
                if let m = g.manifest { return m }
                if store.contains(g.tree) { return try store.manifest(of: g.tree) }
                var data = Data()
                try readResuming(MirrorLayout.objectPath(g.tree), from: 0, length: nil, requests: requests) { data.append(contentsOf: $0) }
                let actual = ObjectID(trustedHex: Digests.sha256(data))
                guard actual == g.tree else {
                    throw MirrorError.corrupt(remote: remote.location, path: MirrorLayout.objectPath(g.tree), object: g.tree, actual: actual)
                }
                do { return try TreeManifest.decode(data) } catch {
                    throw MirrorError.invalidLayout(remote: remote.location, path: MirrorLayout.objectPath(g.tree), reason: "\(error)")
                }
            }
        }
        try Self.throwAll(manifests.compactMap { r -> (any Error)? in if case .failure(let e) = r { return e }; return nil })
        let resolved = manifests.map { try! $0.get() }

        // 2. What is missing, as whole objects and as runs of pack members.
        var seen = Set<ObjectID>(minimumCapacity: resolved.reduce(0) { $0 + $1.entries.count })
        // Files of a tree not yet in the store that are there already: a pull killed between an
        // object's link and its index entry left them unindexed, and they are indexed here.
        var present: [(object: ObjectID, size: Int64)] = []
        var work: [PullJob] = []
        var summary = TransferSummary()
        var totalBytes: Int64 = 0
        var totalObjects = 0
        for (g, manifest) in zip(groups, resolved) {
            // A tree enters the store only after all its files (step 4, `addTree`), so a tree
            // that is there needs no look-up per file: a pull with nothing to do costs no stats.
            if store.contains(g.tree) {
                for e in manifest.entries where seen.insert(e.object).inserted { summary.present += 1 }
                continue
            }
            for e in manifest.entries where e.size >= MirrorLayout.packThreshold && seen.insert(e.object).inserted {
                if store.contains(e.object) { summary.present += 1; present.append((e.object, e.size)); continue }
                work.append(.object(e))
                totalObjects += 1
                totalBytes += e.size
            }
            var run: [PackLayout.Member] = []
            var runBytes: Int64 = 0
            func flush() {
                if !run.isEmpty { work.append(.range(pack: g.tree, members: run)) }
                run = []
                runBytes = 0
            }
            for m in PackLayout(manifest).members {
                guard seen.insert(m.object).inserted else { flush(); continue }
                if store.contains(m.object) { summary.present += 1; present.append((m.object, m.size)); flush(); continue }
                if runBytes + m.size > rangeSize { flush() }
                run.append(m)
                runBytes += m.size
                totalObjects += 1
                totalBytes += m.size
            }
            flush()
        }

        try store.recordPresent(present)

        // 3. Transfers, in parallel; every failure is collected and named.
        let stats = TransferStats(totalObjects: totalObjects, totalBytes: totalBytes, observer: observer)
        let results = Parallel.map(work, width: jobs) { job in
            Result { try self.run(job, stats: stats, requests: requests) }
        }
        var failures = results.compactMap { r -> (any Error)? in if case .failure(let e) = r { return e }; return nil }
        failures += results.flatMap { (try? $0.get()) ?? [] }
        try Self.throwAll(failures)

        // 4. Trees last: a tree is in the store only once all its files are.
        for (g, manifest) in zip(groups, resolved) where !store.contains(g.tree) {
            let id = try store.addTree(manifest)
            if id != g.tree {
                throw MirrorError.corrupt(remote: remote.location, path: MirrorLayout.objectPath(g.tree), object: g.tree, actual: id)
            }
        }
        summary.objects = stats.objects.load(ordering: .relaxed)
        summary.bytes = stats.bytes.load(ordering: .relaxed)
        summary.requests = requests.value
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Runs one pull job; returns the corrupt members of a range (the good ones are stored).
    func run(_ job: PullJob, stats: TransferStats, requests: RequestCount) throws -> [any Error] {
        switch job {
        case .object(let e):
            let path = MirrorLayout.objectPath(e.object)
            let writer = try store.makeResumableWriter(key: "mirror:\(e.object.hex)")
            if writer.bytesWritten > e.size { try writer.truncate() }
            try readResuming(path, from: writer.bytesWritten, length: e.size - writer.bytesWritten, requests: requests) {
                try writer.write($0)
            }
            do { try writer.commit(expected: e.object) } catch StoreError.hashMismatch(_, let actual, _) {
                throw MirrorError.corrupt(remote: remote.location, path: path, object: e.object, actual: actual)
            }
            stats.add(objects: 1, bytes: e.size)
            return []
        case .range(let pack, let members):
            let path = MirrorLayout.packPath(pack)
            let start = members[0].offset
            let length = members[members.count - 1].offset + members[members.count - 1].size - start
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(max(1, length)), alignment: 64)
            defer { buffer.deallocate() }
            var filled = 0
            try readResuming(path, from: start, length: length, requests: requests) { bytes in
                let n = min(bytes.count, buffer.count - filled)
                buffer.baseAddress!.advanced(by: filled).copyMemory(from: bytes.baseAddress!, byteCount: n)
                filled += n
            }
            if filled < length {
                throw MirrorError.invalidLayout(remote: remote.location, path: path,
                                                reason: "the pack ends at \(start + Int64(filled)), expected \(start + length) bytes; push again")
            }
            let pending = members.map {
                PendingBlob(expected: $0.object, bytes: UnsafeRawBufferPointer(rebasing: buffer[Int($0.offset - start) ..< Int($0.offset - start + $0.size)]))
            }
            let (_, mismatched) = try store.addBlobs(pending)
            stats.add(objects: members.count - mismatched.count, bytes: length)
            return mismatched.map { error in
                if case .hashMismatch(let expected, let actual, _) = error {
                    return MirrorError.corrupt(remote: remote.location, path: path, object: expected, actual: actual)
                }
                return error
            }
        }
    }

    /// A whole small file of the remote (a lockfile, a signature), retried and resumed.
    public func readFile(_ path: String) throws -> Data {
        var data = Data()
        try readResuming(path, from: 0, length: nil, requests: RequestCount()) { data.append(contentsOf: $0) }
        return data
    }

    /// Reads a remote file, retrying transient failures from the last byte received.
    func readResuming(_ path: String, from offset: Int64, length: Int64?, requests: RequestCount,
                      into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var delivered: Int64 = 0
        var attempt = 1
        while true {
            requests.add()
            do {
                try remote.read(path, from: offset + delivered, length: length.map { $0 - delivered }) { bytes in
                    delivered += Int64(bytes.count)
                    try body(bytes)
                }
                return
            } catch let error as FetchError where error.isTransient && attempt < policy.attempts {
                attempt += 1
                let delay = policy.delay(beforeAttempt: attempt)
                observer?.retrying(path, attempt: attempt, after: delay, because: error)
                Thread.sleep(forTimeInterval: delay)
            }
        }
    }

    /// Retries a whole request (uploads, checks) on transient failures.
    func retrying<T>(_ path: String, requests: RequestCount, _ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            requests.add()
            do { return try body() } catch let error as FetchError where error.isTransient && attempt < policy.attempts {
                attempt += 1
                let delay = policy.delay(beforeAttempt: attempt)
                observer?.retrying(path, attempt: attempt, after: delay, because: error)
                Thread.sleep(forTimeInterval: delay)
            }
        }
    }

    static func throwAll(_ errors: [any Error]) throws {
        guard let first = errors.first else { return }
        let mirror = errors.compactMap { $0 as? MirrorError }
        if errors.count > 1 && mirror.count == errors.count { throw MirrorError.several(mirror) }
        throw first
    }

    // MARK: Push

    enum PushJob: Sendable {
        case object(ObjectID, size: Int64)
        case pack(ObjectID, PackLayout)
    }

    /// Uploads what the remote lacks of `groups`, then the given files (the lockfile last).
    public func push(_ groups: [MirrorGroup], files: [(path: String, data: Data)]) throws -> TransferSummary {
        let started = Date()
        let requests = RequestCount()
        var resolved: [TreeManifest] = []
        for g in groups {
            let manifest: TreeManifest
            if let m = g.manifest { manifest = m } else {
                guard store.contains(g.tree) else { throw MirrorError.notInLocalStore(object: g.tree, what: "the \(g.label) tree") }
                manifest = try store.manifest(of: g.tree)
            }
            for e in manifest.entries where !store.contains(e.object) {
                throw MirrorError.notInLocalStore(object: e.object, what: "\(g.label) '\(e.path)'")
            }
            resolved.append(manifest)
        }
        var summary = TransferSummary()
        let packs = try retrying(MirrorLayout.packFolder, requests: requests) { try remote.list(MirrorLayout.packFolder) }
        var candidates: [PushJob] = []
        var seen = Set<ObjectID>()
        var seenPacks = Set<ObjectID>()
        for (g, manifest) in zip(groups, resolved) {
            if g.treeIsObject, seen.insert(g.tree).inserted {
                candidates.append(.object(g.tree, size: FileIO.fileSize(store.path(for: g.tree)) ?? 0))
            }
            for e in manifest.entries where e.size >= MirrorLayout.packThreshold && seen.insert(e.object).inserted {
                candidates.append(.object(e.object, size: e.size))
            }
            let layout = PackLayout(manifest)
            if !layout.members.isEmpty, seenPacks.insert(g.tree).inserted {
                if let packs {
                    if packs.contains(MirrorLayout.packName(g.tree)) { summary.present += layout.members.count } else { candidates.append(.pack(g.tree, layout)) }
                } else {
                    candidates.append(.pack(g.tree, layout))
                }
            }
        }
        // Which objects (and, on a remote that cannot list, packs) are there already.
        let checks = Parallel.map(candidates, width: jobs) { job in
            Result { () throws -> Bool in
                switch job {
                case .object(let id, _):
                    return try retrying(MirrorLayout.objectPath(id), requests: requests) { try remote.exists(MirrorLayout.objectPath(id)) }
                case .pack(let tree, _):
                    if packs != nil { return false }
                    return try retrying(MirrorLayout.packPath(tree), requests: requests) { try remote.exists(MirrorLayout.packPath(tree)) }
                }
            }
        }
        var work: [PushJob] = []
        var totalBytes: Int64 = 0
        var totalObjects = 0
        for (job, check) in zip(candidates, checks) {
            if try check.get() {
                if case .pack(_, let l) = job { summary.present += l.members.count } else { summary.present += 1 }
                continue
            }
            work.append(job)
            switch job {
            case .object(_, let size): totalObjects += 1; totalBytes += size
            case .pack(_, let l): totalObjects += l.members.count; totalBytes += l.size
            }
        }
        let stats = TransferStats(totalObjects: totalObjects, totalBytes: totalBytes, observer: observer)
        let results = Parallel.map(work, width: jobs) { job in
            Result { () throws -> Void in
                switch job {
                case .object(let id, let size):
                    let path = MirrorLayout.objectPath(id)
                    try retrying(path, requests: requests) {
                        try remote.write(path, from: try StoreObjectsUpload(store: store, objects: [(id, size)]))
                    }
                    stats.add(objects: 1, bytes: size)
                case .pack(let tree, let layout):
                    let path = MirrorLayout.packPath(tree)
                    try retrying(path, requests: requests) {
                        try remote.write(path, from: try StoreObjectsUpload(store: store, objects: layout.members.map { ($0.object, $0.size) }))
                    }
                    stats.add(objects: layout.members.count, bytes: layout.size)
                }
            }
        }
        try Self.throwAll(results.compactMap { r -> (any Error)? in if case .failure(let e) = r { return e }; return nil })
        if try !retrying(MirrorLayout.marker, requests: requests, { try remote.exists(MirrorLayout.marker) }) {
            try retrying(MirrorLayout.marker, requests: requests) { try remote.write(MirrorLayout.marker, from: DataUpload(Data(MirrorLayout.markerText.utf8))) }
        }
        for f in files {
            try retrying(f.path, requests: requests) { try remote.write(f.path, from: DataUpload(f.data)) }
        }
        summary.objects = stats.objects.load(ordering: .relaxed)
        summary.bytes = stats.bytes.load(ordering: .relaxed)
        summary.requests = requests.value
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}

/// Store objects read one after another, each hashed as it is read: the body of an object
/// or a pack upload. An object whose bytes no longer match its name stops the upload.
final class StoreObjectsUpload: UploadBody {
    let store: ObjectStore
    let objects: [(ObjectID, Int64)]
    let size: Int64
    private var index = 0
    private var fd: Int32 = -1
    private var readSoFar: Int64 = 0
    private let hasher = StreamingHasher(.sha256)

    init(store: ObjectStore, objects: [(ObjectID, Int64)]) throws {
        self.store = store
        self.objects = objects
        size = objects.reduce(0) { $0 + $1.1 }
    }

    deinit { if fd >= 0 { close(fd) } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < buffer.count && index < objects.count {
            let (id, expectedSize) = objects[index]
            let path = store.path(for: id)
            if fd < 0 {
                fd = open(path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw SystemError.posix(errno, "open", path) }
                readSoFar = 0
            }
            let want = Int(min(Int64(buffer.count - filled), expectedSize - readSoFar))
            let n = want == 0 ? 0 : Glibc.read(fd, buffer.baseAddress! + filled, want)
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.posix(errno, "read", path)
            }
            if n > 0 {
                hasher.update(UnsafeRawBufferPointer(start: buffer.baseAddress! + filled, count: n))
                filled += n
                readSoFar += Int64(n)
            }
            if n == 0 || readSoFar == expectedSize {
                // The whole object has been read: it must be the bytes it is named after.
                var extra: UInt8 = 0
                let more = n == 0 ? 0 : Glibc.read(fd, &extra, 1)
                close(fd)
                fd = -1
                let actual = hasher.finalize().hex
                if readSoFar != expectedSize || more != 0 || actual != id.hex {
                    throw StoreError.corruptObject(id, path: path)
                }
                index += 1
            }
        }
        return filled
    }
}

import Foundation
import GRDB
import MLEBasics
import MLEModel

/// What `gc` removed, or would remove.
public struct GCReport: Sendable, Equatable {
    public var removed: [ObjectID] = []
    public var freedBytes: Int64 = 0
    public var kept: Int = 0
    public var staleTemporaryFiles: Int = 0
}

/// A problem `fsck` found.
public struct FsckProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case corrupt, missing, danglingTreeEntry = "dangling"
        /// An intact object the index does not list: a writer was killed between publishing
        /// it and indexing it. Harmless (nothing refers to it) and removed by `gc`.
        case orphan
    }
    public var kind: Kind
    /// Whether the problem means lost or wrong data (an orphan does not).
    public var isDamage: Bool { kind != .orphan }
    public var object: ObjectID
    public var detail: String

    public var description: String { "\(kind.rawValue) \(object): \(detail)" }
}

extension ObjectStore {
    /// Every object reachable from a ref: the ref's target and, for trees, their entries.
    public func liveObjects() throws -> Set<ObjectID> {
        var live = Set<ObjectID>()
        var queue = try refs().map { ObjectID(trustedHex: $0.digest) }
        while let id = queue.popLast() {
            guard live.insert(id).inserted else { continue }
            if let r = try record(of: id), r.kind == ObjectKind.tree.rawValue, contains(id) {
                queue.append(contentsOf: try manifest(of: id).entries.map(\.object))
            }
        }
        return live
    }

    /// Removes objects that no ref keeps, and temporary files whose writer is gone.
    ///
    /// Runs under the store-wide gc lock so two collections never interleave.
    public func collectGarbage(dryRun: Bool) throws -> GCReport {
        let lock = try FileLock(path: "\(root)/gc.lock")
        defer { lock.unlock() }
        let live = try liveObjects()
        var report = GCReport()
        for record in try allObjects() {
            let id = record.id
            if live.contains(id) { report.kept += 1; continue }
            report.removed.append(id)
            report.freedBytes += record.size
            if !dryRun {
                unlink(path(for: id))
                _ = try index.write { try ObjectRecord.deleteOne($0, key: id.hex) }
            }
        }
        // Objects on disk that the index never heard of (a crash between link and insert).
        for id in try objectsOnDisk() where try record(of: id) == nil && !live.contains(id) {
            report.removed.append(id)
            report.freedBytes += FileIO.fileSize(path(for: id)) ?? 0
            if !dryRun { unlink(path(for: id)) }
        }
        for dir in ["tmp", "partial"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(dir)")) ?? []
            for name in names {
                let p = "\(root)/\(dir)/\(name)"
                // A lock we can take means no live writer holds the file.
                if let l = try FileLock.tryLock(path: p) {
                    report.staleTemporaryFiles += 1
                    if !dryRun { unlink(p) }
                    l.unlock()
                }
            }
        }
        return report
    }

    /// Every object file under `objects/`, named by its path.
    public func objectsOnDisk() throws -> [ObjectID] {
        var ids: [ObjectID] = []
        let base = "\(root)/objects/sha256"
        for prefix in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
            for rest in (try? FileManager.default.contentsOfDirectory(atPath: "\(base)/\(prefix)")) ?? [] {
                if let id = try? ObjectID(hex: prefix + rest) { ids.append(id) }
            }
        }
        return ids.sorted()
    }

    /// Re-hashes every object and checks the index and trees against the files.
    ///
    /// - Parameter progress: called after each object with (done, total).
    public func fsck(progress: (Int, Int) -> Void = { _, _ in }) throws -> [FsckProblem] {
        var problems: [FsckProblem] = []
        let onDisk = try objectsOnDisk()
        let records = Dictionary(uniqueKeysWithValues: try allObjects().map { ($0.id, $0) })
        for (i, id) in onDisk.enumerated() {
            let p = path(for: id)
            var intact = false
            do {
                let (hex, _) = try Digests.hashFile(at: p)
                if hex != id.hex {
                    problems.append(FsckProblem(kind: .corrupt, object: id, detail: "'\(p)' hashes to sha256:\(hex)"))
                } else {
                    intact = true
                }
            } catch {
                problems.append(FsckProblem(kind: .corrupt, object: id, detail: "\(error)"))
            }
            if records[id] == nil && intact {
                problems.append(FsckProblem(kind: .orphan, object: id,
                    detail: "intact but not in the index (an interrupted add left it; 'mlepkg store gc' removes it)"))
            }
            progress(i + 1, onDisk.count)
        }
        let present = Set(onDisk)
        for (id, record) in records.sorted(by: { $0.key < $1.key }) {
            guard present.contains(id) else {
                problems.append(FsckProblem(kind: .missing, object: id, detail: "indexed but '\(path(for: id))' is gone"))
                continue
            }
            if record.kind == ObjectKind.tree.rawValue,
               !problems.contains(where: { $0.object == id && $0.kind == .corrupt }) {
                do {
                    for e in try manifest(of: id).entries where !present.contains(e.object) {
                        problems.append(FsckProblem(kind: .danglingTreeEntry, object: id,
                                                    detail: "entry '\(e.path)' needs missing \(e.object)"))
                    }
                } catch {
                    problems.append(FsckProblem(kind: .corrupt, object: id, detail: "\(error)"))
                }
            }
        }
        for ref in try refs() where !present.contains(ObjectID(trustedHex: ref.digest)) {
            problems.append(FsckProblem(kind: .missing, object: ObjectID(trustedHex: ref.digest),
                                        detail: "ref '\(ref.name)' points to a missing object"))
        }
        return problems
    }
}

import Foundation
import MLEBasics
import MLEBuild
import MLELockfile
import MLEModel
import MLERecipes

/// A difference between a lockfile and what is on disk or was built.
public struct LockDifference: Sendable, Equatable, CustomStringConvertible {
    public var competition: String
    /// The file the difference is about (a lock path such as `public/train.csv`), or `*` for
    /// the competition's entry itself.
    public var path: String
    /// What differs: `recipe`, `engine`, `entry`, `public`, `private`, `sha256`, `size`, `md5`,
    /// `file` (present on one side only).
    public var field: String
    public var expected: String
    public var actual: String
    public var lockfile: String

    public init(competition: String, path: String, field: String = "sha256", expected: String, actual: String, lockfile: String) {
        self.competition = competition
        self.path = path
        self.field = field
        self.expected = expected
        self.actual = actual
        self.lockfile = lockfile
    }

    public var description: String {
        let subject: String
        switch (path, field) {
        case ("*", _): subject = field == "entry" ? "the entry" : "the \(field) digest"
        case (_, "file"): subject = "'\(path)'"
        default: subject = "the \(field) of '\(path)'"
        }
        return "\(lockfile): \(competition): \(subject) is \(actual), the lock has \(expected)"
    }
}

public struct LockMismatchError: Error, Sendable, CustomStringConvertible {
    public var differences: [LockDifference]
    public init(differences: [LockDifference]) { self.differences = differences }
    public var description: String {
        guard let first = differences.first else { return "differs from the lock" }
        return differences.count == 1 ? first.description
            : "\(first.lockfile): \(first.competition): \(differences.count) differences from the lock, the first: "
              + first.description.dropFirst(first.lockfile.count + first.competition.count + 4)
    }
}

/// A lockfile a build must match in every field: `build --locked` refuses before anything is
/// materialized or cached.
public struct LockedBuild: Sendable {
    public var lockfile: Lockfile
    public var path: String
    public init(lockfile: Lockfile, path: String) {
        self.lockfile = lockfile
        self.path = path
    }
}

/// How one competition of a lock compares with the data on disk.
public struct VerifyResult: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        case verified, differs
        case notMaterialized = "not_materialized"
    }
    public var competition: String
    public var state: State
    public var pinned: Bool
    public var files: Int
    public var differences: [LockDifference]
}

extension Workspace {
    /// A lock entry for a built competition: every input and output pinned.
    public func lockEntry(_ result: BuildResult, recipe: Recipe) -> Lockfile.Entry {
        Lockfile.Entry(
            id: result.id, recipe: "sha256:\(result.recipeDigest)", pinned: true,
            publicTree: result.publicTree.description, privateTree: result.privateTree.description,
            inputs: result.inputs.map { .init(path: $0.path, size: $0.size, sha256: $0.sha256, url: recipe.source.url) },
            outputs: result.outputs.map { .init(path: $0.path, size: $0.size, sha256: $0.sha256, md5: $0.md5) })
    }

    /// A lock entry for a competition that could not be built here: MLE-bench's MD5s only.
    public func unpinnedEntry(_ recipe: Recipe, source: String, reason: String) -> Lockfile.Entry {
        Lockfile.Entry(
            id: recipe.id, recipe: "sha256:\(Digests.sha256(Data(source.utf8)))", pinned: false,
            note: "not yet pinned: \(reason)",
            inputs: [.init(path: "\(recipe.kaggleSlug).zip", md5: recipe.source.md5, url: recipe.source.url)],
            outputs: recipe.outputs.md5.map { .init(path: $0.key, md5: $0.value) })
    }

    /// Refuses a lock this mlepkg cannot hold builds to: one written by a newer mlepkg, or for
    /// another build engine (whose outputs may differ byte for byte).
    public func checkCompatible(_ lock: Lockfile, lockfile: String) throws {
        if let v = SemanticVersion(lock.mlepkgVersion), let mine = SemanticVersion(MLEPkgInfo.version), mine < v {
            throw LockfileError(file: lockfile, line: 0, message: "written by mlepkg \(v), newer than this mlepkg \(mine); upgrade mlepkg")
        }
        guard lock.engineVersion == Self.engineVersion else {
            throw LockfileError(file: lockfile, line: 0,
                                message: "'engine' is \(lock.engineVersion), this mlepkg's build engine is \(Self.engineVersion): rebuild and re-lock, or use a matching mlepkg")
        }
    }

    /// The lock entry a locked build of `recipe` is held to, checked before anything is built:
    /// present, pinned, and made from the same recipe text.
    func lockedEntry(_ recipe: Recipe, recipeDigest: String, locked: LockedBuild) throws -> Lockfile.Entry {
        func refuse(_ field: String, _ expected: String, _ actual: String) -> LockMismatchError {
            LockMismatchError(differences: [.init(competition: recipe.id, path: "*", field: field, expected: expected,
                                                  actual: actual, lockfile: locked.path)])
        }
        guard let entry = locked.lockfile.entry(recipe.id) else { throw refuse("entry", "no entry", "being built") }
        guard entry.pinned else {
            throw refuse("entry", "an unpinned entry (\(entry.note ?? "no note"))", "being built")
        }
        guard entry.recipe == "sha256:\(recipeDigest)" else {
            throw refuse("recipe", entry.recipe, "sha256:\(recipeDigest) (the registry's recipe changed since the lock was made)")
        }
        return entry
    }

    /// Compares files (inputs or outputs) with the lock's, field by field.
    func compare(_ locked: [Lockfile.File], _ built: [BuiltFile], competition: String, lockfile: String,
                 md5: Bool) -> [LockDifference] {
        var diffs: [LockDifference] = []
        let mine = Dictionary(built.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for f in locked {
            func differ(_ field: String, _ expected: String, _ actual: String) {
                diffs.append(.init(competition: competition, path: f.path, field: field, expected: expected, actual: actual, lockfile: lockfile))
            }
            guard let b = mine[f.path] else { differ("file", "present", "missing"); continue }
            if let sha = f.sha256, sha != b.sha256 { differ("sha256", sha, b.sha256) }
            if let size = f.size, size != b.size { differ("size", "\(size)", "\(b.size)") }
            if md5, let m = f.md5, m != b.md5 { differ("md5", m, b.md5) }
        }
        let lockedPaths = Set(locked.map(\.path))
        for b in built where !lockedPaths.contains(b.path) {
            diffs.append(.init(competition: competition, path: b.path, field: "file", expected: "absent", actual: "present", lockfile: lockfile))
        }
        return diffs
    }

    /// Re-hashes materialized data against a lockfile: per competition, verified, differs
    /// (naming each file and field), or not materialized.
    public func verify(_ lock: Lockfile, lockfile: String, dataDirectory: String, ids: [String] = []) throws -> [VerifyResult] {
        for id in ids where lock.entry(id) == nil {
            throw LockfileError(file: lockfile, line: 0, message: "no competition '\(id)' in the lock")
        }
        let entries = lock.competitions.filter { ids.isEmpty || ids.contains($0.id) }
        var results: [VerifyResult] = []
        for (n, entry) in entries.enumerated() {
            delegate.working("verify", done: n, total: entries.count)
            let base = "\(dataDirectory)/\(entry.id)/prepared"
            guard FileIO.isDirectory(base) else {
                results.append(VerifyResult(competition: entry.id, state: .notMaterialized, pinned: entry.pinned, files: 0, differences: []))
                continue
            }
            var found: [BuiltFile] = []
            for f in entry.outputs {
                // The lock's paths were checked when it was read (relative, no `..`); the file
                // itself must be a regular file, not a link placed to read something else.
                let path = "\(base)/\(f.path)"
                guard FileIO.isRegularFile(path) else { continue }
                let sha = f.sha256 == nil ? "" : ((try? Digests.hashFile(at: path).hex) ?? "unreadable")
                let md5 = f.sha256 == nil && f.md5 != nil ? ((try? Digests.hashFile(at: path, .md5).hex) ?? "unreadable") : ""
                found.append(BuiltFile(path: f.path, size: FileIO.fileSize(path) ?? -1, sha256: sha, md5: md5))
            }
            if entry.pinned {
                // A pinned lock lists every file: anything else in the folder was added later.
                let listed = Set(entry.outputs.map(\.path))
                for side in ["public", "private"] {
                    for rel in FileIO.nonDirectories(under: "\(base)/\(side)") where !listed.contains("\(side)/\(rel)") {
                        found.append(BuiltFile(path: "\(side)/\(rel)", size: 0, sha256: "", md5: ""))
                    }
                }
            }
            let diffs = compare(entry.outputs, found, competition: entry.id, lockfile: lockfile, md5: entry.sha256Less)
            results.append(VerifyResult(competition: entry.id, state: diffs.isEmpty ? .verified : .differs, pinned: entry.pinned,
                                        files: entry.outputs.count, differences: diffs))
        }
        delegate.working("verify", done: entries.count, total: entries.count)
        return results
    }
}

extension Lockfile.Entry {
    /// Unpinned entries know only MLE-bench's MD5s: those are what `verify` compares.
    var sha256Less: Bool { outputs.allSatisfy { $0.sha256 == nil } }
}

extension Workspace {
    /// Only locked, verified data is run on: a difference from the lock, or data that is not
    /// materialized, refuses.
    public func requireVerified(_ lock: Lockfile, lockfile: String, dataDirectory: String, ids: [String]) throws {
        let results = try verify(lock, lockfile: lockfile, dataDirectory: dataDirectory, ids: ids)
        let diffs = results.flatMap(\.differences)
        if !diffs.isEmpty { throw LockMismatchError(differences: diffs) }
        if let absent = results.first(where: { $0.state == .notMaterialized }) {
            throw GradeError.notPrepared(competition: absent.competition, path: "\(dataDirectory)/\(absent.competition)/prepared")
        }
    }
}

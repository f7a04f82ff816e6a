import Foundation
import MLEBasics
import MLEBuild
import MLELockfile
import MLEModel
import MLERecipes

/// A difference between a lockfile and what is on disk or was built.
public struct LockDifference: Sendable, Equatable, CustomStringConvertible {
    public var competition: String
    public var path: String
    public var expected: String
    public var actual: String
    public var lockfile: String

    public init(competition: String, path: String, expected: String, actual: String, lockfile: String) {
        self.competition = competition
        self.path = path
        self.expected = expected
        self.actual = actual
        self.lockfile = lockfile
    }

    public var description: String {
        "\(lockfile): \(competition): '\(path)' is \(actual), the lock has \(expected)"
    }
}

public struct LockMismatchError: Error, Sendable, CustomStringConvertible {
    public var differences: [LockDifference]
    public init(differences: [LockDifference]) { self.differences = differences }
    public var description: String {
        differences.prefix(5).map(\.description).joined(separator: "; ")
            + (differences.count > 5 ? "; and \(differences.count - 5) more" : "")
    }
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

    /// Compares a build with its lock entry; any difference is an error naming both hashes.
    public func check(_ result: BuildResult, against entry: Lockfile.Entry, lockfile: String) throws {
        var diffs: [LockDifference] = []
        func compare(_ kind: String, _ locked: [Lockfile.File], _ built: [BuiltFile]) {
            let mine = Dictionary(uniqueKeysWithValues: built.map { ($0.path, $0) })
            for f in locked {
                guard let b = mine[f.path] else {
                    diffs.append(.init(competition: entry.id, path: f.path, expected: f.sha256.map { "sha256:\($0)" } ?? "present", actual: "missing", lockfile: lockfile))
                    continue
                }
                if let sha = f.sha256, sha != b.sha256 {
                    diffs.append(.init(competition: entry.id, path: f.path, expected: "sha256:\(sha)", actual: "sha256:\(b.sha256)", lockfile: lockfile))
                }
            }
            let lockedPaths = Set(locked.map(\.path))
            for b in built where !lockedPaths.contains(b.path) {
                diffs.append(.init(competition: entry.id, path: b.path, expected: "absent", actual: "sha256:\(b.sha256)", lockfile: lockfile))
            }
        }
        if !entry.pinned {
            throw LockMismatchError(differences: [.init(competition: entry.id, path: "*", expected: "a pinned entry",
                                                        actual: "an unpinned one (\(entry.note ?? ""))", lockfile: lockfile)])
        }
        compare("input", entry.inputs, result.inputs)
        compare("output", entry.outputs, result.outputs)
        if !diffs.isEmpty { throw LockMismatchError(differences: diffs) }
    }

    /// Re-hashes materialized data against a lockfile.
    public func verify(_ lock: Lockfile, lockfile: String, dataDirectory: String, ids: [String] = []) -> [LockDifference] {
        var diffs: [LockDifference] = []
        let entries = lock.competitions.filter { ids.isEmpty || ids.contains($0.id) }
        for (n, entry) in entries.enumerated() {
            delegate.working("verify", done: n, total: entries.count)
            let base = "\(dataDirectory)/\(entry.id)/prepared"
            if !entry.pinned && !FileIO.isDirectory(base) { continue }
            for f in entry.outputs {
                let path = "\(base)/\(f.path)"
                guard FileIO.exists(path) else {
                    diffs.append(.init(competition: entry.id, path: path, expected: f.sha256.map { "sha256:\($0)" } ?? "md5:\(f.md5 ?? "")",
                                       actual: "missing", lockfile: lockfile))
                    continue
                }
                if let sha = f.sha256 {
                    let actual = (try? Digests.hashFile(at: path).hex) ?? "unreadable"
                    if actual != sha { diffs.append(.init(competition: entry.id, path: path, expected: "sha256:\(sha)", actual: "sha256:\(actual)", lockfile: lockfile)) }
                } else if let md5 = f.md5 {
                    let actual = (try? Digests.hashFile(at: path, .md5).hex) ?? "unreadable"
                    if actual != md5 { diffs.append(.init(competition: entry.id, path: path, expected: "md5:\(md5)", actual: "md5:\(actual)", lockfile: lockfile)) }
                }
            }
        }
        delegate.working("verify", done: entries.count, total: entries.count)
        return diffs
    }
}

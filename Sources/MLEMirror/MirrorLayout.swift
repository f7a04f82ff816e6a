import Foundation
import MLEBasics
import MLELockfile
import MLEModel

/// The files of a mirror (version 1). Nothing else is needed, so any folder, web server or
/// bucket holding them is a mirror:
///
/// ```text
/// mlepkg-mirror                      "mlepkg-mirror 1"
/// objects/sha256/ab/cdef…            tree manifests, and blobs of 1 MiB or more, by SHA-256
/// packs/sha256/<tree hex>.pack       a tree's blobs under 1 MiB, concatenated, each once,
///                                    in the tree's order: the manifest is the pack's index
/// locks/<name>                       lockfiles, and <name>.sig their signatures
/// ```
public enum MirrorLayout {
    public static let marker = "mlepkg-mirror"
    public static let markerText = "mlepkg-mirror 1\n"
    /// Blobs smaller than this travel in packs; larger ones as objects of their own.
    public static let packThreshold: Int64 = 1 << 20
    public static let packFolder = "packs/sha256/"

    public static func objectPath(_ id: ObjectID) -> String {
        "objects/sha256/\(id.hex.prefix(2))/\(id.hex.dropFirst(2))"
    }

    public static func packName(_ tree: ObjectID) -> String { "\(tree.hex).pack" }
    public static func packPath(_ tree: ObjectID) -> String { packFolder + packName(tree) }
    public static func lockPath(_ name: String) -> String { "locks/\(name)" }
}

/// Where each small blob of a tree lies in the tree's pack.
public struct PackLayout: Sendable {
    public struct Member: Sendable, Equatable {
        public var object: ObjectID
        public var offset: Int64
        public var size: Int64
    }

    public let members: [Member]
    public let size: Int64

    public init(_ manifest: TreeManifest) {
        var seen = Set<ObjectID>()
        var members: [Member] = []
        var offset: Int64 = 0
        for e in manifest.entries where e.size < MirrorLayout.packThreshold && seen.insert(e.object).inserted {
            members.append(Member(object: e.object, offset: offset, size: e.size))
            offset += e.size
        }
        self.members = members
        size = offset
    }

    /// The members overlapping `start ..< end` (binary search on the offsets).
    public func members(overlapping start: Int64, _ end: Int64) -> ArraySlice<Member> {
        var lo = 0, hi = members.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if members[mid].offset + members[mid].size <= start { lo = mid + 1 } else { hi = mid }
        }
        var last = lo
        while last < members.count && members[last].offset < end { last += 1 }
        return members[lo..<last]
    }
}

/// One set of files a lock needs: a competition's inputs, or its public or private tree.
public struct MirrorGroup: Sendable {
    public enum Role: String, Sendable { case inputs, `public`, `private` }
    public var competition: String
    public var role: Role
    /// The tree's id; for inputs, the id of the manifest made from the lock's input list.
    public var tree: ObjectID
    /// Known from the lock for inputs; read from the store or the mirror for outputs.
    public var manifest: TreeManifest?

    /// Output trees are objects of the mirror; an input list is rebuilt from the lock.
    public var treeIsObject: Bool { role != .inputs }

    public var label: String { "\(competition) \(role.rawValue)" }

    /// The groups of the pinned competitions of `lock` (all, or those in `ids`).
    public static func groups(of lock: Lockfile, ids: [String] = [], outputsOnly: Bool = false, file: String) throws -> [MirrorGroup] {
        for id in ids where lock.entry(id) == nil {
            throw MirrorError.invalidLock(file: file, reason: "no competition '\(id)' in the lock")
        }
        var out: [MirrorGroup] = []
        for entry in lock.competitions where (ids.isEmpty || ids.contains(entry.id)) && entry.pinned {
            if !outputsOnly {
                let manifest = try inputManifest(entry, file: file)
                out.append(MirrorGroup(competition: entry.id, role: .inputs, tree: ObjectID(trustedHex: Digests.sha256(manifest.encoded())),
                                       manifest: manifest))
            }
            for (role, digest) in [(Role.public, entry.publicTree), (.private, entry.privateTree)] {
                guard let digest else {
                    throw MirrorError.invalidLock(file: file, reason: "pinned competition '\(entry.id)' has no \(role.rawValue) tree")
                }
                let id: ObjectID
                do { id = try ObjectID(parsing: digest) } catch {
                    throw MirrorError.invalidLock(file: file, reason: "'\(entry.id)': \(error)")
                }
                out.append(MirrorGroup(competition: entry.id, role: role, tree: id))
            }
        }
        return out
    }

    /// A competition's inputs as a tree: path, size and SHA-256 of each, from the lock.
    public static func inputManifest(_ entry: Lockfile.Entry, file: String) throws -> TreeManifest {
        try TreeManifest(entries: entry.inputs.map { f in
            guard let sha = f.sha256, let size = f.size else {
                throw MirrorError.invalidLock(file: file, reason: "input '\(f.path)' of '\(entry.id)' has no sha256 and size")
            }
            return TreeEntry(path: f.path, mode: .file, size: size, object: try ObjectID(hex: sha))
        })
    }
}

import Foundation

/// What changed between two benchmark versions: competitions added or removed, and for each
/// competition in both, its recipe, trees, and inputs and outputs file by file.
///
/// ```swift
/// let diff = LockfileDiff(from: try LockfileFormat.read(path: "a.lock"), to: try LockfileFormat.read(path: "b.lock"))
/// for c in diff.changed { print(c.id, c.files.count) }
/// ```
public struct LockfileDiff: Sendable, Equatable, Encodable {
    public struct FileChange: Sendable, Equatable, Encodable {
        public enum Kind: String, Sendable, Encodable { case added, removed, changed }
        public var kind: Kind
        /// `input` or `output`.
        public var role: String
        public var path: String
        /// The old and new content: `sha256:…`, or `md5:…` where only MLE-bench's MD5 is known.
        public var old: String?
        public var new: String?
    }

    public struct CompetitionChange: Sendable, Equatable, Encodable {
        public var id: String
        /// Field-level changes: `recipe`, `pinned`, `public`, `private` → (old, new).
        public var fields: [String: [String]]
        public var files: [FileChange]
    }

    public var added: [String]
    public var removed: [String]
    public var changed: [CompetitionChange]
    public var unchanged: Int
    /// `mlepkg` and `engine` versions, when they differ.
    public var versions: [String: [String]]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public init(from a: Lockfile, to b: Lockfile) {
        let old = Dictionary(a.competitions.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let new = Dictionary(b.competitions.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        added = new.keys.filter { old[$0] == nil }.sorted()
        removed = old.keys.filter { new[$0] == nil }.sorted()
        versions = [:]
        if a.mlepkgVersion != b.mlepkgVersion { versions["mlepkg"] = [a.mlepkgVersion, b.mlepkgVersion] }
        if a.engineVersion != b.engineVersion { versions["engine"] = ["\(a.engineVersion)", "\(b.engineVersion)"] }
        var changed: [CompetitionChange] = []
        var same = 0
        for id in old.keys.filter({ new[$0] != nil }).sorted() {
            let x = old[id]!, y = new[id]!
            var fields: [String: [String]] = [:]
            func field(_ name: String, _ p: String?, _ q: String?) {
                if p != q { fields[name] = [p ?? "", q ?? ""] }
            }
            field("recipe", x.recipe, y.recipe)
            field("pinned", "\(x.pinned)", "\(y.pinned)")
            field("public", x.publicTree, y.publicTree)
            field("private", x.privateTree, y.privateTree)
            let files = Self.files("input", x.inputs, y.inputs) + Self.files("output", x.outputs, y.outputs)
            if fields.isEmpty && files.isEmpty { same += 1 } else { changed.append(CompetitionChange(id: id, fields: fields, files: files)) }
        }
        self.changed = changed
        unchanged = same
    }

    static func content(_ f: Lockfile.File) -> String {
        if let s = f.sha256 { return "sha256:\(s)" }
        if let m = f.md5 { return "md5:\(m)" }
        return "unknown"
    }

    static func files(_ role: String, _ a: [Lockfile.File], _ b: [Lockfile.File]) -> [FileChange] {
        let old = Dictionary(a.map { ($0.path, $0) }, uniquingKeysWith: { x, _ in x })
        let new = Dictionary(b.map { ($0.path, $0) }, uniquingKeysWith: { x, _ in x })
        var out: [FileChange] = []
        for path in Set(old.keys).union(new.keys).sorted() {
            switch (old[path], new[path]) {
            case (nil, let n?): out.append(FileChange(kind: .added, role: role, path: path, old: nil, new: content(n)))
            case (let o?, nil): out.append(FileChange(kind: .removed, role: role, path: path, old: content(o), new: nil))
            case (let o?, let n?):
                // Where both sides know a SHA-256 it decides; else the MD5s are compared.
                let differs = (o.sha256 != nil && n.sha256 != nil) ? o.sha256 != n.sha256 : (o.md5 != n.md5 || o.size != n.size)
                if differs { out.append(FileChange(kind: .changed, role: role, path: path, old: content(o), new: content(n))) }
            default: break
            }
        }
        return out
    }
}

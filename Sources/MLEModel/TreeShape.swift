/// Checks, entry by entry, that a set of paths can be materialized as one directory tree
/// without losing an entry or writing outside it.
///
/// An archive or a manifest is a list of names; a directory on disk is a tree. The two
/// disagree when a name appears twice (the later file silently replaces the earlier), when
/// two names differ only in Unicode normalisation (`café` composed and decomposed: one file
/// on macOS, and the same key in a Swift dictionary), when a name is both a file and a folder,
/// when an entry lies below a symlink (writing it would follow the link), or when names exceed
/// what the file system accepts. `TreeShape` refuses each of these when the entry is added, so
/// the error names it, and ``finish()`` resolves every symlink against the finished tree, as
/// the kernel would, refusing links that leave the root or loop.
///
/// ```swift
/// var shape = TreeShape()
/// try shape.add("a/l1", kind: .symlink(target: ".."))
/// try shape.add("b", kind: .symlink(target: "a/l1/.."))
/// try shape.finish()   // throws: 'b' resolves outside the tree
/// ```
public struct TreeShape: Sendable {
    public enum Kind: Sendable, Equatable {
        case file
        case directory
        case symlink(target: String)
    }

    /// Why an entry cannot be part of the tree.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "'\(path)' \(reason)" }
    }

    /// The longest name of one component (Linux's NAME_MAX).
    public static let maxComponentBytes = 255
    /// The longest path inside a tree: PATH_MAX (4096) less room for the folder it is exported to.
    public static let maxPathBytes = 3072
    /// Links followed while resolving one symlink before it counts as a loop (Linux's limit).
    public static let maxLinkHops = 40

    private struct Node: Sendable {
        /// The name as given: Swift's `String` compares canonically, so a lookup that finds a
        /// node whose bytes differ has found a normalisation twin.
        var name: String
        var kind: Kind
    }

    private var nodes: [String: Node] = [:]
    private var symlinks: [String] = []
    /// Whether symlinks must resolve inside the tree (archives); a tree added from a local
    /// folder may keep links to elsewhere, since export recreates them without following them.
    public var linksMustStayInside: Bool

    public init(linksMustStayInside: Bool = true) {
        self.linksMustStayInside = linksMustStayInside
    }

    /// Whether `path` was added as a regular file (hard links must point at one).
    public func isFile(_ path: String) -> Bool {
        nodes[path]?.kind == .file
    }

    /// Adds one entry; `path` is relative, `/`-separated, without `.` or `..` components.
    public mutating func add(_ path: String, kind: Kind) throws(Problem) {
        let problem = { (reason: String) in Problem(path: path, reason: reason) }
        if path.utf8.count > Self.maxPathBytes {
            throw problem("is longer than \(Self.maxPathBytes) bytes, more than a file system can hold below a folder")
        }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        var prefix = ""
        for (i, component) in components.enumerated() {
            if component.isEmpty || component == "." || component == ".." {
                throw problem("has an empty, '.' or '..' component")
            }
            if component.utf8.count > Self.maxComponentBytes {
                throw problem("has a name longer than \(Self.maxComponentBytes) bytes")
            }
            if i > 0 { prefix += "/" }
            prefix += component
            let isLeaf = i == components.count - 1
            if let existing = nodes[prefix] {
                if !existing.name.utf8.elementsEqual(prefix.utf8) {
                    throw problem("differs from the earlier entry '\(existing.name)' only in Unicode normalisation")
                }
                switch (existing.kind, isLeaf ? kind : .directory) {
                case (.directory, .directory):
                    continue
                case (.directory, _):
                    throw problem("is both a file and a folder")
                case (_, .directory) where !isLeaf:
                    if case .symlink = existing.kind {
                        throw problem("lies below the symlink '\(prefix)'; writing it would follow the link")
                    }
                    throw problem("lies below '\(prefix)', which is a file")
                case (_, .directory):
                    throw problem("is both a file and a folder")
                default:
                    throw problem("appears twice")
                }
            }
            nodes[prefix] = Node(name: prefix, kind: isLeaf ? kind : .directory)
        }
        if case .symlink(let target) = kind {
            if target.isEmpty { throw problem("is a symlink with an empty target") }
            if linksMustStayInside && target.hasPrefix("/") {
                throw problem("is a symlink to '\(target)', outside the tree")
            }
            symlinks.append(path)
        }
    }

    /// Resolves every symlink against the whole tree: each must end inside it and not loop.
    public func finish() throws(Problem) {
        guard linksMustStayInside else { return }
        for link in symlinks {
            try resolve(link)
        }
    }

    private func resolve(_ link: String) throws(Problem) {
        guard case .symlink(let target)? = nodes[link]?.kind else { return }
        var stack = link.split(separator: "/").dropLast().map(String.init)
        var pending = target.split(separator: "/").reversed().map(String.init)
        var hops = 0
        while let c = pending.popLast() {
            if c == "." || c.isEmpty { continue }
            if c == ".." {
                if stack.isEmpty {
                    throw Problem(path: link, reason: "is a symlink to '\(target)', which resolves outside the tree")
                }
                stack.removeLast()
                continue
            }
            stack.append(c)
            if case .symlink(let next)? = nodes[stack.joined(separator: "/")]?.kind {
                hops += 1
                if hops > Self.maxLinkHops {
                    throw Problem(path: link, reason: "is a symlink loop (more than \(Self.maxLinkHops) links followed)")
                }
                stack.removeLast()
                if next.hasPrefix("/") {
                    throw Problem(path: link, reason: "is a symlink to '\(target)', which resolves outside the tree")
                }
                pending.append(contentsOf: next.split(separator: "/").reversed().map(String.init))
            }
        }
    }
}

import Foundation

/// One file in a tree.
public struct TreeEntry: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Codable {
        case file = "100644"
        case executable = "100755"
        /// A symbolic link; the blob holds the link target.
        case symlink = "120000"
    }

    /// Relative path with `/` separators, no `.`/`..` components.
    public var path: String
    public var mode: Mode
    public var size: Int64
    public var object: ObjectID

    public init(path: String, mode: Mode, size: Int64, object: ObjectID) {
        self.path = path
        self.mode = mode
        self.size = size
        self.object = object
    }
}

/// A directory as a canonical, sorted list of entries.
///
/// The encoding is text so that people can read it with `mlepkg store cat`:
///
/// ```text
/// mlepkg-tree 1
/// 100644 2400 4f0c…e1 train.csv
/// 100644 511 9a2b…07 train/1/geometry.xyz
/// ```
///
/// Entries are sorted by the UTF-8 bytes of their path; backslashes and newlines in
/// paths are escaped, so every tree has exactly one encoding and one id.
public struct TreeManifest: Sendable, Hashable {
    public private(set) var entries: [TreeEntry]

    public init(entries: [TreeEntry]) {
        let precedes = { (a: TreeEntry, b: TreeEntry) in a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        // A decoded manifest is already in order: checking costs n comparisons, sorting n log n.
        let sorted = zip(entries, entries.dropFirst()).allSatisfy { !precedes($1, $0) }
        self.entries = sorted ? entries : entries.sorted(by: precedes)
    }

    public var totalSize: Int64 { entries.reduce(0) { $0 + $1.size } }

    public static let header = "mlepkg-tree 1"

    public func encoded() -> Data {
        var text = Self.header + "\n"
        for e in entries {
            text += "\(e.mode.rawValue) \(e.size) \(e.object.hex) \(Self.escape(e.path))\n"
        }
        return Data(text.utf8)
    }

    public static func decode(_ data: Data) throws -> TreeManifest {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelError.invalidManifest(line: 1, reason: "not UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header else {
            throw ModelError.invalidManifest(line: 1, reason: "expected '\(header)'")
        }
        if lines.last == "" { lines.removeLast() }
        var entries: [TreeEntry] = []
        for (i, line) in lines.enumerated().dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let mode = TreeEntry.Mode(rawValue: String(parts[0])),
                  let size = Int64(parts[1]), size >= 0
            else {
                throw ModelError.invalidManifest(line: i + 1, reason: "expected 'MODE SIZE HEX PATH'")
            }
            let id = try ObjectID(hex: String(parts[2]))
            entries.append(TreeEntry(path: unescape(String(parts[3])), mode: mode, size: size, object: id))
        }
        return TreeManifest(entries: entries)
    }

    static func escape(_ path: String) -> String {
        path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ s: String) -> String {
        if !s.utf8.contains(UInt8(ascii: "\\")) { return s }
        var out = ""
        var it = s.makeIterator()
        while let c = it.next() {
            if c == "\\", let n = it.next() {
                out.append(n == "n" ? "\n" : n)
            } else {
                out.append(c)
            }
        }
        return out
    }
}

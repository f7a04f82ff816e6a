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

    /// Reads a manifest; the inverse of ``encoded()``.
    ///
    /// Lines and fields are split on bytes, not on Swift `Character`s: "\r\n" is one
    /// Character, and so is a space followed by a combining mark, so a path ending in "\r" or
    /// starting with a combining accent would otherwise merge two entries or split none.
    public static func decode(_ data: Data) throws -> TreeManifest {
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw ModelError.invalidManifest(line: 1, reason: "not UTF-8")
        }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard let first = lines.first, first.elementsEqual(header.utf8) else {
            throw ModelError.invalidManifest(line: 1, reason: "expected '\(header)'")
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var entries: [TreeEntry] = []
        for (i, line) in lines.enumerated().dropFirst() {
            let parts = line.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
            let text = { (b: ArraySlice<UInt8>) in String(decoding: b, as: UTF8.self) }
            guard parts.count == 4, let mode = TreeEntry.Mode(rawValue: text(parts[0])),
                  let size = Int64(text(parts[1])), size >= 0
            else {
                throw ModelError.invalidManifest(line: i + 1, reason: "expected 'MODE SIZE HEX PATH'")
            }
            let id = try ObjectID(hex: text(parts[2]))
            entries.append(TreeEntry(path: unescape(parts[3]), mode: mode, size: size, object: id))
        }
        return TreeManifest(entries: entries)
    }

    /// A backslash becomes two backslashes and a newline a backslash and `n`, byte by byte (see ``decode(_:)``).
    static func escape(_ path: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for b in path.utf8 {
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of ``escape(_:)``: a backslash and `n` is a newline, a backslash and any other byte that byte.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x5C, i + 1 < bytes.endIndex {
                out.append(bytes[i + 1] == UInt8(ascii: "n") ? 0x0A : bytes[i + 1])
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

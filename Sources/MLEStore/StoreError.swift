import Foundation
import MLEModel

/// Everything that can go wrong inside the store.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// Bytes hashed to something other than what the caller pinned.
    case hashMismatch(expected: ObjectID, actual: ObjectID, size: Int64)
    case notFound(ObjectID)
    case notATree(ObjectID)
    case corruptObject(ObjectID, path: String)
    case sourceChanged(path: String)
    case unsupportedFile(path: String, reason: String)
    case exportConflict(path: String)
    /// A tree that cannot be materialized as a folder (see `TreeShape`).
    case unexportable(ObjectID, String)
    case index(String)

    public var description: String {
        switch self {
        case .hashMismatch(let e, let a, let size):
            return "hash mismatch: expected \(e), got \(a) (\(size) bytes)"
        case .notFound(let id):
            return "object \(id) is not in the store"
        case .notATree(let id):
            return "object \(id) is a blob, expected a tree"
        case .corruptObject(let id, let path):
            return "object \(id) is corrupt: '\(path)' no longer hashes to its name; run 'mlepkg fsck' and fetch it again"
        case .sourceChanged(let path):
            return "'\(path)' changed while it was being added; try again once nothing writes to it"
        case .unsupportedFile(let path, let reason):
            return "cannot add '\(path)': \(reason)"
        case .exportConflict(let path):
            return "cannot export: '\(path)' exists and is not a directory"
        case .unexportable(let id, let reason):
            return "cannot export tree \(id): \(reason)"
        case .index(let message):
            return "store index: \(message)"
        }
    }
}

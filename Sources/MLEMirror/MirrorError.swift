import Foundation
import MLEModel

/// Why a mirror transfer failed, naming the remote path it is about.
public enum MirrorError: Error, CustomStringConvertible, Sendable {
    /// The remote has no such file (an incomplete mirror).
    case missing(remote: String, path: String)
    /// Bytes from the remote are not the object they are named after; nothing was stored.
    case corrupt(remote: String, path: String, object: ObjectID, actual: ObjectID)
    /// The remote cannot be written (a web server).
    case readOnly(String)
    case invalidRemote(String, reason: String)
    /// Push needs objects this store does not hold.
    case notInLocalStore(object: ObjectID, what: String)
    case invalidLayout(remote: String, path: String, reason: String)
    case invalidLock(file: String, reason: String)
    /// Several transfers failed; each is named.
    case several([MirrorError])

    public var description: String {
        switch self {
        case .missing(let remote, let path):
            return "mirror '\(remote)' lacks '\(path)': push the lock to it again, or pull from another mirror"
        case .corrupt(let remote, let path, let object, let actual):
            return "mirror '\(remote)': '\(path)' holds corrupt bytes for \(object) (got \(actual)); refused, nothing was stored"
        case .readOnly(let remote):
            return "mirror '\(remote)' is read-only (an HTTP server); push to a folder or an s3:// bucket"
        case .invalidRemote(let remote, let reason):
            return "invalid mirror '\(remote)': \(reason)"
        case .notInLocalStore(let object, let what):
            return "the local store lacks \(object) (\(what)): build or pull it before pushing"
        case .invalidLayout(let remote, let path, let reason):
            return "mirror '\(remote)': '\(path)': \(reason)"
        case .invalidLock(let file, let reason):
            return "\(file): \(reason)"
        case .several(let errors):
            return errors.prefix(5).map(\.description).joined(separator: "; ")
                + (errors.count > 5 ? "; and \(errors.count - 5) more" : "")
        }
    }

    /// Corrupt bytes get the integrity exit code; a missing object is "source unavailable".
    public var isIntegrityFailure: Bool {
        switch self {
        case .corrupt: return true
        case .several(let errors): return errors.contains { $0.isIntegrityFailure }
        default: return false
        }
    }
}

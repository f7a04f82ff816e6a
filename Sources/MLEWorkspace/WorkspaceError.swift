import Foundation
import MLEModel

/// Failures of whole operations, each naming the file or URL it is about.
public enum WorkspaceError: Error, CustomStringConvertible, Sendable {
    /// Downloaded or found bytes are not the pinned ones.
    case integrity(source: String, expected: ObjectID, actual: ObjectID, detail: String)
    case sizeMismatch(source: String, expected: Int64, actual: Int64, detail: String)
    case notInStore(source: String, hint: String)
    case invalidConfig(path: String, reason: String)
    case pathNotFound(String)
    case noRegistry(searched: [String])
    case noDataDirectory

    public var description: String {
        switch self {
        case .integrity(let source, let expected, let actual, let detail):
            return "'\(source)': \(detail): expected \(expected), got \(actual); nothing was stored"
        case .sizeMismatch(let source, _, _, let detail):
            return "'\(source)': \(detail); nothing was stored"
        case .notInStore(let source, let hint):
            return "'\(source)' is not in the store\(hint.isEmpty ? "" : ": \(hint)")"
        case .invalidConfig(let path, let reason):
            return "invalid config '\(path)': \(reason)"
        case .pathNotFound(let p):
            return "'\(p)': no such file or directory"
        case .noRegistry(let searched):
            return "no recipe registry found (looked in \(searched.map { "'\($0)'" }.joined(separator: ", "))): pass --registry DIR, set MLEPKG_REGISTRY, or put \"registry\" in config.json; 'make install' installs it in PREFIX/share/mlepkg/registry"
        case .noDataDirectory:
            return "no data directory: pass --data-dir DIR, set MLEPKG_DATA_DIR, or put \"data_dir\" in config.json"
        }
    }

    /// Integrity failures get their own exit code so scripts can tell them from network trouble.
    public var isIntegrityFailure: Bool {
        switch self {
        case .integrity, .sizeMismatch: return true
        default: return false
        }
    }
}

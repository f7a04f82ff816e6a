import Foundation

/// The address of an object in the store: `sha256:<64 lowercase hex digits>`.
///
/// A blob's id is the SHA-256 of its bytes; a tree's id is the SHA-256 of its
/// canonical manifest (see ``TreeManifest``), so a whole dataset has one id.
public struct ObjectID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    public init(hex: String) throws {
        let lower = hex.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw ModelError.invalidDigest(hex)
        }
        self.hex = lower
    }

    /// Parses `sha256:<hex>` or bare hex.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("sha256:") {
            try self.init(hex: String(trimmed.dropFirst(7)))
        } else {
            try self.init(hex: trimmed)
        }
    }

    /// Used where the hex was just computed by OpenSSL and is known to be well formed.
    public init(trustedHex: String) { self.hex = trustedHex }

    public var description: String { "sha256:\(hex)" }

    public static func < (a: ObjectID, b: ObjectID) -> Bool { a.hex < b.hex }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// What an object is.
public enum ObjectKind: String, Sendable, Codable {
    case blob, tree
}

public enum ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidDigest(String)
    case invalidManifest(line: Int, reason: String)
    case invalidSource(String, reason: String)

    public var description: String {
        switch self {
        case .invalidDigest(let s):
            return "invalid digest '\(s)': expected 'sha256:' followed by 64 hex digits"
        case .invalidManifest(let line, let reason):
            return "invalid tree manifest at line \(line): \(reason)"
        case .invalidSource(let s, let reason):
            return "invalid source '\(s)': \(reason)"
        }
    }
}

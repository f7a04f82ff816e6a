import Foundation

/// Where mlepkg keeps its data, configuration and caches (XDG Base Directory spec).
///
/// `MLEPKG_HOME` overrides the data root: tests and CI point it at a temporary
/// directory so they never touch a user's store.
public struct MLEPaths: Sendable, Equatable {
    /// The store root: objects, index, temporary files.
    public var home: String
    /// The directory holding `config.json`.
    public var configDirectory: String

    public init(home: String, configDirectory: String) {
        self.home = home
        self.configDirectory = configDirectory
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> MLEPaths {
        let userHome = env["HOME"] ?? NSHomeDirectory()
        let dataRoot = nonEmpty(env["XDG_DATA_HOME"]) ?? "\(userHome)/.local/share"
        let configRoot = nonEmpty(env["XDG_CONFIG_HOME"]) ?? "\(userHome)/.config"
        let home = nonEmpty(env["MLEPKG_HOME"]) ?? "\(dataRoot)/mlepkg"
        let config = nonEmpty(env["MLEPKG_CONFIG_DIR"]) ?? "\(configRoot)/mlepkg"
        return MLEPaths(home: home, configDirectory: config)
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}

/// Names that come from files mlepkg did not write (recipes, lockfiles, manifests) and are
/// joined onto a directory: they must stay inside it.
public enum SafeName {
    /// A relative path of plain components: not empty, no leading `/`, no `.`/`..` or empty
    /// components, no NUL or control characters.
    public static func isRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path.utf8.count <= 4096 else { return false }
        // One pass over the bytes (a lock checks 100,000 paths): no control character, and
        // each part between slashes not empty, '.', '..' or over 255 bytes.
        var partLength = 0, dots = 0
        for b in path.utf8 {
            if b < 0x20 || b == 0x7f { return false }
            if b == UInt8(ascii: "/") {
                if partLength == 0 || partLength == dots && dots <= 2 { return false }
                partLength = 0; dots = 0
            } else {
                partLength += 1
                if b == UInt8(ascii: ".") { dots += 1 }
                if partLength > 255 { return false }
            }
        }
        return partLength > 0 && !(partLength == dots && dots <= 2)
    }

    /// A competition id as Kaggle spells slugs: letters, digits, `-`, `_` and `.`, starting
    /// with a letter or digit (so never `..` or a path).
    public static func isCompetitionID(_ id: String) -> Bool {
        func alphanumeric(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }
        guard let first = id.unicodeScalars.first, alphanumeric(first), id.utf8.count <= 128 else { return false }
        return id.unicodeScalars.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}

/// This build of mlepkg, as lockfiles and reports record it.
public enum MLEPkgInfo {
    public static let version = "0.1.0"
}

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

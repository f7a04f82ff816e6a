import Foundation
import MLEBasics
import MLEFetch

/// Settings from the environment and `config.json`, resolved once per command.
///
/// `$XDG_CONFIG_HOME/mlepkg/config.json` (all keys optional):
///
/// ```json
/// { "distdir": ["/mnt/kaggle-drop"], "mirrors": ["https://mirror.example/mlepkg"],
///   "kaggle_api": "https://www.kaggle.com/api/v1", "jobs": 4 }
/// ```
///
/// Environment variables win over the file: `MLEPKG_HOME`, `MLEPKG_OFFLINE=1`,
/// `MLEPKG_DISTDIR` (colon-separated), `MLEPKG_MIRRORS`, `MLEPKG_KAGGLE_API`.
public struct WorkspaceConfiguration: Sendable {
    public var paths: MLEPaths
    public var distdirs: [String]
    /// Mirrors (folders, http(s)://, s3://) tried first for what a lock needs
    /// (`mirrors` in the config, `MLEPKG_MIRRORS`, comma- or space-separated).
    public var mirrors: [String] = []
    /// Ed25519 public keys (PEM files) a pulled lock must be signed by (`trusted_keys` in the
    /// config, `MLEPKG_TRUSTED_KEYS`, colon-separated). Empty: signatures are not required.
    public var trustedKeys: [String] = []
    public var offline: Bool
    public var kaggle: KaggleSource
    public var retry: RetryPolicy
    public var jobs: Int
    /// The recipe registry (`--registry`, `MLEPKG_REGISTRY`, `./registry`, or the one installed
    /// beside the executable).
    public var registryDirectory: String
    /// For Kaggle credentials (`KAGGLE_USERNAME`, `KAGGLE_KEY`, `KAGGLE_CONFIG_DIR`, `HOME`).
    public var environment: [String: String]

    public init(paths: MLEPaths, distdirs: [String] = [], offline: Bool = false,
                kaggle: KaggleSource = KaggleSource(), retry: RetryPolicy = RetryPolicy(),
                jobs: Int = 4, environment: [String: String] = [:]) {
        self.paths = paths
        self.distdirs = distdirs
        self.offline = offline
        self.kaggle = kaggle
        self.retry = retry
        self.jobs = jobs
        self.environment = environment
        self.registryDirectory = Self.defaultRegistry(environment: environment)
    }

    static func defaultRegistry(environment env: [String: String]) -> String {
        if let r = env["MLEPKG_REGISTRY"], !r.isEmpty { return r }
        let cwd = FileManager.default.currentDirectoryPath + "/registry"
        if FileIO.isDirectory(cwd) { return cwd }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in ["../share/mlepkg/registry", "../../../registry", "../../registry"] {
            let p = exe.appendingPathComponent(candidate).standardized.path
            if FileIO.isDirectory(p) { return p }
        }
        return cwd
    }

    public static func load(environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> WorkspaceConfiguration {
        let paths = MLEPaths.fromEnvironment(env)
        var config = WorkspaceConfiguration(paths: paths, environment: env)
        let file = "\(paths.configDirectory)/config.json"
        if let data = FileManager.default.contents(atPath: file) {
            let parsed: ConfigFile
            do {
                parsed = try JSONDecoder().decode(ConfigFile.self, from: data)
            } catch {
                throw WorkspaceError.invalidConfig(path: file, reason: Self.describe(error))
            }
            config.distdirs = parsed.distdir ?? []
            config.mirrors = parsed.mirrors ?? []
            config.trustedKeys = parsed.trusted_keys ?? []
            if let api = parsed.kaggle_api { config.kaggle = KaggleSource(apiBase: api) }
            if let jobs = parsed.jobs { config.jobs = max(1, jobs) }
            if let offline = parsed.offline { config.offline = offline }
        }
        if let d = env["MLEPKG_DISTDIR"], !d.isEmpty {
            config.distdirs = d.split(separator: ":").map(String.init)
        }
        if let k = env["MLEPKG_TRUSTED_KEYS"], !k.isEmpty { config.trustedKeys = k.split(separator: ":").map(String.init) }
        if let m = env["MLEPKG_MIRRORS"], !m.isEmpty {
            config.mirrors = m.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        }
        if let api = env["MLEPKG_KAGGLE_API"], !api.isEmpty { config.kaggle = KaggleSource(apiBase: api) }
        if let o = env["MLEPKG_OFFLINE"] { config.offline = !["", "0", "false", "no"].contains(o.lowercased()) }
        if let delay = env["MLEPKG_RETRY_BASE_DELAY"].flatMap(Double.init) { config.retry.baseDelay = delay }
        if let stall = env["MLEPKG_STALL_TIMEOUT"].flatMap(Int.init) { config.retry.stallTimeout = stall }
        return config
    }

    struct ConfigFile: Decodable {
        var distdir: [String]?
        var mirrors: [String]?
        var trusted_keys: [String]?
        var kaggle_api: String?
        var jobs: Int?
        var offline: Bool?
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong type at '\(c.codingPath.map(\.stringValue).joined(separator: "."))': \(c.debugDescription)"
        case DecodingError.dataCorrupted(let c):
            return "not valid JSON: \(c.underlyingError.map { "\($0)" } ?? c.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

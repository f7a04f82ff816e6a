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
/// `MLEPKG_DISTDIR` (colon-separated), `MLEPKG_KAGGLE_API`.
public struct WorkspaceConfiguration: Sendable {
    public var paths: MLEPaths
    public var distdirs: [String]
    public var offline: Bool
    public var kaggle: KaggleSource
    public var retry: RetryPolicy
    public var jobs: Int
    /// The most a fetch without `--size` may write (`max_download_size` in the config,
    /// `MLEPKG_MAX_DOWNLOAD_SIZE`; bytes, or with a K/M/G/T suffix): an endless body stops here.
    public var maxDownloadSize: Int64 = 256 << 30
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
            if let api = parsed.kaggle_api { config.kaggle = KaggleSource(apiBase: api) }
            if let jobs = parsed.jobs { config.jobs = max(1, jobs) }
            if let offline = parsed.offline { config.offline = offline }
            if let max = parsed.max_download_size?.text {
                guard let bytes = Self.parseSize(max) else {
                    throw WorkspaceError.invalidConfig(path: file, reason: "max_download_size '\(max)' is not a size (bytes, or a number with K, M, G or T)")
                }
                config.maxDownloadSize = bytes
            }
        }
        if let max = env["MLEPKG_MAX_DOWNLOAD_SIZE"], !max.isEmpty {
            guard let bytes = Self.parseSize(max) else {
                throw WorkspaceError.invalidConfig(path: "MLEPKG_MAX_DOWNLOAD_SIZE", reason: "'\(max)' is not a size (bytes, or a number with K, M, G or T)")
            }
            config.maxDownloadSize = bytes
        }
        if let d = env["MLEPKG_DISTDIR"], !d.isEmpty {
            config.distdirs = d.split(separator: ":").map(String.init)
        }
        if let api = env["MLEPKG_KAGGLE_API"], !api.isEmpty { config.kaggle = KaggleSource(apiBase: api) }
        if let o = env["MLEPKG_OFFLINE"] { config.offline = !["", "0", "false", "no"].contains(o.lowercased()) }
        if let delay = env["MLEPKG_RETRY_BASE_DELAY"].flatMap(Double.init) { config.retry.baseDelay = delay }
        if let stall = env["MLEPKG_STALL_TIMEOUT"].flatMap(Int.init) { config.retry.stallTimeout = stall }
        return config
    }

    struct ConfigFile: Decodable {
        var distdir: [String]?
        var kaggle_api: String?
        var jobs: Int?
        var offline: Bool?
        var max_download_size: SizeText?
    }

    /// A size written as a JSON number or a string such as "64G".
    struct SizeText: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int64.self) { text = String(n) } else { text = try c.decode(String.self) }
        }
    }

    /// `1048576`, `512M`, `64G`: binary multiples, positive.
    static func parseSize(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let shifts: [Character: Int64] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var digits = Substring(t)
        var shift: Int64 = 0
        if let last = t.last, let s = shifts[last] { shift = s; digits = t.dropLast() }
        guard let n = Int64(digits), n > 0, n <= Int64.max >> shift else { return nil }
        return n << shift
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

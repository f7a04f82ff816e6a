import Foundation
import MLEBasics
import MLEFetch

/// Settings from the environment and `config.json`, resolved once per command.
///
/// `$XDG_CONFIG_HOME/mlepkg/config.json` (all keys optional):
///
/// ```json
/// { "data_dir": "/data/mle-bench", "registry": "/opt/mlepkg/registry",
///   "distdir": ["/mnt/kaggle-drop"], "kaggle_api": "https://www.kaggle.com/api/v1",
///   "jobs": 4, "offline": false }
/// ```
///
/// Environment variables win over the file: `MLEPKG_HOME`, `MLEPKG_OFFLINE=1`,
/// `MLEPKG_DISTDIR` (colon-separated), `MLEPKG_KAGGLE_API`, `MLEPKG_MIRRORS`, `MLEPKG_DATA_DIR`,
/// `MLEPKG_REGISTRY`. An unknown key in the file is an error, so a typo is never ignored.
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
    /// The most a fetch without `--size` may write (`max_download_size` in the config,
    /// `MLEPKG_MAX_DOWNLOAD_SIZE`; bytes, or with a K/M/G/T suffix): an endless body stops here.
    public var maxDownloadSize: Int64 = 256 << 30
    /// The recipe registry (`--registry`, `MLEPKG_REGISTRY`, `./registry`, or the one installed
    /// beside the executable).
    public var registryDirectory: String
    /// Where it was looked for when no registry was found (for the error that says so).
    public var registrySearched: [String] = []
    /// MLE-bench's data directory (`DATA_DIR/<id>/prepared/…`) when a command is given none.
    public var dataDirectory: String?
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
        (self.registryDirectory, self.registrySearched) = Self.defaultRegistry(environment: environment)
    }

    /// The registry when none is named: `./registry` when it holds recipes, then the one
    /// installed beside the executable (`PREFIX/share/mlepkg/registry`, or the package's own
    /// when run from a checkout's `.build`), then `$XDG_DATA_HOME/mlepkg/registry`.
    static func defaultRegistry(environment env: [String: String]) -> (String, [String]) {
        if let r = env["MLEPKG_REGISTRY"], !r.isEmpty { return (r, [r]) }
        var candidates = [FileManager.default.currentDirectoryPath + "/registry"]
        // /proc/self/exe, not argv[0]: a program started through PATH has a bare name there.
        let exePath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        let exe = URL(fileURLWithPath: exePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in ["../share/mlepkg/registry", "../../../registry", "../../registry"] {
            candidates.append(exe.appendingPathComponent(candidate).standardized.path)
        }
        candidates.append(MLEPaths.fromEnvironment(env).home + "/registry")
        for c in candidates where FileIO.exists("\(c)/README.md") || Self.holdsRecipes(c) { return (c, candidates) }
        return (candidates[0], candidates)
    }

    static func holdsRecipes(_ dir: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return false }
        return names.contains { FileIO.exists("\(dir)/\($0)/recipe.toml") }
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
            if let keys = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
               let unknown = keys.keys.sorted().first(where: { !ConfigFile.keys.contains($0) }) {
                throw WorkspaceError.invalidConfig(path: file, reason: "unknown key '\(unknown)' (expected one of \(ConfigFile.keys.sorted().joined(separator: ", ")))")
            }
            if let r = parsed.registry, env["MLEPKG_REGISTRY"]?.isEmpty ?? true {
                config.registryDirectory = r
                config.registrySearched = [r]
            }
            config.dataDirectory = parsed.data_dir
            config.distdirs = parsed.distdir ?? []
            config.mirrors = parsed.mirrors ?? []
            config.trustedKeys = parsed.trusted_keys ?? []
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
        if let k = env["MLEPKG_TRUSTED_KEYS"], !k.isEmpty { config.trustedKeys = k.split(separator: ":").map(String.init) }
        if let m = env["MLEPKG_MIRRORS"], !m.isEmpty {
            config.mirrors = m.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        }
        if let api = env["MLEPKG_KAGGLE_API"], !api.isEmpty { config.kaggle = KaggleSource(apiBase: api) }
        if let d = env["MLEPKG_DATA_DIR"], !d.isEmpty { config.dataDirectory = d }
        if let o = env["MLEPKG_OFFLINE"] { config.offline = !["", "0", "false", "no"].contains(o.lowercased()) }
        if let delay = env["MLEPKG_RETRY_BASE_DELAY"].flatMap(Double.init) { config.retry.baseDelay = delay }
        if let stall = env["MLEPKG_STALL_TIMEOUT"].flatMap(Int.init) { config.retry.stallTimeout = stall }
        return config
    }

    struct ConfigFile: Decodable {
        static let keys: Set<String> = ["distdir", "kaggle_api", "jobs", "offline", "data_dir", "registry", "mirrors", "max_download_size", "trusted_keys"]
        var data_dir: String?
        var registry: String?
        var mirrors: [String]?
        var distdir: [String]?
        var trusted_keys: [String]?
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

import Foundation
import MLEBasics
import MLERunner

/// An agent: a folder with `start.sh` (MLE-bench's convention) and an optional `agent.toml`.
///
/// ```toml
/// image = "image.tar"                   # root filesystem: a `docker save` tarball (default: the host's)
/// gpus = 1                              # GPUs each attempt wants (--gpus-per-attempt wins)
/// secrets = ["OPENAI_API_KEY"]          # passed from mlepkg's environment; values never recorded
/// [env]
/// MODEL = "gpt-4o"
/// [network]
/// allow = ["api.openai.com:443"]        # reached through mlepkg's proxy; everything else refused
/// [mounts]
/// "/opt/conda" = "/opt/conda"           # host folder = folder inside, read-only
/// ```
public struct AgentManifest: Sendable, Equatable {
    public var directory: String
    public var environment: [String: String] = [:]
    public var secrets: [String] = []
    public var gpus: Int?
    public var networkAllow: [String] = []
    public var mounts: [SandboxSpec.Mount] = []
    /// A container image for the root filesystem (absolute, or relative to the agent's folder).
    public var image: String?

    public static let fileName = "agent.toml"

    public init(directory: String) { self.directory = directory }

    /// Reads `DIR/agent.toml` when there is one; checks that `DIR/start.sh` exists.
    public static func load(directory: String) throws -> AgentManifest {
        let dir = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        guard FileIO.isDirectory(dir) else { throw RunError.invalidAgent(path: dir, reason: "not a folder") }
        guard FileIO.exists("\(dir)/start.sh") else { throw RunError.invalidAgent(path: dir, reason: "it has no start.sh") }
        var m = AgentManifest(directory: URL(fileURLWithPath: dir).standardizedFileURL.path)
        let path = "\(dir)/\(fileName)"
        guard FileIO.exists(path) else { return m }
        func fail(_ line: Int, _ reason: String) -> RunError { .invalidAgent(path: "\(path)\(line > 0 ? ":\(line)" : "")", reason: reason) }
        let table: TOMLTable
        do { table = try TOMLParser.parse(try String(contentsOfFile: path, encoding: .utf8)) } catch let e as TOMLError {
            throw fail(e.line, e.message)
        } catch { throw fail(0, "cannot read it: \(error)") }
        func strings(_ value: TOMLValue, _ key: String, _ line: Int) throws -> [String] {
            guard case .array(let items) = value else { throw fail(line, "'\(key)': expected an array of strings, got \(value.typeName)") }
            return try items.map {
                guard case .string(let s) = $0 else { throw fail(line, "'\(key)': expected strings, got \($0.typeName)") }
                return s
            }
        }
        func stringTable(_ value: TOMLValue, _ key: String, _ line: Int) throws -> [(String, String)] {
            guard case .table(let t) = value else { throw fail(line, "'\(key)': expected a table, got \(value.typeName)") }
            return try t.keys.map { k in
                guard case .string(let s) = t[k]! else { throw fail(t.lines[k] ?? line, "'\(key).\(k)': expected a string, got \(t[k]!.typeName)") }
                return (k, s)
            }
        }
        for key in table.keys {
            let value = table[key]!, line = table.lines[key] ?? 0
            switch key {
            case "gpus":
                guard case .integer(let n) = value, n >= 0 else { throw fail(line, "'gpus': expected a count, got \(value)") }
                m.gpus = Int(n)
            case "image":
                guard case .string(let i) = value, !i.isEmpty else { throw fail(line, "'image': expected a path, got \(value.typeName)") }
                m.image = i.hasPrefix("/") ? i : "\(m.directory)/\(i)"
            case "secrets":
                m.secrets = try strings(value, key, line)
            case "env":
                for (k, v) in try stringTable(value, key, line) { m.environment[k] = v }
            case "network":
                guard case .table(let t) = value else { throw fail(line, "'network': expected a table") }
                for k in t.keys {
                    guard k == "allow" else { throw fail(t.lines[k] ?? line, "unknown key 'network.\(k)' (expected 'allow')") }
                    m.networkAllow = try strings(t[k]!, "network.allow", t.lines[k] ?? line)
                }
            case "mounts":
                for (host, inside) in try stringTable(value, key, line) {
                    guard host.hasPrefix("/"), inside.hasPrefix("/") else { throw fail(line, "'mounts': expected absolute paths, got '\(host)' = '\(inside)'") }
                    m.mounts.append(.init(source: host, target: inside, writable: false))
                }
            default:
                throw fail(line, "unknown key '\(key)' (expected image, gpus, secrets, env, network, mounts)")
            }
        }
        return m
    }
}

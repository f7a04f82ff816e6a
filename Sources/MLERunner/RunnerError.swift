import Foundation

/// Why a sandboxed run could not be set up. Once a run has started, its end is an
/// ``ExitReason``, not an error.
public enum RunnerError: Error, Sendable, CustomStringConvertible {
    case noSandbox(reason: String)
    case missingPath(String, role: String)
    case spawnFailed(String, code: Int32)
    case sandboxSetup(String)
    case limits(String)
    case network(String)

    public var description: String {
        switch self {
        case .noSandbox(let r):
            return "cannot sandbox the run: \(r); mlepkg never runs an agent unsandboxed"
        case .missingPath(let p, let role):
            return "'\(p)' (\(role)) does not exist"
        case .spawnFailed(let what, let code):
            return "cannot start '\(what)': \(String(cString: strerror(code)))"
        case .sandboxSetup(let r):
            return "the sandbox did not start: \(r)"
        case .limits(let r):
            return "cannot apply the resource limits: \(r)"
        case .network(let r):
            return "cannot set up the sandbox's network: \(r)"
        }
    }
}

import ArgumentParser
import Foundation
import MLEArchive
import MLEBasics
import MLEBuild
import MLECatalog
import MLEFetch
import MLEMirror
import MLEModel
import MLEReport
import MLEStore
import MLEWorkspace

/// Exit codes shared by every command (documented in `mlepkg --help`).
enum Exit {
    static let failure = ExitCode(1)
    static let integrity = ExitCode(3)
    static let unavailable = ExitCode(4)
}

/// Shared setup for commands: configuration, workspace, output streams, error reporting.
struct CommandState {
    let workspace: Workspace
    let output: TerminalOutput

    /// The state of a command that reads the registry: `--registry` over the configuration's.
    static func make(quiet: Bool = false, json: Bool = false, registry: RegistryOption) throws -> CommandState {
        try make(quiet: quiet, json: json) { c in if let r = registry.registry { c.registryDirectory = r } }
    }

    /// Loads configuration, applies command-line overrides, and opens the workspace.
    static func make(quiet: Bool = false, json: Bool = false,
                     configure: (inout WorkspaceConfiguration) -> Void = { _ in }) throws -> CommandState {
        let output = TerminalOutput(quiet: quiet || json, json: json)
        do {
            var configuration = try WorkspaceConfiguration.load()
            configure(&configuration)
            let workspace = try Workspace(configuration: configuration, delegate: output.progress)
            return CommandState(workspace: workspace, output: output)
        } catch {
            throw output.fail(error)
        }
    }

    /// Runs a command body, turning errors into a one-line message and an exit code.
    func run(_ body: () throws -> Void) throws {
        do { try body() } catch let exit as ExitCode { throw exit } catch { throw output.fail(error) }
    }
}

/// All terminal output. Libraries never print; this is where their results become text.
final class TerminalOutput: Sendable {
    let progress: ProgressRenderer
    /// Under `--json`, errors are printed as JSON on stdout too, so a caller reading stdout
    /// always gets a JSON document.
    let json: Bool

    init(quiet: Bool, json: Bool = false) {
        progress = ProgressRenderer(enabled: !quiet && !json && FileIO.isTerminal(2))
        self.json = json
    }

    func print(_ line: String) {
        progress.clear()
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = ReportJSON.encoder()
        encoder.dateEncodingStrategy = .iso8601
        // One naming style for every command, MLE-bench's (snake_case).
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    func warn(_ line: String) {
        progress.clear()
        FileHandle.standardError.write(Data("warning: \(Self.oneLine(line))\n".utf8))
    }

    /// One warning per cause: twenty competitions without Kaggle credentials are one line
    /// naming the twenty, not twenty copies of the same paragraph.
    func warnGrouped(_ failures: [(id: String, error: any Error)]) {
        var groups: [(message: String, ids: [String], error: any Error)] = []
        for f in failures {
            let message = "\(f.error)".replacingOccurrences(of: f.id, with: "<id>")
            if let i = groups.firstIndex(where: { $0.message == message }) { groups[i].ids.append(f.id) }
            else { groups.append((message, [f.id], f.error)) }
        }
        for g in groups {
            if g.ids.count == 1 { warn("\(g.ids[0]): \(g.error)") }
            else { warn("\(Format.count(g.ids.count, "competition")) (\(g.ids.joined(separator: ", "))): \(g.message)") }
        }
    }

    /// Prints `error: …` and picks the exit code for the error's kind.
    func fail(_ error: any Error) -> ExitCode {
        progress.clear()
        let line = Self.oneLine("\(error)")
        if Self.errorTextWanted(json: json) { FileHandle.standardError.write(Data("error: \(line)\n".utf8)) }
        let code = Self.exitCode(for: error)
        if json { try? printJSON(ErrorJSON(error: line, exitCode: code.rawValue)) }
        return code
    }

    /// Under `--json` an error is a JSON document on stdout. The same error as text on stderr
    /// is for the person watching while a script reads stdout; when stdout is that person's
    /// terminal, the text would only show the error a second time.
    static func errorTextWanted(json: Bool) -> Bool {
        !json || isatty(STDOUT_FILENO) == 0
    }

    /// Messages quote file contents (a field with a newline, say); an error stays one line.
    static func oneLine(_ s: String) -> String {
        guard s.contains(where: \.isNewline) else { return s }
        return s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func exitCode(for error: any Error) -> ExitCode {
        switch error {
        case let e as WorkspaceError where e.isIntegrityFailure: return Exit.integrity
        case StoreError.hashMismatch, StoreError.corruptObject: return Exit.integrity
        case is LockSignatureError: return Exit.integrity
        case let e as MirrorError: return e.isIntegrityFailure ? Exit.integrity : Exit.unavailable
        case is FetchError: return Exit.unavailable
        case is LockMismatchError: return Exit.integrity
        case BuildError.inputMismatch, BuildError.outputMismatch: return Exit.integrity
        default: return Exit.failure
        }
    }
}

/// Numbers and sizes as a person reads them (JSON keeps the exact values).
enum Format {
    /// At most 10 significant digits: `0.6586000000000001` (a median's float noise) reads `0.6586`.
    static func score(_ d: Double) -> String {
        d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : String(format: "%.10g", d)
    }

    static func bytes(_ n: Int64) -> String { ProgressRenderer.bytes(n) }

    /// `1 object`, `2 objects`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}

struct ErrorJSON: Encodable {
    var error: String
    var exitCode: Int32
}

/// A one-line progress bar on stderr, drawn only on a terminal.
final class ProgressRenderer: WorkspaceDelegate, @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var transfers: [String: (bytes: Int64, total: Int64?)] = [:]
    /// When the current group of transfers started, for the rate and the time left.
    private var transferStart = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func fetching(_ source: String, bytes: Int64, total: Int64?) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if transfers.isEmpty { transferStart = Date() }
        transfers[source] = (bytes, total)
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let done = transfers.values.reduce(0) { $0 + $1.bytes }
        let totals = transfers.values.compactMap(\.total)
        let total = totals.count == transfers.count ? totals.reduce(0, +) : nil
        let label = transfers.count == 1 ? (source as NSString).lastPathComponent : "\(Format.count(transfers.count, "file"))"
        let elapsed = now.timeIntervalSince(transferStart)
        var suffix = ""
        if elapsed > 0.5, done > 0 {
            let rate = Double(done) / elapsed
            suffix = "  \(Self.bytes(Int64(rate)))/s"
            if let total, total > done { suffix += "  \(Self.duration((Double(total - done) / rate).rounded(.up))) left" }
        }
        draw(label: label, done: done, total: total, format: Self.bytes, suffix: suffix)
    }

    func retrying(_ source: String, url: String, attempt: Int, after delay: Double, because error: any Error) {
        lock.lock(); defer { lock.unlock() }
        clearLocked()
        FileHandle.standardError.write(Data("retrying \(url) (attempt \(attempt), in \(String(format: "%.1f", delay)) s): \(error)\n".utf8))
    }

    func didFetch(_ source: String, result: FetchResult) {
        lock.lock(); defer { lock.unlock() }
        transfers[source] = nil
        if transfers.isEmpty { clearLocked() }
    }

    func working(_ task: String, done: Int, total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        draw(label: task, done: Int64(done), total: total > 0 ? Int64(total) : nil, format: { "\($0)" })
    }

    func clear() {
        lock.lock(); defer { lock.unlock() }
        clearLocked()
    }

    private func clearLocked() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(min(seconds, 359_999))
        return s >= 3600 ? String(format: "%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String(format: "%dm%02ds", s / 60, s % 60) : "\(s)s"
    }

    private func draw(label: String, done: Int64, total: Int64?, format: (Int64) -> String, suffix: String = "") {
        var line = "\r\u{1B}[K\(label) "
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] "
            line += String(format: "%3d%% ", Int(fraction * 100)) + "\(format(done))/\(format(total))"
        } else {
            line += format(done)
        }
        line += suffix
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    static func bytes(_ n: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(n) B" : "\(String(format: "%.1f", value)) \(units[unit])"
    }
}

extension ObjectID: ExpressibleByArgument {
    public init?(argument: String) {
        try? self.init(parsing: argument)
    }
}

/// A command's own failure (exit 1), for what no library reports: "no ref named 'x'".
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `--registry DIR`, shared by the commands that read recipes.
struct RegistryOption: ParsableArguments {
    @Option(help: "The registry directory (default: MLEPKG_REGISTRY, ./registry, or the installed one).")
    var registry: String?
}

/// Refuses a `--filter` that does not parse while the arguments are read (a usage error).
func validateFilter(_ filter: String?) throws {
    if let filter { do { _ = try SelectionFilter(parsing: filter) } catch { throw ValidationError("\(error)") } }
}

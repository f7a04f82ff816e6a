import ArgumentParser
import Foundation
import MLEArchive
import MLEBasics
import MLEBuild
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

    /// Loads configuration, applies command-line overrides, and opens the workspace.
    static func make(quiet: Bool = false, configure: (inout WorkspaceConfiguration) -> Void = { _ in }) throws -> CommandState {
        let output = TerminalOutput(quiet: quiet)
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

    init(quiet: Bool) {
        progress = ProgressRenderer(enabled: !quiet && FileIO.isTerminal(2))
    }

    func print(_ line: String) {
        progress.clear()
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = ReportJSON.encoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    func warn(_ line: String) {
        progress.clear()
        FileHandle.standardError.write(Data("warning: \(line)\n".utf8))
    }

    /// Prints `error: …` and picks the exit code for the error's kind.
    func fail(_ error: any Error) -> ExitCode {
        progress.clear()
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        return Self.exitCode(for: error)
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

/// A one-line progress bar on stderr, drawn only on a terminal.
final class ProgressRenderer: WorkspaceDelegate, @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var transfers: [String: (bytes: Int64, total: Int64?)] = [:]
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func fetching(_ source: String, bytes: Int64, total: Int64?) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        transfers[source] = (bytes, total)
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let done = transfers.values.reduce(0) { $0 + $1.bytes }
        let totals = transfers.values.compactMap(\.total)
        let total = totals.count == transfers.count ? totals.reduce(0, +) : nil
        let label = transfers.count == 1 ? (source as NSString).lastPathComponent : "\(transfers.count) files"
        draw(label: label, done: done, total: total, format: Self.bytes)
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

    private func draw(label: String, done: Int64, total: Int64?, format: (Int64) -> String) {
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

import CSpawn
import Foundation

/// Why a sandboxed run ended.
public enum ExitReason: String, Sendable, Codable {
    /// The command exited by itself (see the exit status).
    case exited
    /// Killed by a signal it did not get from mlepkg (an out-of-memory kill is `memoryLimit`).
    case signaled
    case timeLimit = "time_limit"
    case memoryLimit = "memory_limit"
    case diskLimit = "disk_limit"
    /// mlepkg itself was interrupted (SIGINT/SIGTERM) and stopped the run.
    case interrupted
}

/// The end of a sandboxed run.
public struct RunOutcome: Sendable, Codable {
    public var reason: ExitReason
    public var exitStatus: Int32?
    public var start: Date
    public var end: Date
    public var usage: ResourceUsage
    public var enforcement: LimitEnforcement

    enum CodingKeys: String, CodingKey {
        case reason = "exit_reason", exitStatus = "exit_status", start = "started_at", end = "ended_at", usage, enforcement
    }
}

/// Runs one command in a bubblewrap sandbox under ``ResourceLimits``, with staged teardown.
///
/// The sandbox is set up with its command held back (`--block-fd`); the tree is put into a
/// control group (or rlimits, where no cgroup is writable), `prepare` is called with the
/// sandbox's first process (to open listeners in its network namespace), and only then does
/// the command start. At the wall-time limit, or when the writable folders outgrow the disk
/// limit, every process in the sandbox gets SIGTERM, then after the grace period the
/// sandbox's PID namespace is killed as a whole.
///
/// ```swift
/// let outcome = try SandboxedProcess(spec: spec, limits: ResourceLimits(wallTime: 60)).run(logFile: "agent.log")
/// ```
public struct SandboxedProcess: Sendable {
    public var spec: SandboxSpec
    public var limits: ResourceLimits
    public var sandbox: Sandbox
    /// Folders whose total size the disk limit applies to (host paths).
    public var diskWatched: [String] = []
    /// Name of the control group (unique per run).
    public var groupName: String
    /// Reached between setup and start with the sandbox's first process id (in the host's namespace).
    public var prepare: @Sendable (pid_t) throws -> Void = { _ in }
    /// Called every `tickInterval` seconds while the command runs (snapshots).
    public var tick: @Sendable (Double) -> Void = { _ in }
    public var tickInterval: Double = 1

    public init(spec: SandboxSpec, limits: ResourceLimits, sandbox: Sandbox? = nil, groupName: String = "run-\(getpid())-\(UUID().uuidString.prefix(8))") throws {
        self.spec = spec
        self.limits = limits
        self.sandbox = try sandbox ?? Sandbox()
        self.groupName = groupName
    }

    /// Runs to the end; stdout and stderr go to `logFile`.
    public func run(logFile: String, stop: StopSignal = StopSignal()) throws -> RunOutcome {
        let argv = try sandbox.arguments(for: spec)
        let log = open(logFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw RunnerError.missingPath(logFile, role: "log file") }
        defer { close(log) }
        var info: [Int32] = [0, 0], block: [Int32] = [0, 0]
        guard CSpawn_pipeCloexec(&info) == 0, CSpawn_pipeCloexec(&block) == 0 else { throw RunnerError.spawnFailed("pipe", code: errno) }
        defer { close(info[0]); close(block[1]) }

        let group = try ControlGroup(name: groupName, limits: limits)
        defer { group?.remove() }
        let start = Date()
        var pid: pid_t = 0
        do {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, log, 1)
            posix_spawn_file_actions_adddup2(&actions, log, 2)
            posix_spawn_file_actions_adddup2(&actions, info[1], 3)
            posix_spawn_file_actions_adddup2(&actions, block[0], 4)
            // Nothing else of mlepkg's crosses into the sandbox.
            _ = CSpawn_addclosefrom(&actions, 5)
            var argvC: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
            var envC: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), nil]
            defer { argvC.forEach { free($0) }; envC.forEach { free($0) } }
            let rc = posix_spawn(&pid, argv[0], &actions, nil, &argvC, &envC)
            close(info[1]); close(block[0])
            guard rc == 0 else { throw RunnerError.spawnFailed(argv[0], code: rc) }
        }
        let exit = ExitWatch(pid: pid)
        // bubblewrap writes its JSON once the namespaces exist, then waits on the block pipe.
        let childPid: pid_t
        do {
            guard let p = Self.readChildPid(info[0]) else {
                _ = exit.wait(timeout: 5)
                let text = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? ""
                throw RunnerError.sandboxSetup(text.isEmpty ? "bwrap exited with status \(exit.status ?? -1)" : text)
            }
            childPid = p
            if let group {
                try group.add(pid)
                try group.add(childPid)
            } else {
                try ProcessLimits.apply(limits, to: childPid)
            }
            try prepare(childPid)
        } catch {
            kill(pid, SIGKILL)
            _ = exit.wait(timeout: 5)
            throw error
        }
        var go: UInt8 = 0x67
        _ = Foundation.write(block[1], &go, 1)

        var reason: ExitReason?
        var diskUsed: Int64 = 0
        let deadline = start.addingTimeInterval(limits.wallTime)
        var nextTick = start.addingTimeInterval(tickInterval)
        var nextDisk = Date().addingTimeInterval(0.5)
        while true {
            let now = Date()
            let wake = min(deadline, nextTick, nextDisk, now.addingTimeInterval(0.25))
            if exit.wait(timeout: max(0, wake.timeIntervalSince(now))) { break }
            if stop.isSet { reason = .interrupted; break }
            if Date() >= deadline { reason = .timeLimit; break }
            if Date() >= nextTick { tick(Date().timeIntervalSince(start)); nextTick = Date().addingTimeInterval(tickInterval) }
            if Date() >= nextDisk {
                diskUsed = diskWatched.reduce(0) { $0 + DiskUsage.bytes(under: $1) }
                if let max = limits.diskBytes, diskUsed > max { reason = .diskLimit; break }
                nextDisk = Date().addingTimeInterval(1)
            }
        }
        if reason != nil { teardown(bwrap: pid, child: childPid, group: group, exit: exit) }
        var usage = group?.usage() ?? ResourceUsage()
        usage.diskBytes = max(diskUsed, diskWatched.reduce(0) { $0 + DiskUsage.bytes(under: $1) })
        let status = exit.status ?? -1
        let exitStatus: Int32? = status & 0x7f == 0 ? (status >> 8) & 0xff : nil
        if reason == nil {
            // bwrap passes the command's status on; 128+n is the command killed by signal n.
            if usage.oomKills > 0 && exitStatus != 0 { reason = .memoryLimit }
            else if exitStatus == nil || exitStatus! > 128 { reason = .signaled }
            else { reason = .exited }
        }
        return RunOutcome(reason: reason!, exitStatus: exitStatus, start: start, end: Date(), usage: usage,
                          enforcement: group?.enforcement ?? .rlimits)
    }

    /// SIGTERM to every process of the sandbox, then SIGKILL to its PID namespace.
    private func teardown(bwrap: pid_t, child: pid_t, group: ControlGroup?, exit: ExitWatch) {
        let members = group?.processes ?? ProcessTable.members(ofNamespaceOf: child)
        for p in members where p != bwrap && p != child { kill(p, SIGTERM) }
        let graceEnd = Date().addingTimeInterval(limits.gracePeriod)
        while Date() < graceEnd {
            let alive = (group?.processes ?? ProcessTable.members(ofNamespaceOf: child)).filter { $0 != bwrap && $0 != child }
            if alive.isEmpty || exit.wait(timeout: 0.05) { break }
        }
        // Killing the namespace's first process kills every process in the namespace.
        kill(child, SIGKILL)
        for p in group?.processes ?? [] { kill(p, SIGKILL) }
        if !exit.wait(timeout: 5) { kill(bwrap, SIGKILL); _ = exit.wait(timeout: 5) }
    }

    static func readChildPid(_ fd: Int32) -> pid_t? {
        var data = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 1024)
        while true {
            let n = read(fd, &buf, buf.count)
            if n <= 0 { break }
            data += buf[0..<n]
            // The JSON object is complete at its closing brace; bwrap keeps the descriptor open.
            if data.contains(UInt8(ascii: "}")) { break }
        }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
              let pid = obj["child-pid"] as? Int else { return nil }
        return pid_t(pid)
    }
}

/// Set from a signal handler or another thread to stop a run early.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    public init() {}
    public func set() { lock.lock(); flag = true; lock.unlock() }
    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}

/// Waits for one child on its own thread, so the supervisor can wait with a timeout.
final class ExitWatch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var _status: Int32?
    private var finished = false

    init(pid: pid_t) {
        let t = Thread { [self] in
            var st: Int32 = 0
            while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
            lock.lock(); _status = st; finished = true; lock.unlock()
            done.signal()
        }
        t.start()
    }

    /// True once the child has exited (waiting up to `timeout` seconds).
    func wait(timeout: Double) -> Bool {
        lock.lock(); let f = finished; lock.unlock()
        if f { return true }
        if done.wait(timeout: .now() + timeout) == .success { done.signal(); return true }
        return false
    }

    var status: Int32? { lock.lock(); defer { lock.unlock() }; return _status }
}

enum ProcessTable {
    /// Processes in the PID namespace of `pid` (found through /proc, for runs without a cgroup).
    static func members(ofNamespaceOf pid: pid_t) -> [pid_t] {
        guard let ns = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/pid") else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { pid_t($0) }.filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\($0)/ns/pid")) == ns
        }
    }
}

/// Bytes of the regular files below a folder (links not followed).
public enum DiskUsage {
    public static func bytes(under dir: String) -> Int64 {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return 0 }
        var total: Int64 = 0
        while let rel = e.nextObject() as? String {
            var st = stat()
            if lstat("\(dir)/\(rel)", &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { total += Int64(st.st_blocks) * 512 }
        }
        return total
    }
}

/// Start-to-exit times of a plain process and of the same process in a sandbox, for `make bench`.
public enum SandboxTiming {
    /// Seconds from spawning `argv` (no sandbox) to reaping it.
    public static func plain(_ argv: [String]) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        var argvC: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { argvC.forEach { free($0) } }
        let rc = posix_spawn(&pid, argv[0], nil, nil, &argvC, environ)
        guard rc == 0 else { throw RunnerError.spawnFailed(argv[0], code: rc) }
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Seconds for a whole sandboxed run of `process`: setup, limits, command, teardown, cleanup.
    public static func sandboxed(_ process: SandboxedProcess, logFile: String) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try process.run(logFile: logFile)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

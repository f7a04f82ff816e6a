import CSpawn
import Foundation

/// Limits mlepkg enforces on a sandboxed process tree, whatever the process does.
public struct ResourceLimits: Sendable, Equatable, Codable {
    /// Wall-clock seconds before the whole tree is stopped.
    public var wallTime: Double
    public var memoryBytes: Int64?
    /// CPUs, as a CFS quota (1.5 = one and a half cores).
    public var cpus: Double?
    public var pids: Int?
    /// Bytes the writable folders may hold together.
    public var diskBytes: Int64?
    /// Seconds between SIGTERM and SIGKILL at teardown.
    public var gracePeriod: Double = 5

    public init(wallTime: Double, memoryBytes: Int64? = nil, cpus: Double? = nil, pids: Int? = nil,
                diskBytes: Int64? = nil, gracePeriod: Double = 5) {
        self.wallTime = wallTime
        self.memoryBytes = memoryBytes
        self.cpus = cpus
        self.pids = pids
        self.diskBytes = diskBytes
        self.gracePeriod = gracePeriod
    }

    enum CodingKeys: String, CodingKey {
        case wallTime = "wall_time_secs", memoryBytes = "memory_bytes", cpus, pids, diskBytes = "disk_bytes"
        case gracePeriod = "grace_period_secs"
    }
}

/// How the limits were enforced: the record says which, since rlimits are much weaker.
public enum LimitEnforcement: String, Sendable, Codable {
    case cgroupV2 = "cgroup-v2"
    case cgroupV1 = "cgroup-v1"
    /// setrlimit on the sandbox: address space and process count per user, no CPU quota.
    case rlimits
}

/// What a process tree used, read from its cgroup at the end.
public struct ResourceUsage: Sendable, Equatable, Codable {
    public var peakMemoryBytes: Int64?
    public var cpuSeconds: Double?
    public var oomKills: Int = 0
    /// Forks refused at the pids limit.
    public var pidsLimitHits: Int = 0
    public var diskBytes: Int64 = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case peakMemoryBytes = "peak_memory_bytes", cpuSeconds = "cpu_secs", oomKills = "oom_kills"
        case pidsLimitHits = "pids_limit_hits", diskBytes = "disk_bytes"
    }
}

/// One control group per sandbox, on cgroup v2 or on the v1 controllers' hierarchies.
///
/// Created before the sandbox's command starts (bubblewrap waits on its block descriptor),
/// so every process the command forks is inside; removed once the tree has gone.
final class ControlGroup: @unchecked Sendable {
    let enforcement: LimitEnforcement
    /// The group's folders: one for v2, one per controller for v1.
    private(set) var folders: [String: String] = [:]
    static let root = "/sys/fs/cgroup"

    /// Creates `mlepkg/<name>` with the limits set, or returns nil where no hierarchy is writable.
    init?(name: String, limits: ResourceLimits, root: String = ControlGroup.root) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: "\(root)/cgroup.controllers") {
            let parent = "\(root)/mlepkg"
            guard Self.makeGroup(parent) else { return nil }
            // Controllers must be delegated to the parent's children before its groups can use them.
            _ = Self.write("+memory +cpu +pids", to: "\(root)/cgroup.subtree_control")
            _ = Self.write("+memory +cpu +pids", to: "\(parent)/cgroup.subtree_control")
            let dir = "\(parent)/\(name)"
            guard Self.makeGroup(dir) else { return nil }
            enforcement = .cgroupV2
            folders["unified"] = dir
        } else {
            var made: [String: String] = [:]
            for controller in ["memory", "cpu", "cpuacct", "pids"] {
                let base = "\(root)/\(controller)"
                guard fm.fileExists(atPath: "\(base)/cgroup.procs") else { continue }
                let dir = "\(base)/mlepkg/\(name)"
                if Self.makeGroup("\(base)/mlepkg"), Self.makeGroup(dir) { made[controller] = dir }
            }
            guard made["memory"] != nil, made["pids"] != nil else {
                for dir in made.values { rmdir(dir) }
                return nil
            }
            enforcement = .cgroupV1
            folders = made
        }
        try apply(limits)
    }

    private func apply(_ limits: ResourceLimits) throws {
        func set(_ controller: String, _ file: String, _ value: String, required: Bool = true) throws {
            guard let dir = folders[controller] else {
                if required { throw RunnerError.limits("no \(controller) controller") }
                return
            }
            if !Self.write(value, to: "\(dir)/\(file)") && required {
                throw RunnerError.limits("cannot write '\(value)' to '\(dir)/\(file)': \(String(cString: strerror(errno)))")
            }
        }
        if enforcement == .cgroupV2 {
            if let m = limits.memoryBytes { try set("unified", "memory.max", String(m)); try set("unified", "memory.swap.max", "0", required: false) }
            if let c = limits.cpus { try set("unified", "cpu.max", "\(Int(c * 100_000)) 100000") }
            if let p = limits.pids { try set("unified", "pids.max", String(p)) }
        } else {
            if let m = limits.memoryBytes {
                try set("memory", "memory.limit_in_bytes", String(m))
                // Without this the group swaps instead of failing (where swap accounting exists).
                try set("memory", "memory.memsw.limit_in_bytes", String(m), required: false)
            }
            if let c = limits.cpus {
                try set("cpu", "cpu.cfs_period_us", "100000")
                try set("cpu", "cpu.cfs_quota_us", String(Int(c * 100_000)))
            }
            if let p = limits.pids { try set("pids", "pids.max", String(p)) }
        }
    }

    /// Puts a process (and so everything it forks from now on) into every folder of the group.
    func add(_ pid: pid_t) throws {
        for dir in folders.values where !Self.write(String(pid), to: "\(dir)/cgroup.procs") {
            throw RunnerError.limits("cannot move process \(pid) into '\(dir)': \(String(cString: strerror(errno)))")
        }
    }

    var processes: [pid_t] {
        guard let dir = folders["unified"] ?? folders["pids"] ?? folders["memory"] else { return [] }
        return Self.read("\(dir)/cgroup.procs").split(separator: "\n").compactMap { pid_t($0) }
    }

    func usage() -> ResourceUsage {
        var u = ResourceUsage()
        func number(_ controller: String, _ file: String) -> Int64? {
            folders[controller].flatMap { Int64(Self.read("\($0)/\(file)").trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        func field(_ controller: String, _ file: String, _ key: String) -> Int64? {
            guard let dir = folders[controller] else { return nil }
            for line in Self.read("\(dir)/\(file)").split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, parts[0] == key { return Int64(parts[1]) }
            }
            return nil
        }
        if enforcement == .cgroupV2 {
            u.peakMemoryBytes = number("unified", "memory.peak")
            u.cpuSeconds = field("unified", "cpu.stat", "usage_usec").map { Double($0) / 1e6 }
            u.oomKills = Int(field("unified", "memory.events", "oom_kill") ?? 0)
            u.pidsLimitHits = Int(field("unified", "pids.events", "max") ?? 0)
        } else {
            u.peakMemoryBytes = number("memory", "memory.max_usage_in_bytes")
            u.cpuSeconds = number("cpuacct", "cpuacct.usage").map { Double($0) / 1e9 }
            // Older kernels have no oom_kill count: a hit of the limit (failcnt) is what is left.
            u.oomKills = Int(field("memory", "memory.oom_control", "oom_kill") ?? min(1, number("memory", "memory.failcnt") ?? 0))
            u.pidsLimitHits = Int(field("pids", "pids.events", "max") ?? 0)
        }
        return u
    }

    /// Removes the group's folders once no process is left in them.
    func remove() {
        for _ in 0..<100 {
            for pid in processes { kill(pid, SIGKILL) }
            if processes.isEmpty { break }
            usleep(10_000)
        }
        for dir in folders.values { rmdir(dir) }
    }

    private static func makeGroup(_ dir: String) -> Bool {
        mkdir(dir, 0o755) == 0 || errno == EEXIST
    }

    static func write(_ value: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        return Foundation.write(fd, bytes, bytes.count) == bytes.count
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// The last resort where no cgroup is writable: limits set on the sandbox's first process
/// before its command starts, inherited by what it forks.
enum ProcessLimits {
    static func apply(_ limits: ResourceLimits, to pid: pid_t) throws {
        func set(_ resource: Int32, _ value: UInt64) throws {
            if CSpawn_prlimit(pid, resource, UInt(value), UInt(value)) != 0 {
                throw RunnerError.limits("prlimit(\(resource)) on \(pid): \(String(cString: strerror(errno)))")
            }
        }
        if let m = limits.memoryBytes { try set(Int32(CSpawn_RLIMIT_AS), UInt64(m)) }
        if let p = limits.pids { try set(Int32(CSpawn_RLIMIT_NPROC), UInt64(p)) }
    }
}

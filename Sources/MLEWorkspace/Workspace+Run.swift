import Foundation
import MLEBasics
import MLELockfile
import MLEModel
import MLERecipes
import MLEReport
import MLERunner
import MLEStore

/// What `mlepkg run` does: which agent, on which competitions, with which limits.
public struct RunOptions: Sendable {
    public var agent: String
    public var competitions: [String]
    public var seeds: Int = 1
    public var limits: ResourceLimits
    /// GPUs each attempt gets (nil: what agent.toml asks for, else none).
    public var gpusPerAttempt: Int?
    public var jobs: Int = 1
    public var runDirectory: String
    /// The group's folder name under `runDirectory` (default: a timestamp and the agent's name).
    public var group: String?
    public var lockfile: String?
    /// Run on data no lockfile pins (the record says so).
    public var allowUnlocked = false
    public var network: SandboxSpec.Network = .none
    public var allowHosts: [String] = []
    public var grade: GradeOptions
    /// Seconds between snapshots of the submission, each graded.
    public var snapshotEvery: Double?
    public var gpuInventory = GPUInventory()
    /// mlepkg's environment, where secrets are taken from.
    public var hostEnvironment: [String: String] = ProcessInfo.processInfo.environment
    public var bwrap: String?
    /// A container image for the agent's root filesystem (overrides agent.toml's `image`).
    public var image: String?
    /// Run only this attempt (an index into competitions × seeds), as one Slurm array task does.
    public var onlyAttempt: Int?

    public init(agent: String, competitions: [String], limits: ResourceLimits, runDirectory: String, grade: GradeOptions) {
        self.agent = agent
        self.competitions = competitions
        self.limits = limits
        self.runDirectory = runDirectory
        self.grade = grade
    }
}

public enum RunError: Error, Sendable, CustomStringConvertible {
    case invalidAgent(path: String, reason: String)
    case unlocked(competition: String)
    case notInLock(competition: String, lockfile: String)
    case missingSecret(String, agent: String)
    case notEnoughGPUs(wanted: Int, found: Int)
    case invalidRecord(path: String, reason: String)
    case noSuchAttempt(Int, count: Int)
    case agentChanged(group: String, recorded: String, now: String)
    case interrupted(group: String)
    case slurm(String)

    public var description: String {
        switch self {
        case .invalidAgent(let p, let r): return "invalid agent '\(p)': \(r)"
        case .unlocked(let c): return "\(c): no lockfile pins its data; pass --lock FILE (or --allow-unlocked to run on unverified data)"
        case .notInLock(let c, let l): return "\(c) is not pinned in '\(l)'; lock it first ('mlepkg lock \(c) …')"
        case .missingSecret(let s, let a): return "agent '\(a)' needs the secret '\(s)', which is not set in the environment"
        case .notEnoughGPUs(let w, let f): return "each attempt wants \(w) GPUs, but \(f) were found"
        case .invalidRecord(let p, let r): return "invalid attempt record '\(p)': \(r); delete the attempt's folder to run it again"
        case .noSuchAttempt(let i, let n): return "attempt \(i) does not exist: the group has \(n) attempts (0…\(n - 1))"
        case .slurm(let r): return "slurm: \(r)"
        case .interrupted(let g):
            return "interrupted: the attempts that were running are graded and recorded as interrupted in '\(g)'; run the same command again to resume the group"
        case .agentChanged(let g, let r, let n):
            return "the group '\(g)' was run with agent \(r), the agent is now \(n); pass another --group, or delete the group to start again"
        }
    }
}

/// Everything known about one attempt: `runs/<group>/<competition>_<seed>/record.json`.
public struct AttemptRecord: Codable, Sendable {
    public var format = "mlepkg-attempt 1"
    public var competitionID: String
    public var seed: Int
    public var group: String
    public var agent: Agent
    public var lockfile: Pinned?
    public var publicTree: String
    public var dataVerified: Bool
    public var limits: ResourceLimits
    public var enforcement: LimitEnforcement
    public var hardware: HostHardware
    public var startedAt: Date
    public var endedAt: Date
    public var exitReason: ExitReason
    public var exitStatus: Int32?
    public var usage: ResourceUsage
    public var network: Network
    public var validationRequests: Int
    public var snapshots: [Snapshot]
    public var gradingReport: String
    public var validSubmission: Bool
    public var score: Double?

    public struct Agent: Codable, Sendable {
        public var path: String
        public var digest: String
        public var environment: [String: String]
        /// The names of the secrets passed; their values are never written.
        public var secretNames: [String]
        /// The image's digest and its merged tree, when the root filesystem is an image.
        public var image: String?
        public var rootTree: String?
        enum CodingKeys: String, CodingKey { case path, digest, environment, secretNames = "secret_names", image, rootTree = "root_tree" }
    }

    public struct Pinned: Codable, Sendable {
        public var path: String
        public var digest: String
    }

    public struct Network: Codable, Sendable {
        public var mode: SandboxSpec.Network
        public var allow: [String]
        public var connections: [ProxyConnection]
    }

    public struct Snapshot: Codable, Sendable {
        public var elapsedSecs: Double
        public var path: String
        public var validSubmission: Bool
        public var score: Double?
        public var anyMedal: Bool
        enum CodingKeys: String, CodingKey { case elapsedSecs = "elapsed_secs", path, validSubmission = "valid_submission", score, anyMedal = "any_medal" }
    }

    enum CodingKeys: String, CodingKey {
        case format, competitionID = "competition_id", seed, group, agent, lockfile, publicTree = "public_tree"
        case dataVerified = "data_verified", limits, enforcement, hardware, startedAt = "started_at", endedAt = "ended_at"
        case exitReason = "exit_reason", exitStatus = "exit_status", usage, network, validationRequests = "validation_requests"
        case snapshots, gradingReport = "grading_report", validSubmission = "valid_submission", score
    }

    static func encoder() -> JSONEncoder {
        let e = ReportJSON.encoder()
        e.dateEncodingStrategy = .iso8601
        return e
    }

    public static func read(path: String) throws -> AttemptRecord {
        guard let data = FileManager.default.contents(atPath: path) else { throw RunError.invalidRecord(path: path, reason: "cannot read it") }
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        do { return try d.decode(AttemptRecord.self, from: data) } catch { throw RunError.invalidRecord(path: path, reason: "\(error)") }
    }
}

/// The end of one attempt, as a group reports it.
public struct AttemptResult: Sendable {
    public var directory: String
    public var record: AttemptRecord
    public var report: CompetitionReport
    /// Kept from an earlier, interrupted run of the group.
    public var resumed: Bool
}

public struct RunGroupResult: Sendable {
    public var directory: String
    public var reportPath: String
    public var attempts: [AttemptResult]
}

/// Progress of a run group, for a terminal.
public protocol RunDelegate: Sendable {
    func attemptStarted(_ competition: String, seed: Int, running: Int, done: Int, total: Int)
    func attemptFinished(_ result: AttemptResult, running: Int, done: Int, total: Int)
}

public struct SilentRunDelegate: RunDelegate {
    public init() {}
    public func attemptStarted(_ competition: String, seed: Int, running: Int, done: Int, total: Int) {}
    public func attemptFinished(_ result: AttemptResult, running: Int, done: Int, total: Int) {}
}

extension Workspace {
    /// Runs an agent on competitions, one sandboxed attempt per (competition, seed), each
    /// graded as it finishes; writes the group's grading report (MLE-bench's format).
    ///
    /// A group folder that already holds finished attempts is resumed: those are kept, the
    /// rest (never started, or stopped by an interruption) run again.
    public func run(_ options: RunOptions, registry: Registry, stop: StopSignal = StopSignal(),
                    progress: any RunDelegate = SilentRunDelegate()) throws -> RunGroupResult {
        var agent = try AgentManifest.load(directory: options.agent)
        agent.networkAllow += options.allowHosts
        for s in agent.secrets where options.hostEnvironment[s] == nil {
            throw RunError.missingSecret(s, agent: agent.directory)
        }
        let sandbox = try Sandbox(bwrap: options.bwrap)
        let agentDigest = try ObjectStore.manifest(hashing: agent.directory).0.description
        let root = try (options.image ?? agent.image).map { try rootFilesystem(image: $0) }

        // Only locked, verified data is run on.
        var lock: AttemptRecord.Pinned?
        var trees: [String: String] = [:]
        if let path = options.lockfile {
            let lockfile = try LockfileFormat.read(path: path)
            for id in options.competitions {
                guard let e = lockfile.entry(id), e.pinned, let tree = e.publicTree else { throw RunError.notInLock(competition: id, lockfile: path) }
                trees[id] = tree
            }
            try requireVerified(lockfile, lockfile: path, dataDirectory: options.grade.dataDirectory, ids: options.competitions)
            lock = .init(path: URL(fileURLWithPath: path).standardizedFileURL.path, digest: "sha256:\(try Digests.hashFile(at: path).hex)")
        } else if !options.allowUnlocked {
            throw RunError.unlocked(competition: options.competitions.first ?? "")
        }
        for id in options.competitions {
            guard let recipe = registry.recipe(id) else { throw RegistryError.unknownCompetition(id, directory: registry.directory) }
            let publicDir = "\(options.grade.dataDirectory)/\(id)/prepared/public"
            guard FileIO.isDirectory(publicDir) else { throw GradeError.notPrepared(competition: id, path: publicDir) }
            if trees[id] == nil { trees[id] = try ObjectStore.manifest(hashing: publicDir).0.description }
            _ = recipe
        }

        // GPUs are shared out: each running attempt holds its own.
        let gpusEach = options.gpusPerAttempt ?? agent.gpus ?? 0
        var gpus = options.gpuInventory.devices()
        // Under Slurm, only the GPUs the task was given.
        if let given = options.hostEnvironment["SLURM_STEP_GPUS"] ?? options.hostEnvironment["SLURM_JOB_GPUS"] {
            let indices = Set(given.split(separator: ",").compactMap { Int($0) })
            gpus = gpus.filter { indices.contains($0.index) }
        }
        if gpusEach > gpus.count { throw RunError.notEnoughGPUs(wanted: gpusEach, found: gpus.count) }
        let width = gpusEach > 0 ? min(options.jobs, gpus.count / gpusEach) : options.jobs
        let pool = GPUPool(gpus)

        let group = options.group ?? Self.groupName(agent: agent.directory)
        let groupDir = "\(options.runDirectory)/\(group)"
        try FileIO.makeDirectory(groupDir)
        let all = Self.attempts(options)
        if let only = options.onlyAttempt, !all.indices.contains(only) { throw RunError.noSuchAttempt(only, count: all.count) }
        // One task of a Slurm job array runs its attempt only; the aggregation job writes the report.
        let attempts = options.onlyAttempt.map { [all[$0]] } ?? all
        let counter = RunCounter(total: attempts.count)
        let context = AttemptContext(agent: agent, agentDigest: agentDigest, lock: lock, trees: trees, group: group,
                                     options: options, sandbox: sandbox, registry: registry, gpusEach: gpusEach,
                                     driver: options.gpuInventory.driverVersion, dataVerified: lock != nil, root: root)
        let results = Parallel.map(attempts, width: max(1, width)) { (id, seed) -> Result<AttemptResult, any Error> in
            Result {
                let dir = "\(groupDir)/\(id)_\(seed)"
                if let kept = try self.finishedAttempt(in: dir) {
                    // A group is one agent: resuming with another would mix their results.
                    guard kept.record.agent.digest == agentDigest else {
                        throw RunError.agentChanged(group: groupDir, recorded: kept.record.agent.digest, now: agentDigest)
                    }
                    let (running, done) = counter.finish()
                    progress.attemptFinished(kept, running: running, done: done, total: attempts.count)
                    return kept
                }
                if stop.isSet { throw RunError.interrupted(group: groupDir) }
                let devices = pool.take(gpusEach)
                defer { pool.give(devices) }
                progress.attemptStarted(id, seed: seed, running: counter.start(), done: counter.done, total: attempts.count)
                let r = try self.runAttempt(id, seed: seed, directory: dir, gpus: devices, context: context, stop: stop)
                let (running, done) = counter.finish()
                progress.attemptFinished(r, running: running, done: done, total: attempts.count)
                return r
            }
        }
        // An interruption is reported once, whichever attempts it kept from starting.
        if stop.isSet, results.contains(where: { r in
            guard case .failure(let e) = r, case RunError.interrupted = e else { return false }
            return true
        }) {
            throw RunError.interrupted(group: groupDir)
        }
        let finished = try results.map { try $0.get() }
        if options.onlyAttempt != nil { return RunGroupResult(directory: groupDir, reportPath: "", attempts: finished) }
        let summary = BatchReport(finished.map(\.report))
        let reportPath = "\(groupDir)/grading_report.json"
        try FileIO.writeAtomically(try ReportJSON.encoder().encode(summary), to: reportPath)
        return RunGroupResult(directory: groupDir, reportPath: reportPath, attempts: finished)
    }

    /// The group's attempts in order: every seed of the first competition, then the next.
    static func attempts(_ options: RunOptions) -> [(String, Int)] {
        options.competitions.flatMap { id in (0..<max(1, options.seeds)).map { (id, $0) } }
    }

    /// An attempt a previous run of the group finished (an interrupted one is run again).
    func finishedAttempt(in dir: String) throws -> AttemptResult? {
        let path = "\(dir)/record.json"
        guard FileIO.exists(path) else { return nil }
        let record = try AttemptRecord.read(path: path)
        if record.exitReason == .interrupted { return nil }
        guard let data = FileManager.default.contents(atPath: "\(dir)/\(record.gradingReport)"),
              let report = try? JSONDecoder().decode(CompetitionReport.self, from: data) else {
            throw RunError.invalidRecord(path: path, reason: "its grading report '\(record.gradingReport)' is missing or unreadable")
        }
        return AttemptResult(directory: dir, record: record, report: report, resumed: true)
    }

    static func groupName(agent: String) -> String {
        "\(timestamp())_\((agent as NSString).lastPathComponent)"
    }

    /// Now in UTC as a folder name can hold it: 2026-12-08T04-15-00Z.
    static func timestamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        f.timeZone = TimeZone(identifier: "UTC")
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }

    struct AttemptContext: Sendable {
        var agent: AgentManifest
        var agentDigest: String
        var lock: AttemptRecord.Pinned?
        var trees: [String: String]
        var group: String
        var options: RunOptions
        var sandbox: Sandbox
        var registry: Registry
        var gpusEach: Int
        var driver: String?
        var dataVerified: Bool
        var root: RootFilesystem?
    }

    /// Runs, grades and records one attempt in `dir` (any leftover of an unfinished one is cleared).
    func runAttempt(_ id: String, seed: Int, directory dir: String, gpus: [GPUDevice], context c: AttemptContext,
                    stop: StopSignal) throws -> AttemptResult {
        let options = c.options
        if FileIO.exists(dir) { try FileManager.default.removeItem(atPath: dir) }
        for sub in ["submission", "logs", "code", ".mlepkg/uploads", "snapshots"] { try FileIO.makeDirectory("\(dir)/\(sub)") }
        let publicDir = "\(options.grade.dataDirectory)/\(id)/prepared/public"
        let limits = options.limits
        try FileIO.writeAtomically(Data(Self.instructions(competition: id, limits: limits, gpus: gpus.count,
                                                          allow: options.network == .none ? c.agent.networkAllow : nil).utf8),
                                   to: "\(dir)/.mlepkg/instructions.txt")
        try FileIO.writeAtomically(Data(Self.validateScript.utf8), to: "\(dir)/.mlepkg/validate_submission.sh", mode: 0o755)

        var shell = "/bin/bash"
        var spec = SandboxSpec(command: [])
        if let root = c.root {
            spec.root = .directory(root.directory)
            var st = stat()
            if lstat("\(root.directory)/bin/bash", &st) != 0 && lstat("\(root.directory)/usr/bin/bash", &st) != 0 { shell = "/bin/sh" }
        }
        spec.command = [shell, "/home/agent/start.sh"]
        spec.network = options.network
        spec.workingDirectory = "/home/agent"
        spec.tmpSize = limits.diskBytes
        spec.mounts = [
            .init(source: publicDir, target: "/home/data", writable: false),
            .init(source: c.agent.directory, target: "/home/agent", writable: false),
            .init(source: "\(dir)/submission", target: "/home/submission", writable: true),
            .init(source: "\(dir)/logs", target: "/home/logs", writable: true),
            .init(source: "\(dir)/code", target: "/home/code", writable: true),
            .init(source: "\(dir)/.mlepkg/instructions.txt", target: "/home/instructions.txt", writable: false),
            .init(source: "\(dir)/.mlepkg/validate_submission.sh", target: "/home/validate_submission.sh", writable: false),
        ] + c.agent.mounts
        var env: [String: String] = [
            "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin", "HOME": "/tmp", "LANG": "C.UTF-8",
            "COMPETITION_ID": id, "TIME_LIMIT_SECS": String(Int(limits.wallTime)),
            "SUBMISSION_DIR": "/home/submission", "LOGS_DIR": "/home/logs", "CODE_DIR": "/home/code", "AGENT_DIR": "/home/agent",
            "DATA_DIR": "/home/data", "MLEPKG_SEED": String(seed),
        ]
        if let m = limits.memoryBytes { env["MEMORY_LIMIT_BYTES"] = String(m) }
        if let cpus = limits.cpus { env["CPU_LIMIT"] = String(cpus) }
        if let p = limits.pids { env["PIDS_LIMIT"] = String(p) }
        if let d = limits.diskBytes { env["DISK_LIMIT_BYTES"] = String(d) }
        for (k, v) in c.agent.environment { env[k] = v }
        for s in c.agent.secrets { env[s] = options.hostEnvironment[s] }
        if !gpus.isEmpty {
            let inv = options.gpuInventory
            // Each GPU node appears under its host name; the driver's shared nodes and libraries too.
            spec.devices = gpus.map { .init(source: $0.node, target: "/dev/\(($0.node as NSString).lastPathComponent)", writable: true) }
                + inv.sharedNodes().map { .init(source: $0, target: "/dev/" + $0.dropFirst(inv.deviceDirectory.count + 1), writable: true) }
            spec.mounts += inv.driverLibraries().map { .init(source: $0, target: $0, writable: false) }
            spec.systemFolder = true
            env["CUDA_VISIBLE_DEVICES"] = gpus.allSatisfy({ $0.uuid != nil }) ? gpus.map { $0.uuid! }.joined(separator: ",")
                : (0..<gpus.count).map(String.init).joined(separator: ",")
            env["NVIDIA_VISIBLE_DEVICES"] = gpus.map { String($0.index) }.joined(separator: ",")
        }

        let proxy = ConnectProxy(allow: c.agent.networkAllow)
        let validator = ValidationServer(scratch: "\(dir)/.mlepkg/uploads") { [registry = c.registry, dataDir = options.grade.dataDirectory] path in
            do { return try self.validate(competition: id, submission: path, dataDirectory: dataDir, registry: registry) } catch {
                return "cannot validate: \(error)"
            }
        }
        let listeners = ListenerBox()
        defer { listeners.closeAll() }
        if options.network == .host {
            // The host's own loopback: an ephemeral port, named in the environment.
            let l = try LoopbackListener(port: 0)
            listeners.add(l)
            validator.serve(on: l)
            env["MLEPKG_VALIDATE_URL"] = "http://127.0.0.1:\(l.port)/validate"
        } else {
            for k in ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"] { env[k] = "http://127.0.0.1:3128" }
            env["NO_PROXY"] = "localhost,127.0.0.1"
            env["no_proxy"] = "localhost,127.0.0.1"
        }
        spec.environment = env

        var process = try SandboxedProcess(spec: spec, limits: limits, sandbox: c.sandbox,
                                           groupName: "\(getpid())-\(c.group.suffix(40))-\(id.prefix(60))_\(seed)")
        process.diskWatched = ["\(dir)/submission", "\(dir)/logs", "\(dir)/code"]
        if options.network == .none {
            process.prepare = { pid in
                let v = try LoopbackListener(port: 5000, namespaceOf: pid)
                listeners.add(v)
                validator.serve(on: v)
                let p = try LoopbackListener(port: 3128, namespaceOf: pid)
                listeners.add(p)
                proxy.serve(on: p)
            }
        }
        let snapshots = SnapshotLog()
        if let every = options.snapshotEvery {
            process.tickInterval = every
            process.tick = { elapsed in
                let sub = "\(dir)/submission/submission.csv"
                guard FileIO.exists(sub) else { return }
                let name = "snapshots/\(Int(elapsed))s.csv"
                guard (try? FileManager.default.copyItem(atPath: sub, toPath: "\(dir)/\(name)")) != nil else { return }
                let r = try? self.grade(competition: id, submission: "\(dir)/\(name)", options: options.grade, registry: c.registry)
                snapshots.add(.init(elapsedSecs: elapsed, path: name, validSubmission: r?.valid_submission ?? false,
                                    score: r?.score, anyMedal: r.map { $0.gold_medal || $0.silver_medal || $0.bronze_medal } ?? false))
            }
        }
        let outcome = try process.run(logFile: "\(dir)/agent.log", stop: stop)
        listeners.closeAll()

        // Graded whatever the reason the run ended: the submission as the agent left it.
        let submission = "\(dir)/submission/submission.csv"
        var report = try grade(competition: id, submission: submission, options: options.grade, registry: c.registry)
        report.submission_path = submission
        try FileIO.writeAtomically(try ReportJSON.encoder().encode(report), to: "\(dir)/grading_report.json")
        let record = AttemptRecord(
            competitionID: id, seed: seed, group: c.group,
            agent: .init(path: c.agent.directory, digest: c.agentDigest, environment: c.agent.environment, secretNames: c.agent.secrets,
                         image: c.root?.image, rootTree: c.root?.tree.description),
            lockfile: c.lock, publicTree: c.trees[id] ?? "", dataVerified: c.dataVerified, limits: limits,
            enforcement: outcome.enforcement,
            hardware: .describe(gpus: gpus, driver: gpus.isEmpty ? nil : c.driver, cpuLimit: limits.cpus, memoryLimit: limits.memoryBytes),
            startedAt: outcome.start, endedAt: outcome.end, exitReason: outcome.reason, exitStatus: outcome.exitStatus,
            usage: outcome.usage,
            network: .init(mode: options.network, allow: options.network == .none ? c.agent.networkAllow.sorted() : [], connections: proxy.log),
            validationRequests: validator.requests, snapshots: snapshots.all, gradingReport: "grading_report.json",
            validSubmission: report.valid_submission, score: report.score)
        try FileIO.writeAtomically(try AttemptRecord.encoder().encode(record), to: "\(dir)/record.json")
        try? FileManager.default.removeItem(atPath: "\(dir)/.mlepkg/uploads")
        return AttemptResult(directory: dir, record: record, report: report, resumed: false)
    }

    /// `/home/validate_submission.sh FILE`: asks the grading server, prints its answer, exits 1 when invalid.
    static let validateScript = """
    #!/bin/sh
    # Checks a submission's format against the public data (never its score). Usage: $0 FILE
    if [ $# -ne 1 ] || [ ! -f "$1" ]; then echo "usage: $0 SUBMISSION.csv (an existing file)" >&2; exit 64; fi
    url=${MLEPKG_VALIDATE_URL:-http://127.0.0.1:5000/validate}
    if command -v curl >/dev/null 2>&1; then
        answer=$(curl -s --noproxy '*' -X POST -F "file=@$1" "$url")
    else
        answer=$(wget -q -Y off -O - --header 'Content-Type: text/csv' --post-file "$1" "$url")
    fi || { echo "the grading server did not answer" >&2; exit 2; }
    echo "$answer"
    case "$answer" in *'"result":"valid"'*) exit 0 ;; *) exit 1 ;; esac

    """

    /// mlepkg's own wording of the facts MLE-bench's instructions give an agent.
    static func instructions(competition: String, limits: ResourceLimits, gpus: Int, allow: [String]?) -> String {
        var text = """
        You are taking part in an offline machine-learning competition: \(competition).

        What you have:
        - /home/data: the competition's public data, read-only. description.md says what the task is,
          how it is scored and what a submission looks like; sample_submission.csv (where there is one)
          has the exact format.
        - /home/submission: write your predictions for the test set to /home/submission/submission.csv.
          Only that file is graded, whatever state it is in when your time runs out.
        - /home/code: keep the code that made your submission here.
        - /home/logs: keep your logs here.
        - /home/agent: your own files, read-only. /tmp is private scratch space.

        Checking your submission: /home/validate_submission.sh /home/submission/submission.csv, or
        POST the file as a form field named "file" to http://localhost:5000/validate. The answer says
        whether the file is valid and, if not, why. It never gives a score: the test answers are not
        available anywhere in this environment.

        Limits, enforced from outside (the environment variables give them too):
        - time: \(Int(limits.wallTime)) seconds (TIME_LIMIT_SECS); then every process is stopped and the
          submission as it stands is graded.

        """
        if let m = limits.memoryBytes { text += "- memory: \(m) bytes (MEMORY_LIMIT_BYTES)\n" }
        if let c = limits.cpus { text += "- CPUs: \(c) (CPU_LIMIT)\n" }
        if let p = limits.pids { text += "- processes: \(p) at once (PIDS_LIMIT)\n" }
        if let d = limits.diskBytes { text += "- disk: \(d) bytes across /home/submission, /home/code and /home/logs (DISK_LIMIT_BYTES)\n" }
        text += gpus > 0 ? "- GPUs: \(gpus) (CUDA_VISIBLE_DEVICES)\n" : "- no GPU\n"
        if let allow {
            text += allow.isEmpty ? "\nThere is no network access.\n"
                : "\nNetwork: only \(allow.joined(separator: ", ")), through the proxy in HTTPS_PROXY; every connection is logged.\n"
        }
        text += "\nDo not try to read the test answers or to get around the limits: such attempts fail and are recorded.\n"
        return text
    }
}

/// GPUs not held by a running attempt.
final class GPUPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [GPUDevice]
    init(_ gpus: [GPUDevice]) { free = gpus }

    func take(_ n: Int) -> [GPUDevice] {
        guard n > 0 else { return [] }
        condition.lock(); defer { condition.unlock() }
        while free.count < n { condition.wait() }
        let taken = Array(free.prefix(n))
        free.removeFirst(n)
        return taken
    }

    func give(_ gpus: [GPUDevice]) {
        guard !gpus.isEmpty else { return }
        condition.lock()
        free = (free + gpus).sorted { $0.index < $1.index }
        condition.broadcast()
        condition.unlock()
    }
}

final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0, finished = 0
    let total: Int
    init(total: Int) { self.total = total }
    func start() -> Int { lock.lock(); defer { lock.unlock() }; running += 1; return running }
    func finish() -> (Int, Int) { lock.lock(); defer { lock.unlock() }; running = max(0, running - 1); finished += 1; return (running, finished) }
    var done: Int { lock.lock(); defer { lock.unlock() }; return finished }
}

final class ListenerBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [LoopbackListener] = []
    func add(_ l: LoopbackListener) { lock.lock(); items.append(l); lock.unlock() }
    func closeAll() { lock.lock(); let all = items; items = []; lock.unlock(); all.forEach { $0.close() } }
}

final class SnapshotLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [AttemptRecord.Snapshot] = []
    func add(_ s: AttemptRecord.Snapshot) { lock.lock(); items.append(s); lock.unlock() }
    var all: [AttemptRecord.Snapshot] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Medians of `make bench`'s sandbox overhead measurement, in seconds.
public struct SandboxOverhead: Sendable, Codable {
    public var count: Int
    public var plain: Double
    /// bwrap with namespaces and the cgroup, no listeners.
    public var sandbox: Double
    /// As an attempt runs: plus the validation server and the proxy inside the sandbox.
    public var attempt: Double
    public var enforcement: LimitEnforcement
}

extension Workspace {
    /// Starts `/bin/true` `count` times plainly, in a bare sandbox and as an attempt's sandbox.
    public func measureSandboxOverhead(count: Int, scratch: String) throws -> SandboxOverhead {
        try FileIO.makeDirectory(scratch)
        let argv = ["/bin/true"]
        var spec = SandboxSpec(command: argv)
        spec.mounts = [.init(source: scratch, target: "/home/submission", writable: true)]
        let limits = ResourceLimits(wallTime: 60, memoryBytes: 1 << 30, cpus: 1, pids: 256)
        var bare = try SandboxedProcess(spec: spec, limits: limits, groupName: "bench-\(getpid())")
        var full = bare
        full.prepare = { pid in
            let v = try LoopbackListener(port: 5000, namespaceOf: pid)
            let p = try LoopbackListener(port: 3128, namespaceOf: pid)
            v.close()
            p.close()
        }
        var plain: [Double] = [], sandboxed: [Double] = [], attempt: [Double] = []
        var enforcement = LimitEnforcement.rlimits
        _ = try SandboxTiming.sandboxed(bare, logFile: "\(scratch)/log")   // warm the page cache
        for i in 0..<count {
            plain.append(try SandboxTiming.plain(argv))
            bare.groupName = "bench-\(getpid())-\(i)"
            sandboxed.append(try SandboxTiming.sandboxed(bare, logFile: "\(scratch)/log"))
            full.groupName = "bench-\(getpid())-\(i)f"
            attempt.append(try SandboxTiming.sandboxed(full, logFile: "\(scratch)/log"))
        }
        enforcement = try bare.run(logFile: "\(scratch)/log").enforcement
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        return SandboxOverhead(count: count, plain: median(plain), sandbox: median(sandboxed), attempt: median(attempt), enforcement: enforcement)
    }
}

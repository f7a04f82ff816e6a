import ArgumentParser
import Foundation
import MLERecipes
import MLEReport
import MLERunner
import MLEWorkspace

extension MLEPkg {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run an agent on competitions in a sandbox, with enforced limits, and grade each attempt.",
            discussion: """
            An agent is a folder with start.sh and an optional agent.toml (env, secrets, gpus, \
            network.allow, mounts). Each (competition, seed) is one attempt under bubblewrap: \
            /home/data is the public split (read-only), /home/submission, /home/logs and \
            /home/code are collected into RUN_DIR/<group>/<competition>_<seed>/ with the agent's \
            output, MLE-bench's grading report and record.json (digests, limits, hardware, exit \
            reason, resources used, network log). Limits are enforced with cgroups (v2, or v1) and \
            rlimits only where no cgroup is writable. A group folder that exists is resumed: \
            finished attempts are kept. Interrupting (Ctrl-C) stops the running attempts, grades \
            them and leaves them to be run again.

            Examples:
              mlepkg run --agent agents/dummy spaceship-titanic --lock lockfiles/mle-bench-lite.lock --data-dir ~/mle-data
              mlepkg run --agent agents/aide --filter tag=lite --seeds 3 --time-limit 24h --memory 64G --cpus 8 \\
                  --gpus-per-attempt 1 --jobs 4 --lock lockfiles/mle-bench-lite.lock --data-dir ~/mle-data
              mlepkg run --agent agents/llm spaceship-titanic --allow-host api.openai.com:443 --snapshot-every 1h …
            """
        )

        @Option(help: "The agent's folder (start.sh, optional agent.toml).")
        var agent: String?

        @Option(help: "A 'docker save' tarball as the agent's root filesystem (default: agent.toml's image, else the host's).")
        var image: String?

        @Argument(help: "Competition ids (or --filter).", completion: Completions.competitionIDs)
        var ids: [String] = []

        @Option(help: "Select competitions by recipe and catalog fields, as in 'mlepkg build' ('mlepkg catalog ls --fields').")
        var filter: String?

        @Option(help: "The lockfile that pins the data (verified before the run).")
        var lock: String?

        @Flag(help: "Run on data no lockfile pins (recorded as unverified).")
        var allowUnlocked = false

        @Option(help: "MLE-bench's data directory (DIR/<id>/prepared/…).")
        var dataDir: String?

        @Option(help: "Where run groups are written.")
        var runDir = "runs"

        @Option(help: "The group's folder name (an existing one is resumed).")
        var group: String?

        @Option(help: "Attempts per competition.")
        var seeds = 1

        @Option(help: "Wall time per attempt: 90s, 30m, 24h.")
        var timeLimit = "24h"

        @Option(help: "Memory per attempt: 512M, 64G.")
        var memory: String?

        @Option(help: "CPUs per attempt (a CFS quota, may be fractional).")
        var cpus: Double?

        @Option(help: "Processes per attempt.")
        var pids: Int = 4096

        @Option(help: "Disk for the writable folders of an attempt: 10G.")
        var disk: String?

        @Option(help: "Seconds between SIGTERM and SIGKILL when an attempt is stopped.")
        var gracePeriod: Double = 5

        @Option(help: "GPUs per attempt (default: agent.toml's gpus, else none).")
        var gpusPerAttempt: Int?

        @Option(help: "Attempts at once.")
        var jobs = 1

        @OptionGroup var slurm: SlurmSubmitOptions

        @Flag(help: "Show the Slurm jobs of --group and how many attempts have finished.")
        var status = false

        @Option(help: ArgumentHelp("Run only this attempt of the group (a Slurm array task).", visibility: .hidden))
        var attemptIndex: Int?

        @Option(help: "none (default: loopback only, allowed hosts through the proxy) or host.")
        var network = "none"

        @Option(help: "A host:port the agent may reach through the proxy (repeatable).")
        var allowHost: [String] = []

        @Option(help: "Copy out and grade the submission at this interval: 30m, 1h.")
        var snapshotEvery: String?

        @Option(help: "The private leaderboard, for medals.")
        var leaderboard: String?

        @Option(help: "The registry directory.")
        var registry: String?

        @Option(help: ArgumentHelp("Folder of GPU device nodes.", visibility: .hidden))
        var gpuDeviceDir = "/dev"

        @Option(help: ArgumentHelp("Folder of the GPU driver's libraries (repeatable).", visibility: .hidden))
        var gpuLibraryDir: [String] = []

        @Option(help: ArgumentHelp("The GPU driver's procfs folder.", visibility: .hidden))
        var gpuDriverDir = "/proc/driver/nvidia"

        @Flag(help: "Print the group's grading report as JSON.")
        var json = false

        func validate() throws {
            if status {
                if group == nil { throw ValidationError("Please pass --group with --status.") }
                return
            }
            if agent == nil || dataDir == nil { throw ValidationError("Please pass --agent DIR and --data-dir DIR.") }
            if ids.isEmpty && filter == nil { throw ValidationError("Please pass competition ids or --filter.") }
            try validateFilter(filter)
            if Duration.seconds(timeLimit) == nil { throw ValidationError("Please pass --time-limit as a number with s, m or h (got '\(timeLimit)').") }
            if let s = snapshotEvery, Duration.seconds(s) == nil { throw ValidationError("Please pass --snapshot-every as a number with s, m or h.") }
            try slurm.validate()
            if let m = memory, Size.bytes(m) == nil { throw ValidationError("Please pass --memory as a size such as 512M or 64G.") }
            if let d = disk, Size.bytes(d) == nil { throw ValidationError("Please pass --disk as a size such as 10G.") }
            if !["none", "host"].contains(network) { throw ValidationError("Please pass --network none or --network host.") }
            if seeds < 1 || jobs < 1 || pids < 1 { throw ValidationError("Please pass positive --seeds, --jobs and --pids.") }
            if let c = cpus, c <= 0 { throw ValidationError("Please pass a positive --cpus.") }
        }

        func run() throws {
            let state = try CommandState.make(quiet: json) { c in if let registry { c.registryDirectory = registry } }
            try state.run {
                let ws = state.workspace
                if status, let group {
                    let submission = try ws.slurmSubmission(groupDirectory: "\(runDir)/\(group)")
                    let jobs = try ws.slurmStates(submission)
                    let done = (try? FileManager.default.contentsOfDirectory(atPath: submission.directory))?
                        .filter { FileManager.default.fileExists(atPath: "\(submission.directory)/\($0)/record.json") }.count ?? 0
                    for j in jobs { state.output.print("\(j.job) \(j.state)") }
                    state.output.print("\(done)/\(submission.attempts) attempts finished; \(jobs.isEmpty ? "no job queued" : "\(Format.count(jobs.count, "job")) queued or running")")
                    return
                }
                let reg = try ws.loadRegistry()
                let selected = try ws.selectRecipes(reg, ids: ids, filter: filter).map(\.id)
                let limits = ResourceLimits(wallTime: Duration.seconds(timeLimit)!, memoryBytes: memory.flatMap(Size.bytes),
                                            cpus: cpus, pids: pids, diskBytes: disk.flatMap(Size.bytes), gracePeriod: gracePeriod)
                var options = RunOptions(agent: agent!, competitions: selected, limits: limits, runDirectory: runDir,
                                         grade: GradeOptions(dataDirectory: dataDir!, leaderboard: leaderboard))
                options.seeds = seeds
                options.jobs = jobs
                options.group = group
                options.lockfile = lock
                options.allowUnlocked = allowUnlocked
                options.network = network == "host" ? .host : .none
                options.allowHosts = allowHost
                options.gpusPerAttempt = gpusPerAttempt
                options.snapshotEvery = snapshotEvery.flatMap(Duration.seconds)
                options.gpuInventory = GPUInventory(deviceDirectory: gpuDeviceDir,
                                                    libraryDirectories: gpuLibraryDir.isEmpty ? GPUInventory.standardLibraryDirectories : gpuLibraryDir,
                                                    driverDirectory: gpuDriverDir)
                options.onlyAttempt = attemptIndex
                options.image = image
                if slurm.executor == "slurm" {
                    let command = [Self.executablePath] + Self.arguments(droppingExecutorOptions: Array(CommandLine.arguments.dropFirst()))
                    let s = try ws.submitToSlurm(options, registry: reg, slurm: slurm.options(command: command))
                    if json { try state.output.printJSON(s); return }
                    state.output.print("submitted \(s.attempts) attempts as job array \(s.arrayJob), report by job \(s.aggregateJob): \(s.directory)")
                    return
                }
                let stop = StopSignal()
                let sources = [SIGINT, SIGTERM].map { sig -> any DispatchSourceSignal in
                    signal(sig, SIG_IGN)
                    let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                    s.setEventHandler { stop.set() }
                    s.resume()
                    return s
                }
                defer { sources.forEach { $0.cancel() } }
                let result = try ws.run(options, registry: reg, stop: stop, progress: RunProgress(output: state.output, quiet: json))
                let summary = BatchReport(result.attempts.map(\.report))
                if json {
                    try state.output.printJSON(summary)
                } else if attemptIndex != nil {
                    state.output.print("attempt \(attemptIndex!) done: \(result.attempts.first?.directory ?? "")")
                } else {
                    state.output.print("\(Format.count(result.attempts.count, "attempt")): \(summary.total_valid_submissions) valid, \(summary.total_medals) medals; report: \(result.reportPath)")
                }
                if stop.isSet { throw Exit.failure }
            }
        }
    }
}

/// Where `run` and `build` do their work: here, or as a Slurm job array.
struct SlurmSubmitOptions: ParsableArguments {
    @Option(help: "Where the work runs: local, or slurm (an sbatch job array, one task per attempt or competition).")
    var executor = "local"

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Slurm account.")
    var account: String?

    @Option(help: "Slurm QoS.")
    var qos: String?

    @Flag(help: "With --executor slurm: wait until every task has finished and the group's report (or the build summary) is written.")
    var wait = false

    @Option(help: ArgumentHelp("With --wait: give up waiting after this long (s, m or h); the jobs stay queued.", valueName: "duration"))
    var waitTimeout: String?

    func validate() throws {
        if !["local", "slurm"].contains(executor) { throw ValidationError("Please pass --executor local or --executor slurm.") }
        if let w = waitTimeout, Duration.seconds(w) == nil { throw ValidationError("Please pass --wait-timeout as a number with s, m or h (got '\(w)').") }
        if waitTimeout != nil && !wait { throw ValidationError("--wait-timeout needs --wait.") }
        if executor != "slurm", wait || partition != nil || account != nil || qos != nil {
            throw ValidationError("--wait, --partition, --account and --qos need --executor slurm.")
        }
    }

    func options(command: [String]) -> SlurmOptions {
        var o = SlurmOptions(command: command)
        o.partition = partition
        o.account = account
        o.qos = qos
        o.wait = wait
        o.waitTimeout = waitTimeout.flatMap(Duration.seconds)
        return o
    }
}

extension MLEPkg.Run {
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// This command line for a Slurm task: the executor's own options left out.
    static func arguments(droppingExecutorOptions args: [String]) -> [String] {
        var out: [String] = [], i = 0
        let valued: Set<String> = ["--executor", "--partition", "--account", "--qos", "--wait-timeout"]
        while i < args.count {
            let a = args[i]
            if valued.contains(a) { i += 2; continue }
            if a == "--wait" || a == "--json" || valued.contains(where: { a.hasPrefix($0 + "=") }) { i += 1; continue }
            out.append(a)
            i += 1
        }
        return out
    }
}

/// One line per attempt on stderr (a terminal or not: runs are long, logs are read later).
struct RunProgress: RunDelegate {
    let output: TerminalOutput
    let quiet: Bool

    func attemptStarted(_ competition: String, seed: Int, running: Int, done: Int, total: Int) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("started \(competition)_\(seed) (\(running) running, \(done)/\(total) done)\n".utf8))
    }

    func attemptFinished(_ r: AttemptResult, running: Int, done: Int, total: Int) {
        guard !quiet else { return }
        let rec = r.record
        let score = r.report.score.map { String($0) } ?? "invalid"
        let how = r.resumed ? "kept" : "\(rec.exitReason.rawValue)\(rec.exitStatus.map { " \($0)" } ?? ""), \(Int(rec.endedAt.timeIntervalSince(rec.startedAt)))s"
        FileHandle.standardError.write(Data("finished \(rec.competitionID)_\(rec.seed): \(how), score \(score) (\(running) running, \(done)/\(total) done)\n".utf8))
    }
}

/// `90s`, `30m`, `24h`, `1.5h` or plain seconds.
enum Duration {
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let last = text.last else { return nil }
        let (number, scale) = units[last].map { (text.dropLast(), $0) } ?? (Substring(text), 1)
        guard let v = Double(number), v > 0, v.isFinite else { return nil }
        return v * scale
    }
}

/// `512M`, `64G`, `1.5T` or plain bytes (powers of 1024).
enum Size {
    static func bytes(_ text: String) -> Int64? {
        let units: [Character: Double] = ["K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776]
        var t = text.uppercased()
        if t.hasSuffix("B") && t.count > 1 && units[t.dropLast().last ?? " "] != nil { t.removeLast() }
        guard let last = t.last else { return nil }
        let (number, scale) = units[last].map { (t.dropLast(), $0) } ?? (Substring(t), 1)
        guard let v = Double(number), v > 0, v.isFinite, v * scale < 9e18 else { return nil }
        return Int64(v * scale)
    }
}

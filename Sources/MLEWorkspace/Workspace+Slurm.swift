import Foundation
import MLEBasics
import MLELockfile
import MLERecipes

/// Where and how a run group is submitted to Slurm.
public struct SlurmOptions: Sendable {
    public var partition: String?
    public var account: String?
    public var qos: String?
    /// Block until the aggregation job has finished.
    public var wait = false
    /// With `wait`: stop waiting (the jobs stay queued) after this many seconds.
    public var waitTimeout: TimeInterval?
    /// The `mlepkg run` command line each task runs (without `--executor`), absolute mlepkg first.
    public var command: [String]
    public var sbatch = "sbatch"
    public var squeue = "squeue"
    public var scancel = "scancel"

    public init(command: [String]) { self.command = command }
}

/// A submitted group: `runs/<group>/slurm/jobs.json`.
public struct SlurmSubmission: Codable, Sendable {
    public var group: String
    public var directory: String
    public var arrayJob: String
    public var aggregateJob: String
    public var attempts: Int

    enum CodingKeys: String, CodingKey {
        case group, directory, arrayJob = "array_job", aggregateJob = "aggregate_job", attempts
    }
}

/// One job's state as `squeue` shows it (gone from the queue: finished).
public struct SlurmJobState: Sendable, Codable {
    public var job: String
    public var state: String
    /// Why a pending job waits (`Dependency`, `DependencyNeverSatisfied`, `Resources`, …).
    public var reason: String

    /// Held jobs never start on their own: Slurm holds a job whose launch failed (`launch failed
    /// requeued held`) or that a user or admin held.
    public var isHeld: Bool {
        state == "REQUEUE_HOLD" || state == "SPECIAL_EXIT" || reason.hasPrefix("JobHeld") || reason.contains("requeued held")
    }
}

extension Workspace {
    /// Submits a run group as an `sbatch` job array, one task per attempt (`%jobs` at once),
    /// and an aggregation job (`afterok`) that writes the group's report. Each task runs the
    /// same sandboxed attempt the local executor runs (`mlepkg run … --attempt-index K`).
    public func submitToSlurm(_ options: RunOptions, registry: Registry, slurm: SlurmOptions) throws -> SlurmSubmission {
        // Refuse what the tasks would refuse, before anything is queued.
        let agent = try AgentManifest.load(directory: options.agent)
        for s in agent.secrets where options.hostEnvironment[s] == nil { throw RunError.missingSecret(s, agent: agent.directory) }
        if let path = options.lockfile {
            try requireVerified(try LockfileFormat.read(path: path), lockfile: path, dataDirectory: options.grade.dataDirectory, ids: options.competitions)
        } else if !options.allowUnlocked {
            throw RunError.unlocked(competition: options.competitions.first ?? "")
        }
        let group = options.group ?? Self.groupName(agent: agent.directory)
        let groupDir = URL(fileURLWithPath: "\(options.runDirectory)/\(group)").standardizedFileURL.path
        let slurmDir = "\(groupDir)/slurm"
        try FileIO.makeDirectory(slurmDir)
        let count = Self.attempts(options).count
        let command = slurm.command + (options.group == nil ? ["--group", group] : []) + ["--executor", "local"]
        let quoted = command.map(Self.shellQuoted).joined(separator: " ")
        var task = ["--array", "0-\(count - 1)%\(max(1, options.jobs))", "--output", "\(slurmDir)/attempt-%a.out"]
        // The attempt's limit plus time to grade it, in whole minutes.
        task += ["--time", String(Int((options.limits.wallTime + options.limits.gracePeriod + 600) / 60) + 1)]
        if let c = options.limits.cpus { task += ["--cpus-per-task", String(Int(c.rounded(.up)))] }
        if let m = options.limits.memoryBytes { task += ["--mem", "\((m >> 20) + 512)M"] }
        let gpus = options.gpusPerAttempt ?? agent.gpus ?? 0
        if gpus > 0 { task += ["--gres", "gpu:\(gpus)"] }
        let jobs = try Self.submitArray(name: group, directory: slurmDir, slurm: slurm, taskOptions: task,
                                        task: (file: "attempt.sh", body: "exec \(quoted) --attempt-index \"$SLURM_ARRAY_TASK_ID\""),
                                        aggregate: (file: "aggregate.sh", body: "exec \(quoted)"))
        let submission = SlurmSubmission(group: group, directory: groupDir, arrayJob: jobs.array, aggregateJob: jobs.aggregate, attempts: count)
        try record(submission, scripts: slurmDir, slurm: slurm, output: "\(groupDir)/grading_report.json",
                   resume: "run again to resume", follow: "'mlepkg run --status --group \(group)' follows them")
        return submission
    }

    /// Submits `build` as a job array, one task per competition (`jobs` at once: building the
    /// whole benchmark is itself a cluster-sized job), and a job after them that writes the
    /// summary of every build to `DIR/summary.json`, DIR being `MLEPKG_HOME/slurm/build-…`.
    /// `slurm.command` is the `mlepkg build` command line each task runs with its competition id
    /// appended; the store must be on a path every node reads (MLEPKG_HOME is passed on, as
    /// sbatch passes the environment).
    public func submitBuildToSlurm(ids: [String], jobs: Int, slurm: SlurmOptions) throws -> SlurmSubmission {
        guard !ids.isEmpty else { throw RunError.slurm("no competition to build") }
        let name = "build-\(Self.timestamp())-\(getpid())"
        let directory = "\(configuration.paths.home)/slurm/\(name)"
        try FileIO.makeDirectory(directory)
        try FileIO.writeAtomically(Data((ids.joined(separator: "\n") + "\n").utf8), to: "\(directory)/competitions.txt")
        let quoted = slurm.command.map(Self.shellQuoted).joined(separator: " ")
        let list = Self.shellQuoted("\(directory)/competitions.txt")
        let submitted = try Self.submitArray(
            name: name, directory: directory, slurm: slurm,
            taskOptions: ["--array", "0-\(ids.count - 1)%\(max(1, jobs))", "--output", "\(directory)/build-%a.out"],
            task: (file: "build.sh", body: "id=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \(list))\nexec \(quoted) \"$id\""),
            // Every competition is built by then: this pass finds each one up to date and reports it.
            aggregate: (file: "summary.sh", body: "exec \(quoted) --json $(cat \(list)) > \(Self.shellQuoted("\(directory)/summary.json"))"))
        let submission = SlurmSubmission(group: name, directory: directory, arrayJob: submitted.array,
                                         aggregateJob: submitted.aggregate, attempts: ids.count)
        try record(submission, scripts: directory, slurm: slurm, output: "\(directory)/summary.json", resume: "build again to finish",
                   follow: "'squeue -j \(submitted.array),\(submitted.aggregate)' follows them")
        return submission
    }

    /// Writes `jobs.json` beside the scripts and, with `--wait`, blocks until the jobs have left
    /// the queue and requires the file the job after the array writes.
    func record(_ submission: SlurmSubmission, scripts: String, slurm: SlurmOptions, output: String,
                resume: String, follow: String) throws {
        try FileIO.writeAtomically(try AttemptRecord.encoder().encode(submission), to: "\(scripts)/jobs.json")
        guard slurm.wait else { return }
        try waitForSlurm(submission, logs: scripts, slurm: slurm, resume: resume, follow: follow)
        guard FileIO.exists(output) else {
            throw RunError.slurm("job \(submission.aggregateJob) ended without writing '\(output)'; see \(scripts)/*.out")
        }
    }

    /// Writes the two scripts and submits the array and the job that runs after it succeeded.
    static func submitArray(name: String, directory: String, slurm: SlurmOptions, taskOptions: [String],
                            task: (file: String, body: String), aggregate: (file: String, body: String)) throws -> (array: String, aggregate: String) {
        for (file, body) in [task, aggregate] {
            let script = "#!/bin/sh\n# written by mlepkg for Slurm\n\(body)\n"
            try FileIO.writeAtomically(Data(script.utf8), to: "\(directory)/\(file)", mode: 0o755)
        }
        var common = ["--parsable", "--job-name", "mlepkg-\(name.suffix(40))"]
        if let p = slurm.partition { common += ["--partition", p] }
        if let a = slurm.account { common += ["--account", a] }
        if let q = slurm.qos { common += ["--qos", q] }
        let array = try sbatch(slurm.sbatch, common + taskOptions + ["\(directory)/\(task.file)"])
        let after = try sbatch(slurm.sbatch, common + ["--dependency", "afterok:\(array)", "--output", "\(directory)/\((aggregate.file as NSString).deletingPathExtension).out",
                                                      "\(directory)/\(aggregate.file)"])
        return (array, after)
    }

    /// Blocks until the submission's jobs have left the queue; a failed task (its afterok job
    /// can never start), a held job or the timeout is an error that says what to do.
    func waitForSlurm(_ submission: SlurmSubmission, logs: String, slurm: SlurmOptions, resume: String, follow: String) throws {
        let deadline = slurm.waitTimeout.map { Date().addingTimeInterval($0) }
        let (arrayJob, aggregateJob) = (submission.arrayJob, submission.aggregateJob)
        while true {
            let jobs = try slurmStates(submission, squeue: slurm.squeue)
            if jobs.isEmpty { return }
            if jobs.allSatisfy({ $0.job == aggregateJob && $0.reason.contains("DependencyNeverSatisfied") }) {
                _ = try? Self.capture(slurm.scancel, [aggregateJob])
                throw RunError.slurm("a task of job array \(arrayJob) failed, so job \(aggregateJob) after it was cancelled; see \(logs)/*.out, then \(resume)")
            }
            if let held = jobs.first(where: \.isHeld) {
                throw RunError.slurm("job \(held.job) is held by Slurm (\(held.state), \(held.reason)); release it with 'scontrol release \(held.job)' or cancel it, then \(resume)")
            }
            if let deadline, Date() >= deadline {
                throw RunError.slurm("gave up waiting after --wait-timeout: \(jobs.count) job(s) still queued (\(jobs.map { "\($0.job) \($0.state) \($0.reason)" }.joined(separator: ", "))); \(follow)")
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    /// The group's jobs still in the queue (an empty list: all have finished).
    public func slurmStates(_ submission: SlurmSubmission, squeue: String = "squeue") throws -> [SlurmJobState] {
        let out = try Self.capture(squeue, ["-h", "-r", "-j", "\(submission.arrayJob),\(submission.aggregateJob)", "-o", "%i %T %r"])
        return out.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 2)
            return parts.count >= 2 ? SlurmJobState(job: String(parts[0]), state: String(parts[1]),
                                                    reason: parts.count > 2 ? String(parts[2]) : "") : nil
        }
    }

    /// `runs/<group>/slurm/jobs.json` of a submitted group.
    public func slurmSubmission(groupDirectory: String) throws -> SlurmSubmission {
        let path = "\(groupDirectory)/slurm/jobs.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw RunError.slurm("'\(path)' does not exist: the group was not submitted to Slurm") }
        do { return try JSONDecoder().decode(SlurmSubmission.self, from: data) } catch { throw RunError.invalidRecord(path: path, reason: "\(error)") }
    }

    static func sbatch(_ tool: String, _ args: [String]) throws -> String {
        let out = try capture(tool, args).trimmingCharacters(in: .whitespacesAndNewlines)
        // --parsable prints "jobid" or "jobid;cluster".
        guard let id = out.split(separator: ";").first, Int(id) != nil else { throw RunError.slurm("sbatch printed '\(out)', expected a job id") }
        return String(id)
    }

    static func capture(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { throw RunError.slurm("cannot run '\(tool)': \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw RunError.slurm("'\(tool)' failed (status \(p.terminationStatus)): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func shellQuoted(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) } && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

import ArgumentParser
import Foundation
import MLEWorkspace

/// Options shared by `mirror push` and `mirror pull`.
struct MirrorTransferOptions: ParsableArguments {
    @Argument(help: "The mirror: a folder, file://PATH, http(s)://HOST/PATH (pull only) or s3://BUCKET/PREFIX.")
    var remote: String

    @Option(help: "The lockfile whose objects move (pull fetches locks/NAME from the mirror when FILE does not exist).")
    var lock: String

    @Argument(help: "Only these competitions (default: every pinned one).", completion: Completions.competitionIDs)
    var ids: [String] = []

    @Flag(help: "Only the prepared public/private trees, not the raw inputs (for labs that run but never rebuild).")
    var outputsOnly = false

    @Option(help: "An S3-compatible endpoint (MinIO, Ceph…); default AWS_ENDPOINT_URL or the AWS config.")
    var endpoint: String?

    @Option(help: "Transfers to run at once.")
    var jobs: Int?

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("Please pass a --jobs of at least 1.") }
    }

    var mirrorOptions: MirrorOptions {
        MirrorOptions(remote: remote, lockPath: lock, ids: ids, outputsOnly: outputsOnly, endpoint: endpoint)
    }

    func state() throws -> CommandState {
        try CommandState.make(quiet: quiet || json) { c in
            if let jobs { c.jobs = jobs }
        }
    }

    /// The summary line: objects, bytes, rate, and what was already there.
    func show(_ report: MirrorReport, verb: String, state: CommandState) throws {
        if json { return try state.output.printJSON(report) }
        let rate = report.seconds > 0 ? ProgressRenderer.bytes(Int64(report.bytesPerSecond)) + "/s" : "-"
        state.output.print("\(verb) \(report.objects) objects (\(ProgressRenderer.bytes(report.bytes))) in "
                           + String(format: "%.2f", report.seconds) + " s (\(rate)); \(report.present) already present; "
                           + "\(report.requests) requests; \(Format.count(report.competitions.count, "competition"))")
    }
}

extension MLEPkg {
    struct Mirror: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Push a lock's objects to a mirror, or pull them from one.",
            discussion: """
            A mirror is a folder, a web server or an S3 bucket holding objects by digest, packs of \
            small files and lockfiles by name (the layout is in the README). Hashes are the truth: \
            every object is verified on arrival, and a corrupt or missing one is named and refused.

            Examples:
              mlepkg mirror push /mnt/mirror --lock lockfiles/mle-bench-lite.lock
              mlepkg mirror pull https://mirror.example/mlepkg --lock mle-bench-lite.lock spaceship-titanic
              mlepkg mirror pull s3://lab-bucket/mlepkg --lock my.lock --outputs-only --endpoint http://minio:9000
            """,
            subcommands: [Push.self, Pull.self]
        )

        struct Push: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Upload the objects of a lock that the mirror lacks, then the lockfile.",
                discussion: """
                Uploads exactly what the mirror does not hold: one pack per tree for files under \
                1 MiB, larger files and tree manifests as objects, then locks/NAME (and NAME.sig). \
                Objects are re-hashed as they are read, so a damaged local object never reaches the mirror.

                Examples:
                  mlepkg mirror push /mnt/mirror --lock my.lock
                  AWS_PROFILE=lab mlepkg mirror push s3://bucket/mlepkg --lock my.lock spaceship-titanic
                """
            )

            @OptionGroup var options: MirrorTransferOptions

            func run() throws {
                let state = try options.state()
                try state.run {
                    try options.show(try state.workspace.mirrorPush(options.mirrorOptions), verb: "pushed", state: state)
                }
            }
        }

        struct Pull: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Download the objects of a lock that the store lacks, verifying every hash.",
                discussion: """
                What the store already holds costs no request. Packs are read in ranges, in \
                parallel; an interrupted transfer resumes; nothing unverified enters the store. \
                MLEPKG_OFFLINE=1 does not forbid the mirror named here.

                Examples:
                  mlepkg mirror pull /mnt/mirror --lock my.lock
                  mlepkg mirror pull http://127.0.0.1:8700 --lock my.lock --outputs-only --json
                """
            )

            @OptionGroup var options: MirrorTransferOptions

            func run() throws {
                let state = try options.state()
                try state.run {
                    try options.show(try state.workspace.mirrorPull(options.mirrorOptions), verb: "pulled", state: state)
                }
            }
        }
    }
}

import Foundation
import MLETestSupport
import Testing

/// `mlepkg build --executor slurm` on a real single-node cluster (munge, slurmctld, slurmd)
/// started here: one array task per competition, then a summary job; the trees are the ones a
/// local build gives.
@Suite(.serialized) struct SlurmBuildTests {
    static let usable = getuid() == 0 && TestSupport.sharedDirectory != nil
        && ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: usable, "needs root, ../shared/data/kaggle-raw and Debian's munge, slurmctld, slurmd and slurm-client (.ci/run installs them)"))
    func aBuildOnSlurmGivesTheTreesALocalBuildGives() throws {
        let home = try TestSupport.makeTemporaryDirectory("slurm-build")
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let registry = TestSupport.packageRoot.appendingPathComponent("registry").path
        let ids = ["detecting-insults-in-social-commentary", "spooky-author-identification"]
        let cluster = "\(home)/slurm"
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/slurm-test-cluster.sh").path
        let started = try TestSupport.run("/bin/bash", [script, "start", cluster])
        defer { _ = try? TestSupport.run("/bin/bash", [script, "stop", cluster]) }
        guard started.status == 0 else { Issue.record("the test cluster did not start: \(started.stderr)"); return }

        let onSlurm = try TestSupport.mlepkg(["build"] + ids + ["--raw-dir", raw, "--data-dir", "\(home)/data", "--registry", registry,
                                              "--executor", "slurm", "--jobs", "2", "--wait", "--wait-timeout", "300s", "--json"],
                                             home: "\(home)/store", extraEnvironment: ["SLURM_CONF": "\(cluster)/slurm.conf"])
        let logs = ["slurmctld.log", "slurmd.log"].map { (try? String(contentsOfFile: "\(cluster)/log/\($0)", encoding: .utf8))?.suffix(1500) ?? "" }
        #expect(onSlurm.status == 0, "\(onSlurm.stderr)\n\(logs.joined(separator: "\n"))")
        let local = try TestSupport.mlepkg(["build"] + ids + ["--raw-dir", raw, "--registry", registry, "--json", "-q"], home: "\(home)/local")
        #expect(local.status == 0, "\(local.stderr)")
        func trees(_ r: TestSupport.ProcessResult) throws -> [String] {
            let built = (try JSONSerialization.jsonObject(with: r.stdoutData) as! [String: Any])["built"] as! [[String: Any]]
            return built.map { "\($0["id"]!) \($0["public"]!) \($0["private"]!)" }
        }
        // The summary job found both built by the array's tasks, in the store every node shares.
        let summary = try trees(onSlurm), expected = try trees(local)
        #expect(summary.count == 2 && summary == expected)
        let flags = ((try JSONSerialization.jsonObject(with: onSlurm.stdoutData) as! [String: Any])["built"] as! [[String: Any]]).map { $0["built"] as? Bool }
        #expect(flags == [false, false])
        for id in ids {
            #expect(FileManager.default.fileExists(atPath: "\(home)/data/\(id)/prepared/private/test.csv"))
        }
        let outs = try FileManager.default.contentsOfDirectory(atPath: "\(home)/store/store/slurm").flatMap {
            try FileManager.default.contentsOfDirectory(atPath: "\(home)/store/store/slurm/\($0)")
        }.filter { $0.hasSuffix(".out") }.sorted()
        #expect(outs == ["build-0.out", "build-1.out", "summary.out"])

        let refused = try TestSupport.mlepkg(["build", "spaceship-titanic", "--wait"], home: "\(home)/store")
        #expect(refused.status == 64 && refused.stderr.contains("--wait, --partition, --account and --qos need --executor slurm."), "\(refused.stderr)")
    }
}

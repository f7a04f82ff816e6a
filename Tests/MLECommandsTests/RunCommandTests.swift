import Foundation
import MLETestSupport
import Testing

/// Real bubblewrap, real cgroups, real processes: what `mlepkg run` needs is at hand (as root,
/// with bwrap installed: `make test` installs it) or the tests say why they are skipped.
enum RunSetup {
    static var bwrap: String? {
        ["/usr/bin/bwrap", "/bin/bwrap"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static let usable = bwrap != nil && getuid() == 0 && TestSupport.sharedDirectory != nil

    /// The five real competitions' spaceship-titanic, built once per test into `home/data`.
    static func buildData(home: String) throws {
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let r = try TestSupport.mlepkg(["build", "spaceship-titanic", "--raw-dir", raw, "--data-dir", "\(home)/data", "-q",
                                        "--registry", TestSupport.packageRoot.appendingPathComponent("registry").path], home: home)
        #expect(r.status == 0, "\(r.stderr)")
    }

    static func agent(_ dir: String, start: String, toml: String? = nil) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try start.write(toFile: "\(dir)/start.sh", atomically: true, encoding: .utf8)
        if let toml { try toml.write(toFile: "\(dir)/agent.toml", atomically: true, encoding: .utf8) }
    }

    static func record(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }
}

@Suite(.serialized) struct RunCommandTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("run") }

    func run(_ args: [String], env: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(["run", "--data-dir", "\(home)/data", "--run-dir", "\(home)/runs",
                                "--lock", TestSupport.packageRoot.appendingPathComponent("lockfiles/mle-bench-dev.lock").path,
                                "--registry", TestSupport.packageRoot.appendingPathComponent("registry").path] + args,
                               home: home, extraEnvironment: env)
    }

    @Test(.enabled(if: RunSetup.usable, "needs bubblewrap (make test installs it), root (cgroups, the sandbox's listeners) and ../shared/data/kaggle-raw"))
    func aDummyAgentIsGradedAndARealLearnerBeatsIt() throws {
        defer { TestSupport.remove(home) }
        try RunSetup.buildData(home: home)
        try RunSetup.agent("\(home)/dummy", start: """
            cp /home/data/sample_submission.csv /home/submission/submission.csv
            /home/validate_submission.sh /home/submission/submission.csv > /home/logs/validate.txt
            curl -s -X POST -F file=@/home/data/train.csv http://localhost:5000/validate > /home/logs/invalid.txt
            echo "$COMPETITION_ID $TIME_LIMIT_SECS $SECRET_TOKEN" > /home/code/env.txt
            """, toml: "secrets = [\"SECRET_TOKEN\"]\n[env]\nMODE = \"dummy\"\n")
        let r = try run(["--agent", "\(home)/dummy", "spaceship-titanic", "--group", "g", "--time-limit", "60s", "--json"],
                        env: ["SECRET_TOKEN": "s3cr3t-value"])
        #expect(r.status == 0, "\(r.stderr)")
        let attempt = "\(home)/runs/g/spaceship-titanic_0"
        let report = try RunSetup.record("\(attempt)/grading_report.json")
        #expect(report["score"] as? Double == 0.50345)
        #expect(report["valid_submission"] as? Bool == true)
        #expect(try String(contentsOfFile: "\(attempt)/logs/validate.txt", encoding: .utf8) == "{\"result\":\"valid\"}\n")
        let invalid = try String(contentsOfFile: "\(attempt)/logs/invalid.txt", encoding: .utf8)
        #expect(invalid.hasPrefix("{\"reason\":") && invalid.contains("\"result\":\"invalid\""), "\(invalid)")
        #expect(!invalid.contains("score"))
        #expect(try String(contentsOfFile: "\(attempt)/code/env.txt", encoding: .utf8) == "spaceship-titanic 60 s3cr3t-value\n")
        let record = try RunSetup.record("\(attempt)/record.json")
        #expect(record["exit_reason"] as? String == "exited")
        #expect(record["enforcement"] as? String == "cgroup-v1" || record["enforcement"] as? String == "cgroup-v2")
        // The committed dev lock's public tree (MLE-bench's files and public/description.md).
        #expect(record["public_tree"] as? String == "sha256:287abdeb83c333759543f8943fedec1e348bd19773239a4a67086359a080c535")
        #expect(record["data_verified"] as? Bool == true)
        #expect(record["validation_requests"] as? Int == 2)
        #expect((record["agent"] as? [String: Any])?["secret_names"] as? [String] == ["SECRET_TOKEN"])
        #expect((record["agent"] as? [String: Any])?["digest"] as? String != nil)
        #expect(((record["hardware"] as? [String: Any])?["cpu_count"] as? Int ?? 0) > 0)
        let text = try String(contentsOfFile: "\(attempt)/record.json", encoding: .utf8)
        #expect(!text.contains("s3cr3t-value"), "a secret's value is in the record")
        let group = try RunSetup.record("\(home)/runs/g/grading_report.json")
        #expect(group["total_valid_submissions"] as? Int == 1)

        // A logistic regression on the training set beats the all-False sample.
        let deps = ProcessInfo.processInfo.environment["MLEPKG_PYDEPS"] ?? TestSupport.packageRoot.appendingPathComponent(".pydeps").path
        guard FileManager.default.fileExists(atPath: "\(deps)/sklearn") else {
            Issue.record("skipped the learner: scikit-learn is not in '\(deps)' ('make pydeps' installs it)")
            return
        }
        try RunSetup.agent("\(home)/learner", start: """
            cat > /home/code/train.py <<'PY'
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            train = pd.read_csv("/home/data/train.csv"); test = pd.read_csv("/home/data/test.csv")
            def features(d):
                x = pd.DataFrame({c: d[c].fillna(0) for c in ["Age", "RoomService", "FoodCourt", "ShoppingMall", "Spa", "VRDeck"]})
                x["CryoSleep"] = d["CryoSleep"].fillna(False).astype(float)
                return x
            model = LogisticRegression(max_iter=1000).fit(features(train), train["Transported"])
            pd.DataFrame({"PassengerId": test["PassengerId"], "Transported": model.predict(features(test))}).to_csv("/home/submission/submission.csv", index=False)
            PY
            python3 /home/code/train.py
            """, toml: "[env]\nPYTHONPATH = \"/opt/pydeps\"\n[mounts]\n\"\(deps)\" = \"/opt/pydeps\"\n")
        let l = try run(["--agent", "\(home)/learner", "spaceship-titanic", "--group", "g", "--time-limit", "120s"])
        // A group is one agent: another agent does not resume it.
        #expect(l.status == 1 && l.stderr.contains("was run with agent sha256:"), "\(l.stderr)")
        let kept = try RunSetup.record("\(attempt)/grading_report.json")
        #expect(kept["score"] as? Double == 0.50345, "the finished attempt of the group was kept")
        let l2 = try run(["--agent", "\(home)/learner", "spaceship-titanic", "--group", "learner", "--time-limit", "120s"])
        #expect(l2.status == 0, "\(l2.stderr)")
        let learned = try RunSetup.record("\(home)/runs/learner/spaceship-titanic_0/grading_report.json")
        let score = learned["score"] as? Double ?? 0
        let log = (try? String(contentsOfFile: "\(home)/runs/learner/spaceship-titanic_0/agent.log", encoding: .utf8)) ?? ""
        #expect(score > 0.7, "\(log)")
    }

    /// One group, one agent, a different attack per seed: each fails, is stopped, and the record
    /// says why; the well-behaved seed 0 is unaffected.
    @Test(.enabled(if: RunSetup.usable, "needs bubblewrap (make test installs it), root (cgroups, the sandbox's listeners) and ../shared/data/kaggle-raw"))
    func aHostileAgentFailsAtEveryAttackAndTheRecordSaysWhy() throws {
        defer { TestSupport.remove(home) }
        try RunSetup.buildData(home: home)
        let server = try FaultServer()
        try server.put("secret.txt", Data("host service\n".utf8))
        let answers = "\(home)/data/spaceship-titanic/prepared/private/test.csv"
        // An answers file open in mlepkg's parent would be inherited without closefrom.
        let held = open(answers, O_RDONLY)
        defer { close(held) }
        try RunSetup.agent("\(home)/hostile", start: """
            cp /home/data/sample_submission.csv /home/submission/submission.csv
            probe() { if eval "$2" >/dev/null 2>&1; then echo "OPEN $1"; else echo "BLOCKED $1"; fi; }
            case "$MLEPKG_SEED" in
            0) ;;
            1)
              {
              probe answers-by-path "cat '\(answers)'"
              probe answers-by-find "find / -path /proc -prune -o -path /usr -prune -o -path /sys -prune -o -name test.csv -print 2>/dev/null | grep -v '^/home/data/' | grep -q ."
              probe store "ls '\(home)/store'"
              probe host-home "ls /root/.bashrc || ls '\(home)'"
              probe proc-host "ls /proc/1/root/root || cat /proc/1/environ | grep -q MLEPKG_HOME"
              probe inherited-fd "for f in /proc/self/fd/*; do readlink $f; done | grep -q private"
              probe host-loopback "curl -s -m 3 --noproxy '*' \(server.url("files/secret.txt")) | grep -q 'host service'"
              probe proxy-to-host-loopback "env -u NO_PROXY -u no_proxy curl -s -m 3 -x http://127.0.0.1:3128 \(server.url("files/secret.txt")) | grep -q 'host service'"
              probe any-address "curl -s -m 3 --noproxy '*' http://1.1.1.1/"
              probe write-data "touch /home/data/x"
              probe write-etc "touch /etc/x"
              probe write-root "touch /x"
              probe write-usr "touch /usr/x"
              probe write-home "touch /home/x"
              probe shadow "cat /etc/shadow"
              } > /home/logs/probes.txt
              ;;
            2) bomb() { bomb | bomb & }; bomb; sleep 30 ;;
            3) python3 -c "b = b'x' * (400 << 20); print(len(b))" ;;
            4) sleep 1000 ;;
            5) head -c 40000000 /dev/zero > /home/code/big; sleep 1000 ;;
            esac
            """)
        let r = try run(["--agent", "\(home)/hostile", "spaceship-titanic", "--seeds", "6", "--jobs", "3", "--group", "h",
                         "--time-limit", "6s", "--grace-period", "1", "--memory", "200M", "--pids", "64", "--cpus", "1", "--disk", "20M"])
        #expect(r.status == 0, "\(r.stderr)")
        func rec(_ seed: Int) throws -> [String: Any] { try RunSetup.record("\(home)/runs/h/spaceship-titanic_\(seed)/record.json") }
        func usage(_ seed: Int) throws -> [String: Any] { try rec(seed)["usage"] as? [String: Any] ?? [:] }
        #expect(try rec(0)["exit_reason"] as? String == "exited")
        #expect(try rec(0)["valid_submission"] as? Bool == true)
        let probes = try String(contentsOfFile: "\(home)/runs/h/spaceship-titanic_1/logs/probes.txt", encoding: .utf8)
        #expect(probes.split(separator: "\n").count == 15, "\(probes)")
        #expect(!probes.contains("OPEN"), "\(probes)")
        let connections = (try rec(1)["network"] as? [String: Any])?["connections"] as? [[String: Any]] ?? []
        #expect(connections.count == 1 && connections.first?["allowed"] as? Bool == false, "\(connections)")
        #expect(try rec(1)["valid_submission"] as? Bool == true)
        #expect(try usage(2)["pids_limit_hits"] as? Int ?? 0 > 0)
        #expect(try rec(2)["exit_reason"] as? String == "time_limit")
        let memoryHog = try rec(3)
        #expect(memoryHog["exit_reason"] as? String == "memory_limit", "\(memoryHog)")
        #expect(try usage(3)["oom_kills"] as? Int ?? 0 > 0)
        #expect(try rec(4)["exit_reason"] as? String == "time_limit")
        #expect(try rec(4)["valid_submission"] as? Bool == true, "the submission written before the limit is graded")
        #expect(try rec(5)["exit_reason"] as? String == "disk_limit")
        for seed in 0..<6 { #expect(try rec(seed)["ended_at"] != nil) }
        // Nothing of the sandboxes is left: every cgroup is gone.
        let groups = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup/pids/mlepkg")) ?? []
        #expect(!groups.contains { $0.hasPrefix("\(getpid())-") || $0.contains("-h-spaceship") }, "\(groups)")
    }

    @Test(.enabled(if: RunSetup.usable, "needs bubblewrap (make test installs it), root (cgroups, the sandbox's listeners) and ../shared/data/kaggle-raw"))
    func onlyAllowedHostsAreReachedThroughTheProxyAndBothAreRecorded() throws {
        defer { TestSupport.remove(home) }
        try RunSetup.buildData(home: home)
        let allowed = try FaultServer(), refused = try FaultServer()
        try allowed.put("hello.txt", Data("hello through the proxy\n".utf8))
        try refused.put("hello.txt", Data("must not be seen\n".utf8))
        try RunSetup.agent("\(home)/net", start: """
            cp /home/data/sample_submission.csv /home/submission/submission.csv
            export NO_PROXY= no_proxy=
            curl -s -m 5 --proxytunnel -x "$HTTPS_PROXY" \(allowed.url("files/hello.txt")) > /home/logs/allowed.txt
            curl -s -m 5 -x "$HTTP_PROXY" \(allowed.url("files/hello.txt")) > /home/logs/plain.txt
            curl -s -m 5 --proxytunnel -x "$HTTPS_PROXY" \(refused.url("files/hello.txt")) > /home/logs/refused.txt; echo "rc=$?" >> /home/logs/refused.txt
            """, toml: "[network]\nallow = [\"127.0.0.1:\(allowed.port)\"]\n")
        let r = try run(["--agent", "\(home)/net", "spaceship-titanic", "--group", "n", "--time-limit", "30s"])
        #expect(r.status == 0, "\(r.stderr)")
        let dir = "\(home)/runs/n/spaceship-titanic_0"
        #expect(try String(contentsOfFile: "\(dir)/logs/allowed.txt", encoding: .utf8) == "hello through the proxy\n")
        #expect(try String(contentsOfFile: "\(dir)/logs/plain.txt", encoding: .utf8) == "hello through the proxy\n")
        #expect(!(try String(contentsOfFile: "\(dir)/logs/refused.txt", encoding: .utf8)).contains("must not be seen"))
        let network = try RunSetup.record("\(dir)/record.json")["network"] as? [String: Any] ?? [:]
        #expect(network["mode"] as? String == "none")
        #expect(network["allow"] as? [String] == ["127.0.0.1:\(allowed.port)"])
        let log = network["connections"] as? [[String: Any]] ?? []
        #expect(log.map { $0["port"] as? Int } == [allowed.port, allowed.port, refused.port])
        #expect(log.map { $0["allowed"] as? Bool } == [true, true, false])
        #expect((log.first?["bytes_received"] as? Int ?? 0) > 0)
        #expect(log.last?["reason"] as? String == "not in network.allow")

        // The opt-out is explicit and recorded.
        let h = try run(["--agent", "\(home)/net", "spaceship-titanic", "--group", "host", "--time-limit", "30s", "--network", "host"])
        #expect(h.status == 0, "\(h.stderr)")
        let hostNet = try RunSetup.record("\(home)/runs/host/spaceship-titanic_0/record.json")["network"] as? [String: Any] ?? [:]
        #expect(hostNet["mode"] as? String == "host")
    }

    /// Snapshots are graded as the run goes; an interrupted group resumes with the rest.
    @Test(.enabled(if: RunSetup.usable, "needs bubblewrap (make test installs it), root (cgroups, the sandbox's listeners) and ../shared/data/kaggle-raw"))
    func snapshotsAreGradedAndAnInterruptedGroupResumes() throws {
        defer { TestSupport.remove(home) }
        try RunSetup.buildData(home: home)
        try RunSetup.agent("\(home)/slow", start: """
            sleep 0.5
            cp /home/data/sample_submission.csv /home/submission/submission.csv
            sleep 30
            """)
        let lock = TestSupport.packageRoot.appendingPathComponent("lockfiles/mle-bench-dev.lock").path
        let registry = TestSupport.packageRoot.appendingPathComponent("registry").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.mlepkgExecutable)
        p.arguments = ["run", "--agent", "\(home)/slow", "spaceship-titanic", "--seeds", "2", "--group", "s", "--data-dir", "\(home)/data",
                       "--run-dir", "\(home)/runs", "--lock", lock, "--registry", registry, "--time-limit", "60s",
                       "--snapshot-every", "1s", "--grace-period", "0.5"]
        var env = ProcessInfo.processInfo.environment
        env["MLEPKG_HOME"] = "\(home)/store"
        p.environment = env
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 3.2)
        p.interrupt()
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        let first = try RunSetup.record("\(home)/runs/s/spaceship-titanic_0/record.json")
        #expect(first["exit_reason"] as? String == "interrupted")
        let snaps = first["snapshots"] as? [[String: Any]] ?? []
        #expect(snaps.count >= 2, "\(snaps)")
        #expect(snaps.allSatisfy { $0["score"] as? Double == 0.50345 && $0["valid_submission"] as? Bool == true }, "\(snaps)")
        #expect(!FileManager.default.fileExists(atPath: "\(home)/runs/s/spaceship-titanic_1/record.json"))

        // The rerun does both: the interrupted attempt again, and the one never started.
        let r = try run(["--agent", "\(home)/slow", "spaceship-titanic", "--seeds", "2", "--group", "s", "--time-limit", "2s", "--grace-period", "0.5"])
        #expect(r.status == 0, "\(r.stderr)")
        for seed in 0..<2 {
            let rec = try RunSetup.record("\(home)/runs/s/spaceship-titanic_\(seed)/record.json")
            #expect(rec["exit_reason"] as? String == "time_limit")
            #expect(rec["score"] as? Double == 0.50345)
        }
        let group = try RunSetup.record("\(home)/runs/s/grading_report.json")
        #expect(group["total_runs"] as? Int == 2)
        // A third run keeps both.
        let again = try run(["--agent", "\(home)/slow", "spaceship-titanic", "--seeds", "2", "--group", "s", "--time-limit", "2s"])
        #expect(again.stderr.components(separatedBy: ": kept,").count == 3, "\(again.stderr)")
    }

    /// A real single-node cluster (munge, slurmctld, slurmd) started here: 2 competitions × 2
    /// seeds through an sbatch job array give what the local executor gives.
    @Test(.enabled(if: RunSetup.usable && ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch"]
                    .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) },
                   "needs bubblewrap, root and Debian's munge, slurmctld, slurmd and slurm-client (.ci/run installs them)"))
    func theSlurmExecutorGivesWhatTheLocalExecutorGives() throws {
        defer { TestSupport.remove(home) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let registry = TestSupport.packageRoot.appendingPathComponent("registry").path
        let ids = ["detecting-insults-in-social-commentary", "spooky-author-identification"]
        let b = try TestSupport.mlepkg(["build"] + ids + ["--raw-dir", raw, "--data-dir", "\(home)/data", "-q", "--registry", registry], home: home)
        #expect(b.status == 0, "\(b.stderr)")
        let cluster = "\(home)/slurm"
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/slurm-test-cluster.sh").path
        let started = try TestSupport.run("/bin/bash", [script, "start", cluster])
        defer { _ = try? TestSupport.run("/bin/bash", [script, "stop", cluster]) }
        guard started.status == 0 else { Issue.record("the test cluster did not start: \(started.stderr)"); return }
        try RunSetup.agent("\(home)/dummy", start: "cp \"$(ls /home/data/sample_submission*.csv | head -1)\" /home/submission/submission.csv\n")
        let lock = TestSupport.packageRoot.appendingPathComponent("lockfiles/mle-bench-lite.lock").path
        func run(_ executor: [String], group: String) throws -> TestSupport.ProcessResult {
            try TestSupport.mlepkg(["run", "--agent", "\(home)/dummy"] + ids + ["--seeds", "2", "--jobs", "2", "--group", group, "--data-dir", "\(home)/data",
                                   "--run-dir", "\(home)/runs", "--lock", lock, "--registry", registry, "--time-limit", "60s"] + executor,
                                   home: home, extraEnvironment: ["SLURM_CONF": "\(cluster)/slurm.conf"])
        }
        // A node that cannot run the jobs must fail this test, not hold the suite.
        let slurm = try run(["--executor", "slurm", "--wait", "--wait-timeout", "300s"], group: "on-slurm")
        let logs = ["slurmctld.log", "slurmd.log"].map { (try? String(contentsOfFile: "\(cluster)/log/\($0)", encoding: .utf8))?.suffix(1500) ?? "" }
        #expect(slurm.status == 0, "\(slurm.stderr)\n\(logs.joined(separator: "\n"))")
        #expect(slurm.stdout.hasPrefix("submitted 4 attempts as job array "), "\(slurm.stdout)")
        let local = try run([], group: "local")
        #expect(local.status == 0, "\(local.stderr)")
        func shape(_ group: String) throws -> [String: [String]] {
            var out: [String: [String]] = [:]
            for id in ids { for seed in 0..<2 {
                let dir = "\(home)/runs/\(group)/\(id)_\(seed)"
                let rec = try RunSetup.record("\(dir)/record.json")
                out["\(id)_\(seed)"] = rec.keys.sorted() + ["score=\(rec["score"] ?? "none")", "reason=\(rec["exit_reason"] ?? "")"]
                    + (try FileManager.default.contentsOfDirectory(atPath: dir)).filter { $0 != "slurm" }.sorted()
            } }
            return out
        }
        let a = try shape("on-slurm"), l = try shape("local")
        #expect(a.count == 4)
        #expect(a == l)
        let groupA = try RunSetup.record("\(home)/runs/on-slurm/grading_report.json"), groupL = try RunSetup.record("\(home)/runs/local/grading_report.json")
        #expect(groupA["total_runs"] as? Int == 4)
        #expect(groupA["total_valid_submissions"] as? Int == groupL["total_valid_submissions"] as? Int)
        let status = try TestSupport.mlepkg(["run", "--status", "--group", "on-slurm", "--run-dir", "\(home)/runs"], home: home,
                                            extraEnvironment: ["SLURM_CONF": "\(cluster)/slurm.conf"])
        #expect(status.stdout.hasSuffix("4/4 attempts finished; no job queued\n"), "\(status.stdout)\(status.stderr)")
    }

    /// An image built here as a `docker save` tarball: Debian's static busybox in one layer, a
    /// second layer deleting a file (a whiteout) and adding one; run as the agent's root.
    @Test(.enabled(if: RunSetup.usable && FileManager.default.isExecutableFile(atPath: "/bin/busybox"),
                   "needs bubblewrap, root and Debian's busybox-static (make test installs it)"))
    func anAgentRunsInADockerSaveImageWithItsWhiteoutsHonoured() throws {
        defer { TestSupport.remove(home) }
        try RunSetup.buildData(home: home)
        let image = "\(home)/image.tar"
        let build = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import io, json, sys, tarfile
            def layer(build):
                buf = io.BytesIO()
                with tarfile.open(fileobj=buf, mode="w") as t:
                    build(t)
                return buf.getvalue()
            def add(t, name, data=b"", mode=0o644, link=None):
                i = tarfile.TarInfo(name); i.mode = mode
                if link is not None:
                    i.type = tarfile.SYMTYPE; i.linkname = link
                    t.addfile(i)
                else:
                    i.size = len(data); t.addfile(i, io.BytesIO(data))
            def one(t):
                add(t, "bin/busybox", open("/bin/busybox", "rb").read(), 0o755)
                for tool in ["sh", "cat", "cp", "ls", "test", "wget", "echo", "head"]:
                    add(t, "bin/" + tool, link="busybox")
                add(t, "bin/true", link="/bin/busybox")   # an absolute link, resolved inside
                add(t, "etc/secret.txt", b"layer one\\n")
                add(t, "etc/motd", b"layer one motd\\n")
            def two(t):
                add(t, "etc/.wh.secret.txt")
                add(t, "etc/motd", b"layer two motd\\n")
            with tarfile.open(sys.argv[1], "w") as out:
                add(out, "manifest.json", json.dumps([{"Config": "config.json", "RepoTags": ["mlepkg-test:1"],
                                                       "Layers": ["l1/layer.tar", "l2/layer.tar"]}]).encode())
                add(out, "config.json", b"{}")
                add(out, "l1/layer.tar", layer(one))
                add(out, "l2/layer.tar", layer(two))
            """, image])
        #expect(build.status == 0, "\(build.stderr)")
        try RunSetup.agent("\(home)/boxed", start: """
            cp /home/data/sample_submission.csv /home/submission/submission.csv
            { cat /etc/motd; ls /etc; test -e /etc/secret.txt && echo SECRET-VISIBLE; test -e /usr/bin/python3 && echo HOST-VISIBLE
              /bin/true && echo TRUE-RAN; /home/validate_submission.sh /home/submission/submission.csv; } > /home/logs/image.txt 2>&1
            """, toml: "image = \"../image.tar\"\n")
        let r = try run(["--agent", "\(home)/boxed", "spaceship-titanic", "--group", "img", "--time-limit", "30s"])
        #expect(r.status == 0, "\(r.stderr)")
        let dir = "\(home)/runs/img/spaceship-titanic_0"
        let out = try String(contentsOfFile: "\(dir)/logs/image.txt", encoding: .utf8)
        #expect(out == "layer two motd\nmotd\nTRUE-RAN\n{\"result\":\"valid\"}\n", "\(out)")
        let agent = try RunSetup.record("\(dir)/record.json")["agent"] as? [String: Any] ?? [:]
        #expect((agent["image"] as? String)?.hasPrefix("sha256:") == true)
        #expect((agent["root_tree"] as? String)?.hasPrefix("sha256:") == true)
        #expect(try RunSetup.record("\(dir)/grading_report.json")["score"] as? Double == 0.50345)
    }

    @Test(.enabled(if: RunSetup.usable, "needs bubblewrap (make test installs it), root and ../shared/data/kaggle-raw"))
    func badAgentsAndUnpinnedDataAreRefusedWithOneLine() throws {
        defer { TestSupport.remove(home) }
        try RunSetup.buildData(home: home)
        let help = try TestSupport.mlepkg(["run", "--help"], home: home)
        #expect(help.stdout.contains("Examples:") && help.stdout.contains("--gpus-per-attempt"))
        let usage = try run(["--agent", home, "spaceship-titanic", "--time-limit", "soon"])
        #expect(usage.status == 64)
        try FileManager.default.createDirectory(atPath: "\(home)/empty", withIntermediateDirectories: true)
        let noStart = try run(["--agent", "\(home)/empty", "spaceship-titanic"])
        #expect(noStart.status == 1)
        #expect(noStart.stderr.hasSuffix("it has no start.sh\n") && noStart.stderr.split(separator: "\n").count == 1, "\(noStart.stderr)")
        try RunSetup.agent("\(home)/typo", start: "true\n", toml: "[env]\nA = \"1\"\nnetwork_allow = [\"x:1\"]\n")
        let typo = try run(["--agent", "\(home)/typo", "spaceship-titanic"])
        #expect(typo.stderr.contains("agent.toml:3': ") && typo.stderr.contains("'env.network_allow': expected a string"), "\(typo.stderr)")
        try RunSetup.agent("\(home)/needs", start: "true\n", toml: "secrets = [\"MLEPKG_TEST_UNSET_SECRET\"]\n")
        let secret = try run(["--agent", "\(home)/needs", "spaceship-titanic"])
        #expect(secret.stderr.contains("needs the secret 'MLEPKG_TEST_UNSET_SECRET'"), "\(secret.stderr)")
        try RunSetup.agent("\(home)/ok", start: "true\n")
        let unlocked = try TestSupport.mlepkg(["run", "--agent", "\(home)/ok", "spaceship-titanic", "--data-dir", "\(home)/data", "--run-dir", "\(home)/runs",
                                               "--registry", TestSupport.packageRoot.appendingPathComponent("registry").path], home: home)
        #expect(unlocked.status == 1 && unlocked.stderr.contains("no lockfile pins its data"), "\(unlocked.stderr)")
        // Data that differs from the lock is never run on.
        let train = "\(home)/data/spaceship-titanic/prepared/public/train.csv"
        let copy = try Data(contentsOf: URL(fileURLWithPath: train))
        try FileManager.default.removeItem(atPath: train)
        try (copy + Data("x\n".utf8)).write(to: URL(fileURLWithPath: train))
        let changed = try run(["--agent", "\(home)/ok", "spaceship-titanic"])
        #expect(changed.status == 3, "\(changed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(home)/runs"))
    }

    /// Fake GPUs: device nodes made with mknod and a fake driver library, one GPU per attempt.
    @Test(.enabled(if: RunSetup.usable, "needs bubblewrap (make test installs it), root (cgroups, the sandbox's listeners) and ../shared/data/kaggle-raw"))
    func fakeGPUsArePassedThroughOnePerAttempt() throws {
        defer { TestSupport.remove(home) }
        try RunSetup.buildData(home: home)
        let dev = "\(home)/gpu/dev", lib = "\(home)/gpu/lib", driver = "\(home)/gpu/driver"
        for d in [dev, lib, "\(driver)/gpus/0000:01:00.0", "\(driver)/gpus/0000:02:00.0"] {
            try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        }
        for (name, minor) in [("nvidia0", 0), ("nvidia1", 1), ("nvidiactl", 255)] {
            #expect(mknod("\(dev)/\(name)", S_IFCHR | 0o666, dev_t(195 << 8 | minor)) == 0, "mknod \(name): \(errno)")
        }
        try "fake driver\n".write(toFile: "\(lib)/libcuda.so.1", atomically: true, encoding: .utf8)
        try "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 22:23:56 UTC 2024\n"
            .write(toFile: "\(driver)/version", atomically: true, encoding: .utf8)
        for (bus, uuid) in [("0000:01:00.0", "GPU-aaaa"), ("0000:02:00.0", "GPU-bbbb")] {
            try "Model: \t\t NVIDIA H100 80GB HBM3\nGPU UUID: \t GPU-\(uuid.dropFirst(4))\n"
                .write(toFile: "\(driver)/gpus/\(bus)/information", atomically: true, encoding: .utf8)
        }
        try RunSetup.agent("\(home)/gpu-agent", start: """
            cp /home/data/sample_submission.csv /home/submission/submission.csv
            { ls /dev | grep nvidia; echo "CUDA=$CUDA_VISIBLE_DEVICES"; cat \(lib)/libcuda.so.1; } > /home/logs/gpu.txt
            sleep 1
            """)
        let r = try run(["--agent", "\(home)/gpu-agent", "spaceship-titanic", "--seeds", "2", "--jobs", "2", "--group", "gpu",
                         "--time-limit", "30s", "--gpus-per-attempt", "1", "--gpu-device-dir", dev, "--gpu-library-dir", lib,
                         "--gpu-driver-dir", driver])
        #expect(r.status == 0, "\(r.stderr)")
        var seen: [String] = []
        for seed in 0..<2 {
            let dir = "\(home)/runs/gpu/spaceship-titanic_\(seed)"
            let lines = try String(contentsOfFile: "\(dir)/logs/gpu.txt", encoding: .utf8).split(separator: "\n").map(String.init)
            let gpus = lines.filter { $0.hasPrefix("nvidia") && $0 != "nvidiactl" }
            #expect(gpus.count == 1, "\(lines)")
            #expect(lines.contains("nvidiactl") && lines.contains("fake driver"), "\(lines)")
            seen += gpus
            let hw = try RunSetup.record("\(dir)/record.json")["hardware"] as? [String: Any] ?? [:]
            let listed = hw["gpus"] as? [[String: Any]] ?? []
            #expect(listed.count == 1 && listed.first?["model"] as? String == "NVIDIA H100 80GB HBM3")
            #expect(hw["gpu_driver"] as? String == "550.54.15")
            #expect(lines.contains("CUDA=\(listed.first?["uuid"] as? String ?? "?")"), "\(lines)")
        }
        #expect(Set(seen) == ["nvidia0", "nvidia1"], "each attempt has its own GPU: \(seen)")
    }
}

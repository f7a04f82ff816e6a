import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// Lab A, shared by the mirror tests: two competitions built from the real raw files,
/// locked, and pushed to a folder mirror. Made once per test process (the build is the
/// slow part), removed at exit.
final class LabA: Sendable {
    static let shared = Result { try LabA() }
    static let root = NSTemporaryDirectory() + "mlepkg-test-laba-\(getpid())"
    static let registry = ["--registry", TestSupport.packageRoot.appendingPathComponent("registry").path]
    static let competitions = ["spaceship-titanic", "leaf-classification"]

    let lock = "\(LabA.root)/a/lab.lock"
    let mirror = "\(LabA.root)/mirror"
    let data = "\(LabA.root)/a/data"
    let pushed: Int

    init() throws {
        atexit { TestSupport.remove(LabA.root) }
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let l = try LabA.run(["lock"] + LabA.competitions + ["--raw-dir", raw, "-o", lock, "-q"] + LabA.registry)
        let b = try LabA.run(["build"] + LabA.competitions + ["--raw-dir", raw, "--data-dir", data, "-q"] + LabA.registry)
        let p = try LabA.run(["mirror", "push", mirror, "--lock", lock, "--json"])
        guard l.status == 0, b.status == 0, p.status == 0,
              let summary = try JSONSerialization.jsonObject(with: p.stdoutData) as? [String: Any], let n = summary["objects"] as? Int
        else { throw TestSupportError("lab A failed: \(l.stderr) \(b.stderr) \(p.stderr)") }
        pushed = n
    }

    static func run(_ args: [String], extra: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(args, home: "\(root)/a", extraEnvironment: extra)
    }
}

/// `mlepkg serve` as a child process on an ephemeral port of 127.0.0.1.
final class ServeProcess {
    let port: Int
    private var pid: pid_t = 0

    init(home: String, locks: String) throws {
        var env = ProcessInfo.processInfo.environment
        env["MLEPKG_HOME"] = home + "/store"
        env["MLEPKG_CONFIG_DIR"] = home + "/config"
        let (child, text) = try TestSupport.spawnReadingFirstLine(
            [TestSupport.mlepkgExecutable, "serve", "--port", "0", "--locks", locks], environment: env)
        pid = child
        guard let colon = text.lastIndex(of: ":"), let p = Int(text[text.index(after: colon)...]) else {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
            throw TestSupportError("mlepkg serve did not start: '\(text)'")
        }
        port = p
    }

    deinit {
        kill(pid, SIGKILL)
        waitpid(pid, nil, 0)
    }
}

/// Two labs with separate stores: A builds, locks and pushes; B, offline but for the
/// mirror, pulls and rebuilds from the lock and must get the same bytes.
@Suite(.serialized, .enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
struct MirrorCommandTests {
    let root: String
    init() throws { root = try TestSupport.makeTemporaryDirectory("mirror") }

    func lab(_ name: String, _ args: [String], offline: Bool = true, extra: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        var env = extra
        if offline { env["MLEPKG_OFFLINE"] = "1" }
        return try TestSupport.mlepkg(args, home: "\(root)/\(name)", extraEnvironment: env)
    }

    /// Every regular file below `dir`, by relative path, with its SHA-256.
    func hashes(_ dir: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: dir)
        while let rel = walker?.nextObject() as? String {
            if !FileIO.isDirectory("\(dir)/\(rel)") { out[rel] = try Digests.hashFile(at: "\(dir)/\(rel)").hex }
        }
        return out
    }

    func json(_ r: TestSupport.ProcessResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r.stdout) \(r.stderr)")
    }

    /// Pulls `remote` into lab `name`, builds from the lock offline, and compares with lab A.
    func pullAndRebuild(_ name: String, from remote: String, extra: [String: String] = [:]) throws -> [String: Any] {
        let a = try LabA.shared.get()
        let lock = "\(root)/\(name)/lab.lock"
        let pull = try lab(name, ["mirror", "pull", remote, "--lock", lock, "--json"], extra: extra)
        #expect(pull.status == 0, "\(pull.stderr)")
        // The lock itself came from the mirror.
        #expect(try String(contentsOfFile: lock, encoding: .utf8) == (try String(contentsOfFile: a.lock, encoding: .utf8)))
        let build = try lab(name, ["build", "--locked", lock, "--data-dir", "\(root)/\(name)/data", "-q"] + LabA.registry)
        #expect(build.status == 0, "\(build.stderr)")
        let mine = try hashes("\(root)/\(name)/data"), theirs = try hashes(a.data)
        #expect(theirs.count > 900)
        #expect(mine == theirs)
        // A second pull transfers nothing and asks the mirror nothing.
        let second = try json(try lab(name, ["mirror", "pull", remote, "--lock", lock, "--json"], extra: extra))
        #expect(second["objects"] as? Int == 0)
        #expect(second["requests"] as? Int == 0)
        return try json(pull).merging(["stderr": pull.stderr]) { a, _ in a }
    }

    @Test func aSecondLabPullsFromAFolderAndRebuildsTheSameBytesOffline() throws {
        defer { TestSupport.remove(root) }
        let a = try LabA.shared.get()
        #expect(a.pushed > 1000)
        // The layout: objects by digest, packs, the lock by name.
        #expect(FileManager.default.fileExists(atPath: "\(a.mirror)/mlepkg-mirror"))
        #expect(FileManager.default.fileExists(atPath: "\(a.mirror)/locks/lab.lock"))
        let packs = try FileManager.default.contentsOfDirectory(atPath: "\(a.mirror)/packs/sha256")
        #expect(packs.count == 6)  // inputs, public and private of each competition
        // Pushing again uploads nothing.
        let again = try LabA.run(["mirror", "push", a.mirror, "--lock", a.lock, "--json"])
        #expect(try json(again)["objects"] as? Int == 0)
        let pulled = try pullAndRebuild("b", from: "file://\(a.mirror)")
        #expect(pulled["objects"] as? Int ?? 0 > 1000)

        // Configured mirrors: build --locked pulls the inputs it lacks from them, in order,
        // passing over one that fails.
        let lock = "\(root)/e.lock"
        try FileManager.default.copyItem(atPath: a.lock, toPath: lock)
        let build = try lab("e", ["build", "--locked", lock, "--data-dir", "\(root)/e/data", "-q"] + LabA.registry,
                            extra: ["MLEPKG_MIRRORS": "\(root)/no-such-mirror,\(a.mirror)"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("mirror '\(root)/no-such-mirror': "), "\(build.stderr)")
        #expect(try hashes("\(root)/e/data") == (try hashes(a.data)))
    }

    @Test func aSecondLabPullsFromMlepkgServe() throws {
        defer { TestSupport.remove(root) }
        let a = try LabA.shared.get()
        let locks = "\(root)/locks"
        try FileManager.default.createDirectory(atPath: locks, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: a.lock, toPath: "\(locks)/lab.lock")
        let server = try ServeProcess(home: "\(LabA.root)/a", locks: locks)
        let pulled = try pullAndRebuild("b", from: "http://127.0.0.1:\(server.port)")
        #expect(pulled["objects"] as? Int ?? 0 > 1000)
    }

    @Test func anInterruptedPullFromAStaticWebServerResumes() throws {
        defer { TestSupport.remove(root) }
        let a = try LabA.shared.get()
        let server = try FaultServer()
        defer { server.stop() }
        let copy = try TestSupport.run("/bin/cp", ["-r", a.mirror, "\(server.root)/m"])
        #expect(copy.status == 0)
        // Every file's first request is cut off halfway; the pull carries on from there.
        let pulled = try pullAndRebuild("b", from: server.url("drop-once/m"))
        #expect((pulled["stderr"] as? String ?? "").contains("retrying"), "\(pulled)")
    }

    @Test(.enabled(if: S3Server.available, "moto is not installed ('make test' installs it into .pydeps)"))
    func aSecondLabPullsFromAnS3BucketWithSignedRequests() throws {
        defer { TestSupport.remove(root) }
        let a = try LabA.shared.get()
        let s3 = try S3Server(bucket: "lab-mirror")
        defer { s3.stop() }
        let remote = "s3://lab-mirror/mlepkg/v1"
        // Lab A: keys in the environment, the endpoint on the command line.
        let keys = ["AWS_ACCESS_KEY_ID": s3.accessKey, "AWS_SECRET_ACCESS_KEY": s3.secretKey]
        let push = try LabA.run(["mirror", "push", remote, "--lock", a.lock, "--endpoint", s3.endpoint, "--json"], extra: keys)
        #expect(push.status == 0, "\(push.stderr)")
        #expect(try json(push)["objects"] as? Int == a.pushed)
        let again = try LabA.run(["mirror", "push", remote, "--lock", a.lock, "--endpoint", s3.endpoint, "--json"], extra: keys)
        #expect(try json(again)["objects"] as? Int == 0)
        // A wrong secret is refused by the server's signature check.
        let wrong = try LabA.run(["mirror", "push", remote, "--lock", a.lock, "--endpoint", s3.endpoint],
                                 extra: ["AWS_ACCESS_KEY_ID": s3.accessKey, "AWS_SECRET_ACCESS_KEY": "wrong"])
        #expect(wrong.status == 4)
        #expect(wrong.stderr.contains("SignatureDoesNotMatch"), "\(wrong.stderr)")
        // Lab B: a profile in ~/.aws/credentials, the endpoint and region in ~/.aws/config.
        try FileManager.default.createDirectory(atPath: "\(root)/b/.aws", withIntermediateDirectories: true)
        try "[lab]\naws_access_key_id = \(s3.accessKey)\naws_secret_access_key = \(s3.secretKey)\n"
            .write(toFile: "\(root)/b/.aws/credentials", atomically: true, encoding: .utf8)
        try "[profile lab]\nregion = us-east-1\nendpoint_url = \(s3.endpoint)\n"
            .write(toFile: "\(root)/b/.aws/config", atomically: true, encoding: .utf8)
        let pulled = try pullAndRebuild("b", from: remote, extra: ["AWS_PROFILE": "lab"])
        #expect(pulled["objects"] as? Int ?? 0 > 1000)
    }

    @Test func corruptOrMissingObjectsOnTheMirrorAreNamedAndRefused() throws {
        defer { TestSupport.remove(root) }
        let a = try LabA.shared.get()
        let mirror = "\(root)/mirror"
        #expect(try TestSupport.run("/bin/cp", ["-r", a.mirror, mirror]).status == 0)
        // A flipped byte in the pack of spaceship-titanic's public tree.
        let text = try String(contentsOfFile: a.lock, encoding: .utf8)
        let entry = try #require(text.range(of: "id = \"spaceship-titanic\""))
        let line = try #require(text[entry.upperBound...].components(separatedBy: "\n").first { $0.hasPrefix("public = ") })
        let tree = String(line.dropFirst("public = \"sha256:".count).dropLast())
        let pack = "\(mirror)/packs/sha256/\(tree).pack"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: pack))
        bytes[100] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: pack))
        let refused = try lab("c", ["mirror", "pull", mirror, "--lock", "\(root)/c/lab.lock", "spaceship-titanic"])
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.contains("'packs/sha256/\(tree).pack' holds corrupt bytes for sha256:"), "\(refused.stderr)")
        // The tree is not in the store: nothing partial is visible.
        #expect(try lab("c", ["store", "cat", "sha256:\(tree)"]).status != 0)

        // A missing object is named, with the exit code for an unavailable source.
        bytes[100] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: pack))
        unlink("\(mirror)/objects/sha256/\(tree.prefix(2))/\(tree.dropFirst(2))")
        let missing = try lab("d", ["mirror", "pull", mirror, "--lock", "\(root)/d/lab.lock", "spaceship-titanic"])
        #expect(missing.status == 4, "\(missing.stderr)")
        #expect(missing.stderr.contains("lacks 'objects/sha256/\(tree.prefix(2))/\(tree.dropFirst(2))'"), "\(missing.stderr)")
    }

    @Test func withATrustedKeyOnlyLocksSignedByItArePulled() throws {
        defer { TestSupport.remove(root) }
        let a = try LabA.shared.get()
        let mirror = "\(root)/mirror"
        #expect(try TestSupport.run("/bin/cp", ["-r", a.mirror, mirror]).status == 0)
        let key = "\(root)/lab.key", other = "\(root)/other.key"
        #expect(try LabA.run(["key", "generate", "-o", key]).status == 0)
        #expect(try LabA.run(["key", "generate", "-o", other]).status == 0)
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let signed = "\(root)/signed.lock"
        let l = try LabA.run(["lock"] + LabA.competitions + ["--raw-dir", raw, "-o", signed, "-q", "--sign", key] + LabA.registry)
        #expect(l.status == 0, "\(l.stderr)")
        #expect(try String(contentsOfFile: signed, encoding: .utf8).contains("platform = \"linux-"))
        #expect(try LabA.run(["verify", "--lock", signed, "--signature", "--trusted-key", "\(key).pub"]).status == 0)
        #expect(try LabA.run(["verify", "--lock", signed, "--signature", "--trusted-key", "\(other).pub"]).status == 3)
        #expect(try LabA.run(["mirror", "push", mirror, "--lock", signed]).status == 0)

        let trusted = ["MLEPKG_TRUSTED_KEYS": "\(key).pub"]
        let ok = try lab("b", ["mirror", "pull", mirror, "--lock", "\(root)/b/signed.lock", "spaceship-titanic"], extra: trusted)
        #expect(ok.status == 0, "\(ok.stderr)")
        let unsigned = try lab("c", ["mirror", "pull", mirror, "--lock", "\(root)/c/lab.lock"], extra: trusted)
        #expect(unsigned.status == 3)
        #expect(unsigned.stderr.contains("the lock is not signed"), "\(unsigned.stderr)")
        let wrong = try lab("d", ["mirror", "pull", mirror, "--lock", "\(root)/d/signed.lock"], extra: ["MLEPKG_TRUSTED_KEYS": "\(other).pub"])
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("is not valid for any trusted key"), "\(wrong.stderr)")
    }

    @Test func diffNamesCompetitionsAndFilesThatChanged() throws {
        defer { TestSupport.remove(root) }
        let a = try LabA.shared.get()
        let text = try String(contentsOfFile: a.lock, encoding: .utf8)
        let entry = try #require(text.range(of: "path = \"public/train.csv\"\nsize = "))
        let shaLine = try #require(text[entry.upperBound...].components(separatedBy: "\n").first { $0.hasPrefix("sha256 = ") })
        let sha = String(shaLine.dropFirst("sha256 = \"".count).dropLast())
        let changed = text.replacingOccurrences(of: sha, with: String(repeating: "0", count: 64))
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try changed.write(toFile: "\(root)/b.lock", atomically: true, encoding: .utf8)
        let same = try lab("b", ["diff", a.lock, a.lock])
        #expect(same.status == 0)
        #expect(same.stdout == "0 added, 0 removed, 0 changed, 2 unchanged\n")
        let d = try lab("b", ["diff", a.lock, "\(root)/b.lock"])
        #expect(d.status == 1)
        #expect(d.stdout.contains("    ~ output public/train.csv  sha256:\(sha) -> sha256:\(String(repeating: "0", count: 64))"), "\(d.stdout)")
        let j = try json(try lab("b", ["diff", a.lock, "\(root)/b.lock", "--json"]))
        let c = try #require((j["changed"] as? [[String: Any]])?.first)
        #expect((c["files"] as? [[String: Any]])?.first?["kind"] as? String == "changed")
    }
}

/// The mirror commands' help, pinned.
struct MirrorHelpTests {
    @Test func mirrorServeDiffAndKeyHaveHelpWithExamples() throws {
        let home = try TestSupport.makeTemporaryDirectory("mirror-help")
        defer { TestSupport.remove(home) }
        let root = try TestSupport.mlepkg(["--help"], home: home).stdout
        for sub in ["  mirror ", "  serve ", "  diff ", "  key ", "MLEPKG_MIRRORS"] {
            #expect(root.contains(sub), "root help lacks '\(sub)'")
        }
        let mirror = try TestSupport.mlepkg(["mirror", "--help"], home: home).stdout
        #expect(mirror.contains("  push ") && mirror.contains("  pull ") && mirror.contains("Examples:"))
        let pull = try TestSupport.mlepkg(["mirror", "pull", "--help"], home: home).stdout
        for option in ["--lock <lock>", "--outputs-only", "--endpoint <endpoint>", "--json", "Examples:"] {
            #expect(pull.contains(option), "pull help lacks '\(option)'")
        }
        #expect(try TestSupport.mlepkg(["serve", "--help"], home: home).stdout.contains("--port <port>"))
        #expect(try TestSupport.mlepkg(["key", "generate", "--help"], home: home).stdout.contains("Example:"))
        // Bad input: a remote of an unknown scheme, a missing lock.
        let bad = try TestSupport.mlepkg(["mirror", "pull", "ftp://x/y", "--lock", "\(home)/x.lock"], home: home)
        #expect(bad.status == 4)
        #expect(bad.stderr == "error: invalid mirror 'ftp://x/y': expected a folder, file://, http(s):// or s3://bucket/prefix\n")
        let missing = try TestSupport.mlepkg(["mirror", "push", "\(home)/m", "--lock", "\(home)/x.lock"], home: home)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: \(home)/x.lock: cannot read the file\n")
    }
}

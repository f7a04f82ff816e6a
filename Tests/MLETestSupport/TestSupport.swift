import CSpawn
import Foundation

/// Helpers shared by the test targets: temporary directories, the fault-injecting HTTP
/// server, the built `mlepkg` executable and `../shared`.
public enum TestSupport {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The top of a test's own `demo` recipe (MLECommandsTests and MLERecipesTests write them),
    /// up to its first `[[inputs]]` or `[[steps]]`.
    public static let demoRecipeHeader = """
    format = 1
    id = "demo"
    name = "Demo"
    kaggle = "demo"
    complexity = "low"
    status = "unverified"

    [source]
    url = "kaggle://competitions/demo"
    """

    /// `../shared` beside the package, if it is there.
    public static var sharedDirectory: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A fresh directory under /tmp, removed by the caller's `defer`.
    public static func makeTemporaryDirectory(_ label: String = "t") throws -> String {
        let path = NSTemporaryDirectory() + "mlepkg-test-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    public static func remove(_ path: String) {
        // Store objects are read-only; make them writable so the directory can go.
        _ = try? run("/bin/chmod", ["-R", "u+w", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Deterministic pseudo-random bytes (a 64-bit LCG), so fixtures are reproducible.
    public static func bytes(count: Int, seed: UInt64 = 1) -> Data {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        var out = Data(count: count)
        out.withUnsafeMutableBytes { raw in
            let p = raw.bindMemory(to: UInt8.self)
            for i in 0..<count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                p[i] = UInt8(truncatingIfNeeded: state >> 33)
            }
        }
        return out
    }

    public struct ProcessResult: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutData: Data
    }

    /// How long one program may run in a test before it is killed and the test fails: a hang
    /// (a daemon holding a pipe, a queue that never drains) must fail with its command line,
    /// not stall the whole suite until CI's own limit.
    public static let processTimeout: TimeInterval =
        ProcessInfo.processInfo.environment["MLEPKG_TEST_PROCESS_TIMEOUT"].flatMap(TimeInterval.init) ?? 900

    /// Runs a program to completion and captures its output; throws when it outlives `timeout`.
    ///
    /// posix_spawn and waitpid rather than Foundation's `Process`: `Process` learns of an exit
    /// when a socket it hands the child closes, and a daemon the child starts (munged, from the
    /// Slurm test cluster's script) inherits that socket, so `waitUntilExit` waited for ever.
    /// Here the child gets fds 0-2 and nothing else, in a process group of its own (a timeout
    /// kills the group).
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           input: Data? = nil, directory: String? = nil,
                           timeout: TimeInterval = processTimeout) throws -> ProcessResult {
        var pipes: [[Int32]] = [[-1, -1], [-1, -1], [-1, -1]]  // stdin, stdout, stderr
        for i in 0..<3 {
            guard CSpawn_pipeCloexec(&pipes[i]) == 0 else { pipes.joined().filter { $0 >= 0 }.forEach { close($0) }; throw TestSupportError("pipe failed") }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 2)
        CSpawn_addclosefrom(&actions, 3)
        if let directory { CSpawn_addchdir(&actions, directory) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = (environment ?? ProcessInfo.processInfo.environment)
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp)
        argv.forEach { free($0) }
        envp.forEach { free($0) }
        close(pipes[0][0]); close(pipes[1][1]); close(pipes[2][1])
        guard rc == 0 else {
            close(pipes[0][1]); close(pipes[1][0]); close(pipes[2][0])
            throw TestSupportError("cannot start '\(executable)': \(String(cString: strerror(rc)))")
        }

        // One poll loop feeds stdin and drains stdout and stderr, so neither side blocks on a
        // full pipe, and a child (or a grandchild holding its pipes) that never ends is noticed.
        let stdinFD = pipes[0][1]
        let pending = input ?? Data()
        var written = 0
        if pending.isEmpty { close(stdinFD) } else { _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK) }
        var fds = [pollfd(fd: pending.isEmpty ? -1 : stdinFD, events: Int16(POLLOUT), revents: 0),
                   pollfd(fd: pipes[1][0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: pipes[2][0], events: Int16(POLLIN), revents: 0)]
        var captured = [Data(), Data()]
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var exited = false
        func finish(_ i: Int) { close(fds[i].fd); fds[i].fd = -1 }
        while !exited || fds[1].fd >= 0 || fds[2].fd >= 0 {
            if deadline.timeIntervalSinceNow <= 0 {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                for i in fds.indices where fds[i].fd >= 0 { finish(i) }
                let tail = String(decoding: captured[1].suffix(2000), as: UTF8.self)
                throw TestSupportError("'\(([executable] + arguments).joined(separator: " "))' did not finish within \(Int(timeout)) s; its stderr ended with: \(tail)")
            }
            if !exited {
                let r = waitpid(pid, &status, WNOHANG)
                // The child is gone; a grandchild may still hold its pipes, which the deadline bounds.
                if r == pid { exited = true } else if r < 0 && errno != EINTR { exited = true }
            }
            if fds.allSatisfy({ $0.fd < 0 }) { if !exited { usleep(10_000) }; continue }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready <= 0 { continue }
            if fds[0].fd >= 0 && fds[0].revents != 0 {
                let n = pending.withUnsafeBytes { raw in write(stdinFD, raw.baseAddress! + written, pending.count - written) }
                if n > 0 { written += n }
                if (n < 0 && errno != EAGAIN && errno != EINTR) || written == pending.count { finish(0) }
            }
            for i in 1...2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = read(fds[i].fd, &buffer, buffer.count)
                if n > 0 { captured[i - 1].append(contentsOf: buffer[0..<n]) } else if n == 0 || (errno != EINTR && errno != EAGAIN) { finish(i) }
            }
        }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: code, stdout: String(decoding: captured[0], as: UTF8.self),
                             stderr: String(decoding: captured[1], as: UTF8.self), stdoutData: captured[0])
    }

    /// The `mlepkg` executable built beside the test bundle.
    public static var mlepkgExecutable: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [dir.appendingPathComponent("mlepkg").path,
                          packageRoot.appendingPathComponent(".build/debug/mlepkg").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Runs `mlepkg` with a private store and configuration directory.
    @discardableResult
    public static func mlepkg(_ arguments: [String], home: String, extraEnvironment: [String: String] = [:],
                              input: Data? = nil) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["MLEPKG_HOME"] = home + "/store"
        env["MLEPKG_CONFIG_DIR"] = home + "/config"
        env["HOME"] = home
        env["KAGGLE_USERNAME"] = nil
        env["KAGGLE_KEY"] = nil
        env["MLEPKG_OFFLINE"] = nil
        env["MLEPKG_RETRY_BASE_DELAY"] = "0.05"
        for (k, v) in extraEnvironment { env[k] = v }
        return try run(mlepkgExecutable, arguments, environment: env, input: input)
    }
}

/// The fault-injecting HTTP server (`fault_server.py`) on 127.0.0.1, one per test.
///
/// Started with posix_spawn and stopped with SIGKILL + waitpid: Foundation's `Process`
/// can miss the exit of a child it did not reap itself and hang in `waitUntilExit`.
public final class FaultServer: @unchecked Sendable {
    public let root: String
    public let port: Int
    private var pid: pid_t = 0

    public init() throws {
        root = try TestSupport.makeTemporaryDirectory("srv")
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/MLETestSupport/fault_server.py").path
        let (child, text) = try TestSupport.spawnReadingFirstLine(["/usr/bin/env", "python3", script, "--root", root, "--lifetime", "300"])
        pid = child
        guard text.hasPrefix("PORT "), let p = Int(text.dropFirst(5)) else {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
            throw TestSupportError("fault server did not start: '\(text)'")
        }
        port = p
    }

    deinit { stop() }

    public func stop() {
        if pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            pid = 0
            TestSupport.remove(root)
        }
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Places a file for the server to serve, at a path relative to its root.
    public func put(_ path: String, _ data: Data) throws {
        let full = "\(root)/\(path)"
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
    }

    /// How many requests the server saw for a path.
    public func hits(_ path: String) throws -> Int {
        let r = try TestSupport.run("/usr/bin/env", ["curl", "-s", url("hits/\(path)")])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Int]
        return obj?["hits"] ?? -1
    }
}

extension TestSupport {
    /// Starts a server process and reads the first line it prints (its address), with
    /// posix_spawn: Foundation's `Process` can miss the exit of a child it did not reap
    /// itself and hang in `waitUntilExit`. The caller stops it with SIGKILL + waitpid.
    public static func spawnReadingFirstLine(_ args: [String], environment: [String: String]? = nil) throws -> (pid_t, String) {
        var pid: pid_t = 0
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TestSupportError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        // The server must not hold other tests' pipes open (their readers would wait for it),
        // not even through fd 0: where the suite runs without standard input, a pipe can get fd 0.
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        CSpawn_addclosefrom(&actions, 3)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = (environment ?? ProcessInfo.processInfo.environment)
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        let rc = posix_spawn(&pid, args[0], &actions, nil, &argv, &envp)
        argv.forEach { free($0) }
        envp.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw TestSupportError("cannot start '\(args[0])': \(rc)") }
        var line = [UInt8]()
        var byte: UInt8 = 0
        while read(fds[0], &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
        close(fds[0])
        return (pid, String(decoding: line, as: UTF8.self))
    }
}

/// moto's S3 server (`s3_server.py`) on 127.0.0.1 with SigV4 enforced, one bucket, one key.
/// Needs moto from `.pydeps` (`make test` installs it); ``available`` says whether it is there.
public final class S3Server: @unchecked Sendable {
    public let port: Int
    public let accessKey: String
    public let secretKey: String
    private var pid: pid_t = 0

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PYTHONPATH"] = env["MLEPKG_PYDEPS"] ?? TestSupport.packageRoot.appendingPathComponent(".pydeps").path
        return env
    }

    public static let available: Bool =
        (try? TestSupport.run("/usr/bin/env", ["python3", "-c", "import moto.server, boto3"], environment: environment))?.status == 0

    public init(bucket: String) throws {
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/MLETestSupport/s3_server.py").path
        let (child, text) = try TestSupport.spawnReadingFirstLine(
            ["/usr/bin/env", "python3", script, "--bucket", bucket, "--lifetime", "300"], environment: Self.environment)
        pid = child
        let parts = text.split(separator: " ")
        guard parts.count == 4, parts[0] == "PORT", let p = Int(parts[1]) else {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
            throw TestSupportError("moto's S3 server did not start: '\(text)'")
        }
        port = p
        accessKey = String(parts[2])
        secretKey = String(parts[3])
    }

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    deinit { stop() }

    public func stop() {
        if pid > 0 {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
            pid = 0
        }
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

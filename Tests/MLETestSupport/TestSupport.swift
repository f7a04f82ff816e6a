import Foundation

/// Helpers shared by the test targets: temporary directories, the fault-injecting HTTP
/// server, the built `mlepkg` executable and `../shared`.
public enum TestSupport {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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

    /// Runs a program to completion and captures its output.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           input: Data? = nil, directory: String? = nil) throws -> ProcessResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let environment { p.environment = environment }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = inPipe
        try p.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try? inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let errData = LockedData()
        let t = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        t.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return ProcessResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData.value, as: UTF8.self), stdoutData: outData)
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

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
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

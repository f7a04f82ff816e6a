import Foundation

/// What a sandboxed process sees: its root filesystem, the folders bound into it, its
/// environment, devices and network.
///
/// A spec is a value; ``Sandbox/arguments(for:)`` turns it into a bubblewrap command line and
/// throws when that cannot be done (no bwrap, a missing path). There is no fallback that runs
/// the command unsandboxed.
///
/// ```swift
/// var spec = SandboxSpec(command: ["/bin/sh", "/home/agent/start.sh"])
/// spec.mounts.append(.init(source: "/data/public", target: "/home/data", writable: false))
/// let argv = try Sandbox().arguments(for: spec)
/// ```
public struct SandboxSpec: Sendable, Equatable {
    /// The root filesystem: the host's system folders (read-only), or an unpacked image.
    public enum Root: Sendable, Equatable {
        case host
        case directory(String)
    }

    public enum Network: String, Sendable, Equatable, Codable {
        /// Its own network namespace with only a loopback interface.
        case none
        /// The host's network (an explicit opt-out, recorded by the caller).
        case host
    }

    public struct Mount: Sendable, Equatable {
        public var source: String
        public var target: String
        public var writable: Bool
        public init(source: String, target: String, writable: Bool) {
            self.source = source
            self.target = target
            self.writable = writable
        }
    }

    public var root: Root = .host
    public var mounts: [Mount] = []
    /// Device nodes (GPUs): host node, path inside.
    public var devices: [Mount] = []
    public var environment: [String: String] = [:]
    public var workingDirectory = "/"
    public var command: [String]
    public var network: Network = .none
    /// Size of the private /tmp in bytes (nil: bubblewrap's default).
    public var tmpSize: Int64?
    /// The uid and gid the command runs as, inside its own user namespace.
    public var uid: Int = 1000
    public var hostname = "sandbox"
    /// Mount the host's /sys read-only (GPU tools read it); otherwise it is absent.
    public var systemFolder = false

    public init(command: [String]) { self.command = command }
}

/// Turns a ``SandboxSpec`` into a bubblewrap command line.
public struct Sandbox: Sendable {
    public var bwrap: String

    /// Finds bwrap on `PATH` (or takes the path given).
    public init(bwrap: String? = nil) throws {
        if let bwrap {
            guard FileManager.default.isExecutableFile(atPath: bwrap) else { throw RunnerError.noSandbox(reason: "'\(bwrap)' is not executable") }
            self.bwrap = bwrap
            return
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/bwrap") {
            self.bwrap = "\(dir)/bwrap"
            return
        }
        throw RunnerError.noSandbox(reason: "bwrap was not found on PATH (install Debian's 'bubblewrap')")
    }

    /// The host folders a `.host` root shows, read-only. /etc is shown file by file: as a whole it
    /// holds the host's password hashes and service credentials.
    static let hostSystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
    static let hostEtcEntries = ["passwd", "group", "hosts", "resolv.conf", "nsswitch.conf", "ssl", "ca-certificates",
                                 "ca-certificates.conf", "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
                                 "localtime", "mime.types", "python3", "python3.11", "protocols", "services", "bash.bashrc",
                                 "profile", "inputrc", "os-release", "debian_version", "terminfo", "nvidia"]

    /// The bubblewrap arguments, with `--info-fd 3 --block-fd 4` so that the caller can put
    /// the sandbox into its limits before the command starts.
    public func arguments(for spec: SandboxSpec, infoFD: Int32 = 3, blockFD: Int32 = 4) throws -> [String] {
        var a = [bwrap, "--die-with-parent", "--new-session", "--unshare-user", "--unshare-pid", "--unshare-ipc",
                 "--unshare-uts", "--unshare-cgroup-try", "--disable-userns", "--cap-drop", "ALL",
                 "--uid", String(spec.uid), "--gid", String(spec.uid), "--hostname", spec.hostname]
        if spec.network == .none { a.append("--unshare-net") }
        let fm = FileManager.default
        switch spec.root {
        case .host:
            for dir in Self.hostSystemFolders {
                var isDir: ObjCBool = false
                guard let dest = try? fm.destinationOfSymbolicLink(atPath: dir) else {
                    if fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue { a += ["--ro-bind", dir, dir] }
                    continue
                }
                a += ["--symlink", dest, dir]   // merged /usr: /bin -> usr/bin
            }
            a += ["--dir", "/etc"]
            for name in Self.hostEtcEntries where fm.fileExists(atPath: "/etc/\(name)") {
                a += ["--ro-bind", "/etc/\(name)", "/etc/\(name)"]
            }
        case .directory(let dir):
            guard fm.fileExists(atPath: dir) else { throw RunnerError.missingPath(dir, role: "root filesystem") }
            // The image's top-level entries on bubblewrap's own root, one by one, so that the
            // mount points the sandbox adds (/proc, /dev, /tmp, /home) need no folder in the image.
            for name in try fm.contentsOfDirectory(atPath: dir).sorted() where !["proc", "dev", "tmp", "home", "sys"].contains(name) {
                let path = "\(dir)/\(name)"
                if let target = try? fm.destinationOfSymbolicLink(atPath: path) {
                    a += ["--symlink", target, "/\(name)"]
                } else {
                    a += ["--ro-bind", path, "/\(name)"]
                }
            }
        }
        a += ["--proc", "/proc", "--dev", "/dev"]
        if spec.systemFolder { a += ["--ro-bind", "/sys", "/sys"] }
        if let size = spec.tmpSize { a += ["--size", String(size)] }
        a += ["--tmpfs", "/tmp", "--tmpfs", "/home"]
        for m in spec.mounts {
            guard fm.fileExists(atPath: m.source) else { throw RunnerError.missingPath(m.source, role: "mount for '\(m.target)'") }
            a += [m.writable ? "--bind" : "--ro-bind", m.source, m.target]
        }
        for d in spec.devices {
            guard fm.fileExists(atPath: d.source) else { throw RunnerError.missingPath(d.source, role: "device") }
            a += ["--dev-bind", d.source, d.target]
        }
        // The root and /home are bubblewrap's own tmpfs: read-only once the mounts are made, so
        // that only the writable mounts and /tmp take writes.
        a += ["--remount-ro", "/home", "--remount-ro", "/"]
        a.append("--clearenv")
        for (k, v) in spec.environment.sorted(by: { $0.key < $1.key }) { a += ["--setenv", k, v] }
        a += ["--chdir", spec.workingDirectory, "--info-fd", String(infoFD), "--block-fd", String(blockFD), "--"]
        return a + spec.command
    }
}

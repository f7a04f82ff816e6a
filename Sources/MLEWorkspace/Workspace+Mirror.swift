import Foundation
import MLEBasics
import MLEFetch
import MLELockfile
import MLEMirror
import MLEModel
import MLERecipes
import MLEBuild
import MLEStore

/// What `mirror push` or `mirror pull` moves.
public struct MirrorOptions: Sendable {
    public var remote: String
    public var lockPath: String
    /// Only these competitions (default: every pinned one).
    public var ids: [String]
    /// Only the public and private trees, not the raw inputs.
    public var outputsOnly: Bool
    /// An S3 endpoint (MinIO, Ceph…); else AWS_ENDPOINT_URL or the AWS config.
    public var endpoint: String?

    public init(remote: String, lockPath: String, ids: [String] = [], outputsOnly: Bool = false, endpoint: String? = nil) {
        self.remote = remote
        self.lockPath = lockPath
        self.ids = ids
        self.outputsOnly = outputsOnly
        self.endpoint = endpoint
    }
}

/// The outcome of a push or pull.
public struct MirrorReport: Sendable, Encodable {
    public var remote: String
    public var lock: String
    public var competitions: [String]
    public var objects: Int
    public var bytes: Int64
    public var present: Int
    public var requests: Int
    public var seconds: Double
    public var bytesPerSecond: Double

    init(remote: String, lock: String, competitions: [String], summary: TransferSummary) {
        self.remote = remote
        self.lock = lock
        self.competitions = competitions
        objects = summary.objects
        bytes = summary.bytes
        present = summary.present
        requests = summary.requests
        seconds = summary.seconds
        bytesPerSecond = summary.seconds > 0 ? Double(summary.bytes) / summary.seconds : 0
    }

    enum CodingKeys: String, CodingKey {
        case remote, lock, competitions, objects, bytes, present, requests, seconds
        case bytesPerSecond = "bytes_per_second"
    }
}

/// Relays transfer progress to the workspace delegate.
struct MirrorProgress: MirrorObserver {
    let name: String
    let delegate: any WorkspaceDelegate
    func transferred(objects: Int, bytes: Int64, ofObjects: Int, ofBytes: Int64) {
        delegate.fetching(name, bytes: bytes, total: ofBytes)
    }
    func retrying(_ path: String, attempt: Int, after delay: Double, because error: any Error) {
        delegate.retrying(name, url: path, attempt: attempt, after: delay, because: error)
    }
}

extension Workspace {
    /// The remote a user named. Mirrors are named on purpose, so `MLEPKG_OFFLINE` does not
    /// forbid them: an air-gapped lab still reaches its own mirror.
    public func openMirror(_ location: String, endpoint: String? = nil) throws -> any MirrorRemote {
        try MirrorRemotes.open(location, environment: configuration.environment, endpoint: endpoint,
                               client: HTTPClient(policy: configuration.retry))
    }

    func transfer(_ remote: any MirrorRemote) -> MirrorTransfer {
        MirrorTransfer(remote: remote, store: store, jobs: max(configuration.jobs, 8), policy: configuration.retry,
                       observer: MirrorProgress(name: remote.location, delegate: delegate))
    }

    static func lockName(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// Uploads the objects of a lock that the remote lacks, then the lockfile (and its
    /// signature, `FILE.sig`, when there is one).
    public func mirrorPush(_ options: MirrorOptions) throws -> MirrorReport {
        let lock = try LockfileFormat.read(path: options.lockPath)
        let groups = try MirrorGroup.groups(of: lock, ids: options.ids, outputsOnly: options.outputsOnly, file: options.lockPath)
        let remote = try openMirror(options.remote, endpoint: options.endpoint)
        guard let text = FileManager.default.contents(atPath: options.lockPath) else {
            throw WorkspaceError.pathNotFound(options.lockPath)
        }
        let name = Self.lockName(options.lockPath)
        var files = [(path: MirrorLayout.lockPath(name), data: text)]
        if let signature = FileManager.default.contents(atPath: options.lockPath + ".sig") {
            files.insert((MirrorLayout.lockPath(name + ".sig"), signature), at: 0)
        }
        let summary = try transfer(remote).push(groups, files: files)
        // The input lists become trees here too, so `mlepkg serve` can serve their packs.
        for g in groups where g.role == .inputs && !store.contains(g.tree) {
            if let m = g.manifest { try store.addTree(m) }
        }
        return MirrorReport(remote: options.remote, lock: options.lockPath, competitions: Array(Set(groups.map(\.competition))).sorted(),
                            summary: summary)
    }

    /// Downloads what the store lacks of a lock, verified; the lock itself comes from the
    /// remote (`locks/NAME`) when `lockPath` does not exist yet.
    public func mirrorPull(_ options: MirrorOptions) throws -> MirrorReport {
        let remote = try openMirror(options.remote, endpoint: options.endpoint)
        if !FileIO.exists(options.lockPath) {
            let data = try transfer(remote).readFile(MirrorLayout.lockPath(Self.lockName(options.lockPath)))
            _ = try LockfileFormat.decode(String(decoding: data, as: UTF8.self), file: "\(options.remote)/\(MirrorLayout.lockPath(Self.lockName(options.lockPath)))")
            try FileIO.writeAtomically(data, to: options.lockPath)
        }
        if !configuration.trustedKeys.isEmpty {
            // A trusted key is configured: the lock must be signed by it before anything moves.
            var signature = FileManager.default.contents(atPath: options.lockPath + ".sig")
            if signature == nil {
                do {
                    signature = try transfer(remote).readFile(MirrorLayout.lockPath(Self.lockName(options.lockPath) + ".sig"))
                    try FileIO.writeAtomically(signature!, to: options.lockPath + ".sig")
                } catch MirrorError.missing { signature = nil }
            }
            guard let signature else {
                throw LockSignatureError(lockfile: options.lockPath, reason: "the lock is not signed, and a trusted key is configured")
            }
            _ = try verifySignature(of: options.lockPath, signature: signature)
        }
        let lock = try LockfileFormat.read(path: options.lockPath)
        let groups = try MirrorGroup.groups(of: lock, ids: options.ids, outputsOnly: options.outputsOnly, file: options.lockPath)
        let summary = try transfer(remote).pull(groups)
        try keepPulled(groups, lockPath: options.lockPath)
        return MirrorReport(remote: options.remote, lock: options.lockPath, competitions: Array(Set(groups.map(\.competition))).sorted(),
                            summary: summary)
    }

    /// Refs keep pulled trees through `store gc`.
    func keepPulled(_ groups: [MirrorGroup], lockPath: String) throws {
        let name = Self.lockName(lockPath)
        for g in groups where store.contains(g.tree) {
            try store.setRef("mirror/\(name)/\(g.competition)/\(g.role.rawValue)", to: g.tree, kind: "mirror")
        }
    }
}

extension Workspace {
    /// The raw files a lock pins for `recipe`, when there is no raw directory and the store
    /// holds every one of them.
    func pinnedRawFiles(_ recipe: Recipe, options: BuildOptions) -> RawFiles? {
        guard options.rawDirectory == nil, let manifest = options.pinnedInputs[recipe.id],
              !manifest.entries.isEmpty, manifest.entries.allSatisfy({ store.contains($0.object) })
        else { return nil }
        return RawFiles(files: Dictionary(manifest.entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The pinned inputs of a lock's competitions (`ids`), as ``BuildOptions/pinnedInputs``.
    ///
    /// What the store lacks is pulled first from the configured mirrors, in order; a mirror
    /// that fails is passed over (the build then looks elsewhere and explains what is missing).
    public func lockedInputs(_ lock: Lockfile, lockfile: String, ids: [String]) throws -> (inputs: [String: TreeManifest], warnings: [String]) {
        var inputs: [String: TreeManifest] = [:]
        var missing: [String] = []
        for entry in lock.competitions where entry.pinned && ids.contains(entry.id) {
            guard let m = try? MirrorGroup.inputManifest(entry, file: lockfile) else { continue }
            inputs[entry.id] = m
            if !m.entries.allSatisfy({ store.contains($0.object) }) { missing.append(entry.id) }
        }
        var warnings: [String] = []
        if !missing.isEmpty {
            let groups = try MirrorGroup.groups(of: lock, ids: missing, file: lockfile).filter { $0.role == .inputs }
            for mirror in configuration.mirrors {
                do {
                    _ = try transfer(try openMirror(mirror)).pull(groups)
                    try keepPulled(groups, lockPath: lockfile)
                    break
                } catch {
                    warnings.append("mirror '\(mirror)': \(error)")
                }
            }
        }
        return (inputs, warnings)
    }
}

extension Workspace {
    /// Starts a read-only HTTP mirror over the store; `locksDirectory` holds the lockfiles it
    /// serves as `locks/NAME`, and their input lists become trees so their packs can be served.
    public func serveMirror(host: String, port: Int, locksDirectory: String?) throws -> MirrorServer {
        if let dir = locksDirectory {
            guard FileIO.isDirectory(dir) else { throw WorkspaceError.pathNotFound(dir) }
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".lock") {
                let lock = try LockfileFormat.read(path: "\(dir)/\(name)")
                for entry in lock.competitions where entry.pinned {
                    guard let m = try? MirrorGroup.inputManifest(entry, file: name),
                          m.entries.allSatisfy({ store.contains($0.object) }) else { continue }
                    try store.addTree(m)
                }
            }
        }
        return try MirrorServer(store: store, locksDirectory: locksDirectory, host: host, port: port)
    }
}

/// A lockfile that is unsigned, or not signed by a trusted key.
public struct LockSignatureError: Error, Sendable, CustomStringConvertible {
    public var lockfile: String
    public var reason: String
    public var description: String { "\(lockfile): \(reason); refused" }
}

// MARK: Signing

extension Workspace {
    /// The platform a lock was made on, as the lock records it.
    public static var buildPlatform: String {
        #if arch(x86_64)
        let arch = "x86_64"
        #elseif arch(arm64)
        let arch = "aarch64"
        #else
        let arch = "unknown"
        #endif
        #if os(Linux)
        return "linux-\(arch)"
        #else
        return "other-\(arch)"
        #endif
    }

    /// Writes a new Ed25519 key pair: `path` (private, mode 600) and `path.pub`.
    public func generateKey(at path: String) throws -> (publicKey: String, keyID: String) {
        if FileIO.exists(path) { throw SigningError("'\(path)' exists; refusing to overwrite a key") }
        let key = try Ed25519Key.generate()
        try FileIO.writeAtomically(Data(try key.privatePEM.utf8), to: path, mode: 0o600)
        try FileIO.writeAtomically(Data(try key.publicPEM.utf8), to: path + ".pub")
        return (path + ".pub", key.keyID)
    }

    /// Signs the bytes of a lockfile; the signature goes to `lockPath.sig`.
    public func signLock(_ lockPath: String, key keyPath: String) throws {
        let bytes = try FileIO.contents(of: lockPath)
        let key = try Ed25519Key.read(path: keyPath)
        let signature = DetachedSignature(keyID: key.keyID, signature: try key.sign(bytes))
        try FileIO.writeAtomically(Data(signature.encoded.utf8), to: lockPath + ".sig")
    }

    /// Checks `lockPath.sig` against the trusted keys; returns the id of the key that signed.
    public func verifySignature(of lockPath: String, signature: Data? = nil) throws -> String {
        guard !configuration.trustedKeys.isEmpty else {
            throw LockSignatureError(lockfile: lockPath, reason: "no trusted key (pass --trusted-key, or set trusted_keys in the config)")
        }
        let bytes = try FileIO.contents(of: lockPath)
        guard let sigData = signature ?? FileManager.default.contents(atPath: lockPath + ".sig") else {
            throw LockSignatureError(lockfile: lockPath, reason: "the lock is not signed (no '\(lockPath).sig')")
        }
        let sig: DetachedSignature
        do { sig = try DetachedSignature.decode(String(decoding: sigData, as: UTF8.self), file: lockPath + ".sig") } catch {
            throw LockSignatureError(lockfile: lockPath, reason: "\(error)")
        }
        for path in configuration.trustedKeys {
            let key = try Ed25519Key.read(path: path)
            if key.verify(sig.signature, of: bytes) { return key.keyID }
        }
        throw LockSignatureError(lockfile: lockPath, reason: "the signature (key \(sig.keyID)) is not valid for any trusted key (\(configuration.trustedKeys.joined(separator: ", ")))")
    }
}

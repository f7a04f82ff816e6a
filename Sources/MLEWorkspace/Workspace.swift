import Foundation
import MLEArchive
import MLEBasics
import MLEFetch
import MLEModel
import MLEStore

/// Progress reported by long operations. Called from worker threads.
public protocol WorkspaceDelegate: Sendable {
    func willFetch(_ source: String, url: String)
    func fetching(_ source: String, bytes: Int64, total: Int64?)
    func retrying(_ source: String, url: String, attempt: Int, after delay: Double, because error: any Error)
    func didFetch(_ source: String, result: FetchResult)
    func working(_ task: String, done: Int, total: Int)
}

extension WorkspaceDelegate {
    public func willFetch(_ source: String, url: String) {}
    public func fetching(_ source: String, bytes: Int64, total: Int64?) {}
    public func retrying(_ source: String, url: String, attempt: Int, after delay: Double, because error: any Error) {}
    public func didFetch(_ source: String, result: FetchResult) {}
    public func working(_ task: String, done: Int, total: Int) {}
}

/// A delegate that ignores everything (libraries and tests).
public struct SilentDelegate: WorkspaceDelegate {
    public init() {}
}

/// The orchestrator: every command is one call on a workspace.
///
/// It owns the policy the lower modules must not decide: which source to try first
/// (store, drop folders, network), where downloads are written (the store's resumable
/// partial files), and how failures are explained.
public final class Workspace: Sendable {
    public let configuration: WorkspaceConfiguration
    public let store: ObjectStore
    let delegate: any WorkspaceDelegate

    public init(configuration: WorkspaceConfiguration, delegate: any WorkspaceDelegate = SilentDelegate()) throws {
        self.configuration = configuration
        self.store = try ObjectStore(root: configuration.paths.home)
        self.delegate = delegate
    }

    // MARK: Adding local files

    public struct AddResult: Sendable, Equatable {
        public var path: String
        public var object: ObjectID
        public var kind: ObjectKind
        public var size: Int64
        public var files: Int
    }

    /// Adds a file (a blob) or a directory (a tree) and optionally names it with a ref.
    public func add(path: String, ref: String? = nil) throws -> AddResult {
        guard FileIO.exists(path) else { throw WorkspaceError.pathNotFound(path) }
        let result: AddResult
        if FileIO.isDirectory(path) {
            let (id, manifest) = try store.addDirectory(at: path)
            result = AddResult(path: path, object: id, kind: .tree, size: manifest.totalSize, files: manifest.entries.count)
        } else {
            let id = try store.addFile(at: path)
            result = AddResult(path: path, object: id, kind: .blob, size: FileIO.fileSize(path) ?? 0, files: 1)
        }
        if let ref { try store.setRef(ref, to: result.object, kind: "user") }
        return result
    }

    // MARK: Unpacking

    /// Unpacks an archive blob into a tree; the same blob is unpacked once and then reused.
    ///
    /// On any refusal (unsafe path, limits, corrupt data) the objects this call created
    /// are removed again, so a hostile archive leaves nothing behind.
    public func unpack(_ archive: ObjectID, limits: UnpackLimits = UnpackLimits(),
                       imageLayer: Bool = false) throws -> (ObjectID, TreeManifest) {
        let marker = imageLayer ? "unpack-layer:\(archive)" : "unpack:\(archive)"
        if let known = try store.object(fetchedFrom: marker), let m = try? store.manifest(of: known) {
            return (known, m)
        }
        guard store.contains(archive) else { throw StoreError.notFound(archive) }
        var entries: [String: TreeEntry] = [:]
        var created: [ObjectID] = []
        // Entries up to 256 KiB are hashed in memory and written in batches; larger ones stream.
        let small = BlobBatch(store: store)
        var head: [UInt8] = []
        do {
            try Unpacker(limits: limits, allowsRootedSymlinks: imageLayer).unpack(archiveAt: store.path(for: archive)) { entry in
                switch entry {
                case .file(let path, let executable, let read):
                    head.removeAll(keepingCapacity: true)
                    var chunk = try read()
                    while !chunk.isEmpty && head.count + chunk.count <= 256 << 10 {
                        head.append(contentsOf: chunk)
                        chunk = try read()
                    }
                    let id: ObjectID, size: Int64
                    if chunk.isEmpty {
                        id = try head.withUnsafeBytes { try small.add($0) }
                        size = Int64(head.count)
                    } else {
                        let writer = try store.makeWriter()
                        try head.withUnsafeBytes { try writer.write($0) }
                        while !chunk.isEmpty {
                            try writer.write(chunk)
                            chunk = try read()
                        }
                        size = writer.bytesWritten
                        id = try writer.commit()
                        if writer.createdObject { created.append(id) }
                    }
                    entries[path] = TreeEntry(path: path, mode: executable ? .executable : .file, size: size, object: id)
                    delegate.working("unpack", done: entries.count, total: 0)
                case .symlink(let path, let target):
                    let writer = try store.makeWriter()
                    try writer.write(Data(target.utf8))
                    let id = try writer.commit()
                    if writer.createdObject { created.append(id) }
                    entries[path] = TreeEntry(path: path, mode: .symlink, size: Int64(target.utf8.count), object: id)
                case .hardlink(let path, let target):
                    guard var e = entries[target] else { return }
                    e.path = path
                    entries[path] = e
                }
            }
            try small.flush()
        } catch {
            store.rollback(created + small.created)
            throw error
        }
        let manifest = TreeManifest(entries: Array(entries.values))
        let tree = try store.addTree(manifest)
        try store.recordSource(tree, url: marker, size: manifest.totalSize)
        return (tree, manifest)
    }
}

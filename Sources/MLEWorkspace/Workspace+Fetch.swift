import Foundation
import MLEArchive
import MLEBasics
import MLEFetch
import MLEModel
import MLEStore

/// What to fetch.
public struct FetchRequest: Sendable, Equatable {
    public var source: SourceRef
    /// Other URLs serving the same bytes, tried in order after the source.
    public var mirrors: [String]
    /// Pins the bytes: anything else is refused and not stored (a fixed-output fetch).
    public var sha256: ObjectID?
    public var size: Int64?
    public var unpack: Bool

    public init(source: SourceRef, mirrors: [String] = [], sha256: ObjectID? = nil, size: Int64? = nil, unpack: Bool = false) {
        self.source = source
        self.mirrors = mirrors
        self.sha256 = sha256
        self.size = size
        self.unpack = unpack
    }
}

/// Where fetched bytes came from.
public enum FetchOrigin: Sendable, Equatable, CustomStringConvertible {
    case store
    case distdir(String)
    case network(String)

    public var description: String {
        switch self {
        case .store: return "store"
        case .distdir(let p): return "distdir:\(p)"
        case .network(let u): return u
        }
    }
}

public struct FetchResult: Sendable, Equatable {
    public var source: String
    public var object: ObjectID
    public var size: Int64
    public var origin: FetchOrigin
    /// The unpacked tree, with `unpack`.
    public var tree: ObjectID?
    public var files: Int?
}

extension Workspace {
    /// Fetches several requests in parallel (`configuration.jobs` at a time).
    public func fetchAll(_ requests: [FetchRequest]) -> [Result<FetchResult, any Error>] {
        Parallel.map(requests, width: configuration.jobs) { request in
            Result { try self.fetch(request) }
        }
    }

    /// Finds the bytes in the store or a drop folder, or downloads them.
    public func fetch(_ request: FetchRequest) throws -> FetchResult {
        let name = request.source.description
        var result = try locate(request) ?? download(request)
        if request.unpack {
            let (tree, manifest): (ObjectID, TreeManifest)
            do { (tree, manifest) = try unpack(result.object) } catch let e as ArchiveError { throw e.naming(name) }
            result.tree = tree
            result.files = manifest.entries.count
        }
        delegate.didFetch(name, result: result)
        return result
    }

    /// The store, then the drop folders. Nil when the network is needed.
    func locate(_ request: FetchRequest) throws -> FetchResult? {
        let name = request.source.description
        if let pinned = request.sha256 {
            if store.contains(pinned) {
                return FetchResult(source: name, object: pinned, size: try store.record(of: pinned)?.size ?? FileIO.fileSize(store.path(for: pinned)) ?? 0, origin: .store)
            }
            if let found = try findInDistdirs(pinned, size: request.size) {
                let id = try store.addFile(at: found, expected: pinned)
                let size = FileIO.fileSize(found) ?? 0
                try store.recordSource(id, url: name, size: size)
                return FetchResult(source: name, object: id, size: size, origin: .distdir(found))
            }
        } else {
            if let known = try store.object(fetchedFrom: name) {
                return FetchResult(source: name, object: known, size: try store.record(of: known)?.size ?? 0, origin: .store)
            }
            if configuration.offline, let found = findByName(request.source.suggestedFileName) {
                let id = try store.addFile(at: found)
                let size = FileIO.fileSize(found) ?? 0
                try store.recordSource(id, url: name, size: size)
                return FetchResult(source: name, object: id, size: size, origin: .distdir(found))
            }
        }
        if configuration.offline {
            let dirs = configuration.distdirs.isEmpty ? "no drop folder is configured (--distdir or MLEPKG_DISTDIR)"
                : "not in the drop folder \(configuration.distdirs.map { "'\($0)'" }.joined(separator: ", "))"
            throw FetchError.offline("'\(name)'\(request.sha256.map { " (\($0))" } ?? "") is not in the store and \(dirs)")
        }
        return nil
    }

    /// A drop-folder file with these bytes. Only files of the right size are hashed.
    func findInDistdirs(_ id: ObjectID, size: Int64?) throws -> String? {
        for dir in configuration.distdirs {
            guard let walker = FileManager.default.enumerator(atPath: dir) else { continue }
            while let rel = walker.nextObject() as? String {
                let path = "\(dir)/\(rel)"
                guard !FileIO.isDirectory(path), let fileSize = FileIO.fileSize(path) else { continue }
                if let size, fileSize != size { continue }
                if let (hex, _) = try? Digests.hashFile(at: path), hex == id.hex { return path }
            }
        }
        return nil
    }

    func findByName(_ fileName: String) -> String? {
        for dir in configuration.distdirs where FileIO.exists("\(dir)/\(fileName)") {
            return "\(dir)/\(fileName)"
        }
        return nil
    }

    /// Tries the source, then each mirror; returns the first verified download.
    func download(_ request: FetchRequest) throws -> FetchResult {
        let name = request.source.description
        var attempts: [(url: String, auth: BasicAuth?)] = []
        var kaggleUser = ""
        switch request.source {
        case .http(let url), .file(let url):
            attempts.append((url.absoluteString, nil))
        case .kaggleCompetition, .kaggleLeaderboard, .kaggleDataset:
            let auth = try KaggleSource.credentials(environment: configuration.environment)
            kaggleUser = auth.user
            attempts.append((configuration.kaggle.downloadURL(for: request.source)!, auth))
        }
        attempts += request.mirrors.map { ($0, nil) }

        var errors: [any Error] = []
        for (index, attempt) in attempts.enumerated() {
            do {
                return try download(name, from: attempt.url, auth: attempt.auth, request: request)
            } catch let error as FetchError {
                let explained = index == 0 && attempt.auth != nil
                    ? configuration.kaggle.explain(error, for: request.source, user: kaggleUser) : error
                errors.append(explained)
            } catch let error as WorkspaceError {
                errors.append(error)
            }
        }
        if errors.count == 1 { throw errors[0] }
        if let integrity = errors.last(where: { ($0 as? WorkspaceError)?.isIntegrityFailure == true }) {
            throw integrity
        }
        throw FetchError.allSourcesFailed(errors.compactMap { $0 as? FetchError })
    }

    private func download(_ name: String, from url: String, auth: BasicAuth?, request: FetchRequest) throws -> FetchResult {
        delegate.willFetch(name, url: url)
        // Partial bytes are kept per (URL, pin), so an interrupted fetch resumes next time.
        let writer = try store.makeResumableWriter(key: "\(url)\n\(request.sha256?.hex ?? "")")
        let sink = WriterSink(writer: writer)
        let observer = ProgressRelay(name: name, delegate: delegate)
        let downloader = Downloader(policy: configuration.retry)
        // A pinned size caps the body at that size; anything else at the configured limit.
        let limit = request.size ?? configuration.maxDownloadSize
        do {
            try downloader.download(url, into: sink, auth: auth, observer: observer, maxBytes: limit)
        } catch FetchError.tooLarge(let at, let limit) {
            writer.discard()
            if let size = request.size {
                throw WorkspaceError.sizeMismatch(source: at, expected: size, actual: size + 1,
                                                  detail: "different content: more than the expected \(size) bytes")
            }
            throw FetchError.tooLarge(url: at, limit: limit)
        } catch {
            // Bytes of a failed attempt are kept to resume from; an empty partial file is not
            // (a 403 or 404 would otherwise leave one behind in partial/).
            if writer.bytesWritten == 0 { writer.discard() } else { writer.abort() }
            throw error
        }
        let got = writer.bytesWritten
        let prefix = writer.prefix(512)
        if let size = request.size, size != got {
            writer.discard()
            throw WorkspaceError.sizeMismatch(source: url, expected: size, actual: got,
                                              detail: Self.explainMismatch(prefix: prefix, got: got, expectedSize: size))
        }
        let id: ObjectID
        do {
            id = try writer.commit(expected: request.sha256)
        } catch StoreError.hashMismatch(let expected, let actual, let size) {
            throw WorkspaceError.integrity(source: url, expected: expected, actual: actual,
                                           detail: Self.explainMismatch(prefix: prefix, got: size, expectedSize: request.size))
        }
        try store.recordSource(id, url: name, size: got)
        if url != name { try store.recordSource(id, url: url, size: got) }
        return FetchResult(source: name, object: id, size: got, origin: .network(url))
    }

    static func looksLikeHTML(_ prefix: Data) -> Bool {
        let text = String(decoding: prefix, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return text.hasPrefix("<!doctype html") || text.hasPrefix("<html") || text.hasPrefix("<?xml") && text.contains("<html")
    }

    /// Says why bytes differ: an error page, a short file, or other content.
    static func explainMismatch(prefix: Data, got: Int64, expectedSize: Int64?) -> String {
        if looksLikeHTML(prefix) {
            return "got an HTML page (\(got) bytes) instead of the file, probably an error or login page"
        }
        if let expectedSize, got < expectedSize {
            return "truncated: got \(got) of \(expectedSize) bytes"
        }
        if let expectedSize, got > expectedSize {
            return "different content: got \(got) bytes, expected \(expectedSize)"
        }
        return "different content (\(got) bytes)"
    }
}

/// Adapts the store's writer to the downloader's sink.
final class WriterSink: DownloadSink {
    let writer: ObjectWriter
    init(writer: ObjectWriter) { self.writer = writer }
    var bytesWritten: Int64 { writer.bytesWritten }
    func write(_ buffer: UnsafeRawBufferPointer) throws { try writer.write(buffer) }
    func truncate() throws { try writer.truncate() }
}

struct ProgressRelay: DownloadObserver {
    let name: String
    let delegate: any WorkspaceDelegate
    func downloadProgress(url: String, bytes: Int64, total: Int64?) {
        delegate.fetching(name, bytes: bytes, total: total)
    }
    func downloadRetrying(url: String, attempt: Int, after delay: Double, because error: FetchError) {
        delegate.retrying(name, url: url, attempt: attempt, after: delay, because: error)
    }
}

import Foundation
import MLEBasics
import MLEFetch

/// Where a mirror lives: a folder, a web server, or an S3 bucket, all with the same layout
/// (see ``MirrorLayout``). Paths are relative to the mirror's root, with `/` separators.
public protocol MirrorRemote: Sendable {
    /// The mirror as the user named it, for messages.
    var location: String { get }
    /// The names directly inside `folder` (`packs/sha256/`), or nil when the remote cannot
    /// list (a plain web server): callers then ask for what they need and treat 404 as absent.
    func list(_ folder: String) throws -> Set<String>?
    func exists(_ path: String) throws -> Bool
    /// Streams bytes `offset ..< offset + length` (to the end when `length` is nil) to `body`.
    ///
    /// - Throws: ``MirrorError/missing(remote:path:)`` when there is no such file; a
    ///   transient `FetchError` after delivering part of the bytes (callers resume).
    func read(_ path: String, from offset: Int64, length: Int64?, into body: (UnsafeRawBufferPointer) throws -> Void) throws
    /// Writes a whole file; readers see the old state or the new file, never a part.
    func write(_ path: String, from source: any UploadBody) throws
}

/// Opens the remote a user named: a path or `file://` URL, `http(s)://`, or `s3://bucket/prefix`.
public enum MirrorRemotes {
    public static func open(_ location: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                            endpoint: String? = nil, client: HTTPClient = HTTPClient()) throws -> any MirrorRemote {
        let lower = location.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return HTTPRemote(base: location, client: client)
        }
        if lower.hasPrefix("s3://") {
            return try S3Remote(url: location, endpoint: endpoint, environment: environment, client: client)
        }
        if lower.hasPrefix("file://") {
            guard let path = URL(string: location)?.path, !path.isEmpty else {
                throw MirrorError.invalidRemote(location, reason: "expected file:///absolute/path")
            }
            return FolderRemote(root: path, location: location)
        }
        if location.contains("://") {
            throw MirrorError.invalidRemote(location, reason: "expected a folder, file://, http(s):// or s3://bucket/prefix")
        }
        return FolderRemote(root: location, location: location)
    }
}

/// Bytes in memory, as an upload.
public final class DataUpload: UploadBody {
    let data: Data
    var offset = 0
    public init(_ data: Data) { self.data = data }
    public var size: Int64 { Int64(data.count) }
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, data.count - offset)
        if n > 0 {
            data.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
        }
        return n
    }
}

/// A mirror in a local or network folder.
public struct FolderRemote: MirrorRemote {
    public let root: String
    public let location: String

    public init(root: String, location: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.location = location
    }

    func full(_ path: String) -> String { "\(root)/\(path)" }

    public func list(_ folder: String) throws -> Set<String>? {
        let dir = full(folder)
        guard FileIO.isDirectory(dir) else { return [] }
        return Set((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
    }

    public func exists(_ path: String) throws -> Bool { FileIO.exists(full(path)) }

    public func read(_ path: String, from offset: Int64, length: Int64?, into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let p = full(path)
        let fd = Glibc.open(p, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw MirrorError.missing(remote: location, path: path) }
            throw SystemError.posix(errno, "open", p)
        }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var position = offset
        var left = length ?? Int64.max
        while left > 0 {
            let n = pread(fd, buffer.baseAddress, Int(min(Int64(buffer.count), left)), off_t(position))
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.posix(errno, "read", p)
            }
            if n == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            position += Int64(n)
            left -= Int64(n)
        }
    }

    public func write(_ path: String, from source: any UploadBody) throws {
        let final = full(path)
        let dir = (final as NSString).deletingLastPathComponent
        try FileIO.makeDirectory(dir)
        try FileIO.makeDirectory(full("tmp"))
        let tmp = full("tmp/\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tmp")
        let fd = Glibc.open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", tmp) }
        var done = false
        defer {
            close(fd)
            if !done { unlink(tmp) }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            try FileIO.writeAll(fd: fd, UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path: tmp)
        }
        guard fsync(fd) == 0 else { throw SystemError.posix(errno, "fsync", tmp) }
        guard rename(tmp, final) == 0 else { throw SystemError.posix(errno, "rename", final) }
        done = true
        FileIO.syncDirectory(dir)
    }
}

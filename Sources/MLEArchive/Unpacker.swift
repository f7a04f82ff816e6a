import CArchive
import Foundation
import MLEBasics
import MLEModel

/// Limits that stop hostile archives before they fill a disk.
public struct UnpackLimits: Sendable, Equatable {
    /// Total bytes of all entries once unpacked.
    public var maxTotalSize: Int64
    public var maxEntries: Int
    /// Unpacked bytes per archive byte read, for each entry and for the archive so far;
    /// checked once more than `ratioFloor` bytes came out. Deflate cannot exceed about
    /// 1,030:1, so a limit near that would never trip on a zip; real data above 200:1 over
    /// 64 MiB is a file of nearly one repeated byte.
    public var maxRatio: Double
    public var ratioFloor: Int64

    public init(maxTotalSize: Int64 = 256 << 30, maxEntries: Int = 2_000_000,
                maxRatio: Double = 200, ratioFloor: Int64 = 64 << 20) {
        self.maxTotalSize = maxTotalSize
        self.maxEntries = maxEntries
        self.maxRatio = maxRatio
        self.ratioFloor = ratioFloor
    }
}

/// One entry, as the unpacker hands it over after its checks.
public enum UnpackedEntry {
    /// A regular file; call `read` until it returns an empty buffer.
    case file(path: String, executable: Bool, read: () throws -> UnsafeRawBufferPointer)
    /// A symbolic link whose target stays inside the archive root.
    case symlink(path: String, target: String)
    /// A hard link to a file seen earlier in the same archive.
    case hardlink(path: String, target: String)
}

public enum ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotOpen(archive: String, message: String)
    case corrupt(archive: String, message: String)
    case unsafeEntry(archive: String, entry: String, reason: String)
    case limitExceeded(archive: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let a, let m): return "cannot open archive '\(a)': \(m)"
        case .corrupt(let a, let m): return "corrupt archive '\(a)': \(m)"
        case .unsafeEntry(let a, let e, let r): return "refusing archive '\(a)': entry '\(e)' \(r)"
        case .limitExceeded(let a, let r): return "refusing archive '\(a)': \(r)"
        }
    }

    /// The same error naming the archive as the user knows it (its source), not by the path
    /// of its copy in the store.
    public func naming(_ name: String) -> ArchiveError {
        switch self {
        case .cannotOpen(_, let m): return .cannotOpen(archive: name, message: m)
        case .corrupt(_, let m): return .corrupt(archive: name, message: m)
        case .unsafeEntry(_, let e, let r): return .unsafeEntry(archive: name, entry: e, reason: r)
        case .limitExceeded(_, let r): return .limitExceeded(archive: name, reason: r)
        }
    }
}

/// Streams the entries of a zip, tar (plain, gz, bz2, xz, zstd) or 7z archive.
///
/// Every path is checked before its bytes are read: absolute paths, `..` components,
/// links leading outside the root and device files are refused, and the size, count
/// and ratio limits are enforced on the bytes actually decompressed, not on what the
/// headers claim. The unpacker writes nothing itself: the caller decides where bytes go.
///
/// ```swift
/// try Unpacker().unpack(archiveAt: "data.zip") { entry in
///     if case .file(let path, _, let read) = entry { … }
/// }
/// ```
public struct Unpacker: Sendable {
    public var limits: UnpackLimits
    /// Allows symlinks to absolute paths or above the archive's top, for the layers of a
    /// container image: such a link is resolved inside the sandbox whose root the image is,
    /// never on the host (entries' own paths are still checked).
    public var allowsRootedSymlinks = false

    public init(limits: UnpackLimits = UnpackLimits(), allowsRootedSymlinks: Bool = false) {
        self.limits = limits
        self.allowsRootedSymlinks = allowsRootedSymlinks
    }

    public func unpack(archiveAt path: String, _ handle: (UnpackedEntry) throws -> Void) throws {
        guard let a = archive_read_new() else {
            throw ArchiveError.cannotOpen(archive: path, message: "out of memory")
        }
        defer { archive_read_free(a) }
        // libarchive converts names to the current locale's charset; in the C locale every
        // non-ASCII name fails to convert and comes back empty. Read them as UTF-8, on this
        // thread only (a library must not change the process's locale).
        let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        let previous = utf8.map { uselocale($0) }
        defer {
            if let previous { uselocale(previous) }
            if let utf8 { freelocale(utf8) }
        }
        archive_read_support_filter_all(a)
        archive_read_support_format_all(a)
        guard archive_read_open_filename(a, path, 1 << 16) == ARCHIVE_OK else {
            throw ArchiveError.cannotOpen(archive: path, message: Self.message(a))
        }
        if let listed = ZipDirectory.entryCount(ofArchiveAt: path), listed > limits.maxEntries {
            // A zip lists its entries at the end: refuse before unpacking the first.
            throw ArchiveError.limitExceeded(archive: path, reason: "more than \(limits.maxEntries) entries (its directory lists \(listed))")
        }
        var meter = RatioMeter(limits: limits, archive: path)
        // One read buffer for every entry (a megabyte allocated per entry is an mmap and munmap each).
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var count = 0
        var shape = TreeShape(linksMustStayInside: !allowsRootedSymlinks)
        var entry: OpaquePointer?
        while true {
            let r = archive_read_next_header(a, &entry)
            if r == ARCHIVE_EOF { break }
            guard r == ARCHIVE_OK || r == ARCHIVE_WARN, let entry else {
                throw ArchiveError.corrupt(archive: path, message: Self.message(a))
            }
            count += 1
            if count > limits.maxEntries {
                throw ArchiveError.limitExceeded(archive: path, reason: "more than \(limits.maxEntries) entries")
            }
            guard let rawName = archive_entry_pathname_utf8(entry).map({ String(cString: $0) })
                ?? archive_entry_pathname(entry).map({ String(cString: $0) }) else {
                throw ArchiveError.unsafeEntry(archive: path, entry: "#\(count)", reason: "has a name that cannot be read as UTF-8")
            }
            let type = archive_entry_filetype(entry)
            let name = try Self.normalize(rawName, archive: path)
            /// Adds the entry to the tree being built: duplicates, normalisation twins, file/folder
            /// clashes and entries below symlinks are refused here, naming the entry.
            func place(_ name: String, _ kind: TreeShape.Kind) throws {
                do { try shape.add(name, kind: kind) } catch {
                    throw ArchiveError.unsafeEntry(archive: path, entry: rawName, reason: error.reason)
                }
            }
            if let hard = archive_entry_hardlink(entry) {
                let target = try Self.normalize(String(cString: hard), archive: path) ?? ""
                guard shape.isFile(target) else {
                    throw ArchiveError.unsafeEntry(archive: path, entry: rawName,
                                                   reason: "is a hard link to '\(target)', which is not a file earlier in the archive")
                }
                guard let name else { continue }
                try place(name, .file)
                try handle(.hardlink(path: name, target: target))
                continue
            }
            switch type {
            case 0o040000:  // AE_IFDIR
                if let name { try place(name, .directory) }
            case 0o100000:  // AE_IFREG
                guard let name else {
                    throw ArchiveError.unsafeEntry(archive: path, entry: rawName, reason: "is a file with an empty name")
                }
                try place(name, .file)
                let executable = (archive_entry_perm(entry) & 0o111) != 0
                meter.startEntry(consumed: archive_filter_bytes(a, -1))
                try handle(.file(path: name, executable: executable, read: {
                    let n = archive_read_data(a, buffer.baseAddress, buffer.count)
                    if n < 0 { throw ArchiveError.corrupt(archive: path, message: Self.message(a)) }
                    try meter.add(n, consumed: archive_filter_bytes(a, -1))
                    return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                }))
            case 0o120000:  // AE_IFLNK
                guard let name else { continue }
                let target = archive_entry_symlink(entry).map { String(cString: $0) } ?? ""
                if !allowsRootedSymlinks { try Self.checkSymlink(name, target: target, archive: path) }
                try place(name, .symlink(target: target))
                try handle(.symlink(path: name, target: target))
            default:
                throw ArchiveError.unsafeEntry(archive: path, entry: rawName,
                                               reason: "is a device, FIFO or socket, which a dataset never needs")
            }
        }
        // Links are resolved against the whole tree: a link may name an entry that comes later.
        do { try shape.finish() } catch {
            throw ArchiveError.unsafeEntry(archive: path, entry: error.path, reason: error.reason)
        }
    }

    /// `a/./b` → `a/b`; nil for the root itself. Refuses absolute paths and `..`.
    static func normalize(_ raw: String, archive: String) throws -> String? {
        if raw.hasPrefix("/") || raw.hasPrefix("\\") || (raw.count > 1 && raw.dropFirst().hasPrefix(":")) {
            throw ArchiveError.unsafeEntry(archive: archive, entry: raw, reason: "has an absolute path")
        }
        var parts: [Substring] = []
        for c in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." || c.contains("\\..") || c.hasPrefix("..\\") {
                throw ArchiveError.unsafeEntry(archive: archive, entry: raw, reason: "has a '..' component")
            }
            parts.append(c)
        }
        if raw.contains("\0") || raw.contains("\n") {
            throw ArchiveError.unsafeEntry(archive: archive, entry: raw, reason: "has a control character in its name")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    static func checkSymlink(_ path: String, target: String, archive: String) throws {
        if target.isEmpty || target.hasPrefix("/") {
            throw ArchiveError.unsafeEntry(archive: archive, entry: path, reason: "is a symlink to '\(target)', outside the archive")
        }
        var stack = path.split(separator: "/").dropLast().map(String.init)
        for c in target.split(separator: "/") {
            if c == "." { continue }
            if c == ".." {
                if stack.isEmpty {
                    throw ArchiveError.unsafeEntry(archive: archive, entry: path, reason: "is a symlink to '\(target)', outside the archive")
                }
                stack.removeLast()
            } else {
                stack.append(String(c))
            }
        }
    }

    static func message(_ a: OpaquePointer) -> String {
        archive_error_string(a).map { String(cString: $0) } ?? "unknown libarchive error"
    }
}

import Foundation

/// Small POSIX helpers shared by the store, the fetcher and the unpacker.
public enum FileIO {
    /// Creates a directory and its parents; succeeds when it already exists.
    /// (mkdir(2) component by component, so the error names the real cause: a file in the
    /// way is "Not a directory", not Foundation's generic I/O error.)
    public static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, mode) != 0 {
                let code = errno
                if code == EEXIST {
                    if !isDirectory(prefix) { throw SystemError.posix(ENOTDIR, "mkdir", prefix) }
                } else {
                    throw SystemError.posix(code, "mkdir", prefix)
                }
            }
            prefix += "/"
        }
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// A regular file, not through a symbolic link at its last component.
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Everything below `directory` that is not a directory (files, links, devices), as paths
    /// relative to it, sorted; links are listed, never followed.
    public static func nonDirectories(under directory: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            var st = stat()
            if lstat("\(directory)/\(rel)", &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR { out.append(rel) }
        }
        return out.sorted()
    }

    public static func fileSize(_ path: String) -> Int64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int64(st.st_size)
    }

    /// A whole file's bytes, or an error with the real cause: Foundation's `contents(atPath:)`
    /// answers nil for a missing file, a folder, a device and a file without read permission alike.
    public static func contents(of path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", path) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw SystemError.posix(EISDIR, "read", path) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.posix(errno, "read", path)
            }
            if n == 0 { return data }
            data.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes all bytes of a buffer, retrying short writes and EINTR.
    public static func writeAll(fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError.posix(errno, "write", path)
            }
            offset += n
        }
    }

    /// Atomically replaces `path` with `data`: temp file in the same directory, fsync, rename.
    /// A crash leaves either the old file or the new one, never a mix.
    public static func writeAtomically(_ data: Data, to path: String, mode: mode_t = 0o644) throws {
        // Foundation traps on deletingLastPathComponent of a one-character name ("k").
        let dir = path.contains("/") ? (path as NSString).deletingLastPathComponent : "."
        try makeDirectory(dir.isEmpty ? "." : dir)
        let tmp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", tmp) }
        do {
            try data.withUnsafeBytes { try writeAll(fd: fd, $0, path: tmp) }
            guard fsync(fd) == 0 else { throw SystemError.posix(errno, "fsync", tmp) }
            close(fd)
            guard rename(tmp, path) == 0 else { throw SystemError.posix(errno, "rename", path) }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
    }

    /// Writes a new file atomically, never replacing one: false when `path` already exists.
    /// (The bytes go to a temporary file that is hard-linked into place; `link` fails on an
    /// existing name, where `rename` would replace it.)
    public static func createExclusively(_ path: String, contents data: Data, mode: mode_t = 0o644) throws -> Bool {
        let tmp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeAtomically(data, to: tmp, mode: mode)
        defer { unlink(tmp) }
        if link(tmp, path) == 0 { return true }
        if errno == EEXIST { return false }
        throw SystemError.posix(errno, "link", path)
    }

    /// Fsyncs a directory so a rename or link inside it survives a power loss.
    public static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}

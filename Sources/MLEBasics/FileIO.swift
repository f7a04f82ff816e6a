import Foundation

/// Small POSIX helpers shared by the store, the fetcher and the unpacker.
public enum FileIO {
    /// Creates a directory and its parents; succeeds when it already exists.
    public static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SystemError.posix(errno == 0 ? EIO : errno, "mkdir", path)
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

    public static func fileSize(_ path: String) -> Int64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int64(st.st_size)
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

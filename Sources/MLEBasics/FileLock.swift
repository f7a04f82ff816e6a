import Foundation

/// An exclusive advisory lock on a file (flock), held until `unlock()` or deinit.
///
/// Locks protect work shared between processes (two `mlepkg` runs adding the same
/// object, two builds of the same key). The kernel drops them when a process dies,
/// so a `kill -9` never leaves a stale lock behind.
public final class FileLock: @unchecked Sendable {
    private var fd: Int32
    public let path: String

    /// Blocks until the lock is held.
    public init(path: String, shared: Bool = false) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", path) }
        while flock(fd, shared ? LOCK_SH : LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let e = errno
            close(fd)
            throw SystemError.posix(e, "flock", path)
        }
    }

    /// Tries once; returns nil when another process holds the lock.
    public static func tryLock(path: String) throws -> FileLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemError.posix(errno, "open", path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            return nil
        }
        return FileLock(fd: fd, path: path)
    }

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    public func unlock() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { unlock() }
}

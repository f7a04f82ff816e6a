import CSpawn
import MLEBasics
import Foundation

/// A TCP socket listening on 127.0.0.1 *inside* a sandbox's network namespace, served by
/// mlepkg outside it.
///
/// The socket is created by a thread that enters the sandbox's namespace (setns, as root)
/// and leaves it again, so the agent connects to `localhost:PORT` in its own namespace while
/// the server, the proxy's outgoing connections and the files they read stay in the host's.
/// Nothing of mlepkg's runs inside the sandbox.
public final class LoopbackListener: @unchecked Sendable {
    public let port: UInt16
    let fd: Int32
    private let lock = NSLock()
    private var closed = false

    /// Listens on `port` in the network namespace of process `pid` (0: this process's own).
    public init(port: UInt16, namespaceOf pid: pid_t = 0) throws {
        if pid == 0 {
            fd = try Self.listen(port: port)
        } else {
            let result = LockedResult()
            // setns changes the calling thread only, so a thread of its own enters and leaves.
            let t = Thread {
                result.set(Result {
                    let own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
                    let target = open("/proc/\(pid)/ns/net", O_RDONLY | O_CLOEXEC)
                    defer { if own >= 0 { Foundation.close(own) }; if target >= 0 { Foundation.close(target) } }
                    guard own >= 0, target >= 0 else { throw RunnerError.network("cannot open the network namespace of process \(pid)") }
                    guard CSpawn_enterNetworkNamespace(target) == 0 else {
                        throw RunnerError.network("cannot enter the sandbox's network namespace (needs root): \(String(cString: strerror(errno)))")
                    }
                    let made = Result { try Self.listen(port: port) }
                    guard CSpawn_enterNetworkNamespace(own) == 0 else {
                        // This thread must never serve anything again: it is stuck in the sandbox.
                        if case .success(let s) = made { Foundation.close(s) }
                        throw InternalError("cannot leave the sandbox's network namespace")
                    }
                    return try made.get()
                })
            }
            t.start()
            fd = try result.wait().get()
        }
        let s = fd
        var addr = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(s, $0, &len) }
        }
        self.port = UInt16(bigEndian: addr.sin_port)
    }

    private static func listen(port: UInt16) throws -> Int32 {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw RunnerError.network("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let rc = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0, Foundation.listen(s, 64) == 0 else {
            let e = errno
            Foundation.close(s)
            throw RunnerError.network("cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(e)))")
        }
        return s
    }

    /// Accepts connections on a thread of its own and hands each to `handle` on another.
    public func serve(_ handle: @escaping @Sendable (Connection) -> Void) {
        let t = Thread { [self] in
            while true {
                let c = CSpawn_acceptCloexec(fd)
                if c < 0 {
                    if errno == EINTR { continue }
                    return
                }
                let conn = Connection(fd: c)
                Thread { handle(conn); conn.close() }.start()
            }
        }
        t.start()
    }

    public func close() {
        lock.lock(); defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        shutdown(fd, Int32(SHUT_RDWR))
        Foundation.close(fd)
    }

    deinit { close() }
}

/// One accepted connection: buffered reads of lines and bodies, whole writes.
public final class Connection: @unchecked Sendable {
    let fd: Int32
    var buffer = [UInt8]()
    private var isClosed = false

    init(fd: Int32) {
        self.fd = fd
        var tv = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads until `\r\n\r\n` (at most `limit` bytes); returns the head, keeps the rest buffered.
    func readHead(limit: Int = 64 << 10) -> String? {
        let marker: [UInt8] = [13, 10, 13, 10]
        while true {
            if let r = find(marker) {
                let head = String(decoding: buffer[..<r], as: UTF8.self)
                buffer.removeFirst(r + 4)
                return head
            }
            if buffer.count > limit || !fill() { return nil }
        }
    }

    /// Reads exactly `count` bytes (the buffered ones first).
    func readBody(count: Int) -> [UInt8]? {
        while buffer.count < count { if !fill() { return nil } }
        let body = Array(buffer[..<count])
        buffer.removeFirst(count)
        return body
    }

    private func find(_ marker: [UInt8]) -> Int? {
        guard buffer.count >= marker.count else { return nil }
        for i in 0...(buffer.count - marker.count) where buffer[i] == marker[0] && Array(buffer[i..<i + marker.count]) == marker { return i }
        return nil
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer += chunk[0..<n]
        return true
    }

    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            off += n
        }
        return true
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// A relayed connection may be idle for long: only reading the head has a timeout.
    func clearTimeout() {
        var tv = timeval(tv_sec: 0, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Foundation.close(fd)
    }
}

final class LockedResult: @unchecked Sendable {
    private let sem = DispatchSemaphore(value: 0)
    private var value: Result<Int32, any Error>?
    func set(_ r: Result<Int32, any Error>) { value = r; sem.signal() }
    func wait() -> Result<Int32, any Error> { sem.wait(); return value! }
}

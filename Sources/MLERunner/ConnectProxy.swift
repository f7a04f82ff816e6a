import Foundation

/// One connection the sandbox asked for through the proxy, allowed or refused.
public struct ProxyConnection: Sendable, Codable, Equatable {
    public var time: Date
    public var host: String
    public var port: Int
    public var allowed: Bool
    /// Why it was refused, or why an allowed connection failed.
    public var reason: String?
    public var bytesSent: Int64 = 0
    public var bytesReceived: Int64 = 0

    enum CodingKeys: String, CodingKey {
        case time, host, port, allowed, reason, bytesSent = "bytes_sent", bytesReceived = "bytes_received"
    }
}

/// An HTTP proxy that opens exactly the allowed `host:port` pairs, and logs every request.
///
/// It serves `CONNECT host:port` (HTTPS and any TCP protocol) and absolute-form HTTP requests
/// (`GET http://host/…`), on a ``LoopbackListener`` inside the sandbox; its own connections go
/// out from the host's network. An allowlist entry is `host:port`, or `host` for port 443.
public final class ConnectProxy: @unchecked Sendable {
    public let allow: Set<String>
    private let lock = NSLock()
    private var entries: [ProxyConnection] = []

    public init(allow: [String]) {
        self.allow = Set(allow.map { $0.contains(":") ? $0.lowercased() : "\($0.lowercased()):443" })
    }

    /// Every connection so far, in the order they were asked for.
    public var log: [ProxyConnection] { lock.lock(); defer { lock.unlock() }; return entries }

    public func serve(on listener: LoopbackListener) {
        listener.serve { [self] conn in handle(conn) }
    }

    private func record(_ entry: ProxyConnection) -> Int {
        lock.lock(); defer { lock.unlock() }
        entries.append(entry)
        return entries.count - 1
    }

    private func update(_ index: Int, _ change: (inout ProxyConnection) -> Void) {
        lock.lock(); defer { lock.unlock() }
        change(&entries[index])
    }

    func handle(_ conn: Connection) {
        guard let head = conn.readHead() else { return }
        let requestLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3 else { conn.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); return }
        let method = String(parts[0]), target = String(parts[1])
        var host = "", port = 0, forwardHead: String?
        if method == "CONNECT" {
            guard let (h, p) = Self.hostPort(target, defaultPort: 443) else { conn.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); return }
            (host, port) = (h, p)
        } else if target.lowercased().hasPrefix("http://") {
            let rest = target.dropFirst(7)
            let authority = rest.prefix { $0 != "/" }
            guard let (h, p) = Self.hostPort(String(authority), defaultPort: 80) else { conn.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"); return }
            (host, port) = (h, p)
            let path = rest.dropFirst(authority.count)
            var lines = head.components(separatedBy: "\r\n")
            lines[0] = "\(method) \(path.isEmpty ? "/" : path) \(parts[2])"
            lines.removeAll { $0.lowercased().hasPrefix("proxy-") }
            forwardHead = lines.joined(separator: "\r\n") + "\r\n\r\n"
        } else {
            conn.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return
        }
        let allowed = allow.contains("\(host.lowercased()):\(port)")
        let index = record(ProxyConnection(time: Date(), host: host, port: port, allowed: allowed,
                                           reason: allowed ? nil : "not in network.allow"))
        guard allowed else {
            conn.write("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 36\r\n\r\nmlepkg: host not in network.allow\r\n\r\n")
            return
        }
        guard let upstream = Self.connect(host: host, port: port) else {
            update(index) { $0.reason = "connect failed: \(String(cString: strerror(errno)))" }
            conn.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        }
        let out = Connection(fd: upstream)
        defer { out.close() }
        if let forwardHead { out.write(forwardHead) } else { conn.write("HTTP/1.1 200 Connection established\r\n\r\n") }
        if !conn.buffer.isEmpty { out.write(conn.buffer); update(index) { $0.bytesSent += Int64(conn.buffer.count) }; conn.buffer.removeAll() }
        conn.clearTimeout()
        let done = DispatchSemaphore(value: 0)
        Thread { [self] in
            let n = Self.pump(from: out.fd, to: conn.fd)
            update(index) { $0.bytesReceived += n }
            shutdown(conn.fd, Int32(SHUT_WR))
            done.signal()
        }.start()
        let n = Self.pump(from: conn.fd, to: out.fd)
        update(index) { $0.bytesSent += n }
        shutdown(out.fd, Int32(SHUT_WR))
        done.wait()
    }

    static func hostPort(_ s: String, defaultPort: Int) -> (String, Int)? {
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { return nil }
            let h = String(s[s.index(after: s.startIndex)..<close])
            let rest = s[s.index(after: close)...]
            if rest.isEmpty { return (h, defaultPort) }
            guard rest.hasPrefix(":"), let p = Int(rest.dropFirst()), (1...65535).contains(p) else { return nil }
            return (h, p)
        }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard !s.isEmpty, parts.count <= 2, !parts[0].isEmpty else { return nil }
        if parts.count == 1 { return (String(parts[0]), defaultPort) }
        guard let p = Int(parts[1]), (1...65535).contains(p) else { return nil }
        return (String(parts[0]), p)
    }

    static func connect(host: String, port: Int) -> Int32? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var res: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &res) == 0, let first = res else { return nil }
        defer { freeaddrinfo(res) }
        var ai: UnsafeMutablePointer<addrinfo>? = first
        while let a = ai {
            let s = socket(a.pointee.ai_family, a.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), a.pointee.ai_protocol)
            if s >= 0 {
                if Foundation.connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { return s }
                close(s)
            }
            ai = a.pointee.ai_next
        }
        return nil
    }

    /// Copies until end of file; returns the bytes copied.
    static func pump(from: Int32, to: Int32) -> Int64 {
        var total: Int64 = 0
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(from, &buf, buf.count, 0)
            if n <= 0 { return total }
            var off = 0
            while off < n {
                let w = buf[off..<n].withUnsafeBytes { send(to, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if w <= 0 { return total }
                off += w
            }
            total += Int64(n)
        }
    }
}

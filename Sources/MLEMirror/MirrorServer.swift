import Foundation
import MLEBasics
import MLEModel
import MLEStore
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// What the server answers for one path, in the mirror layout, from a store.
///
/// Every object is hashed before a byte of it leaves: a pack member is read whole (it is
/// under 1 MiB) and checked, a large object is checked once per process before it is
/// streamed. A store object that no longer matches its name is refused with a 500.
final class MirrorContent: Sendable {
    let store: ObjectStore
    let locksDirectory: String?
    private let verified = Mutex<Set<ObjectID>>([])
    private let layouts = Mutex<[ObjectID: PackLayout]>([:])

    init(store: ObjectStore, locksDirectory: String?) {
        self.store = store
        self.locksDirectory = locksDirectory
    }

    enum Body {
        case data(Data)
        /// A byte range of a large store object (verified beforehand).
        case file(path: String, offset: Int64, length: Int64)
        /// A byte range of a tree's pack.
        case pack(PackLayout, offset: Int64, length: Int64)
    }

    struct Answer {
        var status: HTTPResponseStatus
        var size: Int64
        var body: Body
        var contentRange: String?
    }

    static func text(_ status: HTTPResponseStatus, _ message: String) -> Answer {
        let d = Data((message + "\n").utf8)
        return Answer(status: status, size: Int64(d.count), body: .data(d))
    }

    func answer(path rawPath: String, range: String?) -> Answer {
        let path = rawPath.split(separator: "?").first.map(String.init)?.removingPercentEncoding ?? rawPath
        let parts = path.split(separator: "/").map(String.init)
        if parts.contains("..") { return Self.text(.notFound, "not found") }
        do {
            switch parts.first {
            case MirrorLayout.marker where parts.count == 1:
                return ranged(Data(MirrorLayout.markerText.utf8), range: range)
            case "objects" where parts.count == 4 && parts[1] == "sha256":
                guard let id = try? ObjectID(hex: parts[2] + parts[3]), store.contains(id) else { return Self.text(.notFound, "no such object") }
                try verify(id)
                let size = FileIO.fileSize(store.path(for: id)) ?? 0
                return try slice(size: size, range: range) { .file(path: store.path(for: id), offset: $0, length: $1) }
            case "packs" where parts.count == 3 && parts[1] == "sha256" && parts[2].hasSuffix(".pack"):
                guard let tree = try? ObjectID(hex: String(parts[2].dropLast(5))), let layout = try layout(of: tree) else {
                    return Self.text(.notFound, "no such pack")
                }
                return try slice(size: layout.size, range: range) { .pack(layout, offset: $0, length: $1) }
            case "locks" where parts.count == 2:
                guard let dir = locksDirectory, let data = FileManager.default.contents(atPath: "\(dir)/\(parts[1])") else {
                    return Self.text(.notFound, "no such lock")
                }
                return ranged(data, range: range)
            default:
                return Self.text(.notFound, "not found")
            }
        } catch let e as StoreError {
            return Self.text(.internalServerError, "\(e)")
        } catch RangeError.unsatisfiable(let size) {
            var a = Self.text(.rangeNotSatisfiable, "range not satisfiable")
            a.contentRange = "bytes */\(size)"
            return a
        } catch {
            return Self.text(.internalServerError, "\(error)")
        }
    }

    enum RangeError: Error { case unsatisfiable(Int64) }

    /// `bytes=a-b` or `bytes=a-` (one range; anything else is answered whole).
    func slice(size: Int64, range: String?, _ body: (Int64, Int64) -> Body) throws -> Answer {
        guard let range, range.hasPrefix("bytes="), !range.contains(","),
              let dash = range.firstIndex(of: "-"), let start = Int64(range[range.index(range.startIndex, offsetBy: 6)..<dash])
        else { return Answer(status: .ok, size: size, body: body(0, size)) }
        let endText = range[range.index(after: dash)...]
        let end = min(size - 1, endText.isEmpty ? size - 1 : Int64(endText) ?? size - 1)
        guard start < size, start <= end else { throw RangeError.unsatisfiable(size) }
        return Answer(status: .partialContent, size: end - start + 1, body: body(start, end - start + 1),
                      contentRange: "bytes \(start)-\(end)/\(size)")
    }

    func ranged(_ data: Data, range: String?) -> Answer {
        (try? slice(size: Int64(data.count), range: range) { .data(data.subdata(in: Int($0)..<Int($0 + $1))) })
            ?? Self.text(.rangeNotSatisfiable, "range not satisfiable")
    }

    func layout(of tree: ObjectID) throws -> PackLayout? {
        if let known = layouts.withLock({ $0[tree] }) { return known }
        guard store.contains(tree), (try? store.kind(of: tree)) == .tree else { return nil }
        try verify(tree)
        let layout = PackLayout(try store.manifest(of: tree))
        layouts.withLock { $0[tree] = layout }
        return layout
    }

    func verify(_ id: ObjectID) throws {
        if verified.withLock({ $0.contains(id) }) { return }
        let (hex, _) = try Digests.hashFile(at: store.path(for: id))
        guard hex == id.hex else { throw StoreError.corruptObject(id, path: store.path(for: id)) }
        verified.withLock { _ = $0.insert(id) }
    }

    /// Produces the body in chunks of about 1 MiB, each handed to `emit`.
    func produce(_ body: Body, emit: (Data) throws -> Void) throws {
        switch body {
        case .data(let d):
            try emit(d)
        case .file(let path, let offset, let length):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SystemError.posix(errno, "open", path) }
            defer { close(fd) }
            var position = offset
            let end = offset + length
            while position < end {
                var chunk = Data(count: Int(min(1 << 20, end - position)))
                let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
                guard n > 0 else { throw SystemError.posix(n < 0 ? errno : EIO, "read", path) }
                chunk.count = n
                try emit(chunk)
                position += Int64(n)
            }
        case .pack(let layout, let offset, let length):
            let end = offset + length
            var chunk = Data()
            for m in layout.members(overlapping: offset, end) {
                guard let bytes = FileManager.default.contents(atPath: store.path(for: m.object)), Int64(bytes.count) == m.size,
                      Digests.sha256(bytes) == m.object.hex
                else { throw StoreError.corruptObject(m.object, path: store.path(for: m.object)) }
                let from = Int(max(0, offset - m.offset)), to = Int(min(m.size, end - m.offset))
                chunk.append(bytes.subdata(in: from..<to))
                if chunk.count >= 1 << 20 {
                    try emit(chunk)
                    chunk = Data()
                }
            }
            if !chunk.isEmpty { try emit(chunk) }
        }
    }
}

/// A read-only HTTP server over a store, in the mirror layout (`mlepkg serve`).
///
/// ```swift
/// let server = try MirrorServer(store: store, host: "127.0.0.1", port: 0)
/// print(server.port)   // pull from http://127.0.0.1:PORT
/// try server.wait()
/// ```
///
/// Requests are parsed by NIO; answers are produced on a worker thread that waits for each
/// chunk to be written, so a slow client never makes the server hold a whole pack in memory.
public final class MirrorServer: Sendable {
    public let port: Int
    let group: MultiThreadedEventLoopGroup
    let channel: any Channel

    public init(store: ObjectStore, locksDirectory: String? = nil, host: String = "127.0.0.1", port: Int = 0) throws {
        let content = MirrorContent(store: store, locksDirectory: locksDirectory)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MirrorHTTPHandler(content: content))
                }
            }
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw MirrorError.invalidRemote("\(host):\(port)", reason: "cannot listen: \(error)")
        }
        self.port = channel.localAddress?.port ?? port
    }

    /// Blocks until the server is stopped.
    public func wait() throws { try channel.closeFuture.wait() }

    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

/// Answers GET and HEAD; everything else gets 405 (the server is read-only).
final class MirrorHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let content: MirrorContent
    var head: HTTPRequestHead?
    static let workers = DispatchQueue(label: "mlepkg.serve", attributes: .concurrent)

    init(content: MirrorContent) { self.content = content }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let h = head else { return }
            head = nil
            let channel = context.channel
            let content = self.content
            Self.workers.async { Self.respond(h, content: content, channel: channel) }
        }
    }

    static func respond(_ request: HTTPRequestHead, content: MirrorContent, channel: any Channel) {
        let keepAlive = request.isKeepAlive
        var answer: MirrorContent.Answer
        if request.method == .GET || request.method == .HEAD {
            answer = content.answer(path: request.uri, range: request.headers.first(name: "range"))
        } else {
            answer = MirrorContent.text(.methodNotAllowed, "read-only mirror")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: "\(answer.size)")
        headers.add(name: "Accept-Ranges", value: "bytes")
        headers.add(name: "Content-Type", value: "application/octet-stream")
        if let r = answer.contentRange { headers.add(name: "Content-Range", value: r) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        var response = HTTPResponseHead(version: request.version, status: answer.status, headers: headers)
        response.headers = headers
        channel.write(HTTPServerResponsePart.head(response), promise: nil)
        do {
            if request.method != .HEAD {
                try content.produce(answer.body) { chunk in
                    try channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: chunk)))).wait()
                }
            }
            try channel.writeAndFlush(HTTPServerResponsePart.end(nil)).wait()
            if !keepAlive { channel.close(promise: nil) }
        } catch {
            // Headers are out: the only honest signal left is to cut the connection short.
            channel.close(promise: nil)
        }
    }
}

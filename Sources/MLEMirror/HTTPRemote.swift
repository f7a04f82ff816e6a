import Foundation
import MLEFetch

/// A read-only mirror behind any static web server (or `mlepkg serve`).
///
/// Web servers cannot list folders, so ``list(_:)`` answers nil and a pull asks for what
/// it needs. Ranges are asked with `Range:`; a server that ignores them (answers 200) is
/// still read correctly: the bytes before the range are skipped and the rest is cut off.
public struct HTTPRemote: MirrorRemote {
    public let base: String
    public let client: HTTPClient
    public var location: String { base }

    public init(base: String, client: HTTPClient = HTTPClient()) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.client = client
    }

    func url(_ path: String) -> String {
        "\(base)/" + path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
            .joined(separator: "/")
    }

    public func list(_ folder: String) throws -> Set<String>? { nil }

    public func exists(_ path: String) throws -> Bool {
        let r = try client.perform(HTTPRequest(method: "HEAD", url: url(path)))
        if r.status == 404 || r.status == 403 { return false }
        if r.status >= 400 { throw FetchError.http(url: url(path), status: r.status, body: r.errorBody) }
        return true
    }

    public func read(_ path: String, from offset: Int64, length: Int64?, into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        if length == 0 { return }
        let end = length.map { offset + $0 - 1 }
        let ranged = offset > 0 || end != nil
        var skip: Int64 = 0
        var left = length ?? Int64.max
        let response: HTTPResponse
        do {
            response = try client.perform(HTTPRequest(url: url(path), range: ranged ? (offset, end) : nil)) { bytes in
                var chunk = bytes
                if skip > 0 {
                    let n = Int(min(skip, Int64(chunk.count)))
                    skip -= Int64(n)
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[n...])
                }
                if chunk.isEmpty { return }
                let n = Int(min(left, Int64(chunk.count)))
                try body(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
                left -= Int64(n)
                if left == 0 { throw EnoughBytes() }
            } status: { status in
                // A 200 to a ranged request is the whole file: skip to the range.
                if status == 200 && ranged { skip = offset }
            }
        } catch is EnoughBytes {
            return
        }
        if response.status == 404 || response.status == 403 {
            throw MirrorError.missing(remote: base, path: path)
        }
        if response.status == 416 { return }
        if response.status >= 400 { throw FetchError.http(url: url(path), status: response.status, body: response.errorBody) }
        if length != nil && left > 0 {
            throw FetchError.transport(url: url(path), code: 18, message: "the answer ended \(left) bytes early")
        }
    }

    public func write(_ path: String, from source: any UploadBody) throws {
        throw MirrorError.readOnly(base)
    }
}

/// Ends a transfer once every wanted byte has arrived.
struct EnoughBytes: Error {}

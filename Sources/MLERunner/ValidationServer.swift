import Foundation

/// The grading server an agent calls, `POST http://localhost:5000/validate`, which answers
/// whether a submission is valid and why not, never with a score.
///
/// The body is a multipart form with a `file` field (`curl -F file=@submission.csv`, as
/// MLE-bench's agents send it) or the CSV itself. The answer is JSON:
/// `{"result": "valid"}` or `{"result": "invalid", "reason": "…"}`. The check itself is the
/// caller's closure, which sees only a copy of the upload (the answers are never at hand).
public final class ValidationServer: @unchecked Sendable {
    public let scratch: String
    let check: @Sendable (String) -> String?
    let maxBytes: Int
    private let lock = NSLock()
    private var count = 0

    /// - Parameters:
    ///   - scratch: a host folder for uploads (outside the sandbox).
    ///   - check: returns nil for a valid file, else the reason.
    public init(scratch: String, maxBytes: Int = 1 << 30, check: @escaping @Sendable (String) -> String?) {
        self.scratch = scratch
        self.maxBytes = maxBytes
        self.check = check
    }

    /// Requests answered so far.
    public var requests: Int { lock.lock(); defer { lock.unlock() }; return count }

    public func serve(on listener: LoopbackListener) {
        listener.serve { [self] conn in handle(conn) }
    }

    func handle(_ conn: Connection) {
        guard let head = conn.readHead() else { return }
        let lines = head.components(separatedBy: "\r\n")
        let request = lines[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        func reply(_ status: String, _ object: [String: String]) {
            let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            conn.write("HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n")
            conn.write([UInt8](body) + [10])
        }
        guard request.count == 3 else { return reply("400 Bad Request", ["error": "malformed request line"]) }
        let path = request[1].split(separator: "?").first.map(String.init) ?? ""
        if request[0] == "GET" && path == "/health" { return reply("200 OK", ["status": "running"]) }
        guard request[0] == "POST", path == "/validate" else {
            return reply("404 Not Found", ["error": "POST a submission to /validate"])
        }
        if headers["expect"]?.lowercased() == "100-continue" { conn.write("HTTP/1.1 100 Continue\r\n\r\n") }
        guard let length = headers["content-length"].flatMap(Int.init), length >= 0 else {
            return reply("411 Length Required", ["error": "a Content-Length is needed"])
        }
        guard length <= maxBytes else { return reply("413 Payload Too Large", ["result": "invalid", "reason": "the submission is larger than \(maxBytes) bytes"]) }
        guard let body = conn.readBody(count: length) else { return reply("400 Bad Request", ["error": "the body ended early"]) }
        let file: [UInt8]
        if let type = headers["content-type"], type.lowercased().hasPrefix("multipart/form-data") {
            guard let part = Self.formFile(body, contentType: type) else {
                return reply("400 Bad Request", ["error": "no 'file' field in the form (send -F file=@submission.csv)"])
            }
            file = part
        } else {
            file = body
        }
        lock.lock(); count += 1; let n = count; lock.unlock()
        let upload = "\(scratch)/upload-\(n).csv"
        guard FileManager.default.createFile(atPath: upload, contents: Data(file)) else {
            return reply("500 Internal Server Error", ["error": "cannot store the upload"])
        }
        defer { unlink(upload) }
        if let reason = check(upload) {
            reply("200 OK", ["result": "invalid", "reason": reason])
        } else {
            reply("200 OK", ["result": "valid"])
        }
    }

    /// The content of the form field named `file` (or the first field with a filename).
    static func formFile(_ body: [UInt8], contentType: String) -> [UInt8]? {
        guard let b = contentType.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")),
              !b.isEmpty else { return nil }
        let delimiter = Array("--\(b)".utf8)
        let data = Data(body)
        var parts: [Data] = []
        var start = data.range(of: Data(delimiter))
        while let s = start {
            guard let next = data.range(of: Data(delimiter), in: s.upperBound..<data.endIndex) else { break }
            parts.append(data[s.upperBound..<next.lowerBound])
            start = next
        }
        var fallback: [UInt8]?
        for part in parts {
            guard let split = part.range(of: Data("\r\n\r\n".utf8)) else { continue }
            let head = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self).lowercased()
            var content = part[split.upperBound...]
            if content.suffix(2) == Data("\r\n".utf8) { content = content.dropLast(2) }
            if head.contains("name=\"file\"") { return [UInt8](content) }
            if fallback == nil && head.contains("filename=") { fallback = [UInt8](content) }
        }
        return fallback
    }
}

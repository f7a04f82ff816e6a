import CCurl
import Foundation
import MLEBasics

/// Where downloaded bytes go. The store's resumable writer is the usual sink.
public protocol DownloadSink: AnyObject {
    /// Bytes already held from an earlier attempt; a download resumes from here.
    var bytesWritten: Int64 { get }
    func write(_ buffer: UnsafeRawBufferPointer) throws
    /// Drops held bytes (the server ignored a Range request and sent the whole file).
    func truncate() throws
}

/// HTTP basic credentials (Kaggle's API uses them).
public struct BasicAuth: Sendable, Equatable {
    public var user: String
    public var password: String
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// How hard to try.
public struct RetryPolicy: Sendable {
    /// Attempts per URL, the first included.
    public var attempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    public var connectTimeout: Int
    /// A transfer slower than 1 byte/s for this many seconds is cut and resumed.
    public var stallTimeout: Int
    /// The longest Retry-After honoured (seconds); a longer one is cut to this.
    public var maxRetryAfter: Double = 60

    public init(attempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 16,
                connectTimeout: Int = 30, stallTimeout: Int = 60) {
        self.attempts = attempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    /// Exponential backoff: base, 2·base, 4·base … capped at maxDelay.
    public func delay(beforeAttempt attempt: Int) -> Double {
        min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 2))))
    }
}

/// Progress and retry events for one URL, reported from the downloading thread.
public protocol DownloadObserver: Sendable {
    func downloadProgress(url: String, bytes: Int64, total: Int64?)
    func downloadRetrying(url: String, attempt: Int, after delay: Double, because error: FetchError)
}

/// Downloads one URL into a sink with libcurl: resume, retries with backoff, no retry on 4xx.
///
/// Blocking; call it from a thread of its own (see `Parallel.map`).
public struct Downloader: Sendable {
    public var policy: RetryPolicy
    public var userAgent: String

    public init(policy: RetryPolicy = RetryPolicy(), userAgent: String = "mlepkg") {
        self.policy = policy
        self.userAgent = userAgent
        Self.globalInit
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Downloads `url` into `sink`, resuming from `sink.bytesWritten`.
    ///
    /// - Parameter maxBytes: the most the sink may hold; a longer body is cut and refused
    ///   with ``FetchError/tooLarge(url:limit:)`` (an endless body never fills the disk).
    /// - Throws: ``FetchError`` after the last attempt, or at once for a permanent failure.
    public func download(_ url: String, into sink: any DownloadSink, auth: BasicAuth? = nil,
                         observer: (any DownloadObserver)? = nil, maxBytes: Int64? = nil) throws {
        if url.lowercased().hasPrefix("file:") { try Self.checkLocalFile(url) }
        var attempt = 1
        while true {
            var retryAfter: Double?
            do {
                try transfer(url, into: sink, auth: auth, observer: observer, maxBytes: maxBytes, retryAfter: &retryAfter)
                return
            } catch let error as FetchError where error.isTransient && attempt < policy.attempts {
                attempt += 1
                // A server that says how long to wait (429, 503) is waited for, up to a minute.
                let delay = max(policy.delay(beforeAttempt: attempt), min(retryAfter ?? 0, policy.maxRetryAfter))
                observer?.downloadRetrying(url: url, attempt: attempt, after: delay, because: error)
                Thread.sleep(forTimeInterval: delay)
            }
        }
    }

    /// Refuses `file://` sources that are not regular files: a folder (libcurl lists it), a
    /// FIFO (blocks until a writer comes), a device (`/dev/zero` never ends) or a socket.
    static func checkLocalFile(_ url: String) throws {
        guard let path = URL(string: url)?.path, !path.isEmpty else { return }
        var st = stat()
        guard stat(path, &st) == 0 else { return }  // libcurl reports the missing file
        switch st.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw FetchError.notAFile(url: url, reason: "is a directory")
        case S_IFIFO: throw FetchError.notAFile(url: url, reason: "is a FIFO")
        case S_IFSOCK: throw FetchError.notAFile(url: url, reason: "is a socket")
        default: throw FetchError.notAFile(url: url, reason: "is a device")
        }
    }

    /// One attempt.
    func transfer(_ url: String, into sink: any DownloadSink, auth: BasicAuth?,
                  observer: (any DownloadObserver)?, maxBytes: Int64? = nil, retryAfter: inout Double?) throws {
        guard let handle = curl_easy_init() else {
            throw FetchError.transport(url: url, code: -1, message: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }
        let context = TransferContext(url: url, sink: sink, observer: observer)
        context.maxBytes = maxBytes
        defer { retryAfter = context.retryAfter }
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        let offset = sink.bytesWritten
        context.startOffset = offset

        CCurl_setopt_string(handle, CURLOPT_URL, url)
        CCurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        CCurl_setopt_long(handle, CURLOPT_MAXREDIRS, 10)
        CCurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https,file")
        CCurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        CurlHandle.setSharedOptions(handle, userAgent: userAgent, policy: policy)
        CCurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "identity")
        if let auth {
            // libcurl sends these to the first host only, never to the storage host a
            // redirect leads to (CURLOPT_UNRESTRICTED_AUTH stays off).
            CCurl_setopt_string(handle, CURLOPT_USERNAME, auth.user)
            CCurl_setopt_string(handle, CURLOPT_PASSWORD, auth.password)
            CCurl_setopt_long(handle, CURLOPT_HTTPAUTH, 1)  // CURLAUTH_BASIC, a macro Swift cannot import
        }
        let isFile = url.lowercased().hasPrefix("file:")
        if offset > 0 {
            if isFile {
                CCurl_setopt_off(handle, CURLOPT_RESUME_FROM_LARGE, curl_off_t(offset))
            } else {
                // A plain Range header rather than RESUME_FROM: libcurl then lets a server
                // that ignores ranges answer 200, and the context starts the file over.
                CCurl_setopt_string(handle, CURLOPT_RANGE, "\(offset)-")
            }
        }
        let userData = unmanaged.toOpaque()
        CurlHandle.setReceiver(handle, userData)
        CCurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        CCurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, userData)
        CCurl_setopt_xferinfo(handle, { userData, total, now, _, _ in
            let ctx = Unmanaged<TransferContext>.fromOpaque(userData!).takeUnretainedValue()
            ctx.reportProgress(now: Int64(now), total: Int64(total))
            return 0
        })

        let code = curl_easy_perform(handle)
        var status: Int = 0
        CCurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)

        if let error = context.sinkError { throw error }
        if !isFile, status >= 400 {
            if status == 416, offset > 0 {
                // Complete only when the server says the file has exactly the bytes we hold
                // ("Content-Range: bytes */N"); otherwise they may be half a file: drop them,
                // and the retry asks for the whole file.
                if context.rangeTotal == offset { return }
                try sink.truncate()
            }
            throw FetchError.http(url: url, status: status, body: context.errorBodyText)
        }
        if isFile && code == CURLE_RANGE_ERROR && offset > 0 {
            // The file:// handler refuses ranges past the end: complete if the sizes agree.
            var st = stat()
            if let path = URL(string: url)?.path, stat(path, &st) == 0, Int64(st.st_size) == offset { return }
            try sink.truncate()
            throw FetchError.http(url: url, status: 416, body: "held more bytes than the file has; starting over")
        }
        if code != CURLE_OK {
            let message = String(cString: curl_easy_strerror(code))
            throw FetchError.transport(url: url, code: Int(code.rawValue), message: message)
        }
    }
}

/// State shared with libcurl's callbacks for one attempt.
final class TransferContext: CurlReceiver {
    let url: String
    let sink: any DownloadSink
    let observer: (any DownloadObserver)?
    var startOffset: Int64 = 0
    /// Status of the response being received (redirects reset it).
    var status = 0
    var contentRangeStart: Int64?
    /// The full size a Content-Range states (`bytes 0-9/10` or `bytes */10`).
    var rangeTotal: Int64?
    /// Seconds to wait before retrying, from a Retry-After header.
    var retryAfter: Double?
    var maxBytes: Int64?
    var decided = false
    var acceptBody = false
    var errorBody = Data()
    var sinkError: (any Error)?
    var lastReport = Date.distantPast

    init(url: String, sink: any DownloadSink, observer: (any DownloadObserver)?) {
        self.url = url
        self.sink = sink
        self.observer = observer
    }

    var errorBodyText: String { String(decoding: errorBody.prefix(4096), as: UTF8.self) }

    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            let parts = text.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            contentRangeStart = nil
            rangeTotal = nil
            retryAfter = nil
            decided = false
        } else if text.lowercased().hasPrefix("content-range:") {
            // "Content-Range: bytes 100-999/1000", or "bytes */1000" with a 416
            let value = text.dropFirst("content-range:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            if let range = value.split(separator: " ").last {
                let halves = range.split(separator: "/", maxSplits: 1)
                if let start = halves.first?.split(separator: "-").first { contentRangeStart = Int64(start) }
                if halves.count == 2 { rangeTotal = Int64(halves[1]) }
            }
        } else if text.lowercased().hasPrefix("retry-after:") {
            retryAfter = Self.parseRetryAfter(text.dropFirst("retry-after:".count).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Retry-After is either seconds or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Double? {
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// Routes body bytes: into the sink for a success, into `errorBody` for an error page.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if !decided {
            decided = true
            let isHTTP = status != 0
            if !isHTTP || (200..<300).contains(status) {
                acceptBody = true
                do {
                    if startOffset > 0 && isHTTP {
                        // 200 instead of 206, or a range starting elsewhere: start over.
                        if status != 206 || contentRangeStart != startOffset {
                            try sink.truncate()
                            startOffset = 0
                        }
                    }
                } catch {
                    sinkError = error
                    return 0
                }
            }
        }
        guard acceptBody else {
            if errorBody.count < 65536 { errorBody.append(contentsOf: bytes) }
            return bytes.count
        }
        if let maxBytes, sink.bytesWritten + Int64(bytes.count) > maxBytes {
            sinkError = FetchError.tooLarge(url: url, limit: maxBytes)
            return 0
        }
        do {
            try sink.write(bytes)
        } catch {
            sinkError = error
            return 0  // makes libcurl abort the transfer
        }
        return bytes.count
    }

    func reportProgress(now: Int64, total: Int64) {
        guard let observer, acceptBody else { return }
        let t = Date()
        guard t.timeIntervalSince(lastReport) > 0.1 || (total > 0 && now == total) else { return }
        lastReport = t
        observer.downloadProgress(url: url, bytes: startOffset + now, total: total > 0 ? startOffset + total : nil)
    }
}

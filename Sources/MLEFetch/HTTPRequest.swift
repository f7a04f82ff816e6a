import CCurl
import Foundation
import MLEBasics

/// AWS Signature Version 4 credentials; libcurl signs each request (CURLOPT_AWS_SIGV4).
public struct AWSSigning: Sendable, Equatable {
    public var accessKey: String
    public var secretKey: String
    public var sessionToken: String?
    public var region: String
    public var service: String

    public init(accessKey: String, secretKey: String, sessionToken: String? = nil, region: String, service: String = "s3") {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.sessionToken = sessionToken
        self.region = region
        self.service = service
    }
}

/// One HTTP request other than a plain download: any method, a byte range, an upload body,
/// extra headers, SigV4 signing. Mirrors use it for HEAD, PUT, bucket listings and ranges.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [String]
    /// `bytes=start-end` (end inclusive, or open when nil).
    public var range: (start: Int64, end: Int64?)?
    public var signing: AWSSigning?

    public init(method: String = "GET", url: String, headers: [String] = [], range: (start: Int64, end: Int64?)? = nil,
                signing: AWSSigning? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.range = range
        self.signing = signing
    }
}

/// The status and headers (names lowercased) of an answer.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    /// The start of the body of an error answer, to explain it.
    public var errorBody: String
}

/// The bytes of an upload, pulled by libcurl as it sends them.
public protocol UploadBody: AnyObject {
    var size: Int64 { get }
    /// Fills `buffer` with the next bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Performs one ``HTTPRequest`` with libcurl (one attempt; callers that resume retry).
///
/// The body of a 2xx answer goes to `receive` as it arrives; an error answer's body is kept
/// (the first 64 KiB) in ``HTTPResponse/errorBody``. A failed transfer throws
/// ``FetchError/transport(url:code:message:)`` after delivering what arrived, so a caller
/// that counts delivered bytes can continue from there.
public struct HTTPClient: Sendable {
    public var policy: RetryPolicy
    public var userAgent: String

    public init(policy: RetryPolicy = RetryPolicy(), userAgent: String = "mlepkg") {
        self.policy = policy
        self.userAgent = userAgent
        _ = Downloader(policy: policy)  // curl_global_init, once
    }

    /// - Parameters:
    ///   - status: called with the final answer's status before its first body byte.
    public func perform(_ request: HTTPRequest, upload: (any UploadBody)? = nil,
                        receive: (UnsafeRawBufferPointer) throws -> Void = { _ in },
                        status: (Int) -> Void = { _ in }) throws -> HTTPResponse {
        try withoutActuallyEscaping(receive) { receive in
            try withoutActuallyEscaping(status) { status in
                try perform(request, upload: upload, escapingReceive: receive, status: status)
            }
        }
    }

    private func perform(_ request: HTTPRequest, upload: (any UploadBody)?,
                         escapingReceive: @escaping (UnsafeRawBufferPointer) throws -> Void,
                         status onStatus: @escaping (Int) -> Void) throws -> HTTPResponse {
        guard let handle = curl_easy_init() else {
            throw FetchError.transport(url: request.url, code: -1, message: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }
        let context = RequestContext(receive: escapingReceive, onStatus: onStatus, upload: upload)
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        let userData = unmanaged.toOpaque()

        CCurl_setopt_string(handle, CURLOPT_URL, request.url)
        CCurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        CurlHandle.setSharedOptions(handle, userAgent: userAgent, policy: policy)
        CCurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "identity")
        switch request.method {
        case "GET": break
        case "HEAD": CCurl_setopt_long(handle, CURLOPT_NOBODY, 1)
        case "PUT": CCurl_setopt_long(handle, CURLOPT_UPLOAD, 1)
        default: CCurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let range = request.range {
            CCurl_setopt_string(handle, CURLOPT_RANGE, "\(range.start)-\(range.end.map(String.init) ?? "")")
        }
        var headers = request.headers
        if let s = request.signing {
            CCurl_setopt_string(handle, CURLOPT_AWS_SIGV4, "aws:amz:\(s.region):\(s.service)")
            CCurl_setopt_string(handle, CURLOPT_USERNAME, s.accessKey)
            CCurl_setopt_string(handle, CURLOPT_PASSWORD, s.secretKey)
            // S3 wants the payload hash named; an unsigned payload lets bodies stream.
            headers.append("x-amz-content-sha256: UNSIGNED-PAYLOAD")
            if let token = s.sessionToken { headers.append("x-amz-security-token: \(token)") }
        }
        // No 100-continue round trip; a signed request keeps it, since an empty header
        // would be signed too and S3 servers (moto) then disagree about the signature.
        if upload != nil && request.signing == nil { headers.append("Expect:") }
        var list: UnsafeMutablePointer<curl_slist>?
        for h in headers { list = curl_slist_append(list, h) }
        defer { curl_slist_free_all(list) }
        if let list { CCurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list)) }
        if let upload {
            CCurl_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.size))
            CCurl_setopt_pointer(handle, CURLOPT_READDATA, userData)
            CCurl_setopt_read(handle, { ptr, size, count, userData in
                let ctx = Unmanaged<RequestContext>.fromOpaque(userData!).takeUnretainedValue()
                return ctx.sendBody(UnsafeMutableRawBufferPointer(start: ptr, count: size * count))
            })
        }
        CurlHandle.setReceiver(handle, userData)

        let code = curl_easy_perform(handle)
        var status = 0
        CCurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        if let error = context.callbackError { throw error }
        if code != CURLE_OK {
            throw FetchError.transport(url: request.url, code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
        return HTTPResponse(status: status, headers: context.headers,
                            errorBody: String(decoding: context.errorBody.prefix(4096), as: UTF8.self))
    }
}

/// State shared with libcurl's callbacks for one request.
final class RequestContext: CurlReceiver {
    let receive: (UnsafeRawBufferPointer) throws -> Void
    let onStatus: (Int) -> Void
    let upload: (any UploadBody)?
    var status = 0
    var statusReported = false
    var headers: [String: String] = [:]
    var errorBody = Data()
    var callbackError: (any Error)?

    init(receive: @escaping (UnsafeRawBufferPointer) throws -> Void, onStatus: @escaping (Int) -> Void, upload: (any UploadBody)?) {
        self.receive = receive
        self.onStatus = onStatus
        self.upload = upload
    }

    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            let parts = text.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
            statusReported = false
        } else if let colon = text.firstIndex(of: ":") {
            headers[text[..<colon].lowercased()] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if !statusReported {
            statusReported = true
            onStatus(status)
        }
        guard (200..<300).contains(status) else {
            if errorBody.count < 65536 { errorBody.append(contentsOf: bytes) }
            return bytes.count
        }
        do { try receive(bytes) } catch {
            callbackError = error
            return 0  // aborts the transfer
        }
        return bytes.count
    }

    func sendBody(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        do { return try upload?.read(into: buffer) ?? 0 } catch {
            callbackError = error
            return 0x1000_0000  // CURL_READFUNC_ABORT
        }
    }
}

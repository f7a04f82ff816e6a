import Foundation

/// Why a download failed.
public enum FetchError: Error, CustomStringConvertible, Sendable {
    /// The server answered with an error status; `body` is the start of its answer.
    case http(url: String, status: Int, body: String)
    /// The transfer itself failed (connection refused, timeout, reset...).
    case transport(url: String, code: Int, message: String)
    /// Every URL (primary and mirrors) was tried and failed; the last error of each.
    case allSourcesFailed([FetchError])
    case offline(String)
    case kaggleNoCredentials
    case kaggleRulesNotAccepted(slug: String)
    case kaggleUnauthorized(user: String)
    case kaggleNotFound(String)
    case invalidCredentials(path: String, reason: String)
    case aborted(url: String, reason: String)
    /// The body went past the most the caller allows (`--size`, or the cap on unsized fetches).
    case tooLarge(url: String, limit: Int64)
    /// A `file://` source that is a folder, FIFO, device or socket: nothing to copy, or no end.
    case notAFile(url: String, reason: String)

    /// Whether trying the same URL again may help.
    ///
    /// 5xx, 408 and 429 (after the server's Retry-After) are; other 4xx are not. A 416 is, since
    /// the held bytes were dropped and the next attempt asks for the whole file. Of transport
    /// failures only those of the connection are: a redirect loop, a redirect to another
    /// protocol or an answer that is not HTTP gives the same result every time.
    public var isTransient: Bool {
        switch self {
        case .http(_, let status, _): return status >= 500 || status == 408 || status == 429 || status == 416
        case .transport(_, let code, _): return Self.transientCurlCodes.contains(code)
        default: return false
        }
    }

    /// libcurl's codes for a connection that failed or broke: resolving (6), connecting (7),
    /// HTTP/2 framing (16), a short body (18), timeouts (28), TLS set-up (35), an empty answer
    /// (52), sending and receiving (55, 56), "try again" (81), HTTP/2 streams (92), HTTP/3 (95).
    static let transientCurlCodes: Set<Int> = [5, 6, 7, 16, 18, 28, 35, 52, 55, 56, 81, 92, 95]

    public var description: String {
        switch self {
        case .http(let url, let status, let body):
            let snippet = body.prefix(160).replacingOccurrences(of: "\n", with: " ")
            return "'\(url)': HTTP \(status)" + (snippet.isEmpty ? "" : ": \(snippet)")
        case .transport(let url, let code, let message):
            return "'\(url)': \(message) (curl error \(code))"
        case .allSourcesFailed(let errors):
            if errors.count == 1 { return errors[0].description }
            return "all \(errors.count) sources failed: " + errors.map(\.description).joined(separator: "; ")
        case .offline(let what):
            return "offline (MLEPKG_OFFLINE=1): \(what)"
        case .kaggleNoCredentials:
            return "no Kaggle credentials: create an API token at https://www.kaggle.com/settings (\"Create New Token\") and save it as ~/.kaggle/kaggle.json (chmod 600), or set KAGGLE_USERNAME and KAGGLE_KEY"
        case .kaggleRulesNotAccepted(let slug):
            return "Kaggle refused the download (403): the rules of competition '\(slug)' have not been accepted; visit https://www.kaggle.com/c/\(slug)/rules, accept them, then try again"
        case .kaggleUnauthorized(let user):
            return "Kaggle rejected the credentials of user '\(user)' (401): check ~/.kaggle/kaggle.json or KAGGLE_USERNAME/KAGGLE_KEY"
        case .kaggleNotFound(let what):
            return "Kaggle has no '\(what)' (404): check the competition or dataset name"
        case .invalidCredentials(let path, let reason):
            return "invalid Kaggle credentials file '\(path)': \(reason)"
        case .aborted(let url, let reason):
            return "'\(url)': \(reason)"
        case .tooLarge(let url, let limit):
            return "'\(url)': the body is larger than \(limit) bytes, the most this fetch may write; stopped there (pass --size, or raise max_download_size / MLEPKG_MAX_DOWNLOAD_SIZE)"
        case .notAFile(let url, let reason):
            return "'\(url)': \(reason), not a regular file"
        }
    }
}

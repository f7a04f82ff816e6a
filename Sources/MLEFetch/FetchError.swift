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

    /// Whether trying the same URL again may help.
    public var isTransient: Bool {
        switch self {
        case .http(_, let status, _): return status >= 500 || status == 408 || status == 429
        case .transport: return true
        default: return false
        }
    }

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
        }
    }
}

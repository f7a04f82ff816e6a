import Foundation
import MLEModel

/// Kaggle's public REST API as a download source.
///
/// Follows the conventions of Kaggle's own CLI: credentials from `KAGGLE_USERNAME` and
/// `KAGGLE_KEY`, else `$KAGGLE_CONFIG_DIR/kaggle.json`, else `~/.kaggle/kaggle.json`.
/// Downloads answer with a redirect to a storage URL, which libcurl follows without
/// forwarding the credentials.
public struct KaggleSource: Sendable {
    /// `https://www.kaggle.com/api/v1` unless configured (tests point it at 127.0.0.1).
    public var apiBase: String

    public static let defaultAPIBase = "https://www.kaggle.com/api/v1"

    public init(apiBase: String = KaggleSource.defaultAPIBase) {
        self.apiBase = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
    }

    /// The API URL that serves a Kaggle reference.
    public func downloadURL(for ref: SourceRef) -> String? {
        func enc(_ s: String) -> String {
            s.split(separator: "/").map {
                $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String($0)
            }.joined(separator: "/")
        }
        switch ref {
        case .kaggleCompetition(let slug, nil):
            return "\(apiBase)/competitions/data/download-all/\(enc(slug))"
        case .kaggleLeaderboard(let slug):
            // Kaggle's leaderboard download (a zip of one CSV), the board MLE-bench's
            // download-leaderboard fetches.
            return "\(apiBase)/competitions/\(enc(slug))/leaderboard/download"
        case .kaggleCompetition(let slug, let file?):
            return "\(apiBase)/competitions/data/download/\(enc(slug))/\(enc(file))"
        case .kaggleDataset(let owner, let name, nil):
            return "\(apiBase)/datasets/download/\(enc(owner))/\(enc(name))"
        case .kaggleDataset(let owner, let name, let file?):
            return "\(apiBase)/datasets/download/\(enc(owner))/\(enc(name))/\(enc(file))"
        case .http, .file:
            return nil
        }
    }

    /// Turns a failed API call into a message that says what to do.
    public func explain(_ error: FetchError, for ref: SourceRef, user: String) -> FetchError {
        guard case .http(_, let status, let body) = error else { return error }
        switch (status, ref) {
        case (403, .kaggleCompetition(let slug, _)) where body.lowercased().contains("rules"),
             (403, .kaggleLeaderboard(let slug)) where body.lowercased().contains("rules"):
            return .kaggleRulesNotAccepted(slug: slug)
        case (401, _):
            return .kaggleUnauthorized(user: user)
        case (404, _):
            return .kaggleNotFound(ref.description)
        default:
            return error
        }
    }

    /// Reads credentials the way Kaggle's CLI does.
    public static func credentials(environment env: [String: String]) throws -> BasicAuth {
        if let user = env["KAGGLE_USERNAME"], let key = env["KAGGLE_KEY"], !user.isEmpty, !key.isEmpty {
            return BasicAuth(user: user, password: key)
        }
        let home = env["HOME"] ?? NSHomeDirectory()
        let dir = env["KAGGLE_CONFIG_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.kaggle"
        let path = "\(dir)/kaggle.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FetchError.kaggleNoCredentials
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FetchError.invalidCredentials(path: path, reason: "not a JSON object")
        }
        guard let user = object["username"] as? String, !user.isEmpty else {
            throw FetchError.invalidCredentials(path: path, reason: "missing \"username\"")
        }
        guard let key = object["key"] as? String, !key.isEmpty else {
            throw FetchError.invalidCredentials(path: path, reason: "missing \"key\"")
        }
        return BasicAuth(user: user, password: key)
    }
}

import Foundation

/// Where a raw file comes from.
///
/// Kaggle files are named with a `kaggle://` URL so that recipes and lockfiles
/// stay independent of the API host:
/// - `kaggle://competitions/<slug>`: the whole competition archive
/// - `kaggle://competitions/<slug>/<file>`: one competition file
/// - `kaggle://competitions/<slug>/leaderboard`: the competition's leaderboard download (a zip
///   of one CSV: Rank, TeamId, TeamName, LastSubmissionDate, Score, …)
/// - `kaggle://datasets/<owner>/<name>[/<file>]`: a dataset (Meta Kaggle is `kaggle/meta-kaggle`)
public enum SourceRef: Sendable, Hashable, CustomStringConvertible {
    case http(URL)
    case file(URL)
    case kaggleCompetition(slug: String, file: String?)
    /// A competition's leaderboard download, which is not one of its data files.
    case kaggleLeaderboard(slug: String)
    case kaggleDataset(owner: String, name: String, file: String?)

    public init(parsing text: String) throws {
        if text.hasPrefix("kaggle://") {
            let rest = text.dropFirst("kaggle://".count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard rest.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }) else {
                throw ModelError.invalidSource(text, reason: "empty or relative path component")
            }
            switch (rest.first, rest.count) {
            case ("competitions", 2): self = .kaggleCompetition(slug: rest[1], file: nil)
            case ("competitions", 3) where rest[2] == "leaderboard": self = .kaggleLeaderboard(slug: rest[1])
            case ("competitions", 3...): self = .kaggleCompetition(slug: rest[1], file: rest[2...].joined(separator: "/"))
            case ("datasets", 3): self = .kaggleDataset(owner: rest[1], name: rest[2], file: nil)
            case ("datasets", 4...): self = .kaggleDataset(owner: rest[1], name: rest[2], file: rest[3...].joined(separator: "/"))
            default:
                throw ModelError.invalidSource(text, reason: "expected kaggle://competitions/SLUG[/FILE] or kaggle://datasets/OWNER/NAME[/FILE]")
            }
            return
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw ModelError.invalidSource(text, reason: "not a URL")
        }
        switch scheme {
        case "http", "https": self = .http(url)
        case "file": self = .file(url)
        default:
            throw ModelError.invalidSource(text, reason: "unsupported scheme '\(scheme)', expected http, https, file or kaggle")
        }
    }

    public var description: String {
        switch self {
        case .http(let u), .file(let u): return u.absoluteString
        case .kaggleCompetition(let slug, let file):
            return "kaggle://competitions/\(slug)" + (file.map { "/\($0)" } ?? "")
        case .kaggleLeaderboard(let slug): return "kaggle://competitions/\(slug)/leaderboard"
        case .kaggleDataset(let owner, let name, let file):
            return "kaggle://datasets/\(owner)/\(name)" + (file.map { "/\($0)" } ?? "")
        }
    }

    /// A file name to suggest for the download.
    public var suggestedFileName: String {
        switch self {
        case .http(let u), .file(let u): return u.lastPathComponent.isEmpty ? "download" : u.lastPathComponent
        case .kaggleLeaderboard(let slug): return "\(slug)-leaderboard.zip"
        case .kaggleCompetition(let slug, let file): return file.map { ($0 as NSString).lastPathComponent } ?? "\(slug).zip"
        case .kaggleDataset(_, let name, let file): return file.map { ($0 as NSString).lastPathComponent } ?? "\(name).zip"
        }
    }
}

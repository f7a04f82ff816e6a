import Foundation

/// MLE-bench's `CompetitionReport`, field for field (JSON keys included).
public struct CompetitionReport: Codable, Sendable, Equatable {
    public var competition_id: String
    public var score: Double?
    public var gold_threshold: Double?
    public var silver_threshold: Double?
    public var bronze_threshold: Double?
    public var median_threshold: Double?
    public var any_medal: Bool
    public var gold_medal: Bool
    public var silver_medal: Bool
    public var bronze_medal: Bool
    public var above_median: Bool
    public var submission_exists: Bool
    public var valid_submission: Bool
    public var is_lower_better: Bool
    public var created_at: String
    public var submission_path: String
    /// mlepkg's addition: the leaderboard the medals were decided on, or nil when there was
    /// none (then no medal could be won and the thresholds are written as "NaN").
    public var leaderboard: String?

    public init(competition_id: String, score: Double?, gold_threshold: Double?, silver_threshold: Double?,
                bronze_threshold: Double?, median_threshold: Double?, gold_medal: Bool, silver_medal: Bool,
                bronze_medal: Bool, above_median: Bool, submission_exists: Bool, valid_submission: Bool,
                is_lower_better: Bool, created_at: String, submission_path: String, leaderboard: String? = nil) {
        self.leaderboard = leaderboard
        self.competition_id = competition_id
        self.score = score
        self.gold_threshold = gold_threshold
        self.silver_threshold = silver_threshold
        self.bronze_threshold = bronze_threshold
        self.median_threshold = median_threshold
        self.any_medal = gold_medal || silver_medal || bronze_medal
        self.gold_medal = gold_medal
        self.silver_medal = silver_medal
        self.bronze_medal = bronze_medal
        self.above_median = above_median
        self.submission_exists = submission_exists
        self.valid_submission = valid_submission
        self.is_lower_better = is_lower_better
        self.created_at = created_at
        self.submission_path = submission_path
    }

    /// Graded without any board: neither a board's name nor its cut-offs (MLE-bench writes "NaN").
    public var hasNoLeaderboard: Bool {
        func missing(_ d: Double?) -> Bool { d.map(\.isNaN) ?? true }
        return leaderboard == nil && missing(gold_threshold) && missing(median_threshold)
    }

    /// A missing attempt counted as a failure (`--pad-missing`).
    public static func zero(_ id: String) -> CompetitionReport {
        CompetitionReport(competition_id: id, score: nil, gold_threshold: nil, silver_threshold: nil,
                          bronze_threshold: nil, median_threshold: nil, gold_medal: false, silver_medal: false,
                          bronze_medal: false, above_median: false, submission_exists: false,
                          valid_submission: false, is_lower_better: false, created_at: "", submission_path: "")
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func bool(_ k: CodingKeys) throws -> Bool { try c.decodeIfPresent(Bool.self, forKey: k) ?? false }
        competition_id = try c.decode(String.self, forKey: .competition_id)
        score = try? c.decodeIfPresent(Double.self, forKey: .score)
        gold_threshold = try? c.decodeIfPresent(Double.self, forKey: .gold_threshold)
        silver_threshold = try? c.decodeIfPresent(Double.self, forKey: .silver_threshold)
        bronze_threshold = try? c.decodeIfPresent(Double.self, forKey: .bronze_threshold)
        median_threshold = try? c.decodeIfPresent(Double.self, forKey: .median_threshold)
        gold_medal = try bool(.gold_medal)
        silver_medal = try bool(.silver_medal)
        bronze_medal = try bool(.bronze_medal)
        any_medal = gold_medal || silver_medal || bronze_medal
        above_median = try bool(.above_median)
        submission_exists = try bool(.submission_exists)
        valid_submission = try bool(.valid_submission)
        is_lower_better = try bool(.is_lower_better)
        created_at = try c.decodeIfPresent(String.self, forKey: .created_at) ?? ""
        submission_path = try c.decodeIfPresent(String.self, forKey: .submission_path) ?? ""
        leaderboard = try? c.decodeIfPresent(String.self, forKey: .leaderboard)
    }

    enum CodingKeys: String, CodingKey {
        case competition_id, score, gold_threshold, silver_threshold, bronze_threshold, median_threshold, any_medal,
             gold_medal, silver_medal, bronze_medal, above_median, submission_exists, valid_submission,
             is_lower_better, created_at, submission_path, leaderboard
    }

    /// Every key MLE-bench's `CompetitionReport.to_dict` writes is written, also when empty:
    /// `score` as null for an invalid submission, thresholds as "NaN" without a leaderboard
    /// (its `from_dict` reads each key, with `float()` for the thresholds).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(competition_id, forKey: .competition_id)
        if let score { try c.encode(score, forKey: .score) } else { try c.encodeNil(forKey: .score) }
        try c.encode(gold_threshold ?? .nan, forKey: .gold_threshold)
        try c.encode(silver_threshold ?? .nan, forKey: .silver_threshold)
        try c.encode(bronze_threshold ?? .nan, forKey: .bronze_threshold)
        try c.encode(median_threshold ?? .nan, forKey: .median_threshold)
        try c.encode(any_medal, forKey: .any_medal)
        try c.encode(gold_medal, forKey: .gold_medal)
        try c.encode(silver_medal, forKey: .silver_medal)
        try c.encode(bronze_medal, forKey: .bronze_medal)
        try c.encode(above_median, forKey: .above_median)
        try c.encode(submission_exists, forKey: .submission_exists)
        try c.encode(valid_submission, forKey: .valid_submission)
        try c.encode(is_lower_better, forKey: .is_lower_better)
        try c.encode(created_at, forKey: .created_at)
        try c.encode(submission_path, forKey: .submission_path)
        if let leaderboard { try c.encode(leaderboard, forKey: .leaderboard) } else { try c.encodeNil(forKey: .leaderboard) }
    }
}

/// JSON as grading reports are written and read.
///
/// A valid submission can score NaN (MLE-bench reports it so) and some scores are infinite;
/// strict JSON has no such numbers. They are written as the strings "NaN", "Infinity" and
/// "-Infinity" (MLE-bench's `CompetitionReport.from_dict` reads them back with `float()`), and
/// read either so or as the bare tokens Python's `json.dump` writes.
public enum ReportJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true   // bare NaN and Infinity, as Python writes them
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }
}

public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads grading reports: MLE-bench's batch report (`competition_reports`), a single report
/// object, an array of them, or JSON lines.
public enum ReportReader {
    public static func decode(_ data: Data, file: String) throws -> [CompetitionReport] {
        let decoder = ReportJSON.decoder()
        struct Batch: Decodable { var competition_reports: [CompetitionReport] }
        if let batch = try? decoder.decode(Batch.self, from: data) { return batch.competition_reports }
        if let many = try? decoder.decode([CompetitionReport].self, from: data) { return many }
        if let one = try? decoder.decode(CompetitionReport.self, from: data) { return [one] }
        var out: [CompetitionReport] = []
        for (n, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            let trimmed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do { out.append(try decoder.decode(CompetitionReport.self, from: Data(trimmed.utf8))) } catch {
                throw ReportError("invalid grading report '\(file)' at line \(n + 1): expected a CompetitionReport JSON object")
            }
        }
        guard !out.isEmpty else { throw ReportError("invalid grading report '\(file)': no competition reports in it") }
        return out
    }
}

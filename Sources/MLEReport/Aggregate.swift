import Foundation

/// Percentages for one seed (one attempt at every competition of a split).
public struct SeedMetrics: Sendable, Equatable, Codable {
    public var total_competitions: Int
    public var submission_exists_percentage: Double
    public var valid_submissions_percentage: Double
    public var above_median_percentage: Double
    public var gold_medal_percentage: Double
    public var silver_medal_percentage: Double
    public var bronze_medal_percentage: Double
    public var any_medal_percentage: Double

    public static let keys = ["submission_exists_percentage", "valid_submissions_percentage", "above_median_percentage",
                              "gold_medal_percentage", "silver_medal_percentage", "bronze_medal_percentage",
                              "any_medal_percentage"]

    public init(_ reports: [CompetitionReport]) {
        let n = Double(reports.count)
        func pct(_ p: (CompetitionReport) -> Bool) -> Double { Double(reports.filter(p).count) / n * 100 }
        total_competitions = reports.count
        submission_exists_percentage = pct(\.submission_exists)
        valid_submissions_percentage = pct(\.valid_submission)
        above_median_percentage = pct(\.above_median)
        gold_medal_percentage = pct(\.gold_medal)
        silver_medal_percentage = pct(\.silver_medal)
        bronze_medal_percentage = pct(\.bronze_medal)
        any_medal_percentage = pct { $0.gold_medal || $0.silver_medal || $0.bronze_medal }
    }

    public func value(_ key: String) -> Double {
        switch key {
        case "submission_exists_percentage": return submission_exists_percentage
        case "valid_submissions_percentage": return valid_submissions_percentage
        case "above_median_percentage": return above_median_percentage
        case "gold_medal_percentage": return gold_medal_percentage
        case "silver_medal_percentage": return silver_medal_percentage
        case "bronze_medal_percentage": return bronze_medal_percentage
        default: return any_medal_percentage
        }
    }
}

/// Mean, standard error (ddof 1) and the 95% normal interval across seeds.
public struct AggregateMetric: Sendable, Equatable, Codable {
    public var mean: Double
    public var ci_lower: Double
    public var ci_upper: Double
    public var standard_error: Double
}

public struct SplitSummary: Sendable, Equatable, Codable {
    public var split: String
    public var num_seeds_averaged: Int
    public var num_competitions_per_seed: Int
    public var metrics: [String: AggregateMetric]
    public var seeds: [SeedMetrics]
    /// pass@k for k = 1 … the smallest attempt count, averaged over competitions.
    public var pass_at_k: [Double]
    /// Competitions of the split whose reports had no leaderboard: no medal could be won there,
    /// so their zeros are not results.
    public var competitions_without_leaderboard: [String]
}

public enum Aggregation {
    /// Seeds as MLE-bench forms them: reports are kept in reading order per competition; seed
    /// i takes each competition's i-th report. Without padding only complete seeds count
    /// (as many as the scarcest competition has reports); with padding, missing attempts
    /// are zero reports and the richest competition sets the count.
    public static func seeds(_ reports: [CompetitionReport], competitions: [String], requested: Int? = nil,
                             padMissing: Bool = false) throws -> [[CompetitionReport]] {
        var byCompetition: [String: [CompetitionReport]] = [:]
        for r in reports { byCompetition[r.competition_id, default: []].append(r) }
        let missing = competitions.filter { byCompetition[$0] == nil }
        if !missing.isEmpty && !padMissing {
            throw ReportError("missing reports for competitions: \(missing.joined(separator: ", ")); cannot build complete seeds (use --pad-missing to count them as failures)")
        }
        guard !competitions.isEmpty else { throw ReportError("no competitions in the split") }
        let counts = competitions.map { byCompetition[$0]?.count ?? 0 }
        let available = padMissing ? counts.max()! : counts.min()!
        guard available > 0 else { throw ReportError("no reports available to form any seed") }
        let n = requested.map { min($0, available) } ?? available
        return (0..<n).map { i in
            competitions.map { id in
                let list = byCompetition[id] ?? []
                return i < list.count ? list[i] : .zero(id)
            }
        }
    }

    public static func aggregate(_ seeds: [[CompetitionReport]]) -> [String: AggregateMetric] {
        let metrics = seeds.map(SeedMetrics.init)
        var out: [String: AggregateMetric] = [:]
        for key in SeedMetrics.keys {
            let values = metrics.map { $0.value(key) }
            let mean = values.reduce(0, +) / Double(values.count)
            var sem = 0.0
            if values.count > 1 {
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
                sem = variance.squareRoot() / Double(values.count).squareRoot()
            }
            out[key] = AggregateMetric(mean: mean, ci_lower: mean - 1.96 * sem, ci_upper: mean + 1.96 * sem, standard_error: sem)
        }
        return out
    }

    /// The unbiased pass@k estimator for one competition: 1 - C(n-c, k) / C(n, k), computed
    /// as a product so that large n stays exact in floating point.
    public static func passAtK(attempts n: Int, successes c: Int, k: Int) -> Double {
        precondition(k >= 1 && k <= n)
        if c == 0 { return 0 }
        if n - c < k { return 1 }
        var failAll = 1.0
        for i in (n - c + 1)...n { failAll *= 1 - Double(k) / Double(i) }
        return 1 - failAll
    }

    /// pass@k for k = 1 … min attempts, averaged over the competitions (success: any medal).
    public static func passAtK(_ reports: [CompetitionReport], competitions: [String]) -> [Double] {
        var byCompetition: [String: [CompetitionReport]] = [:]
        for r in reports { byCompetition[r.competition_id, default: []].append(r) }
        let present = competitions.filter { byCompetition[$0] != nil }
        guard let maxK = present.map({ byCompetition[$0]!.count }).min(), maxK > 0 else { return [] }
        return (1...maxK).map { k in
            present.map { id -> Double in
                let list = byCompetition[id]!
                return passAtK(attempts: list.count, successes: list.filter(\.any_medal).count, k: k)
            }.reduce(0, +) / Double(present.count)
        }
    }

    public static func summarize(_ reports: [CompetitionReport], split: String, competitions: [String],
                                 requestedSeeds: Int? = nil, padMissing: Bool = false) throws -> SplitSummary {
        let seeds = try self.seeds(reports, competitions: competitions, requested: requestedSeeds, padMissing: padMissing)
        return SplitSummary(split: split, num_seeds_averaged: seeds.count, num_competitions_per_seed: competitions.count,
                            metrics: aggregate(seeds), seeds: seeds.map(SeedMetrics.init),
                            pass_at_k: passAtK(reports, competitions: competitions),
                            competitions_without_leaderboard: competitions.filter { id in
                                let own = reports.filter { $0.competition_id == id }
                                return !own.isEmpty && own.allSatisfy(\.hasNoLeaderboard)
                            })
    }
}

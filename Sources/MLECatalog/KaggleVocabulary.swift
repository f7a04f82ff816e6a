import Foundation

/// Meta Kaggle's words for segments, metrics and dates, mapped to mlepkg's.
///
/// They drift between dumps: "InClass" became "Community", "Prospect" and "GE Quests" were
/// folded into "Featured", `MeanFScore` became `FScoreMicro`, and dates are written
/// `05/25/2010 18:00:00` in the dumps since 2018 but `2010-05-25 18:00:00` before.
public enum KaggleVocabulary {
    /// mlepkg's segment for a `HostSegmentTitle` (or an old dump's `CompetitionHostSegments`
    /// name): featured, research, playground, recruitment, getting-started, analytics, community.
    public static func segment(_ title: String) -> String {
        let t = title.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "featured", "featured competitions", "prospect", "kaggle prospect", "ge quests", "ge", "ge-quests": return "featured"
        case "research", "research competitions": return "research"
        case "playground": return "playground"
        case "recruitment", "kaggle recruit": return "recruitment"
        case "getting started", "getting started competitions", "gettingstarted": return "getting-started"
        case "inclass", "in class", "community": return "community"
        case "": return "unknown"
        default: return t.replacingOccurrences(of: " ", with: "-")
        }
    }

    /// The segments the paper's "non-community" criterion drops.
    public static let communitySegments: Set<String> = ["community"]

    /// mlepkg's metric id for a Kaggle evaluation algorithm abbreviation (nil: none known).
    ///
    /// The ids are the graders' names in recipes (`[grader] metric`), so a competition without a
    /// recipe is "locally gradable" when its id is one the grading engine implements.
    public static func metric(abbreviation: String) -> String? {
        let a = abbreviation.trimmingCharacters(in: .whitespaces)
        if a.isEmpty { return nil }
        return metricIDs[a.lowercased()]
    }

    static let metricIDs: [String: String] = [
        "auc": "auc-roc", "kddctrauc": "auc-roc",
        "categorizationaccuracy": "accuracy",
        "logloss": "log-loss",
        "multiclassloss": "multi-class-log-loss", "multiclasslossold": "multi-class-log-loss",
        "rmse": "root-mean-squared-error",
        "rmsle": "root-mean-squared-log-error",
        "mcrmsle": "mean-column-wise-rmsle",
        "mae": "mean-absolute-error",
        "quadraticweightedkappa": "quadratic-weighted-kappa",
        "meanfscore": "micro-f1-score", "fscoremicro": "micro-f1-score",
        "macrofscore": "macro-f1-score", "fscoremacro": "macro-f1-score",
        "mcauc": "auroc-multi-label",
        "map@{k}": "map-at-k", "map@k": "map-at-k", "map@3": "map-at-k", "map@{k}_old": "map-at-k",
        "dice": "dice-coefficient",
        "mcrmse": "mean-column-wise-rmse",
        "jaccard": "jaccard-similarity",
        "levenshteinmean": "levenshtein-distance",
        "matthewscorrelationcoefficient": "matthews-correlation-coefficient",
        "correlationcoefficient": "pearson-correlation-coefficient", "rvalue": "pearson-correlation-coefficient",
        "smape": "smape",
        "normalizedgini": "normalized-gini",
        "crps": "crps",
        "maspearmanr": "column-wise-spearman",
        "r2score": "r2",
        "meanfscorebeta": "mean-f-beta",
        "rootmeansquarepercentageerror": "root-mean-squared-percentage-error",
        "wmae": "weighted-mean-absolute-error",
        "ndcg@{k}": "ndcg-at-k",
        "intersectionoverunionobjectsegmentation": "mean-precision-intersection-over-union-at-different-thresholds",
    ]

    /// `MM/dd/yyyy[ HH:mm:ss]` or `yyyy-MM-dd[ HH:mm:ss]` as ISO 8601 (`yyyy-MM-ddTHH:mm:ss`);
    /// nil when the text is neither.
    public static func isoDate(_ text: String) -> String? {
        let t = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func digits(_ from: Int, _ n: Int) -> String? {
            guard from + n <= t.count else { return nil }
            let s = t[from ..< from + n]
            guard s.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return String(decoding: s, as: UTF8.self)
        }
        var y: String?, m: String?, d: String?, rest = 10
        if t.count >= 10, t[2] == UInt8(ascii: "/"), t[5] == UInt8(ascii: "/") {
            (m, d, y) = (digits(0, 2), digits(3, 2), digits(6, 4))
        } else if t.count >= 10, t[4] == UInt8(ascii: "-"), t[7] == UInt8(ascii: "-") {
            (y, m, d) = (digits(0, 4), digits(5, 2), digits(8, 2))
        } else { return nil }
        guard let y, let m, let d else { return nil }
        var time = "00:00:00"
        if t.count > rest {
            guard t[rest] == UInt8(ascii: " ") || t[rest] == UInt8(ascii: "T"), t.count >= rest + 9,
                  let hh = digits(rest + 1, 2), let mm = digits(rest + 4, 2), let ss = digits(rest + 7, 2) else { return nil }
            time = "\(hh):\(mm):\(ss)"
            rest += 9
        }
        return "\(y)-\(m)-\(d)T\(time)"
    }
}

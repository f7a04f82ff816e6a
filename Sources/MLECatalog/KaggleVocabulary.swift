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
        var t = text
        return t.withUTF8 { dateDigits(UnsafeRawBufferPointer($0)) }.map(isoDate(digits:))
    }

    /// The date as the number yyyyMMddHHmmss, read from bytes without making a string (a
    /// Submissions.csv has millions of them).
    static func dateDigits(_ b: UnsafeRawBufferPointer) -> Int64? {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 32 { lo += 1 }
        while hi > lo, b[hi - 1] == 32 { hi -= 1 }
        let n = hi - lo
        func num(_ from: Int, _ count: Int) -> Int64? {
            var v: Int64 = 0
            for k in lo + from ..< lo + from + count {
                let c = b[k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            return v
        }
        guard n >= 10 else { return nil }
        var y: Int64?, m: Int64?, d: Int64?
        if b[lo + 2] == UInt8(ascii: "/"), b[lo + 5] == UInt8(ascii: "/") {
            (m, d, y) = (num(0, 2), num(3, 2), num(6, 4))
        } else if b[lo + 4] == UInt8(ascii: "-"), b[lo + 7] == UInt8(ascii: "-") {
            (y, m, d) = (num(0, 4), num(5, 2), num(8, 2))
        }
        guard let y, let m, let d else { return nil }
        var time: Int64 = 0
        if n > 10 {
            guard n == 19 || (n > 19 && b[lo + 19] == UInt8(ascii: ".")), b[lo + 10] == 32 || b[lo + 10] == UInt8(ascii: "T"), b[lo + 13] == UInt8(ascii: ":"), b[lo + 16] == UInt8(ascii: ":"),
                  let hh = num(11, 2), let mm = num(14, 2), let ss = num(17, 2) else { return nil }
            time = hh * 10000 + mm * 100 + ss
        }
        return ((y * 100 + m) * 100 + d) * 1_000_000 + time
    }

    /// yyyyMMddHHmmss as `yyyy-MM-ddTHH:mm:ss`.
    static func isoDate(digits v: Int64) -> String {
        func two(_ x: Int64) -> String { x < 10 ? "0\(x)" : "\(x)" }
        let ss = v % 100, mm = v / 100 % 100, hh = v / 10000 % 100
        let d = v / 1_000_000 % 100, m = v / 100_000_000 % 100, y = v / 10_000_000_000
        return "\(y)-\(two(m))-\(two(d))T\(two(hh)):\(two(mm)):\(two(ss))"
    }
}

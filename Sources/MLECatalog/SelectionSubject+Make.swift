import Foundation
import MLERecipes

/// mlepkg's complexity estimate for a competition MLE-bench did not classify.
///
/// MLE-bench's own labels (in recipes) always win. Otherwise: **high** when the data is over
/// 10 GB or the metric is of a detection, segmentation or sequence family (object-detection AP,
/// IoU, Dice, Levenshtein); **low** when the data is known to be under 100 MB and the metric is a
/// tabular classification or regression one (AUC, accuracy, log loss, RMSE, MAE, RMSLE, kappa);
/// **medium** otherwise. Meta Kaggle does not list a competition's file kinds, so those are not
/// used. The result is always marked as estimated.
public enum ComplexityEstimate {
    public static func estimate(_ c: CatalogCompetition) -> String {
        let kaggle = (c.kaggleMetric ?? "").lowercased()
        let heavy = ["objectdetection", "segmentation", "dice", "intersectionoverunion", "iou", "levenshtein", "globalap", "visualrelations", "localization"]
        if let size = c.dataSizeBytes, size > 10_000_000_000 { return "high" }
        if heavy.contains(where: kaggle.contains) { return "high" }
        let tabular: Set<String> = ["auc-roc", "accuracy", "log-loss", "multi-class-log-loss", "root-mean-squared-error", "mean-absolute-error",
                                    "root-mean-squared-log-error", "quadratic-weighted-kappa", "mean-column-wise-rmsle"]
        if let size = c.dataSizeBytes, size < 100_000_000, let m = c.metric, tabular.contains(m) { return "low" }
        return "medium"
    }
}

extension SelectionSubject {
    /// What the filter sees of a competition: its recipe's fields, its catalog row's, or both.
    ///
    /// - Parameters:
    ///   - gradable: whether mlepkg's grading engine implements the metric (the caller asks the
    ///     grading module; the catalog does not grade).
    ///   - asOf: the snapshot date that decides `completed`.
    ///   - tags: Meta Kaggle tags of the competition.
    ///   - teams: the leaderboard's size, when known.
    public static func make(recipe: Recipe?, competition: CatalogCompetition?, gradable: Bool, asOf: String?,
                            tags: [String] = [], teams: Int? = nil) -> SelectionSubject {
        var v: [String: Value] = [:]
        func text(_ s: String?) -> Value { s.map { .texts([$0]) } ?? .missing }
        let id = recipe?.id ?? competition?.slug ?? ""
        v["id"] = .texts([id])
        v["slug"] = text(competition?.slug ?? recipe?.kaggleSlug)
        v["title"] = text(competition?.title ?? recipe?.name)
        v["recipe"] = .bool(recipe != nil)
        v["catalog"] = .bool(competition != nil)
        v["grading.local"] = .bool(gradable)
        if let c = competition {
            v["segment"] = .texts([c.segment])
            v["community"] = .bool(KaggleVocabulary.communitySegments.contains(c.segment))
            v["deadline"] = text(c.deadlineDate)
            v["enabled"] = text(c.enabledDate)
            if let d = c.deadlineDate, let asOf { v["completed"] = .bool(d < asOf) } else { v["completed"] = .bool(false) }
            v["kaggle.metric"] = text(c.kaggleMetric)
            v["higher_is_better"] = c.higherIsBetter.map { .bool($0) } ?? .missing
            if let n = teams ?? c.totalTeams.map(Int.init) { v["teams"] = .number(Double(n)) }
        }
        if let r = recipe {
            v["complexity"] = .texts([r.complexity.rawValue])
            v["complexity.estimated"] = .bool(false)
            v["status"] = .texts([r.status.name])
            v["metric"] = .texts([r.grader.metric])
            v["split.same_distribution"] = .bool(r.steps.contains(where: \.isTrainingDataSplit))
            v["submission.csv"] = .bool((r.outputs.sampleSubmission ?? "public/sample_submission.csv").lowercased().hasSuffix(".csv"))
        } else {
            v["split.same_distribution"] = .bool(false)
            v["submission.csv"] = .bool(false)
            v["metric"] = text(competition?.metric)
            if let c = competition {
                v["complexity"] = .texts([ComplexityEstimate.estimate(c)])
                v["complexity.estimated"] = .bool(true)
            }
        }
        v["tag"] = .texts((recipe?.tags ?? []) + tags)
        return SelectionSubject(id: id, values: v)
    }
}

extension RecipeStep {
    /// A split of one table into train and test: MLE-bench's way of making a test set of the
    /// training data's own distribution.
    var isTrainingDataSplit: Bool {
        switch self {
        case .split, .splitSizes, .splitBy, .groupSplit: return true
        default: return false
        }
    }
}

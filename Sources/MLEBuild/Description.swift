import Foundation
import MLETable

/// The task description agents read (`public/description.md`), composed from Kaggle's own
/// data about the competition — a Meta Kaggle `Competitions.csv` row — never from text kept
/// in this repository.
///
/// Columns are read by name, since they move between Meta Kaggle dumps: `Title`, `Subtitle`,
/// `Overview` and `DatasetDescription` (newer dumps), and the evaluation algorithm's name and
/// description. Missing columns are skipped.
public enum CompetitionDescription {
    public static func markdown(slug: String, competitions: CSVTable) -> String? {
        guard let slugColumn = competitions.columnIndex(named: "Slug") else { return nil }
        let slugs = competitions.columnValues([slugColumn])[0]
        guard let row = slugs.firstIndex(where: { $0.csvText == slug }) else { return nil }
        return markdown(slug: slug) { name in
            guard let c = competitions.columnIndex(named: name) else { return nil }
            return competitions.csvText(row: row, column: c)
        }
    }

    /// The same text from a row given as a lookup by column name (the catalog's copy of it).
    public static func markdown(slug: String, column: (String) -> String?) -> String {
        func field(_ name: String) -> String? {
            guard let text = column(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        var parts: [String] = ["# \(field("Title") ?? slug)"]
        if let s = field("Subtitle") { parts.append(s) }
        if let o = field("Overview") { parts.append("## Overview\n\n\(o)") }
        if let d = field("DatasetDescription") { parts.append("## Data\n\n\(d)") }
        if let name = field("EvaluationAlgorithmName") {
            parts.append("## Evaluation\n\n\(name)" + (field("EvaluationAlgorithmDescription").map { ": \($0)" } ?? ""))
        }
        parts.append("Source: Meta Kaggle, Competitions.csv, competition '\(slug)'.")
        return parts.joined(separator: "\n\n") + "\n"
    }
}

extension CompetitionDescription {
    /// What an agent reads when no Meta Kaggle row is at hand: mlepkg's own summary of the
    /// task from the recipe and the prepared files (names, sizes, the submission's columns and
    /// the metric), with a pointer to Kaggle's full text. A description is always written, so
    /// `public/description.md` is never missing.
    public static func summary(name: String, slug: String, metric: String, lowerIsBetter: Bool?,
                               publicFiles: [(path: String, size: Int64)], submissionHeader: String?) -> String {
        var parts = ["# \(name)",
                     "Kaggle competition `\(slug)` (https://www.kaggle.com/competitions/\(slug)), prepared by mlepkg "
                     + "with MLE-bench's split: the training data below is part of Kaggle's original training set; "
                     + "the test set's answers are held back for grading."]
        let shown = publicFiles.filter { !$0.path.contains("/") || publicFiles.count <= 20 }.prefix(20)
        var files = shown.map { "- `\($0.path)` (\($0.size) bytes)" }
        if publicFiles.count > shown.count { files.append("- … and \(publicFiles.count - shown.count) more files") }
        parts.append("## Files\n\n" + files.joined(separator: "\n"))
        if let header = submissionHeader {
            parts.append("## Submission\n\nA CSV file with the header `\(header)` and one row per test id, "
                         + "in the shape of `sample_submission.csv`.")
        }
        let direction = lowerIsBetter.map { $0 ? " (lower is better)" : " (higher is better)" } ?? ""
        parts.append("## Evaluation\n\nMetric: `\(metric)`\(direction).")
        parts.append("Kaggle's own description of the task is not included: build with `--meta-kaggle Competitions.csv` "
                     + "(from Meta Kaggle) to write it here.")
        return parts.joined(separator: "\n\n") + "\n"
    }
}

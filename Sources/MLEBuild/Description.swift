import Foundation
import MLESplits

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

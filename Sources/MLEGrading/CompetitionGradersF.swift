import Foundation
import MLESplits

extension GraderRegistry {
    /// Graders for a batch of competitions (see MLEGrading/README.md); nil when none applies.
    static func competitionGraderF(metric: String, parameters: [String: String]) -> (any CompetitionGrader)? {
        nil
    }
}

import Foundation
import MLETable
import Testing
@testable import MLEGrading

/// The AUC and one-hot log-loss graders read captured numbers in place, rows split among
/// threads, and hand anything unusual to their general path. Each case here is graded from a
/// grading read (in place) and from a plain read (general path only): the scores, or the
/// reasons a submission is refused, must be the same.
struct InPlaceGradingTests {
    enum Outcome: Equatable {
        case score(Double)
        case refused(String)
    }

    func grade(_ grader: some CompetitionGrader, _ submission: String, _ answers: String, options: CSVTable.Options) -> Outcome {
        do {
            let s = try CSVTable(bytes: Array(submission.utf8), options: options)
            let a = try CSVTable(bytes: Array(answers.utf8), options: options)
            return .score(try grader.score(submission: s, answers: a))
        } catch let e as SubmissionError {
            return .refused(e.reason)
        } catch let e as MetricError {
            return .refused(e.message)
        } catch {
            return .refused("\(error)")
        }
    }

    /// Grades both ways and requires them to agree; returns the in-place outcome.
    func bothWays(_ grader: some CompetitionGrader, _ submission: String, _ answers: String,
                  sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let inPlace = grade(grader, submission, answers, options: .forGrading)
        let general = grade(grader, submission, answers, options: CSVTable.Options())
        switch (inPlace, general) {
        case (.score(let a), .score(let b)):
            #expect(abs(a - b) <= 1e-12 * abs(b), "\(a) vs \(b)", sourceLocation: sourceLocation)
        default:
            #expect(inPlace == general, sourceLocation: sourceLocation)
        }
        return inPlace
    }

    let auc = BinaryAUCGrader(idColumn: "id", targetColumn: "target")
    let aucAnswers = "id,target\na,1\nb,0\nc,1\nd,0\ne,0\n"

    @Test func aucInPlaceAgreesWithTheGeneralPath() {
        // Positives a (0.9), c (0.4); negatives b (0.4), d (0.1), e (0.8): of the six pairs,
        // a beats all three, c beats d, ties b (half) and loses to e: (3 + 1 + 0.5) / 6.
        #expect(bothWays(auc, "id,target\ne,0.8\nc,0.4\na,0.9\nd,0.1\nb,0.4\n", aucAnswers) == .score(4.5 / 6))
        #expect(bothWays(auc, "id,target\na,0.9\nb,0.4\nc,0.4\nd,0.1\ne,0.8\n", aucAnswers) == .score(4.5 / 6))
        let refusals = [
            "id,target\ne,0.8\nc,0.4\na,1.5\nd,0.1\nb,0.4\n",   // out of range
            "id,target\ne,0.8\nc,\na,0.9\nd,0.1\nb,0.4\n",      // missing score
            "id,target\ne,0.8\nc,0.4\nz,0.9\nd,0.1\nb,0.4\n",   // unknown id
            "id,target\ne,0.8\nc,0.4\nc,0.9\nd,0.1\nb,0.4\n",   // repeated id
            "id,target\ne,0.8\nc,0.4\na,x\nd,0.1\nb,0.4\n",     // text
        ]
        for submission in refusals {
            guard case .refused = bothWays(auc, submission, aucAnswers) else {
                Issue.record("graded: \(submission)")
                continue
            }
        }
        // Answers the in-place path leaves to the general one: a single class, labels not 0/1.
        _ = bothWays(auc, "id,target\na,0.9\nb,0.4\n", "id,target\na,1\nb,1\n")
        #expect(bothWays(auc, "id,target\na,0.9\nb,0.4\n", "id,target\na,2\nb,1\n") == .score(1))
    }

    /// A header of one enormous name still makes a short, one-line reason.
    @Test func anEnormousHeaderMakesAShortReason() {
        let name = String(repeating: "a", count: 100_000)
        guard case .refused(let reason) = bothWays(auc, "\(name)\n1\n", aucAnswers) else {
            Issue.record("graded")
            return
        }
        #expect(reason.count < 200, "\(reason.count) characters")
        #expect(!reason.contains("\n"))
    }

    let logLoss = OneHotLogLossGrader(idColumn: "id")
    let logLossAnswers = "id,x,y,z\na,1,0,0\nb,0,0,1\nc,0,1,0\n"

    @Test func oneHotLogLossInPlaceAgreesWithTheGeneralPath() {
        let expected = -(log(0.7) + log(0.5) + log(0.25)) / 3
        guard case .score(let s) = bothWays(logLoss, "id,x,y,z\nc,0.25,0.25,0.5\na,0.7,0.2,0.1\nb,0.25,0.25,0.5\n", logLossAnswers) else {
            Issue.record("refused")
            return
        }
        #expect(abs(s - expected) <= 1e-15)
        let refusals = [
            "id,x,y,z\nc,0.25,0.25,0.5\na,0.7,0.2,0.1\nb,0.25,0.25,0.6\n",    // row sum
            "id,x,y,z\nc,0.25,0.25,0.5\na,1.7,-0.8,0.1\nb,0.25,0.25,0.5\n",   // out of range
            "id,x,y,z\nc,0.25,0.25,0.5\na,0.7,,0.1\nb,0.25,0.25,0.5\n",       // missing
            "id,x,y,z\nc,0.25,0.25,0.5\nq,0.7,0.2,0.1\nb,0.25,0.25,0.5\n",    // unknown id
        ]
        for submission in refusals {
            guard case .refused = bothWays(logLoss, submission, logLossAnswers) else {
                Issue.record("graded: \(submission)")
                continue
            }
        }
        // Answers that are not one-hot are the general path's to report.
        #expect(bothWays(logLoss, "id,x,y,z\nc,0.25,0.25,0.5\na,0.7,0.2,0.1\nb,0.25,0.25,0.5\n",
                         "id,x,y,z\na,1,0,0\nb,0,0,0\nc,0,1,0\n") == .refused("answers row 2 is not one-hot"))
    }

    /// More than 255 classes: labels take four bytes instead of one.
    @Test func manyClassesGradeAsTheGeneralPath() {
        let classes = (0 ..< 300).map { "k\($0)" }
        var answers = "id," + classes.joined(separator: ",") + "\n"
        var submission = answers
        for r in 0 ..< 6 {
            answers += "r\(r)," + classes.indices.map { $0 == r * 50 ? "1" : "0" }.joined(separator: ",") + "\n"
        }
        for r in [3, 0, 5, 1, 4, 2] {
            submission += "r\(r)," + classes.indices.map { $0 == r * 50 ? "0.701" : "0.001" }.joined(separator: ",") + "\n"
        }
        #expect(bothWays(logLoss, submission, answers) == .score(-log(0.701)))
    }

    /// Several blocks of rows per thread, and a shuffled submission.
    @Test func manyBlocksGradeAsTheGeneralPath() {
        let n = 150_000
        let order = (0 ..< n).map { ($0 * 7919 + 13) % n }   // a permutation: 7919 is prime to n
        var answers = "id,target\n", submission = "id,target\n"
        var lossAnswers = "id,x,y\n", lossSubmission = "id,x,y\n"
        for i in 0 ..< n {
            answers += "r\(i),\(i % 3 == 0 ? 1 : 0)\n"
            lossAnswers += i % 3 == 0 ? "r\(i),1,0\n" : "r\(i),0,1\n"
        }
        for i in order {
            let p = Double((i * 104_729) % 1000) / 1000
            submission += "r\(i),\(p)\n"
            lossSubmission += "r\(i),\(p),\(1 - p)\n"
        }
        guard case .score(let a) = bothWays(auc, submission, answers) else { Issue.record("AUC refused"); return }
        #expect(a > 0.4 && a < 0.6)
        guard case .score = bothWays(logLoss, lossSubmission, lossAnswers) else { Issue.record("log loss refused"); return }
    }
}

import Foundation
import MLERecipes
import MLESplits
import Testing
@testable import MLEGrading

/// Synthesized answers and submissions for competition graders, with the grades MLE-bench's
/// grade.py gives them (transcribed to pandas + scikit-learn in `scripts/vectors/grade_more.py`
/// and `grade_batch_{b,c,d,e}.py`, which write `Inputs/<batch>/manifest.json`). Each submission is
/// graded through `GraderRegistry` with the `[grader]` table of the competition's real recipe.
struct GraderManifest: Decodable {
    struct Competition: Decodable { var metric: String; var answers: String }
    struct Case: Decodable {
        var submission: String
        var valid: Bool
        var score: Double?
        var nan: Bool
        var neg_inf: Bool?
    }
    var competitions: [String: Competition]
    var cases: [Case]

    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let directory: URL

    enum CodingKeys: String, CodingKey { case competitions, cases }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        competitions = try c.decode([String: Competition].self, forKey: .competitions)
        cases = try c.decode([Case].self, forKey: .cases)
        directory = URL(fileURLWithPath: "/")
    }

    private init(_ other: GraderManifest, directory: URL) {
        competitions = other.competitions
        cases = other.cases
        self.directory = directory
    }

    static func load(_ batch: String) throws -> GraderManifest {
        let dir = packageRoot.appendingPathComponent("Tests/MLEGradingTests/Inputs/\(batch)")
        let m = try JSONDecoder().decode(GraderManifest.self, from: Data(contentsOf: dir.appendingPathComponent("manifest.json")))
        return GraderManifest(m, directory: dir)
    }

    /// The competition's `[grader]` table, decoded by the same code that reads the registry.
    static func recipeGrader(_ competition: String) throws -> Recipe.Grader {
        let file = packageRoot.appendingPathComponent("registry/\(competition)/recipe.toml")
        return try RecipeDecoder.decode(try String(contentsOf: file, encoding: .utf8), file: file.path).grader
    }

    /// The grade mlepkg gives, rounded as MLE-bench's Grader rounds; nil when invalid.
    func grade(_ grader: any CompetitionGrader, _ submission: String, answers: GradingAnswers,
               options: CSVTable.Options = .forGrading) -> Double? {
        do {
            let table = try CSVTable.read(contentsOf: directory.appendingPathComponent(submission), options: options)
            return pythonRound5(try grader.score(submission: table, answers: answers))
        } catch {
            return nil
        }
    }

    /// Checks that the manifest covers exactly these competitions, with enough cases each.
    func expectCovers(_ ids: [String], cases count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(competitions.keys) == Set(ids), sourceLocation: sourceLocation)
        #expect(cases.count == count, sourceLocation: sourceLocation)
        for id in ids {
            #expect(cases.filter { $0.submission.hasPrefix(id + "/") }.count >= 10, "\(id)", sourceLocation: sourceLocation)
        }
    }

    /// Grades every case of one competition and compares with MLE-bench's result.
    func expectGradesAsMLEBench(_ competition: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let entry = try #require(competitions[competition], sourceLocation: sourceLocation)
        let table = try Self.recipeGrader(competition)
        #expect(table.metric == entry.metric, sourceLocation: sourceLocation)
        let grader = try #require(GraderRegistry.grader(metric: table.metric, parameters: table.parameters),
                                  "no grader for \(table.metric) \(table.parameters)", sourceLocation: sourceLocation)
        let answersURL = directory.appendingPathComponent(entry.answers)
        // As `mlepkg grade` reads them: a CSV table, or JSON lines for a `.jsonl` file.
        let answers = try GradingAnswers.read(path: answersURL.path, for: grader)
        let plainAnswers = entry.answers.hasSuffix(".jsonl") ? answers : .table(try CSVTable.read(contentsOf: answersURL))
        let mine = cases.filter { $0.submission.hasPrefix(competition + "/") }
        #expect(!mine.isEmpty, sourceLocation: sourceLocation)
        for c in mine {
            // As `mlepkg grade` reads (numbers captured, fast ids), and the general path: the
            // two must agree on every case.
            let got = grade(grader, c.submission, answers: answers)
            let plain = grade(grader, c.submission, answers: plainAnswers, options: CSVTable.Options())
            #expect(got?.bitPattern == plain?.bitPattern || (got?.isNaN == true && plain?.isNaN == true),
                    "\(c.submission): read for grading \(String(describing: got)), read plainly \(String(describing: plain))",
                    sourceLocation: sourceLocation)
            let shown = got.map { "\($0)" } ?? "invalid"
            if c.neg_inf == true {
                // MLE-bench's score is -inf (a type predicted exactly: log of a zero MAE).
                #expect(got == -.infinity, "\(c.submission): expected -inf, got \(shown)", sourceLocation: sourceLocation)
            } else if c.nan {
                // MLE-bench reports these valid with a NaN score (and no medal); so does mlepkg.
                #expect(got?.isNaN == true, "\(c.submission): expected NaN, got \(shown)", sourceLocation: sourceLocation)
            } else if let expected = c.score {
                let ok = got.map { abs($0 - expected) <= 1e-9 * max(1, abs(expected)) } ?? false
                #expect(ok, "\(c.submission): expected \(expected), got \(shown)", sourceLocation: sourceLocation)
            } else {
                #expect(got == nil, "\(c.submission): expected invalid, got \(shown)", sourceLocation: sourceLocation)
            }
        }
    }
}

import Foundation
import MLERecipes
import MLETable
import Testing
@testable import MLEGrading

/// Synthesized answers and submissions for one competition's grader, with the grades MLE-bench's
/// grade.py gives them (transcribed to pandas + scikit-learn in `scripts/vectors/grader_cases/`,
/// one module per grader family; `scripts/vectors/grader_cases.py` writes
/// `Inputs/graders/<competition>/cases.json`). Each submission is graded through
/// `GraderRegistry` with the `[grader]` table of the competition's real recipe.
struct GraderCases: Decodable {
    struct Case: Decodable {
        var submission: String
        var valid: Bool
        var score: Double?
        var nan: Bool
        var neg_inf: Bool?
    }
    var metric: String
    var answersFile: String
    var cases: [Case]

    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let inputs = packageRoot.appendingPathComponent("Tests/MLEGradingTests/Inputs/graders")

    /// Every competition with reference cases.
    static let competitions: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: inputs.path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: inputs.appendingPathComponent("\($0)/cases.json").path) }
        .sorted()

    let competition: String
    let directory: URL

    enum CodingKeys: String, CodingKey { case metric, answersFile = "answers", cases }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metric = try c.decode(String.self, forKey: .metric)
        answersFile = try c.decode(String.self, forKey: .answersFile)
        cases = try c.decode([Case].self, forKey: .cases)
        competition = ""
        directory = URL(fileURLWithPath: "/")
    }

    private init(_ other: GraderCases, competition: String, directory: URL) {
        metric = other.metric
        answersFile = other.answersFile
        cases = other.cases
        self.competition = competition
        self.directory = directory
    }

    static func load(_ competition: String) throws -> GraderCases {
        let dir = inputs.appendingPathComponent(competition)
        let m = try JSONDecoder().decode(GraderCases.self, from: Data(contentsOf: dir.appendingPathComponent("cases.json")))
        return GraderCases(m, competition: competition, directory: dir)
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

    /// Grades every case of one competition and compares with MLE-bench's result.
    func expectGradesAsMLEBench(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let table = try Self.recipeGrader(competition)
        #expect(table.metric == metric, sourceLocation: sourceLocation)
        let grader = try #require(GraderRegistry.grader(metric: table.metric, parameters: table.parameters),
                                  "no grader for \(table.metric) \(table.parameters)", sourceLocation: sourceLocation)
        let answersURL = directory.appendingPathComponent(answersFile)
        // As `mlepkg grade` reads them: a CSV table, or JSON lines for a `.jsonl` file.
        let answers = try GradingAnswers.read(path: answersURL.path, for: grader)
        let plainAnswers = answersFile.hasSuffix(".jsonl") ? answers : .table(try CSVTable.read(contentsOf: answersURL))
        #expect(cases.count >= 10, "\(competition): \(cases.count) cases", sourceLocation: sourceLocation)
        for c in cases {
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

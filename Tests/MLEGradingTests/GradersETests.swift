import Foundation
import MLESplits
import Testing
@testable import MLEGrading

// Synthesized answers and submissions for the competitions graded by CompetitionGradersE.swift, with the
// grades MLE-bench's grade.py gives them (transcribed to pandas + scikit-learn + SciPy in
// scripts/vectors/grade_batch_e.py, which writes Inputs/batch-e/). Each submission is graded here through
// GraderRegistry with the [grader] table of the competition's recipe in registry/.

private let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let inputs = packageRoot.appendingPathComponent("Tests/MLEGradingTests/Inputs/batch-e")

private struct Manifest: Decodable {
    struct Competition: Decodable { var metric: String; var answers: String }
    struct Case: Decodable { var submission: String; var valid: Bool; var score: Double?; var nan: Bool }
    var competitions: [String: Competition]
    var cases: [Case]

    static func load() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: inputs.appendingPathComponent("manifest.json")))
    }
}

/// The recipe's `[grader]` table as `Recipe.Grader` holds it: strings as they are, arrays joined by commas.
private func graderTable(_ competition: String) throws -> (metric: String, parameters: [String: String]) {
    let text = try String(contentsOf: packageRoot.appendingPathComponent("registry/\(competition)/recipe.toml"), encoding: .utf8)
    var inGrader = false, metric = "", parameters: [String: String] = [:]
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("[") && !line.contains("=") { inGrader = line == "[grader]"; continue }
        guard inGrader, let eq = line.firstIndex(of: "=") else { continue }
        let key = line[..<eq].trimmingCharacters(in: .whitespaces)
        var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        if let hash = value.range(of: "  #") { value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces) }
        let rendered: String
        if value.hasPrefix("[") {
            rendered = value.dropFirst().dropLast().split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                .joined(separator: ",")
        } else {
            rendered = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        if key == "metric" { metric = rendered } else { parameters[key] = rendered }
    }
    return (metric, parameters)
}

/// The grade mlepkg gives, rounded as MLE-bench's Grader rounds; nil when invalid.
private func grade(_ grader: any CompetitionGrader, _ submission: String, answers: CSVTable) -> Double? {
    do {
        let table = try CSVTable.read(contentsOf: inputs.appendingPathComponent(submission))
        return pythonRound5(try grader.score(submission: table, answers: answers))
    } catch {
        return nil
    }
}

@Suite struct GradersETests {
    static let competitions = [
        "google-research-identify-contrails-reduce-global-warming",
        "hms-harmful-brain-activity-classification",
        "hubmap-kidney-segmentation",
        "icecube-neutrinos-in-deep-ice",
        "mlsp-2013-birds",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        let manifest = try Manifest.load()
        #expect(Set(manifest.competitions.keys) == Set(Self.competitions))
        #expect(manifest.cases.count == 81)
        for id in Self.competitions {
            #expect(manifest.cases.filter { $0.submission.hasPrefix(id + "/") }.count >= 9, "\(id)")
        }
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        let manifest = try Manifest.load()
        let entry = try #require(manifest.competitions[competition])
        let table = try graderTable(competition)
        #expect(table.metric == entry.metric)
        let grader = try #require(GraderRegistry.grader(metric: table.metric, parameters: table.parameters),
                                  "no grader for \(table.metric) \(table.parameters)")
        let answers = try CSVTable.read(contentsOf: inputs.appendingPathComponent(entry.answers))
        let cases = manifest.cases.filter { $0.submission.hasPrefix(competition + "/") }
        #expect(!cases.isEmpty)
        for c in cases {
            let got = grade(grader, c.submission, answers: answers)
            if c.nan {
                // MLE-bench reports these valid with a NaN score; mlepkg calls them invalid, as NaN
                // can neither rank nor go into JSON.
                #expect(got == nil, "\(c.submission): MLE-bench scores NaN, mlepkg should refuse it, got \(got.map { "\($0)" } ?? "nil")")
            } else if let expected = c.score {
                let ok = got.map { abs($0 - expected) <= 1e-9 * max(1, abs(expected)) } ?? false
                #expect(ok, "\(c.submission): expected \(expected), got \(got.map { "\($0)" } ?? "invalid")")
            } else {
                #expect(got == nil, "\(c.submission): expected invalid, got \(got.map { "\($0)" } ?? "nil")")
            }
        }
    }
}

import Testing

/// The graders checked against `Inputs/batch-f` (see GraderManifest.swift).
@Suite struct GradersFTests {
    static let competitions = [
        "smartphone-decimeter-2022",
        "vesuvius-challenge-ink-detection",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("batch-f").expectCovers(Self.competitions, cases: 37)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("batch-f").expectGradesAsMLEBench(competition)
    }
}

import Testing

/// The graders checked against `Inputs/batch-g` (see GraderManifest.swift).
@Suite struct GradersGTests {
    static let competitions = [
        "alaska2-image-steganalysis",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("batch-g").expectCovers(Self.competitions, cases: 26)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("batch-g").expectGradesAsMLEBench(competition)
    }
}

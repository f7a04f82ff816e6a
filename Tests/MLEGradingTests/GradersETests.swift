import Testing

/// The graders checked against `Inputs/batch-e` (see GraderManifest.swift).
@Suite struct GradersETests {
    static let competitions = [
        "google-research-identify-contrails-reduce-global-warming",
        "hms-harmful-brain-activity-classification",
        "hubmap-kidney-segmentation",
        "icecube-neutrinos-in-deep-ice",
        "mlsp-2013-birds",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("batch-e").expectCovers(Self.competitions, cases: 81)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("batch-e").expectGradesAsMLEBench(competition)
    }
}

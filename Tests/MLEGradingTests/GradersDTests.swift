import Testing

/// The graders checked against `Inputs/batch-d` (see GraderManifest.swift).
@Suite struct GradersDTests {
    static let competitions = [
        "champs-scalar-coupling",
        "freesound-audio-tagging-2019",
        "google-quest-challenge",
        "h-and-m-personalized-fashion-recommendations",
        "jigsaw-toxic-comment-classification-challenge",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("batch-d").expectCovers(Self.competitions, cases: 76)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("batch-d").expectGradesAsMLEBench(competition)
    }
}

import Testing

/// The graders checked against `Inputs/batch-h` (see GraderManifest.swift).
@Suite struct GradersHTests {
    static let competitions = [
        "facebook-recruiting-iii-keyword-extraction",
        "kuzushiji-recognition",
        "siim-covid19-detection",
        "vinbigdata-chest-xray-abnormalities-detection",
        "uw-madison-gi-tract-image-segmentation",
        "3d-object-detection-for-autonomous-vehicles",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("batch-h").expectCovers(Self.competitions, cases: 143)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("batch-h").expectGradesAsMLEBench(competition)
    }
}

import Testing

/// The graders checked against `Inputs/batch-b` (see GraderManifest.swift).
@Suite struct GradersBTests {
    static let competitions = [
        "AI4Code",
        "aerial-cactus-identification",
        "billion-word-imputation",
        "bms-molecular-translation",
        "cassava-leaf-disease-classification",
        "cdiscount-image-classification-challenge",
        "denoising-dirty-documents",
        "dogs-vs-cats-redux-kernels-edition",
        "herbarium-2020-fgvc7",
        "herbarium-2021-fgvc8",
        "herbarium-2022-fgvc9",
        "histopathologic-cancer-detection", "hotel-id-2021-fgvc8",
        "inaturalist-2019-fgvc6",
        "invasive-species-monitoring",
        "iwildcam-2019-fgvc6",
        "iwildcam-2020-fgvc7",
        "learning-agency-lab-automated-essay-scoring-2",
        "ml2021spring-hw2",
        "movie-review-sentiment-analysis-kernels-only",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("batch-b").expectCovers(Self.competitions, cases: 268)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("batch-b").expectGradesAsMLEBench(competition)
    }
}

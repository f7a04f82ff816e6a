import Testing

/// The graders checked against `Inputs/more` (see GraderManifest.swift).
@Suite struct MoreGradersTests {
    static let competitions = [
        "aptos2019-blindness-detection", "chaii-hindi-and-tamil-question-answering", "dog-breed-identification",
        "imet-2020-fgvc7", "jigsaw-unintended-bias-in-toxicity-classification", "lmsys-chatbot-arena",
        "new-york-city-taxi-fare-prediction", "plant-pathology-2021-fgvc8", "playground-series-s3e18",
        "predict-volcanic-eruptions-ingv-oe", "tabular-playground-series-dec-2021",
        "tabular-playground-series-may-2022", "tweet-sentiment-extraction", "us-patent-phrase-to-phrase-matching",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("more").expectCovers(Self.competitions, cases: 198)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("more").expectGradesAsMLEBench(competition)
    }
}

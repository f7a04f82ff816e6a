import Testing

/// The graders checked against `Inputs/batch-c` (see GraderManifest.swift).
@Suite struct GradersCTests {
    static let competitions = [
        "multi-modal-gesture-recognition",
        "nfl-player-contact-detection",
        "osic-pulmonary-fibrosis-progression",
        "paddy-disease-classification",
        "petfinder-pawpularity-score",
        "plant-pathology-2020-fgvc7",
        "plant-seedlings-classification",
        "random-acts-of-pizza",
        "ranzcr-clip-catheter-line-classification",
        "rsna-2022-cervical-spine-fracture-detection",
        "rsna-breast-cancer-detection",
        "rsna-miccai-brain-tumor-radiogenomic-classification",
        "seti-breakthrough-listen",
        "siim-isic-melanoma-classification",
        "stanford-covid-vaccine",
        "statoil-iceberg-classifier-challenge",
        "tensorflow-speech-recognition-challenge",
        "text-normalization-challenge-english-language",
        "text-normalization-challenge-russian-language",
        "tgs-salt-identification-challenge",
        "the-icml-2013-whale-challenge-right-whale-redux",
        "ventilator-pressure-prediction",
        "whale-categorization-playground",
    ]

    @Test func theManifestCoversEveryCompetition() throws {
        try GraderManifest.load("batch-c").expectCovers(Self.competitions, cases: 310)
    }

    @Test(arguments: competitions)
    func gradesAsMLEBench(_ competition: String) throws {
        try GraderManifest.load("batch-c").expectGradesAsMLEBench(competition)
    }
}

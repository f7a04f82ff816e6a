import Foundation

/// Which grader a recipe's `[grader]` table gets.
///
/// A recipe whose grader is specific to its competition names it with `variant = "<competition
/// id>"`, looked up in ``byCompetition``; the others (a metric MLE-bench grades one way for every
/// competition that uses it) are looked up by `metric` in ``byMetric``. The module README lists
/// every committed competition with its grader and the file it is in; `RegistryGradersTests`
/// checks that list against the registry.
public enum GraderRegistry {
    public typealias Parameters = [String: String]
    typealias Make = @Sendable (Parameters) -> (any CompetitionGrader)?

    /// The grader for a recipe's `[grader]` table, or nil when it is not implemented yet.
    public static func grader(metric: String, parameters: Parameters) -> (any CompetitionGrader)? {
        if let variant = parameters["variant"], let make = byCompetition[variant], let grader = make(parameters) {
            return grader
        }
        return byMetric[metric]?(parameters)
    }

    /// Competition-specific graders, by the recipe's `variant` (its competition id), grouped by
    /// the file that holds them. Those built from `id_column` and `target_column` need both.
    static let byCompetition: [String: Make] = [
        // ClassificationGraders.swift
        "cassava-leaf-disease-classification": idAndTarget { ClassLabelAccuracyGrader(idColumn: $0, targetColumn: $1) },
        "cdiscount-image-classification-challenge": idAndTarget { ClassLabelAccuracyGrader(idColumn: $0, targetColumn: $1) },
        "iwildcam-2020-fgvc7": idAndTarget { ClassLabelAccuracyGrader(idColumn: $0, targetColumn: $1) },
        "ml2021spring-hw2": idAndTarget { ClassLabelAccuracyGrader(idColumn: $0, targetColumn: $1) },
        "movie-review-sentiment-analysis-kernels-only": idAndTarget { ClassLabelAccuracyGrader(idColumn: $0, targetColumn: $1) },
        "paddy-disease-classification": { _ in ClassLabelAccuracyGrader(idColumn: "image_id", targetColumn: "label", fillMissingWithEmpty: true) },
        "tensorflow-speech-recognition-challenge": { _ in ClassLabelAccuracyGrader(idColumn: "fname", targetColumn: "label") },
        "text-normalization-challenge-english-language": { _ in StringifiedAccuracyGrader(idColumn: "id", targetColumn: "after") },
        "text-normalization-challenge-russian-language": { _ in StringifiedAccuracyGrader(idColumn: "id", targetColumn: "after") },
        "inaturalist-2019-fgvc6": idAndTarget { TopOneErrorGrader(idColumn: $0, targetColumn: $1) },
        "herbarium-2020-fgvc7": idAndTarget { IntegerLabelMacroF1Grader(idColumn: $0, targetColumn: $1) },
        "herbarium-2021-fgvc8": idAndTarget { IntegerLabelMacroF1Grader(idColumn: $0, targetColumn: $1) },
        "herbarium-2022-fgvc9": idAndTarget { IntegerLabelMacroF1Grader(idColumn: $0, targetColumn: $1) },
        "iwildcam-2019-fgvc6": idAndTarget { IntegerLabelMacroF1Grader(idColumn: $0, targetColumn: $1) },
        "plant-seedlings-classification": { _ in TextLabelMicroF1Grader(idColumn: "file", targetColumn: "species") },
        "facebook-recruiting-iii-keyword-extraction": { p in
            SpaceSeparatedLabelsF1Grader(idColumn: p["id_column"] ?? "Id", targetColumn: p["target_column"] ?? "Tags", answersMayBeEmpty: true)
        },
        "nfl-player-contact-detection": { _ in MatthewsGrader(idColumn: "contact_id", targetColumn: "contact") },
        "learning-agency-lab-automated-essay-scoring-2": idAndTarget { QuadraticWeightedKappaGrader(idColumn: $0, targetColumn: $1) },

        // ProbabilityGraders.swift
        "aerial-cactus-identification": idAndTarget { BinaryAUCGrader(idColumn: $0, targetColumn: $1) },
        "histopathologic-cancer-detection": idAndTarget { BinaryAUCGrader(idColumn: $0, targetColumn: $1) },
        "invasive-species-monitoring": idAndTarget { BinaryAUCGrader(idColumn: $0, targetColumn: $1) },
        "mlsp-2013-birds": { p in BinaryAUCGrader(idColumn: p["id_column"] ?? "Id", targetColumn: p["target_column"] ?? "Probability") },
        "random-acts-of-pizza": { _ in BinaryAUCGrader(idColumn: "request_id", targetColumn: "requester_received_pizza") },
        "rsna-miccai-brain-tumor-radiogenomic-classification": { _ in BinaryAUCGrader(idColumn: "BraTS21ID", targetColumn: "MGMT_value") },
        "seti-breakthrough-listen": { _ in BinaryAUCGrader(idColumn: "id", targetColumn: "target") },
        "siim-isic-melanoma-classification": { _ in BinaryAUCGrader(idColumn: "image_name", targetColumn: "target") },
        "the-icml-2013-whale-challenge-right-whale-redux": { _ in BinaryAUCGrader(idColumn: "clip", targetColumn: "probability") },
        "ranzcr-clip-catheter-line-classification": { _ in
            PerColumnAUCGrader(idColumn: "StudyInstanceUID", targetColumns: RanzcrClasses.all, exactColumns: false, probabilities: true)
        },
        "plant-pathology-2020-fgvc7": { _ in
            PerColumnAUCGrader(idColumn: "image_id", targetColumns: ["healthy", "multiple_diseases", "rust", "scab"], exactColumns: true, probabilities: false)
        },
        "jigsaw-toxic-comment-classification-challenge": { _ in JigsawToxicAUCGrader() },
        "alaska2-image-steganalysis": { p in Alaska2WeightedAUCGrader(idColumn: p["id_column"] ?? "Id", targetColumn: p["target_column"] ?? "Label") },
        "dogs-vs-cats-redux-kernels-edition": idAndTarget { DogsVsCatsLogLossGrader(idColumn: $0, targetColumn: $1) },
        "statoil-iceberg-classifier-challenge": { _ in BinaryLogLossGrader(idColumn: "id", targetColumn: "is_iceberg") },
        "rsna-2022-cervical-spine-fracture-detection": { _ in CervicalSpineWeightedLogLossGrader() },
        "hms-harmful-brain-activity-classification": { _ in HMSKLDivergenceGrader() },
        "rsna-breast-cancer-detection": { _ in ProbabilisticF1Grader(idColumn: "prediction_id", targetColumn: "cancer") },
        "freesound-audio-tagging-2019": { _ in FreesoundLwlrapGrader() },

        // RegressionGraders.swift
        "denoising-dirty-documents": idAndTarget { BoundedRMSEGrader(idColumn: $0, targetColumn: $1) },
        "petfinder-pawpularity-score": { _ in BoundedRMSEGrader(idColumn: "Id", targetColumn: "Pawpularity", bounds: 1...100) },
        "stanford-covid-vaccine": { _ in OpenVaccineMCRMSEGrader() },
        "ventilator-pressure-prediction": { _ in MaskedMAEGrader(idColumn: "id", targetColumn: "pressure", maskColumn: "u_out") },
        "champs-scalar-coupling": { _ in ChampsLogMAEGrader() },
        "google-quest-challenge": { _ in QuestSpearmanGrader() },
        "osic-pulmonary-fibrosis-progression": { _ in LaplaceLogLikelihoodGrader() },
        "icecube-neutrinos-in-deep-ice": { _ in IceCubeAngularErrorGrader() },
        "smartphone-decimeter-2022": { _ in SmartphoneHaversineGrader() },

        // RankingGraders.swift
        "hotel-id-2021-fgvc8": idAndTarget { SpaceListMAPGrader(idColumn: $0, targetColumn: $1, k: 5) },
        "whale-categorization-playground": { _ in WhaleMAP5Grader() },
        "h-and-m-personalized-fashion-recommendations": { _ in HMRecommendationsMAPGrader() },
        "AI4Code": idAndTarget { CellOrderKendallTauGrader(idColumn: $0, targetColumn: $1) },

        // DetectionGraders.swift
        "kuzushiji-recognition": { _ in KuzushijiF1Grader() },
        "siim-covid19-detection": { _ in SIIMCovidMAPGrader() },
        "vinbigdata-chest-xray-abnormalities-detection": { _ in VinBigDataCOCOGrader() },
        "3d-object-detection-for-autonomous-vehicles": { _ in Lyft3DMAPGrader() },

        // SegmentationGraders.swift
        "tgs-salt-identification-challenge": { _ in SaltIoUGrader() },
        "hubmap-kidney-segmentation": { _ in HuBMAPMeanDiceGrader() },
        "google-research-identify-contrails-reduce-global-warming": { _ in ContrailsGlobalDiceGrader() },
        "uw-madison-gi-tract-image-segmentation": { _ in UWMadisonDiceHausdorffGrader() },
        "vesuvius-challenge-ink-detection": { _ in VesuviusF05Grader() },

        // TextGraders.swift
        "tensorflow2-question-answering": { _ in QuestionAnsweringF1Grader() },

        // SequenceGraders.swift
        "billion-word-imputation": idAndTarget { SortedIDLevenshteinGrader(idColumn: $0, targetColumn: $1, stringify: false) },
        "bms-molecular-translation": idAndTarget { SortedIDLevenshteinGrader(idColumn: $0, targetColumn: $1, stringify: true) },
        "multi-modal-gesture-recognition": { _ in GestureEditDistanceGrader() },
    ]

    /// Graders shared by every competition that uses a metric, by the recipe's `metric`; the
    /// `id_column` defaults to "id".
    static let byMetric: [String: Make] = [
        "accuracy": { p in
            p["target_column"].map { ClassLabelAccuracyGrader(idColumn: p["id_column"] ?? "id", targetColumn: $0) }
        },
        "auc-roc": { p in
            p["target_column"].map { BinaryAUCGrader(idColumn: p["id_column"] ?? "Comment", targetColumn: $0) }
        },
        "multi-class-log-loss": { p in
            // Only recipes that name their id column were checked against their grade.py.
            guard let id = p["id_column"] else { return nil }
            let classes = p["classes"]?.split(separator: ",").map(String.init)
            switch p["variant"] {
            case "dog-breed-identification"?:
                return OneHotColumnsLogLossGrader(idColumn: id, classes: classes, rowSum: .isClose)
            case "lmsys-chatbot-arena"?:
                guard let classes else { return nil }
                return OneHotColumnsLogLossGrader(idColumn: id, classes: classes, rowSum: .roundedToSixDecimals)
            case nil:
                return OneHotLogLossGrader(idColumn: id)
            default:
                return nil
            }
        },
        "mean-column-wise-rmsle": { p in
            ColumnWiseRMSLEGrader(targetColumns: p["target_columns"]?.split(separator: ",").map(String.init))
        },
        "quadratic-weighted-kappa": { p in
            guard let id = p["id_column"], let target = p["target_column"] else { return nil }
            return QuadraticWeightedKappaGrader(idColumn: id, targetColumn: target)
        },
        "multi-class-classification-accuracy": { p in
            p["target_column"].map { ClassLabelAccuracyGrader(idColumn: p["id_column"] ?? "id", targetColumn: $0) }
        },
        "micro-f1-score": { p in
            guard p["variant"] == "space-separated-labels", let target = p["target_column"] else { return nil }
            return SpaceSeparatedLabelsF1Grader(idColumn: p["id_column"] ?? "id", targetColumn: target)
        },
        "auroc-multi-label": { p in
            guard let targets = p["target_columns"]?.split(separator: ",").map(String.init), !targets.isEmpty else { return nil }
            return ColumnMeanAUCGrader(idColumn: p["id_column"] ?? "id", targetColumns: targets)
        },
        "jigsaw-unintended-bias-in-toxicity-classification-score": { p in
            let identities = p["identity_columns"]?.split(separator: ",").map(String.init)
            return JigsawBiasAUCGrader(idColumn: p["id_column"] ?? "id", identityColumns: identities ?? JigsawBiasAUCGrader.defaultIdentityColumns)
        },
        "root-mean-squared-error": { p in
            guard p["variant"] == "new-york-city-taxi-fare-prediction", let target = p["target_column"] else { return nil }
            return SortedPositionRMSEGrader(idColumn: p["id_column"] ?? "id", targetColumn: target)
        },
        "mean-absolute-error": { p in
            p["target_column"].map {
                MergedMAEGrader(idColumn: p["id_column"] ?? "id", targetColumn: $0, roundToInteger: p["rounding"] == "integer")
            }
        },
        "pearson-correlation-coefficient": { p in
            p["target_column"].map { PearsonGrader(idColumn: p["id_column"] ?? "id", targetColumn: $0) }
        },
        "jaccard-similarity": { p in
            p["target_column"].map { MeanWordJaccardGrader(idColumn: p["id_column"] ?? "id", targetColumn: $0) }
        },
        "word-level-jaccard-score": { p in
            p["target_column"].map { SampleWordJaccardGrader(idColumn: p["id_column"] ?? "id", targetColumn: $0) }
        },
    ]

    public static var implemented: [String] { byMetric.keys.sorted() }

    /// A grader built from the recipe's `id_column` and `target_column`; nil without both.
    private static func idAndTarget(_ make: @escaping @Sendable (String, String) -> any CompetitionGrader) -> Make {
        { p in
            guard let id = p["id_column"], let target = p["target_column"] else { return nil }
            return make(id, target)
        }
    }
}

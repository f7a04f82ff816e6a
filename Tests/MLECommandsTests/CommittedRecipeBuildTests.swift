import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: each committed recipe below (its MD5s aside) over synthetic raw files, packed the
/// way Kaggle packs the real ones, against the bytes MLE-bench's prepare.py writes from the same
/// files (`scripts/vectors/recipe_<competition>.py`, which write the `…RecipeVectors`).
@Suite(.serialized) struct CommittedRecipeBuildTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        /// What the case exercises, for the reader.
        var steps: String
        /// Raw files written under `raw/<id>/` as they are.
        var raw: [String: String] = [:]
        /// Files packed into `archives` (each `member` of the staging folder into `raw/<id>/<archive>`).
        var files: [String: String] = [:]
        var archives: [(archive: String, member: String)] = []
        /// Files whose bytes the prepared folder must hold.
        var expected: [String: String]
        /// Whatever else the case checks, given the prepared folder and the test's home.
        var check: @Sendable (_ out: String, _ home: String) throws -> Void

        var testDescription: String { id }

        /// A text-normalization-challenge: `<code>_train.csv` inside its zip.
        static func textNormalization(_ id: String, _ code: String, trainCSV: String, expected: [String: String]) -> Case {
            Case(id: id,
                 steps: "a 10% split of the unique sentence_ids of \(code)_train.csv inside \(code)_train.csv.zip, each side renumbered by first appearance (renumber unique), ids formatted sentence_id_token_id, every CSV QUOTE_NONNUMERIC (digits in a text column quoted, an NA token written \"\"), the public ones zipped alone",
                 files: ["\(code)_train.csv": trainCSV], archives: [("\(code)_train.csv.zip", "\(code)_train.csv")],
                 expected: expected.filter { $0.key.hasPrefix("private/") }) { out, home throws in
                let names = ["\(code)_train.csv", "\(code)_test_2.csv", "\(code)_sample_submission_2.csv"]
                for name in names {
                    let members = try RecipeBuild.members("\(out)/public/\(name).zip", extractingInto: "\(home)/x-\(name)")
                    #expect(members == [name: Data(expected["public/\(name)"]!.utf8)], "\(name).zip")
                }
                let left = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public").filter { $0 != "description.md" }.sorted()
                #expect(left == names.map { "\($0).zip" }.sorted(), "the zipped CSVs leave the outputs")
                #expect(try RecipeBuild.texts(under: out, ["private"]).keys.sorted() == ["private/answers.csv", "private/sample_submission.csv"])
            }
        }

        /// A case whose outputs are exactly `expected`: the same files, each with the same bytes.
        static func exact(_ id: String, steps: String, raw: [String: String], expected: [String: String]) -> Case {
            Case(id: id, steps: steps, raw: raw, expected: expected) { out, _ throws in
                #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == expected.keys.sorted())
            }
        }
    }

    /// The prepared folder holds exactly `expected` and `zips` (beside description.md), and the
    /// zips hold `members` (by "zip/member"): zips are compared by what they hold, their own
    /// bytes carry times.
    static func expectFilesAndZips(out: String, home: String, expected: [String: String], zips: [String], members: [String: String]) throws {
        var files: [String] = []
        for folder in ["public", "private"] {
            for name in try FileManager.default.subpathsOfDirectory(atPath: "\(out)/\(folder)")
            where !FileIO.isDirectory("\(out)/\(folder)/\(name)") && "\(folder)/\(name)" != "public/description.md" {
                files.append("\(folder)/\(name)")
            }
        }
        #expect(files.sorted() == (Array(expected.keys) + zips).sorted())
        var found: [String: String] = [:]
        for archive in zips {
            for (name, bytes) in try RecipeBuild.members("\(out)/\(archive)", extractingInto: "\(home)/x-\((archive as NSString).lastPathComponent)") {
                found["\(archive)/\(name)"] = String(decoding: bytes, as: UTF8.self)
            }
        }
        #expect(found == members)
    }

    static let cases: [Case] = [
        .exact("champs-scalar-coupling",
               steps: "a split over groupby(\"molecule_name\") groups concatenated in train_test_split's order, isin filters of structures.csv and the auxiliary CSVs on the new train's molecules, the structure files of those molecules",
               raw: ChampsScalarCouplingRecipeVectors.rawFiles, expected: ChampsScalarCouplingRecipeVectors.expected),
        .exact("aptos2019-blindness-detection",
               steps: "a 10% split of train.csv (id_code text with a leading zero), diagnosis dropped from the public test, a sample of the labelled test with diagnosis 0, train_images/{id}.png copied to public/train_images or public/test_images, Kaggle's test files left alone",
               raw: Aptos2019RecipeVectors.rawFiles, expected: Aptos2019RecipeVectors.expected),
        .exact("paddy-disease-classification",
               steps: "a split with train_size 0.75 (31 train rows of 42), a sample of image_id and an empty label, train_images/{label}/{id} copied to public/train_images/{label}/ or, flat, to public/test_images/",
               raw: PaddyDiseaseRecipeVectors.rawFiles, expected: PaddyDiseaseRecipeVectors.expected),
        .exact("plant-pathology-2021-fgvc8",
               steps: "a 20% split of train.csv with space-separated labels, a sample of the answers with labels healthy, train_images/{image} copied to public/train_images or public/test_images, no public test.csv",
               raw: PlantPathology2021RecipeVectors.rawFiles, expected: PlantPathology2021RecipeVectors.expected),
        .exact("plant-seedlings-classification",
               steps: "a listing of train/<species>/*.png in sorted(os.listdir) order (species names with spaces, a .txt skipped), a 14% split, a sample of species Sugar beet, images copied to public/train/<species>/ or public/test/",
               raw: PlantSeedlingsRecipeVectors.rawFiles, expected: PlantSeedlingsRecipeVectors.expected),
        .exact("imet-2020-fgvc7",
               steps: "a 15% split of train.csv with space-separated attribute_ids, a sample of the answers with attribute_ids 0 1 2, labels.csv (a quoted name) copied byte for byte, train/{id}.png copied to public/train or public/test",
               raw: Imet2020RecipeVectors.rawFiles, expected: Imet2020RecipeVectors.expected),
        .exact("tabular-playground-series-dec-2021",
               steps: "a 10% split of 47 rows (ceil(4.7) = 5 test rows), Cover_Type dropped from the public test, a sample submission of the test Ids with the integer constant 2",
               raw: TabularDec2021RecipeVectors.rawFiles, expected: TabularDec2021RecipeVectors.expected),
        .exact("playground-series-s3e18",
               steps: "a 10% split of 33 rows (ceil(3.3) = 4 test rows) with round-trip floats (0.30000000000000004, 12.0, 3.5e-05), a sample submission of id, EC1, EC2 set to 0.5, EC1 … EC6 dropped from the public test",
               raw: PlaygroundS3e18RecipeVectors.rawFiles, expected: PlaygroundS3e18RecipeVectors.expected),
        .exact("ranzcr-clip-catheter-line-classification",
               steps: "a 10% split, annotations kept by isin on the new train's studies, images copied by id, a sample submission of MLE-bench's 9 classes",
               raw: RanzcrClipRecipeVectors.rawFiles, expected: RanzcrClipRecipeVectors.expected),
        Case(id: "new-york-city-taxi-fare-prediction",
             steps: "an integer test_size of 9914 from 9937 generated rows (23 left in labels.csv), floats re-rendered (\"4.50\" as 4.5, \"0\" as 0.0, missing dropoffs empty), a constant 11.35 fare, the .rtf copied",
             raw: NewYorkCityTaxiFareRecipeVectors.rawFiles.merging(["train.csv": NewYorkCityTaxiFareRecipeVectors.trainCSV]) { a, _ in a },
             expected: NewYorkCityTaxiFareRecipeVectors.expected) { out, _ throws in
            #expect(Digests.md5(Data(NewYorkCityTaxiFareRecipeVectors.trainCSV.utf8)) == NewYorkCityTaxiFareRecipeVectors.trainMD5, "the Swift formula writes the script's train.csv")
            #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted()
                == Set(NewYorkCityTaxiFareRecipeVectors.expected.keys).union(NewYorkCityTaxiFareRecipeVectors.md5.keys).sorted())
            for (path, md5) in NewYorkCityTaxiFareRecipeVectors.md5 where NewYorkCityTaxiFareRecipeVectors.expected[path] == nil {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(path)"))
                #expect(String(decoding: bytes.prefix(4000), as: UTF8.self).hasPrefix(NewYorkCityTaxiFareRecipeVectors.heads[path]!), "\(path)")
                #expect(Digests.md5(bytes) == md5, "\(path)")
            }
        },
        .exact("petfinder-pawpularity-score",
               steps: "a 10% split of 43 rows (ceil(4.3) = 5 test rows), column names with a space, a sample submission of default_rng(0).uniform(1, 100).round(2), images copied by Id to public/train and public/test",
               raw: PetfinderPawpularityRecipeVectors.rawFiles, expected: PetfinderPawpularityRecipeVectors.expected),
        .exact("lmsys-chatbot-arena",
               steps: "a 10% split of 57 rows (ceil(5.7) = 6 answer rows) of JSON-list texts with commas, doubled quotes, real and escaped line breaks, CRLFs, unicode and nulls; a sample submission of three 0.3333333333333333 columns",
               raw: LmsysChatbotArenaRecipeVectors.rawFiles, expected: LmsysChatbotArenaRecipeVectors.expected),
        .exact("histopathologic-cancer-detection",
               steps: "test_size derived from the raw test/*.tif count (list_files, test_size_from), not Kaggle's 57458/277483; isin filters; images copied by id",
               raw: HistopathologicRecipeVectors.rawFiles, expected: HistopathologicRecipeVectors.expected),
        .exact("tweet-sentiment-extraction",
               steps: "a 10% split of 123 tweets (ceil(12.3) = 13 test rows) with commas, quotes, newlines, leading spaces and empty (NaN) texts, all-digit textIDs kept as text, a sample submission of empty selected_text",
               raw: TweetSentimentRecipeVectors.rawFiles, expected: TweetSentimentRecipeVectors.expected),
        Case(id: "jigsaw-toxic-comment-classification-challenge",
             steps: "train.csv, test.csv, test_labels.csv and sample_submission.csv each inside its own zip, written as read (multi-line comments, an empty comment, -1 labels), the six classes of the sample set to 0.5",
             files: JigsawToxicRecipeVectors.rawFiles, archives: JigsawToxicRecipeVectors.rawFiles.keys.sorted().map { ("\($0).zip", $0) },
             expected: JigsawToxicRecipeVectors.expected) { out, _ throws in
            #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == JigsawToxicRecipeVectors.expected.keys.sorted())
        },
        Case(id: "random-acts-of-pizza",
             steps: "json.load of Kaggle-shaped records (sort_keys, \", \" separators, \\u escapes, a \\/), a split with test_size = len(test) / (len(train) + len(test)), the test's fields in its first record's order, json.dump(indent=4) and zipped alone, int(received) answers",
             raw: RandomActsOfPizzaRecipeVectors.rawFiles, expected: RandomActsOfPizzaRecipeVectors.expected) { out, home throws in
            var found: [String] = []
            for folder in ["public", "private"] {
                for name in try FileManager.default.subpathsOfDirectory(atPath: "\(out)/\(folder)") where "\(folder)/\(name)" != "public/description.md" {
                    found.append("\(folder)/\(name)")
                }
            }
            #expect(found.sorted() == (RandomActsOfPizzaRecipeVectors.expected.keys + ["public/train.zip", "public/test.zip"]).sorted())
            for name in ["train", "test"] {
                let members = try RecipeBuild.members("\(out)/public/\(name).zip", extractingInto: "\(home)/x-\(name)")
                #expect(members == ["\(name).json": Data(RandomActsOfPizzaRecipeVectors.expected["public/\(name).json"]!.utf8)], "\(name).zip")
            }
        },
        Case(id: "tabular-playground-series-may-2022",
             steps: "a 100,000-row test split of 100,037 rows, test ids continuing at len(new_train) = 37 (start_at_length_of), not Kaggle's 800,000",
             raw: ["train.csv": TabularMay2022Rows.trainCSV], expected: [:]) { out, _ throws in
            for (path, md5) in TabularMay2022RecipeVectors.md5 {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(path)"))
                #expect(String(decoding: bytes.prefix(200), as: UTF8.self).hasPrefix(TabularMay2022RecipeVectors.expected[path]!), "\(path)")
                #expect(Digests.md5(bytes) == md5, "\(path)")
            }
        },
        .textNormalization("text-normalization-challenge-english-language", "en", trainCSV: TextNormalizationEnRecipeVectors.trainCSV, expected: TextNormalizationEnRecipeVectors.expected),
        .textNormalization("text-normalization-challenge-russian-language", "ru", trainCSV: TextNormalizationRuRecipeVectors.trainCSV, expected: TextNormalizationRuRecipeVectors.expected),
        .exact("chaii-hindi-and-tamil-question-answering",
               steps: "a 10% split of Hindi and Tamil contexts with commas, quotes and newlines, all-digit ids (one with a leading zero) kept as text, answer_text renamed PredictionString, a sample submission of \"dummy text\"",
               raw: ChaiiRecipeVectors.rawFiles, expected: ChaiiRecipeVectors.expected),
        Case(id: "movie-review-sentiment-analysis-kernels-only",
             steps: "a tab-separated train.tsv inside train.tsv.zip read and split, train.tsv and test.tsv written with sep=\"\\t\" and zipped alone",
             files: ["train.tsv": MovieReviewSentimentRecipeVectors.trainTSV], archives: [("train.tsv.zip", "train.tsv")],
             expected: MovieReviewSentimentRecipeVectors.expected.filter { !$0.key.hasSuffix(".tsv") }) { out, home throws in
            for name in ["train.tsv", "test.tsv"] {
                #expect(!FileManager.default.fileExists(atPath: "\(out)/public/\(name)"), "the zipped file leaves the outputs")
                let members = try RecipeBuild.members("\(out)/public/\(name).zip", extractingInto: "\(home)/x-\(name)")
                #expect(members == [name: Data(MovieReviewSentimentRecipeVectors.expected["public/\(name)"]!.utf8)], "\(name).zip")
            }
        },
        Case(id: "aerial-cactus-identification",
             steps: "a 19% split of train.csv, has_cactus = 0.5 in the sample, images (ids with .jpg) of a nested train.zip copied per side and re-zipped into public/train.zip and public/test.zip, the folders removed",
             raw: AerialCactusRecipeVectors.rawFiles, files: AerialCactusRecipeVectors.images,
             archives: [("train.zip", "train")], expected: AerialCactusRecipeVectors.expected) { out, home throws in
            try Self.expectFilesAndZips(out: out, home: home, expected: AerialCactusRecipeVectors.expected, zips: ["public/train.zip", "public/test.zip"], members: AerialCactusRecipeVectors.zipped)
        },
        .exact("dog-breed-identification",
               steps: "a 10% split of labels.csv, answers one-hot over dogs.py's 120 breeds (one_hot), a sample of float64 1/120 in every breed, train/{id}.jpg copied to public/train or public/test, the raw test/ left alone",
               raw: DogBreedRecipeVectors.rawFiles, expected: DogBreedRecipeVectors.expected),
        .exact("plant-pathology-2020-fgvc7",
               steps: "a 10% split, image ids Train_<n> renumbered Train_0, … and Test_0, … by one Series.replace map whose keys overlap its values (renumber), every train image copied to public/images under its new id, Kaggle's Test_ images left alone",
               raw: PlantPathology2020RecipeVectors.rawFiles, expected: PlantPathology2020RecipeVectors.expected),
        .exact("h-and-m-personalized-fashion-recommendations",
               steps: "the last 7 days before the latest t_dat as the test (filter last_days, both window ends present), article ids as text joined per customer (format, group_join), files and images copied",
               raw: HAndMRecipeVectors.rawFiles, expected: HAndMRecipeVectors.expected),
        .exact("jigsaw-unintended-bias-in-toxicity-classification",
               steps: "no split: test_private_expanded.csv (45 columns, empty identity scores) and train.csv copied unchanged, the public test of id and comment_text (commas, quotes, LF and CRLF breaks, spaces, an empty comment) rewritten, a sample of prediction 0.0",
               raw: JigsawUnintendedBiasRecipeVectors.rawFiles, expected: JigsawUnintendedBiasRecipeVectors.expected),
        Case(id: "facebook-recruiting-iii-keyword-extraction",
             steps: "Train.csv (every field quoted, HTML bodies with commas, quotes and line breaks, an empty Title) inside Train.zip, read with Id and Tags as str, a 10% split of 53 rows (ceil(5.3) = 6 test rows), a constant Tags sample",
             files: FacebookKeywordExtractionRecipeVectors.rawFiles, archives: [("Train.zip", "Train.csv")],
             expected: FacebookKeywordExtractionRecipeVectors.expected) { out, _ throws in
            #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == FacebookKeywordExtractionRecipeVectors.expected.keys.sorted())
        },
        .exact("bms-molecular-translation",
               steps: "a 20% split of 41 rows (ceil(8.2) = 9 test rows) of InChIs with commas, an all-digit id kept as text, images copied under train/{c0}/{c1}/{c2}/ to public/train and public/test, a constant InChI sample, extra_approved_InChIs.csv copied",
               raw: BmsMolecularTranslationRecipeVectors.rawFiles, expected: BmsMolecularTranslationRecipeVectors.expected),
        Case(id: "statoil-iceberg-classifier-challenge",
             steps: "train.json.7z and test.json.7z holding data/processed/*.json, a 20% split of 27 records (ceil(5.4) = 6), the test's fields, json.dump without indent (repr floats: -27.878360999999998, -0.0, 1e-05, 0.30000000000000004) packed alone into .7z, int answers, a 0.5 sample kept and packed",
             files: StatoilIcebergRecipeVectors.rawFiles,
             archives: [("train.json.7z", "data/processed/train.json"), ("test.json.7z", "data/processed/test.json")],
             expected: StatoilIcebergRecipeVectors.expected.filter { $0.key.hasPrefix("private/") }) { out, home throws in
            let expected = StatoilIcebergRecipeVectors.expected
            for (archive, member, path) in [("public/train.json.7z", "train.json", "public/train.json"), ("public/test.json.7z", "test.json", "public/test.json"),
                                            ("public/sample_submission.csv.7z", "sample_submission.csv", "private/sample_submission.csv")] {
                let members = try RecipeBuild.members("\(out)/\(archive)", extractingInto: "\(home)/x-\(member)")
                #expect(members == [member: Data(expected[path]!.utf8)], "\(archive)")
            }
            var found: [String] = []
            for folder in ["public", "private"] {
                for name in try FileManager.default.subpathsOfDirectory(atPath: "\(out)/\(folder)") where "\(folder)/\(name)" != "public/description.md" {
                    found.append("\(folder)/\(name)")
                }
            }
            #expect(found.sorted() == ["private/sample_submission.csv", "private/test.csv", "public/sample_submission.csv.7z", "public/test.json.7z", "public/train.json.7z"])
        },
        .exact("predict-volcanic-eruptions-ingv-oe",
               steps: "a 10% split of 47 integer rows (ceil(4.7) = 5 answer rows), an integer 0 sample, each segment's train/{id}.csv copied to public/train or public/test, no public test.csv",
               raw: PredictVolcanicEruptionsRecipeVectors.rawFiles, expected: PredictVolcanicEruptionsRecipeVectors.expected),
        Case(id: "google-quest-challenge",
             steps: "a 10% split, the first test row exchanged with the first non-zero-spelling train row (swap_rows), np.linspace sample columns (linspace)",
             raw: ["train.csv": GoogleQuestRecipeVectors.trainCSV], expected: GoogleQuestRecipeVectors.expected) { out, _ throws in
            #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == GoogleQuestRecipeVectors.expected.keys.sorted())
        },
        .exact("hotel-id-2021-fgvc8",
               steps: "ce27d36c9147cc19.jpg (twice, under two chains) filtered out, a 10% split, a sample of the fixed five hotel ids, train images copied under train_images/{chain}/, test images flat into test_images/",
               raw: HotelId2021RecipeVectors.rawFiles, expected: HotelId2021RecipeVectors.expected),
        .exact("whale-categorization-playground",
               steps: "per Id two images by sample(2, random_state=0), singletons by default_rng(0).choice(p=[0.9, 0.1]), the rest by a 10% split (group_split); test-only Ids renamed new_whale (set where_not_in), a fixed five-Id sample, images copied by name",
               raw: WhaleCategorizationRecipeVectors.rawFiles, expected: WhaleCategorizationRecipeVectors.expected),
        Case(id: "iwildcam-2019-fgvc6",
             steps: "a 10% split of train.csv's unique locations (random_state 8), gold answers renamed Id, Category, a sample written with its index (index = true), images of a flat nested train_images.zip copied per side and zipped by make_archive, the folders removed",
             raw: IWildCam2019RecipeVectors.rawFiles, files: IWildCam2019RecipeVectors.images,
             archives: [("train_images.zip", "*.jpg")], expected: IWildCam2019RecipeVectors.expected) { out, home throws in
            try Self.expectFilesAndZips(out: out, home: home, expected: IWildCam2019RecipeVectors.expected, zips: ["public/train_images.zip", "public/test_images.zip"], members: IWildCam2019RecipeVectors.zipped)
        },
        .exact("seti-breakthrough-listen",
               steps: "a 10% split of train_labels.csv, old_leaky_data copied whole, train/{id[0]}/{id}.npy copied per side keeping the first-character folder, target 0.5 in the sample",
               raw: SetiBreakthroughRecipeVectors.rawFiles, expected: SetiBreakthroughRecipeVectors.expected),
        Case(id: "tgs-salt-identification-challenge",
             steps: "competition_data/train.csv inside the nested competition_data.zip (empty rle_masks), a 25% split, each table sorted by id, train images and masks and test images copied, depths.csv filtered on the new train's ids (all-digit ids kept as text)",
             raw: TgsSaltRecipeVectors.rawFiles, files: TgsSaltRecipeVectors.zipped,
             archives: [("competition_data.zip", "competition_data")], expected: TgsSaltRecipeVectors.expected) { out, _ throws in
            #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == TgsSaltRecipeVectors.expected.keys.sorted())
        },
        .exact("ventilator-pressure-prediction",
               steps: "read with explicit dtypes, split over groupby(\"breath_id\") groups, ids renumbered from 1, written with float_format=\"%.10g\"",
               raw: VentilatorPressureRecipeVectors.rawFiles, expected: VentilatorPressureRecipeVectors.expected),
        Case(id: "tensorflow-speech-recognition-challenge",
             steps: "a listing sorted by f\"{label}_{name}\" in a nested train.7z, a split, test clips renamed clip_<zfill 8>.wav (cumcount with width)",
             files: Dictionary(uniqueKeysWithValues: SpeechRecognitionRecipeVectors.rawFiles.map { ("train/audio/\($0)", $0) }),
             archives: [("train.7z", "train")], expected: SpeechRecognitionRecipeVectors.expected) { out, _ throws in
            #expect(try RecipeBuild.texts(under: out, ["public/train", "public/test"]) == SpeechRecognitionRecipeVectors.copied)
        },
        .exact("hms-harmful-brain-activity-classification",
               steps: "a split of unique spectrogram_ids kept by isin, votes divided by their row sums, a 1/6 sample, example_figures copied whole, EEG and spectrogram parquet files copied once per id",
               raw: HmsBrainActivityRecipeVectors.rawFiles, expected: HmsBrainActivityRecipeVectors.expected),
        .exact("nfl-player-contact-detection",
               steps: "a split of unique game_plays, three tables kept by isin on each side's game plays, \"G\" player ids kept as text, three videos per game play, a contact-0 sample",
               raw: NflPlayerContactRecipeVectors.rawFiles, expected: NflPlayerContactRecipeVectors.expected),
        .exact("rsna-breast-cancer-detection",
               steps: "a split of unique patient_ids (random_state 42), prediction_id = patient_id + '_' + laterality, groupby(prediction_id).first() sorted as text, the new train's mean cancer rate, images by patient folder",
               raw: RsnaBreastCancerRecipeVectors.rawFiles, expected: RsnaBreastCancerRecipeVectors.expected),
        .exact("rsna-miccai-brain-tumor-radiogenomic-classification",
               steps: "zero-padded BraTS21IDs read as text, a 10% row split, each case's folder copied whole, an MGMT_value 0.5 sample",
               raw: RsnaMiccaiBrainTumorRecipeVectors.rawFiles, expected: RsnaMiccaiBrainTumorRecipeVectors.expected),
        .exact("hubmap-kidney-segmentation",
               steps: "a 12/3 split of 15 images, dataset information of 20 images filtered to train.csv's ids, the test merged with width and height, an empty sample also in public/test/, gold encodings, three files per image",
               raw: HubmapKidneyRecipeVectors.rawFiles, expected: HubmapKidneyRecipeVectors.expected),
        .exact("vinbigdata-chest-xray-abnormalities-detection",
               steps: "a split of unique image_ids, the sample in train_test_split's order, groupby([image_id, class_id]).first(), fillna(0), class 14 boxes 0 0 1 1, gold prediction strings joined per image, images copied",
               raw: VinbigdataChestXrayRecipeVectors.rawFiles, expected: VinbigdataChestXrayRecipeVectors.expected),
        Case(id: "dogs-vs-cats-redux-kernels-edition",
             steps: "a listing split in a nested train.zip, cat/dog renaming by per-kind counters (cumcount by a kind set with where_contains), test images numbered from 1, answers from the file names",
             files: Dictionary(uniqueKeysWithValues: DogsVsCatsRecipeVectors.rawFiles.map { ("train/\($0)", $0) }),
             archives: [("train.zip", "train")], expected: DogsVsCatsRecipeVectors.expected) { out, home throws in
            let images = try RecipeBuild.texts(under: out, ["public/train", "public/test"])
            #expect(images == DogsVsCatsRecipeVectors.copied)
            // mlebench.utils.compress: the folders stay, their files also zipped by relative name.
            for folder in ["public/train", "public/test"] {
                let members = try RecipeBuild.members("\(out)/\(folder).zip", extractingInto: "\(home)/x-\((folder as NSString).lastPathComponent)")
                #expect(Set(members.keys.map { "\(folder)/\($0)" }) == Set(images.keys.filter { $0.hasPrefix(folder + "/") }))
            }
        },
        Case(id: "the-icml-2013-whale-challenge-right-whale-redux",
             steps: "fields parsed from file names in a nested train2.zip (list_files with several placeholders in a name), a split by the first two sorted dates, renames by a running index, answers from the names",
             files: Dictionary(uniqueKeysWithValues: RightWhaleReduxRecipeVectors.rawFiles.map { ("train2/\($0)", $0) }),
             archives: [("train2.zip", "train2")], expected: RightWhaleReduxRecipeVectors.expected) { out, home throws in
            var clips: [String: String] = [:]
            for folder in ["public/train2", "public/test2"] {
                #expect(!FileManager.default.fileExists(atPath: "\(out)/\(folder)"), "the zipped folder leaves the outputs")
                let members = try RecipeBuild.members("\(out)/\(folder).zip", extractingInto: "\(home)/x-\((folder as NSString).lastPathComponent)")
                for (name, bytes) in members { clips["\(folder)/\(name)"] = String(decoding: bytes, as: UTF8.self) }
            }
            #expect(clips == RightWhaleReduxRecipeVectors.copied)
        },
        .exact("us-patent-phrase-to-phrase-matching",
               steps: "a 10% split of phrases with commas, quotes and newlines, all-digit ids with a leading zero kept as text, a sample submission of integer 0 scores",
               raw: UsPatentPhraseRecipeVectors.rawFiles, expected: UsPatentPhraseRecipeVectors.expected),
        .exact("learning-agency-lab-automated-essay-scoring-2",
               steps: "a 10% split of essays with paragraph breaks, quotes and non-ASCII letters, all-digit ids with a leading zero kept as text, RandomState(42).randint(1, 7) sample scores",
               raw: EssayScoring2RecipeVectors.rawFiles, expected: EssayScoring2RecipeVectors.expected),
        Case(id: "invasive-species-monitoring",
             steps: "train_labels.csv inside train_labels.csv.zip and train/<name>.jpg inside train.7z, both unpacked where they lie",
             files: ["train_labels.csv": InvasiveSpeciesRecipeVectors.trainLabels]
                 .merging(InvasiveSpeciesRecipeVectors.names.map { ("train/\($0).jpg", "image \($0)") }) { a, _ in a },
             archives: [("train_labels.csv.zip", "train_labels.csv"), ("train.7z", "train")],
             expected: InvasiveSpeciesRecipeVectors.expected.filter { $0.key.hasPrefix("private/") }) { out, home throws in
            func members(_ archive: String) throws -> [String: Data] {
                try RecipeBuild.members(archive, extractingInto: "\(home)/x-\((archive as NSString).lastPathComponent)")
            }
            let expected = InvasiveSpeciesRecipeVectors.expected
            #expect(try members("\(out)/public/train_labels.csv.zip") == ["train_labels.csv": Data(expected["public/train_labels.csv"]!.utf8)])
            #expect(try members("\(out)/public/sample_submission.csv.zip")
                    == ["sample_submission.csv": Data(expected["private/sample_submission.csv"]!.utf8)])
            for (name, images) in [("train", InvasiveSpeciesRecipeVectors.trainImages), ("test", InvasiveSpeciesRecipeVectors.testImages)] {
                let got = try members("\(out)/public/\(name).7z")
                #expect(got.keys.sorted() == images, "\(name).7z")
                for (image, bytes) in got { #expect(bytes == Data("image \(image.dropLast(4))".utf8)) }
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: "\(out)/public").filter { $0 != "description.md" }.sorted()
            #expect(left == ["sample_submission.csv.zip", "test.7z", "train.7z", "train_labels.csv.zip"])
        },
    ]

    @Test(arguments: cases)
    func theOutputsAreWhatMLEBenchWrites(_ c: Case) throws {
        let home = try TestSupport.makeTemporaryDirectory("recipe-\(c.id)")
        defer { TestSupport.remove(home) }
        for (path, text) in c.raw { try RecipeBuild.write("\(home)/raw/\(c.id)/\(path)", text) }
        let out = try RecipeBuild.build(c.id, home: home, files: c.files, archives: c.archives)
        try RecipeBuild.expectBytes(c.expected, under: out)
        try c.check(out, home)
    }
}

/// The generated train.csv of `recipe_tabular_may_2022.py`, row i by the same formula: too large to
/// store in the vectors, cheap to write.
enum TabularMay2022Rows {
    static let trainCSV: String = {
        let letters = Array("ABCDEFGHIJ")
        var text = "id,f_00,f_07,f_27,target\n"
        for i in 0..<TabularMay2022RecipeVectors.rows {
            let k = (i * 7919) % 1000
            text += "\(i),\(k).25,\((i * 31) % 17),\(letters[k % 10])\(letters[(k / 10) % 10])B,\((i * 13) % 2)\n"
        }
        return text
    }()
}

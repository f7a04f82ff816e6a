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

        /// A case whose outputs are exactly `expected`: the same files, each with the same bytes.
        static func exact(_ id: String, steps: String, raw: [String: String], expected: [String: String]) -> Case {
            Case(id: id, steps: steps, raw: raw, expected: expected) { out, _ throws in
                #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == expected.keys.sorted())
            }
        }
    }

    static let cases: [Case] = [
        .exact("champs-scalar-coupling",
               steps: "a split over groupby(\"molecule_name\") groups concatenated in train_test_split's order, isin filters of structures.csv and the auxiliary CSVs on the new train's molecules, the structure files of those molecules",
               raw: ChampsScalarCouplingRecipeVectors.rawFiles, expected: ChampsScalarCouplingRecipeVectors.expected),
        .exact("tabular-playground-series-dec-2021",
               steps: "a 10% split of 47 rows (ceil(4.7) = 5 test rows), Cover_Type dropped from the public test, a sample submission of the test Ids with the integer constant 2",
               raw: TabularDec2021RecipeVectors.rawFiles, expected: TabularDec2021RecipeVectors.expected),
        .exact("playground-series-s3e18",
               steps: "a 10% split of 33 rows (ceil(3.3) = 4 test rows) with round-trip floats (0.30000000000000004, 12.0, 3.5e-05), a sample submission of id, EC1, EC2 set to 0.5, EC1 … EC6 dropped from the public test",
               raw: PlaygroundS3e18RecipeVectors.rawFiles, expected: PlaygroundS3e18RecipeVectors.expected),
        .exact("ranzcr-clip-catheter-line-classification",
               steps: "a 10% split, annotations kept by isin on the new train's studies, images copied by id, a sample submission of MLE-bench's 9 classes",
               raw: RanzcrClipRecipeVectors.rawFiles, expected: RanzcrClipRecipeVectors.expected),
        .exact("histopathologic-cancer-detection",
               steps: "test_size derived from the raw test/*.tif count (list_files, test_size_from), not Kaggle's 57458/277483; isin filters; images copied by id",
               raw: HistopathologicRecipeVectors.rawFiles, expected: HistopathologicRecipeVectors.expected),
        Case(id: "tabular-playground-series-may-2022",
             steps: "a 100,000-row test split of 100,037 rows, test ids continuing at len(new_train) = 37 (start_at_length_of), not Kaggle's 800,000",
             raw: ["train.csv": TabularMay2022Rows.trainCSV], expected: [:]) { out, _ throws in
            for (path, md5) in TabularMay2022RecipeVectors.md5 {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(path)"))
                #expect(String(decoding: bytes.prefix(200), as: UTF8.self).hasPrefix(TabularMay2022RecipeVectors.expected[path]!), "\(path)")
                #expect(Digests.md5(bytes) == md5, "\(path)")
            }
        },
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
        .exact("h-and-m-personalized-fashion-recommendations",
               steps: "the last 7 days before the latest t_dat as the test (filter last_days, both window ends present), article ids as text joined per customer (format, group_join), files and images copied",
               raw: HAndMRecipeVectors.rawFiles, expected: HAndMRecipeVectors.expected),
        Case(id: "google-quest-challenge",
             steps: "a 10% split, the first test row exchanged with the first non-zero-spelling train row (swap_rows), np.linspace sample columns (linspace)",
             raw: ["train.csv": GoogleQuestRecipeVectors.trainCSV], expected: GoogleQuestRecipeVectors.expected) { out, _ throws in
            #expect(try RecipeBuild.texts(under: out, ["public", "private"]).keys.sorted() == GoogleQuestRecipeVectors.expected.keys.sorted())
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

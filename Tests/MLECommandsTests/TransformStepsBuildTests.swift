import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: templated copy_by_id paths, folder copies, filter by value, split train_size,
/// format, set from/mean, renumber unique/format, group_first, normalize and write_csv
/// index/quoting, against the bytes MLE-bench's code writes (`scripts/vectors/transform_steps.py`).
@Suite(.serialized) struct TransformStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("template-steps") }

    static let recipe = """
    \(RecipeBuild.demoHeader)

    [[inputs]]
    path = "cams.csv"

    [[inputs]]
    path = "hotels.csv"

    [[inputs]]
    path = "mols.csv"

    [[inputs]]
    path = "mammo.csv"

    [[inputs]]
    path = "votes.csv"

    [[inputs]]
    path = "tokens.csv"

    [[inputs]]
    path = "leaves.csv"

    [[inputs]]
    path = "boxes.csv"
    [[inputs]]
    path = "train_images"
    directory = true

    [[inputs]]
    path = "train"
    directory = true

    [[inputs]]
    path = "mammo_images"
    directory = true

    [[inputs]]
    path = "images"
    directory = true

    [[inputs]]
    path = "figures"
    directory = true

    [[steps]]
    op = "read_csv"
    path = "cams.csv"
    as = "cams"

    [[steps]]
    op = "split"
    table = "cams"
    by = "location"
    test_size = 0.25
    random_state = 8
    train = "cams_train"
    test = "cams_answers"

    [[steps]]
    op = "drop"
    table = "cams_answers"
    columns = ["category_id"]
    as = "cams_test"

    [[steps]]
    op = "select"
    table = "cams_answers"
    columns = ["id", "category_id"]
    as = "cams_gold"

    [[steps]]
    op = "rename"
    table = "cams_gold"
    columns = { id = "Id", category_id = "Category" }
    as = "cams_gold"

    [[steps]]
    op = "select"
    table = "cams_test"
    columns = ["id"]
    as = "cams_sample"

    [[steps]]
    op = "set"
    table = "cams_sample"
    values = { category_id = 0 }
    as = "cams_sample"

    [[steps]]
    op = "rename"
    table = "cams_sample"
    columns = { id = "Id", category_id = "Category" }
    as = "cams_sample"

    [[steps]]
    op = "write_csv"
    table = "cams_gold"
    to = "private/cams_answers.csv"

    [[steps]]
    op = "write_csv"
    table = "cams_test"
    to = "public/cams_test.csv"

    [[steps]]
    op = "write_csv"
    table = "cams_sample"
    to = "public/cams_sample.csv"
    index = true

    [[steps]]
    op = "write_csv"
    table = "cams_train"
    to = "public/cams_train_indexed.csv"
    index = true
    quoting = "nonnumeric"

    [[steps]]
    op = "read_csv"
    path = "hotels.csv"
    as = "hotels_all"

    [[steps]]
    op = "filter"
    table = "hotels_all"
    column = "image"
    value = "dup.jpg"
    not = true
    as = "hotels"

    [[steps]]
    op = "split"
    table = "hotels"
    train_size = 0.75
    random_state = 0
    train = "h_train"
    test = "h_test"

    [[steps]]
    op = "select"
    table = "h_test"
    columns = ["image", "hotel_id"]
    as = "h_sample"

    [[steps]]
    op = "set"
    table = "h_sample"
    values = { hotel_id = "36363 53586 18807 64314 60181" }
    as = "h_sample"

    [[steps]]
    op = "write_csv"
    table = "h_train"
    to = "public/hotels_train.csv"

    [[steps]]
    op = "write_csv"
    table = "h_sample"
    to = "public/hotels_sample.csv"

    [[steps]]
    op = "copy_by_id"
    table = "h_train"
    column = "image"
    from = "train_images/{chain}/{id}"
    to = "public/train_images/{chain}/{image}"

    [[steps]]
    op = "copy_by_id"
    table = "h_test"
    column = "image"
    from = "train_images/{chain}/{image}"
    to = "public/test_images/{hotel_id}_{id}"

    [[steps]]
    op = "filter"
    table = "hotels_all"
    column = "chain"
    value = 1
    as = "chain1"

    [[steps]]
    op = "write_csv"
    table = "chain1"
    to = "private/chain1.csv"

    [[steps]]
    op = "read_csv"
    path = "mols.csv"
    as = "mols"

    [[steps]]
    op = "split"
    table = "mols"
    test_size = 0.25
    random_state = 0
    train = "m_train"
    test = "m_test"

    [[steps]]
    op = "write_csv"
    table = "m_train"
    to = "public/mols_train.csv"

    [[steps]]
    op = "copy_by_id"
    table = "m_train"
    column = "image_id"
    from = "train/{id[0]}/{id[1]}/{id[2]}/{id}.png"
    to = "public/train/{image_id[0]}/{image_id[1]}/{image_id[2]}/{image_id}.png"

    [[steps]]
    op = "copy_by_id"
    table = "m_test"
    column = "image_id"
    from = "train/{id[0]}/{id[1]}/{id[2]}/{id}.png"
    to = "public/test/{id[0]}/{id}.png"

    [[steps]]
    op = "copy"
    from = "figures"
    to = "public/example_figures"

    [[steps]]
    op = "read_csv"
    path = "mammo.csv"
    as = "mammo"

    [[steps]]
    op = "split"
    table = "mammo"
    by = "patient_id"
    test_size = 0.25
    random_state = 42
    train = "r_train"
    test = "r_test"

    [[steps]]
    op = "write_csv"
    table = "r_train"
    to = "public/mammo_train.csv"

    [[steps]]
    op = "select"
    table = "r_test"
    columns = ["site_id", "patient_id", "image_id", "laterality", "view", "cancer"]
    as = "r_answers"

    [[steps]]
    op = "format"
    table = "r_answers"
    column = "prediction_id"
    template = "{patient_id}_{laterality}"
    as = "r_answers"

    [[steps]]
    op = "drop"
    table = "r_answers"
    columns = ["cancer"]
    as = "r_public_test"

    [[steps]]
    op = "write_csv"
    table = "r_public_test"
    to = "public/mammo_test.csv"

    [[steps]]
    op = "select"
    table = "r_answers"
    columns = ["prediction_id", "cancer"]
    as = "r_answers"

    [[steps]]
    op = "group_first"
    table = "r_answers"
    by = "prediction_id"
    as = "r_answers"

    [[steps]]
    op = "write_csv"
    table = "r_answers"
    to = "private/mammo_answers.csv"

    [[steps]]
    op = "set"
    table = "r_answers"
    columns = ["cancer"]
    mean = { table = "r_train", column = "cancer" }
    as = "r_sample"

    [[steps]]
    op = "write_csv"
    table = "r_sample"
    to = "public/mammo_sample.csv"

    [[steps]]
    op = "copy_by_id"
    table = "r_train"
    column = "image_id"
    from = "mammo_images/{patient_id}/{id}.dcm"
    to = "public/mammo_images/{patient_id}/{id}.dcm"

    [[steps]]
    op = "read_csv"
    path = "votes.csv"
    as = "votes"

    [[steps]]
    op = "split"
    table = "votes"
    by = "spectrogram_id"
    test_size = 0.34
    random_state = 0
    train = "v_train"
    test = "v_test"

    [[steps]]
    op = "select"
    table = "v_test"
    columns = ["eeg_id", "seizure_vote", "lpd_vote", "other_vote"]
    as = "v_gold"

    [[steps]]
    op = "normalize"
    table = "v_gold"
    columns = ["seizure_vote", "lpd_vote", "other_vote"]
    as = "v_gold"

    [[steps]]
    op = "write_csv"
    table = "v_gold"
    to = "private/votes_gold.csv"

    [[steps]]
    op = "set"
    table = "v_gold"
    columns = ["seizure_vote", "lpd_vote", "other_vote"]
    value = 0.3333333333333333
    as = "v_sample"

    [[steps]]
    op = "write_csv"
    table = "v_sample"
    to = "public/votes_sample.csv"

    [[steps]]
    op = "read_csv"
    path = "tokens.csv"
    as = "tokens"

    [[steps]]
    op = "split"
    table = "tokens"
    by = "sentence_id"
    test_size = 0.34
    random_state = 0
    train = "t_train"
    test = "t_answers"

    [[steps]]
    op = "renumber"
    table = "t_train"
    column = "sentence_id"
    start = 0
    unique = true
    map = "t_train_ids"
    as = "t_train"

    [[steps]]
    op = "renumber"
    table = "t_answers"
    column = "sentence_id"
    start = 0
    unique = true
    map = "t_test_ids"
    as = "t_answers"

    [[steps]]
    op = "drop"
    table = "t_answers"
    columns = ["after", "class"]
    as = "t_test"

    [[steps]]
    op = "format"
    table = "t_answers"
    column = "id"
    template = "{sentence_id}_{token_id}"
    as = "t_gold"

    [[steps]]
    op = "select"
    table = "t_gold"
    columns = ["id", "after"]
    as = "t_gold"

    [[steps]]
    op = "format"
    table = "t_test"
    column = "id"
    template = "{sentence_id}_{token_id}"
    as = "t_sample"

    [[steps]]
    op = "set"
    table = "t_sample"
    from = { after = "before" }
    as = "t_sample"

    [[steps]]
    op = "select"
    table = "t_sample"
    columns = ["id", "after"]
    as = "t_sample"

    [[steps]]
    op = "write_csv"
    table = "t_gold"
    to = "private/tokens_answers.csv"
    quoting = "nonnumeric"

    [[steps]]
    op = "write_csv"
    table = "t_sample"
    to = "public/tokens_sample.csv"
    quoting = "nonnumeric"

    [[steps]]
    op = "write_csv"
    table = "t_train"
    to = "public/tokens_train.csv"
    quoting = "nonnumeric"

    [[steps]]
    op = "write_csv"
    table = "t_test"
    to = "public/tokens_test.csv"
    quoting = "nonnumeric"

    [[steps]]
    op = "read_csv"
    path = "leaves.csv"
    as = "leaves"

    [[steps]]
    op = "split"
    table = "leaves"
    test_size = 0.2
    random_state = 0
    train = "l_old_train"
    test = "l_old_test"

    [[steps]]
    op = "renumber"
    table = "l_old_train"
    column = "image_id"
    start = 0
    unique = true
    format = "Train_{n}"
    map = "l_train_ids"
    as = "l_train"

    [[steps]]
    op = "renumber"
    table = "l_old_test"
    column = "image_id"
    start = 0
    unique = true
    format = "Test_{n}"
    map = "l_test_ids"
    as = "l_test"

    [[steps]]
    op = "copy_by_id"
    table = "l_old_train"
    column = "image_id"
    from = "images/{id}.jpg"
    to = "public/images/{new}.jpg"
    map = "l_train_ids"

    [[steps]]
    op = "copy_by_id"
    table = "l_old_test"
    column = "image_id"
    from = "images/{id}.jpg"
    to = "public/images/{new}.jpg"
    map = "l_test_ids"

    [[steps]]
    op = "write_csv"
    table = "l_test"
    to = "private/leaves_test.csv"

    [[steps]]
    op = "write_csv"
    table = "l_train"
    to = "public/leaves_train.csv"

    [[steps]]
    op = "read_csv"
    path = "boxes.csv"
    as = "boxes"

    [[steps]]
    op = "group_first"
    table = "boxes"
    by = ["image_id", "class_id"]
    as = "boxes_first"

    [[steps]]
    op = "write_csv"
    table = "boxes_first"
    to = "private/boxes_first.csv"

    [[steps]]
    op = "group_first"
    table = "boxes"
    by = "class_id"
    as = "boxes_by_class"

    [[steps]]
    op = "write_csv"
    table = "boxes_by_class"
    to = "private/boxes_by_class.csv"

    [outputs]

    [grader]
    metric = "accuracy"
    """

    func build(recipe: String = Self.recipe) throws -> TestSupport.ProcessResult {
        try RecipeBuild.build(home: home, recipe: recipe, raw: TransformStepsVectors.raw)
    }

    @Test func theOutputsAreWhatPandasAndScikitLearnWrite() throws {
        defer { TestSupport.remove(home) }
        let r = try build()
        #expect(r.status == 0, "\(r.stderr)")
        let out = RecipeBuild.prepared(home: home)
        #expect(Set(try RecipeBuild.texts(under: out, ["public", "private"]).keys) == Set(TransformStepsVectors.expected.keys))
        try RecipeBuild.expectBytes(TransformStepsVectors.expected, under: out)
    }

    @Test(arguments: [
        ("template = \"{patient_id}_{laterality}\"", "template = \"{patient}_{laterality}\"",
         "(format): template '{patient}_{laterality}': no column 'patient'"),
        ("to = \"public/test/{id[0]}/{id}.png\"", "to = \"public/test/{id[40]}/{id}.png\"",
         "has no character 40"),
        ("columns = [\"seizure_vote\", \"lpd_vote\", \"other_vote\"]\nas = \"v_gold\"",
         "columns = [\"seizure_vote\", \"nope\"]\nas = \"v_gold\"", "(normalize): no column 'nope'"),
        ("value = \"dup.jpg\"", "value = true", "field 'steps[13].value': expected a string or a number"),
        ("to = \"public/cams_sample.csv\"", "to = \"public/cams_sample.csv\"\nquoting = \"all\"", "quoting': expected 'minimal' or 'nonnumeric', got 'all'"),
    ])
    func aStepThatCannotBeDoneExactlyFailsTheBuild(_ old: String, _ new: String, _ message: String) throws {
        defer { TestSupport.remove(home) }
        let changed = Self.recipe.replacingOccurrences(of: old, with: new)
        #expect(changed != Self.recipe)
        let r = try build(recipe: changed)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: copy_dir_by_id, zip, filter and sort on a small generated competition.
@Suite(.serialized) struct FileStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("more-steps") }

    static let recipe = """
    \(RecipeBuild.demoHeader)

    [[inputs]]
    path = "train.csv"

    [[inputs]]
    path = "keep.csv"

    [[inputs]]
    path = "train"
    directory = true

    [[steps]]
    op = "read_csv"
    path = "train.csv"
    as = "train"

    [[steps]]
    op = "read_csv"
    path = "keep.csv"
    as = "keep"

    [[steps]]
    op = "filter"
    table = "train"
    column = "id"
    in = "keep"
    in_column = "kept"
    as = "kept"

    [[steps]]
    op = "filter"
    table = "train"
    column = "id"
    in = "keep"
    in_column = "kept"
    not = true
    as = "rest"

    [[steps]]
    op = "sort"
    table = "kept"
    by = "score"
    as = "sorted"

    [[steps]]
    op = "write_csv"
    table = "sorted"
    to = "public/sorted.csv"

    [[steps]]
    op = "write_csv"
    table = "rest"
    to = "private/rest.csv"

    [[steps]]
    op = "copy_dir_by_id"
    table = "kept"
    column = "id"
    from = "train/{id}"
    to = "public/train/{id}"

    [[steps]]
    op = "copy_dir_by_id"
    table = "rest"
    column = "id"
    from = "train/{id}"
    to = "public/other/{id}"

    [[steps]]
    op = "zip"
    from = "public/train"
    to = "public/train.zip"

    [[steps]]
    op = "zip"
    from = "public/other"
    to = "public/other.zip"
    keep = true

    [outputs]

    [grader]
    metric = "accuracy"
    """

    func write(_ path: String, _ text: String) throws { try RecipeBuild.write(path, text) }

    func setUp(recipe: String = Self.recipe, train: String = "id,score\na,3.5\nb,1\nc,2\nd,-4\ne,10\n") throws {
        try write("\(home)/registry/demo/recipe.toml", recipe)
        try write("\(home)/raw/demo/train.csv", train)
        try write("\(home)/raw/demo/keep.csv", "kept\ne\nb\na\nzz\n")
        for id in ["a", "b", "c", "d", "e"] {
            try write("\(home)/raw/demo/train/\(id)/x.txt", "x of \(id)\n")
            try write("\(home)/raw/demo/train/\(id)/sub/y.txt", "y of \(id)\n")
        }
        try write("\(home)/raw/demo/train/ab/x.txt", "not a's\n")  // shares a's prefix without the slash
    }

    func build(_ data: String) throws -> TestSupport.ProcessResult {
        try RecipeBuild.run(home: home, data: data)
    }

    @Test func filterSortCopyDirAndZipBuildTheExpectedTree() throws {
        defer { TestSupport.remove(home) }
        try setUp()
        let r = try build("\(home)/data")
        #expect(r.status == 0, "\(r.stderr)")
        let out = "\(home)/data/demo/prepared"
        // isin keeps file order; sort_values orders by score.
        #expect(try String(contentsOfFile: "\(out)/public/sorted.csv", encoding: .utf8) == "id,score\nb,1.0\na,3.5\ne,10.0\n")
        #expect(try String(contentsOfFile: "\(out)/private/rest.csv", encoding: .utf8) == "id,score\nc,2.0\nd,-4.0\n")
        // The zipped folder leaves the outputs unless keep = true.
        #expect(!FileManager.default.fileExists(atPath: "\(out)/public/train"))
        #expect(try String(contentsOfFile: "\(out)/public/other/c/sub/y.txt", encoding: .utf8) == "y of c\n")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/public/other/ab"))
        let py = """
        import zipfile, sys
        for name in sys.argv[1:]:
            with zipfile.ZipFile(name) as z:
                assert z.testzip() is None
                for i in z.infolist():
                    print(i.filename, i.date_time[0], i.compress_type, z.read(i).decode().strip())
        """
        let listing = try TestSupport.run("/usr/bin/env", ["python3", "-c", py, "\(out)/public/train.zip", "\(out)/public/other.zip"])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout == """
        a/sub/y.txt 1980 8 y of a
        a/x.txt 1980 8 x of a
        b/sub/y.txt 1980 8 y of b
        b/x.txt 1980 8 x of b
        e/sub/y.txt 1980 8 y of e
        e/x.txt 1980 8 x of e
        c/sub/y.txt 1980 8 y of c
        c/x.txt 1980 8 x of c
        d/sub/y.txt 1980 8 y of d
        d/x.txt 1980 8 x of d

        """)
        // Deterministic: a second build elsewhere gives the same zip bytes.
        let again = try build("\(home)/data2")
        #expect(again.status == 0, "\(again.stderr)")
        let first = try Digests.hashFile(at: "\(out)/public/train.zip", .md5).hex
        let second = try Digests.hashFile(at: "\(home)/data2/demo/prepared/public/train.zip", .md5).hex
        #expect(first == second)
    }

    @Test func sortingARepeatedValueIsRefusedAsAmbiguous() throws {
        defer { TestSupport.remove(home) }
        try setUp(train: "id,score\na,1\nb,2\ne,1\nc,0\nd,5\n")
        let r = try build("\(home)/data")
        #expect(r.status != 0)
        #expect(r.stderr.contains("step 5 (sort)") && r.stderr.contains("ties are ambiguous"), "\(r.stderr)")
    }

    @Test func aRowWithoutAFolderIsAnError() throws {
        defer { TestSupport.remove(home) }
        try setUp()
        try FileManager.default.removeItem(atPath: "\(home)/raw/demo/train/d")
        let r = try build("\(home)/data")
        #expect(r.status != 0)
        #expect(r.stderr.contains("copy_dir_by_id") && r.stderr.contains("no raw files under 'train/d/'"), "\(r.stderr)")
    }
}

import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: copy_dir_by_id, zip, filter and sort on a small generated competition.
@Suite(.serialized) struct FileStepsBuildTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("more-steps") }

    static let recipe = RecipeBuild.demo("file-steps")

    /// Raw files: a train.csv of `train`, the ids to keep, and a folder of files per id.
    static func raw(train: String = "id,score\na,3.5\nb,1\nc,2\nd,-4\ne,10\n") -> [String: String] {
        var raw = ["train.csv": train, "keep.csv": "kept\ne\nb\na\nzz\n"]
        for id in ["a", "b", "c", "d", "e"] {
            raw["train/\(id)/x.txt"] = "x of \(id)\n"
            raw["train/\(id)/sub/y.txt"] = "y of \(id)\n"
        }
        raw["train/ab/x.txt"] = "not a's\n"  // shares a's prefix without the slash
        return raw
    }

    @Test func filterSortCopyDirAndZipBuildTheExpectedTree() throws {
        defer { TestSupport.remove(home) }
        try RecipeBuild.stage(home: home, recipe: Self.recipe, raw: Self.raw())
        let out = try RecipeBuild.expectPrepared(try RecipeBuild.run(home: home), home: home)
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
        let again = try RecipeBuild.run(home: home, data: "\(home)/data2")
        #expect(again.status == 0, "\(again.stderr)")
        let first = try Digests.hashFile(at: "\(out)/public/train.zip", .md5).hex
        let second = try Digests.hashFile(at: "\(home)/data2/demo/prepared/public/train.zip", .md5).hex
        #expect(first == second)
    }

    @Test(arguments: [
        RefusedBuild("sorting a repeated value", raw: raw(train: "id,score\na,1\nb,2\ne,1\nc,0\nd,5\n"),
                     saying: "step 5 (sort)", "ties are ambiguous"),
        RefusedBuild("a row without a folder", raw: raw().filter { !$0.key.hasPrefix("train/d/") },
                     saying: "copy_dir_by_id", "no raw files under 'train/d/'"),
    ])
    func aSortOrFolderCopyItCannotDoExactlyIsAnError(_ refusal: RefusedBuild) throws {
        defer { TestSupport.remove(home) }
        try RecipeBuild.expectRefused(refusal, home: home, recipe: Self.recipe, raw: Self.raw())
    }
}

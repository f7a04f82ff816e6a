import Foundation
import MLEBasics
import MLEModel
import MLEStore
import MLETestSupport
import Testing

struct ObjectStoreTests {
    let dir: String
    let store: ObjectStore

    init() throws {
        dir = try TestSupport.makeTemporaryDirectory("store")
        store = try ObjectStore(root: "\(dir)/store")
    }

    func write(_ rel: String, _ text: String) throws {
        let p = "\(dir)/\(rel)"
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
    }

    @Test func addingSameBytesTwiceIsNoOp() throws {
        defer { TestSupport.remove(dir) }
        try write("a.txt", "hello\n")
        let first = try store.addFile(at: "\(dir)/a.txt")
        let second = try store.addFile(at: "\(dir)/a.txt")
        #expect(first == second)
        #expect(first.hex == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
        #expect(try store.allObjects().count == 1)
        #expect(try store.data(of: first) == Data("hello\n".utf8))
        // Objects are read-only so that exported hard links cannot alter the store.
        var st = stat()
        stat(store.path(for: first), &st)
        #expect(st.st_mode & 0o777 == 0o444)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/store/tmp").isEmpty)
    }

    @Test func aPinnedAddRefusesOtherBytes() throws {
        defer { TestSupport.remove(dir) }
        try write("a.txt", "hello\n")
        let wrong = try ObjectID(hex: String(repeating: "a", count: 64))
        #expect(throws: StoreError.self) { try store.addFile(at: "\(dir)/a.txt", expected: wrong) }
        #expect(try store.allObjects().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/store/tmp").isEmpty)
    }

    @Test func aDirectoryHasOneTreeDigestIndependentOfWhereItLives() throws {
        defer { TestSupport.remove(dir) }
        try write("d1/train.csv", "a,b\n1,2\n")
        try write("d1/sub/x.txt", "x")
        try write("d2/sub/x.txt", "x")
        try write("d2/train.csv", "a,b\n1,2\n")
        let (t1, m1) = try store.addDirectory(at: "\(dir)/d1")
        let (t2, _) = try store.addDirectory(at: "\(dir)/d2")
        #expect(t1 == t2)
        #expect(m1.entries.map(\.path) == ["sub/x.txt", "train.csv"])
        let text = String(decoding: try store.data(of: t1), as: UTF8.self)
        #expect(text == """
        mlepkg-tree 1
        100644 1 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 sub/x.txt
        100644 8 \(Digests.sha256(Data("a,b\n1,2\n".utf8))) train.csv

        """)
        #expect(Digests.sha256(Data(text.utf8)) == t1.hex)
        #expect(try store.kind(of: t1) == .tree)
    }

    @Test func exportHardLinksBlobsAndRecreatesTheTree() throws {
        defer { TestSupport.remove(dir) }
        try write("d/a/b.txt", "bee")
        try write("d/c.txt", "sea")
        let (tree, _) = try store.addDirectory(at: "\(dir)/d")
        try store.export(tree, to: "\(dir)/out")
        #expect(try String(contentsOfFile: "\(dir)/out/a/b.txt", encoding: .utf8) == "bee")
        var a = stat(), b = stat()
        stat("\(dir)/out/c.txt", &a)
        stat(store.path(for: try ObjectID(hex: Digests.sha256(Data("sea".utf8)))), &b)
        #expect(a.st_ino == b.st_ino)
        // Exporting again over the same directory is a no-op.
        try store.export(tree, to: "\(dir)/out")
    }

    @Test func gcKeepsReferencedTreesAndTheirEntriesAndDropsTheRest() throws {
        defer { TestSupport.remove(dir) }
        try write("d/kept.txt", "kept")
        try write("loose.txt", "loose")
        let (tree, _) = try store.addDirectory(at: "\(dir)/d")
        let loose = try store.addFile(at: "\(dir)/loose.txt")
        try store.setRef("data", to: tree, kind: "user")
        let dry = try store.collectGarbage(dryRun: true)
        #expect(dry.removed == [loose])
        #expect(store.contains(loose))
        let real = try store.collectGarbage(dryRun: false)
        #expect(real.removed == [loose])
        #expect(real.freedBytes == 5)
        #expect(!store.contains(loose))
        #expect(store.contains(tree))
        #expect(try store.fsck().isEmpty)
        try store.removeRef("data")
        #expect(try store.collectGarbage(dryRun: false).removed.count == 2)
        #expect(try store.allObjects().isEmpty)
    }

    @Test func fsckNamesCorruptAndMissingObjects() throws {
        defer { TestSupport.remove(dir) }
        try write("d/a.txt", "aaa")
        try write("d/b.txt", "bbb")
        let (tree, manifest) = try store.addDirectory(at: "\(dir)/d")
        let a = manifest.entries[0].object, b = manifest.entries[1].object
        chmod(store.path(for: a), 0o644)
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: store.path(for: a)))
        unlink(store.path(for: b))
        let problems = try store.fsck()
        #expect(problems.contains { $0.kind == .corrupt && $0.object == a })
        #expect(problems.contains { $0.kind == .missing && $0.object == b })
        #expect(problems.contains { $0.kind == .danglingTreeEntry && $0.object == tree })
    }

    @Test func aResumableWriterKeepsItsBytesAcrossAborts() throws {
        defer { TestSupport.remove(dir) }
        let w1 = try store.makeResumableWriter(key: "http://x/y")
        try w1.write(Data("hello ".utf8))
        w1.abort()
        let w2 = try store.makeResumableWriter(key: "http://x/y")
        #expect(w2.bytesWritten == 6)
        try w2.write(Data("world".utf8))
        let id = try w2.commit()
        #expect(id.hex == Digests.sha256(Data("hello world".utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/store/partial").isEmpty)
    }

    @Test func gcRemovesTemporaryFilesWhoseWriterIsGone() throws {
        defer { TestSupport.remove(dir) }
        try Data("junk".utf8).write(to: URL(fileURLWithPath: "\(dir)/store/tmp/123-9.tmp"))
        let live = try store.makeWriter()
        try live.write(Data("in progress".utf8))
        let r = try store.collectGarbage(dryRun: false)
        #expect(r.staleTemporaryFiles == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/store/tmp").count == 1)
        live.abort()
    }

    @Test func sourcesAreRecordedAndFoundByURL() throws {
        defer { TestSupport.remove(dir) }
        let id = try store.addData(Data("x".utf8))
        try store.recordSource(id, url: "https://e.org/x", size: 1)
        #expect(try store.object(fetchedFrom: "https://e.org/x") == id)
        #expect(try store.sources(of: id).map(\.url) == ["https://e.org/x"])
        #expect(try store.object(fetchedFrom: "https://e.org/other") == nil)
    }

    @Test func treeManifestsRoundTripAndRejectGarbage() throws {
        defer { TestSupport.remove(dir) }
        let id = try ObjectID(hex: String(repeating: "b", count: 64))
        let m = TreeManifest(entries: [
            TreeEntry(path: "z", mode: .file, size: 1, object: id),
            TreeEntry(path: "a\nb\\c", mode: .executable, size: 2, object: id),
        ])
        #expect(try TreeManifest.decode(m.encoded()) == m)
        #expect(throws: ModelError.self) { try TreeManifest.decode(Data("nope\n".utf8)) }
        #expect(throws: ModelError.self) { try TreeManifest.decode(Data("mlepkg-tree 1\n100644 x y z\n".utf8)) }
    }

    @Test func manifestsSplitOnBytesSoCarriageReturnsAndCombiningMarksRoundTrip() throws {
        // "x\r" followed by the line break is one Swift Character ("\r\n"), and so is the
        // separating space followed by a combining accent: splitting on Characters merged
        // two entries or failed to split one (found by `make fuzz`, target tree).
        let id = try ObjectID(hex: Digests.sha256(Data()))
        let m = TreeManifest(entries: ["x\r", "\u{301}accent", "back\\slash\n", "y"].map {
            TreeEntry(path: $0, mode: .file, size: 0, object: id)
        })
        let decoded = try TreeManifest.decode(m.encoded())
        #expect(decoded.entries.map { Array($0.path.utf8) } == m.entries.map { Array($0.path.utf8) })
        #expect(decoded.encoded() == m.encoded())
        // The fuzzer's input replays through the decoder and the round trip.
        let crash = TestSupport.packageRoot.appendingPathComponent("Fuzz/corpus/tree/crlf-path-regression.txt").path
        let fromFuzzer = try TreeManifest.decode(try Data(contentsOf: URL(fileURLWithPath: crash)))
        #expect(try TreeManifest.decode(fromFuzzer.encoded()) == fromFuzzer)
    }
}

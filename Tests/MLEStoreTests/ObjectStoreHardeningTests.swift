import Foundation
import MLEBasics
import MLEModel
import MLEStore
import MLETestSupport
import Testing

/// Trees that must not be exported as they are, and objects an interrupted writer leaves.
struct ObjectStoreHardeningTests {
    let dir: String
    let store: ObjectStore

    init() throws {
        dir = try TestSupport.makeTemporaryDirectory("store-hard")
        store = try ObjectStore(root: "\(dir)/store")
    }

    func blob(_ text: String) throws -> (ObjectID, Int64) {
        (try store.addData(Data(text.utf8)), Int64(text.utf8.count))
    }

    /// The issue's chain, stored as a manifest directly (as an older mlepkg could have).
    /// What a writer killed between link(2) and the index insert leaves: an intact object file
    /// the index does not list.
    func unindexedObject(_ text: String) throws -> ObjectID {
        let id = try ObjectID(hex: Digests.sha256(Data(text.utf8)))
        let path = store.path(for: id)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return id
    }

    func chainTree() throws -> ObjectID {
        let (up, upSize) = try blob("..")
        let (via, viaSize) = try blob("a/l1/..")
        let (pwned, pwnedSize) = try blob("pwned")
        return try store.addTree(TreeManifest(entries: [
            TreeEntry(path: "a/l1", mode: .symlink, size: upSize, object: up),
            TreeEntry(path: "b", mode: .symlink, size: viaSize, object: via),
            TreeEntry(path: "b/PWNED", mode: .file, size: pwnedSize, object: pwned),
        ]))
    }

    @Test func exportRefusesATreeWithAnEntryBelowASymlinkBeforeWritingAnything() throws {
        defer { TestSupport.remove(dir) }
        let tree = try chainTree()
        try FileManager.default.createDirectory(atPath: "\(dir)/x", withIntermediateDirectories: true)
        do {
            try store.export(tree, to: "\(dir)/x/out")
            Issue.record("the chain was exported")
        } catch {
            #expect("\(error)" == "cannot export tree \(tree): 'b/PWNED' lies below the symlink 'b'; writing it would follow the link")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x/PWNED"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x/out"))
    }

    @Test func exportNeverWritesThroughALinkAlreadyInTheFolder() throws {
        defer { TestSupport.remove(dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/src/b", withIntermediateDirectories: true)
        try Data("pwned".utf8).write(to: URL(fileURLWithPath: "\(dir)/src/b/PWNED"))
        let (tree, _) = try store.addDirectory(at: "\(dir)/src")
        try FileManager.default.createDirectory(atPath: "\(dir)/x/out", withIntermediateDirectories: true)
        #expect(symlink("..", "\(dir)/x/out/b") == 0)
        do {
            try store.export(tree, to: "\(dir)/x/out")
            Issue.record("exported through a planted link")
        } catch {
            #expect("\(error)".contains("'\(dir)/x/out/b': is a symlink; export does not write through links"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x/PWNED"))
    }

    @Test func namesThatDifferOnlyInNormalisationAreRefusedWhenAdded() throws {
        defer { TestSupport.remove(dir) }
        let composed = "caf\u{e9}.txt", decomposed = "cafe\u{301}.txt"
        try FileManager.default.createDirectory(atPath: "\(dir)/d", withIntermediateDirectories: true)
        for (name, text) in [(composed, "one"), (decomposed, "two")] {
            // Byte-exact names: Foundation's path APIs may normalise them.
            let fd = open("\(dir)/d/\(name)", O_WRONLY | O_CREAT, 0o644)
            _ = text.withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/d").count == 2)
        do {
            _ = try store.addDirectory(at: "\(dir)/d")
            Issue.record("two names that one dictionary key would merge were added")
        } catch {
            #expect("\(error)".contains("only in Unicode normalisation"), "\(error)")
        }
    }

    @Test func anIntactObjectMissingFromTheIndexIsAnOrphanNotDamage() throws {
        defer { TestSupport.remove(dir) }
        let id = try unindexedObject("orphaned bytes")
        let problems = try store.fsck()
        #expect(problems.map(\.kind) == [.orphan])
        #expect(problems.allSatisfy { !$0.isDamage })
        #expect(try store.collectGarbage(dryRun: false).removed == [id])
        #expect(try store.fsck().isEmpty)
    }

    @Test func aPresentButUnindexedObjectIsIndexedOnceRecorded() throws {
        defer { TestSupport.remove(dir) }
        let bytes = Data("left by a killed pull".utf8)
        let id = try unindexedObject("left by a killed pull")
        let (indexed, size) = try blob("already indexed")
        try store.recordPresent([(id, Int64(bytes.count)), (indexed, size)])
        #expect(try store.fsck().isEmpty)
        #expect(try store.record(of: id)?.size == Int64(bytes.count))
        #expect(try store.record(of: indexed)?.size == size)
    }
}

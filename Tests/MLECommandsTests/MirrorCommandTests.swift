import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// Two labs with separate stores: A builds, locks and pushes; B, offline but for the
/// mirror, pulls and rebuilds from the lock and must get the same bytes.
@Suite(.serialized) struct MirrorCommandTests {
    let root: String
    init() throws { root = try TestSupport.makeTemporaryDirectory("mirror") }

    static let registry = ["--registry", TestSupport.packageRoot.appendingPathComponent("registry").path]
    static let competitions = ["spaceship-titanic", "leaf-classification"]

    func lab(_ name: String, _ args: [String], offline: Bool = false) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(args, home: "\(root)/\(name)", extraEnvironment: offline ? ["MLEPKG_OFFLINE": "1"] : [:])
    }

    /// Every regular file below `dir`, by relative path, with its SHA-256.
    func hashes(_ dir: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: dir)
        while let rel = walker?.nextObject() as? String {
            if !FileIO.isDirectory("\(dir)/\(rel)") { out[rel] = try Digests.hashFile(at: "\(dir)/\(rel)").hex }
        }
        return out
    }

    func json(_ r: TestSupport.ProcessResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
    }

    /// Lab A: build and lock two competitions from the real raw files, push to `mirror`.
    func labAPushes(to mirror: String) throws -> String {
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let lock = "\(root)/a/lab.lock"
        let l = try lab("a", ["lock"] + Self.competitions + ["--raw-dir", raw, "-o", lock, "-q"] + Self.registry)
        #expect(l.status == 0, "\(l.stderr)")
        let b = try lab("a", ["build"] + Self.competitions + ["--raw-dir", raw, "--data-dir", "\(root)/a/data", "-q"] + Self.registry)
        #expect(b.status == 0, "\(b.stderr)")
        let p = try lab("a", ["mirror", "push", mirror, "--lock", lock, "--json"])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(try json(p)["objects"] as? Int ?? 0 > 1000)
        return lock
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
    func aSecondLabPullsFromAFolderAndRebuildsTheSameBytesOffline() throws {
        defer { TestSupport.remove(root) }
        let mirror = "\(root)/mirror"
        let lock = try labAPushes(to: mirror)
        // The layout: objects by digest, packs, the lock by name.
        #expect(FileManager.default.fileExists(atPath: "\(mirror)/mlepkg-mirror"))
        #expect(FileManager.default.fileExists(atPath: "\(mirror)/locks/lab.lock"))
        let packs = try FileManager.default.contentsOfDirectory(atPath: "\(mirror)/packs/sha256")
        #expect(packs.count == 6)  // inputs, public and private of each competition
        // Pushing again uploads nothing.
        let again = try lab("a", ["mirror", "push", mirror, "--lock", lock, "--json"])
        #expect(try json(again)["objects"] as? Int == 0, "\(again.stdout)")

        // Lab B has no raw files and no network: the lock comes from the mirror too.
        let bLock = "\(root)/b/lab.lock"
        let pull = try lab("b", ["mirror", "pull", "file://\(mirror)", "--lock", bLock, "--json"], offline: true)
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(try String(contentsOfFile: bLock, encoding: .utf8) == (try String(contentsOfFile: lock, encoding: .utf8)))
        let pulled = try json(pull)
        #expect(pulled["objects"] as? Int ?? 0 > 1000)
        let build = try lab("b", ["build", "--locked", bLock, "--data-dir", "\(root)/b/data", "-q"] + Self.registry, offline: true)
        #expect(build.status == 0, "\(build.stderr)")
        let a = try hashes("\(root)/a/data"), b = try hashes("\(root)/b/data")
        #expect(a.count > 900)
        #expect(a == b)

        // A second pull transfers nothing and asks the mirror nothing.
        let second = try lab("b", ["mirror", "pull", mirror, "--lock", bLock, "--json"], offline: true)
        let summary = try json(second)
        #expect(summary["objects"] as? Int == 0)
        #expect(summary["requests"] as? Int == 0)
        #expect(summary["present"] as? Int == pulled["objects"] as? Int)
    }

    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "../shared/data/kaggle-raw is absent"))
    func corruptOrMissingObjectsOnTheMirrorAreNamedAndRefused() throws {
        defer { TestSupport.remove(root) }
        let mirror = "\(root)/mirror"
        let lock = try labAPushes(to: mirror)
        // A flipped byte in the pack of spaceship-titanic's public tree.
        let text = try String(contentsOfFile: lock, encoding: .utf8)
        let packsDir = "\(mirror)/packs/sha256"
        let entry = try #require(text.range(of: "id = \"spaceship-titanic\""))
        let after = text[entry.upperBound...]
        let line = try #require(after.components(separatedBy: "\n").first { $0.hasPrefix("public = ") })
        let tree = String(line.dropFirst("public = \"sha256:".count).dropLast())
        let pack = "\(packsDir)/\(tree).pack"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: pack))
        bytes[100] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: pack))
        let refused = try lab("c", ["mirror", "pull", mirror, "--lock", "\(root)/c/lab.lock", "spaceship-titanic"], offline: true)
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.contains("'packs/sha256/\(tree).pack' holds corrupt bytes for sha256:"), "\(refused.stderr)")
        // The tree is not in the store: nothing partial is visible.
        let cat = try lab("c", ["store", "cat", "sha256:\(tree)"])
        #expect(cat.status != 0)

        // A missing object is named, with the exit code for an unavailable source.
        bytes[100] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: pack))
        unlink("\(mirror)/objects/sha256/\(tree.prefix(2))/\(tree.dropFirst(2))")
        let missing = try lab("d", ["mirror", "pull", mirror, "--lock", "\(root)/d/lab.lock", "spaceship-titanic"], offline: true)
        #expect(missing.status == 4, "\(missing.stderr)")
        #expect(missing.stderr.contains("lacks 'objects/sha256/\(tree.prefix(2))/\(tree.dropFirst(2))'"), "\(missing.stderr)")
    }
}

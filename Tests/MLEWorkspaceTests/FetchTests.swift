import Foundation
import MLEArchive
import MLEBasics
import MLEFetch
import MLEModel
import MLEStore
import MLETestSupport
import MLEWorkspace
import Testing

/// A workspace over a private store, pointed at a fault-injecting server on 127.0.0.1.
struct Fixture {
    let dir: String
    let server: FaultServer
    let payload = TestSupport.bytes(count: 200_000, seed: 7)
    var pin: ObjectID { ObjectID(trustedHex: Digests.sha256(payload)) }

    init() throws {
        dir = try TestSupport.makeTemporaryDirectory("ws")
        server = try FaultServer()
        try server.put("data.bin", payload)
    }

    func workspace(offline: Bool = false, distdirs: [String] = [], attempts: Int = 3,
                   env: [String: String] = ["KAGGLE_USERNAME": "alice", "KAGGLE_KEY": "secret"]) throws -> Workspace {
        var config = WorkspaceConfiguration(paths: MLEPaths(home: "\(dir)/store", configDirectory: "\(dir)/config"))
        config.offline = offline
        config.distdirs = distdirs
        config.retry = RetryPolicy(attempts: attempts, baseDelay: 0.01, maxDelay: 0.05, connectTimeout: 5, stallTimeout: 5)
        config.kaggle = KaggleSource(apiBase: server.url("api/v1"))
        config.environment = env.merging(["HOME": dir]) { a, _ in a }
        return try Workspace(configuration: config)
    }

    func cleanup() {
        server.stop()
        TestSupport.remove(dir)
    }

    func request(_ path: String, sha256: ObjectID? = nil, size: Int64? = nil, mirrors: [String] = []) throws -> FetchRequest {
        FetchRequest(source: try SourceRef(parsing: server.url(path)), mirrors: mirrors, sha256: sha256, size: size)
    }
}

func expectIntegrityError(_ body: () throws -> Void, containing text: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        try body()
        Issue.record("no error", sourceLocation: sourceLocation)
    } catch let e as WorkspaceError {
        #expect(e.isIntegrityFailure, sourceLocation: sourceLocation)
        #expect(e.description.contains(text), "\(e)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}

@Suite(.serialized) struct FetchTests {
    @Test func aPinnedFetchStoresVerifiedBytesAndRecordsTheSource() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        let r = try ws.fetch(try f.request("files/data.bin", sha256: f.pin, size: 200_000))
        #expect(r.object == f.pin)
        #expect(r.origin == .network(f.server.url("files/data.bin")))
        #expect(try ws.store.data(of: f.pin) == f.payload)
        #expect(try ws.store.sources(of: f.pin).map(\.url) == [f.server.url("files/data.bin")])
        // A second fetch is served by the store without a request.
        let again = try ws.fetch(try f.request("files/data.bin", sha256: f.pin))
        #expect(again.origin == .store)
        #expect(try f.server.hits("files/data.bin") == 1)
    }

    @Test func anHTMLPageInsteadOfTheFileIsRefusedAndNamed() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        expectIntegrityError({ _ = try ws.fetch(try f.request("html/data.bin", sha256: f.pin)) },
                             containing: "got an HTML page")
        #expect(try ws.store.allObjects().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(f.dir)/store/partial").isEmpty)
    }

    @Test func aTruncatedFileIsRefusedAndNamed() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        expectIntegrityError({ _ = try ws.fetch(try f.request("truncated/data.bin", sha256: f.pin, size: 200_000)) },
                             containing: "truncated: got 100000 of 200000 bytes")
        #expect(try ws.store.allObjects().isEmpty)
    }

    @Test func differentContentIsRefusedWithBothHashes() throws {
        let f = try Fixture(); defer { f.cleanup() }
        try f.server.put("other.bin", TestSupport.bytes(count: 200_000, seed: 8))
        let ws = try f.workspace()
        expectIntegrityError({ _ = try ws.fetch(try f.request("files/other.bin", sha256: f.pin)) },
                             containing: "different content (200000 bytes): expected \(f.pin)")
        #expect(try ws.store.allObjects().isEmpty)
    }

    @Test func mirrorsAreTriedInOrderAfterTheSource() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        let r = try ws.fetch(try f.request("status/404/data.bin", sha256: f.pin,
                                           mirrors: [f.server.url("html/data.bin"), f.server.url("files/data.bin")]))
        #expect(r.object == f.pin)
        #expect(r.origin == .network(f.server.url("files/data.bin")))
        #expect(try f.server.hits("status/404/data.bin") == 1)
        #expect(try f.server.hits("html/data.bin") == 1)
    }

    @Test func anInterruptedDownloadResumesOnTheNextRun() throws {
        let f = try Fixture(); defer { f.cleanup() }
        // One attempt only: the dropped connection ends the first run with half the bytes kept.
        #expect(throws: FetchError.self) {
            _ = try f.workspace(attempts: 1).fetch(try f.request("drop-once/data.bin", sha256: f.pin))
        }
        let partial = try FileManager.default.contentsOfDirectory(atPath: "\(f.dir)/store/partial")
        #expect(partial.count == 1)
        #expect(FileIO.fileSize("\(f.dir)/store/partial/\(partial[0])") == 100_000)
        let r = try f.workspace().fetch(try f.request("drop-once/data.bin", sha256: f.pin))
        #expect(r.object == f.pin)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(f.dir)/store/partial").isEmpty)
    }

    @Test func parallelFetchesAllComplete() throws {
        let f = try Fixture(); defer { f.cleanup() }
        var requests: [FetchRequest] = []
        var expected: [String] = []
        for i in 0..<6 {
            let data = TestSupport.bytes(count: 50_000 + i, seed: UInt64(i + 20))
            try f.server.put("p\(i).bin", data)
            requests.append(try f.request(i % 2 == 0 ? "slow/p\(i).bin" : "files/p\(i).bin"))
            expected.append(Digests.sha256(data))
        }
        let results = try f.workspace().fetchAll(requests)
        #expect(try results.map { try $0.get().object.hex } == expected)
    }

    @Test func offlineServesTheDropFolderByContentAndFailsClearlyOtherwise() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let drop = "\(f.dir)/drop"
        try FileManager.default.createDirectory(atPath: "\(drop)/nested", withIntermediateDirectories: true)
        try f.payload.write(to: URL(fileURLWithPath: "\(drop)/nested/renamed-by-hand.zip"))
        try Data("decoy".utf8).write(to: URL(fileURLWithPath: "\(drop)/data.bin"))
        let ws = try f.workspace(offline: true, distdirs: [drop])
        let r = try ws.fetch(try f.request("files/data.bin", sha256: f.pin))
        #expect(r.origin == .distdir("\(drop)/nested/renamed-by-hand.zip"))
        #expect(try f.server.hits("files/data.bin") == 0)
        let missing = ObjectID(trustedHex: Digests.sha256(Data("absent".utf8)))
        do {
            _ = try ws.fetch(try f.request("files/absent.bin", sha256: missing))
            Issue.record("offline fetch of a missing file succeeded")
        } catch let e as FetchError {
            #expect(e.description.contains("offline (MLEPKG_OFFLINE=1)"))
            #expect(e.description.contains("absent.bin"))
            #expect(e.description.contains("not in the drop folder '\(drop)'"))
        }
    }

    @Test func kaggleDownloadsFollowTheRedirectWithoutLeakingCredentials() throws {
        let f = try Fixture(); defer { f.cleanup() }
        try f.server.put("competitions/spaceship-titanic.zip", f.payload)
        try f.server.put("datasets/kaggle/meta-kaggle/Competitions.csv", Data("Id,Slug\n1,a\n".utf8))
        let ws = try f.workspace()
        let r = try ws.fetch(FetchRequest(source: try SourceRef(parsing: "kaggle://competitions/spaceship-titanic"), sha256: f.pin))
        #expect(r.object == f.pin)
        #expect(try ws.store.sources(of: f.pin).map(\.url).contains("kaggle://competitions/spaceship-titanic"))
        let d = try ws.fetch(FetchRequest(source: try SourceRef(parsing: "kaggle://datasets/kaggle/meta-kaggle/Competitions.csv")))
        #expect(try ws.store.data(of: d.object) == Data("Id,Slug\n1,a\n".utf8))
    }

    @Test func kaggleExplainsUnacceptedRulesBadCredentialsAndMissingOnes() throws {
        let f = try Fixture(); defer { f.cleanup() }
        do {
            _ = try f.workspace().fetch(FetchRequest(source: try SourceRef(parsing: "kaggle://competitions/rules-not-accepted")))
            Issue.record("403 accepted")
        } catch let e as FetchError {
            #expect(e.description.contains("https://www.kaggle.com/c/rules-not-accepted/rules"))
        }
        do {
            _ = try f.workspace(env: ["KAGGLE_USERNAME": "alice", "KAGGLE_KEY": "wrong"])
                .fetch(FetchRequest(source: try SourceRef(parsing: "kaggle://competitions/x")))
            Issue.record("401 accepted")
        } catch let e as FetchError {
            #expect(e.description.contains("rejected the credentials of user 'alice' (401)"))
        }
        do {
            _ = try f.workspace(env: [:]).fetch(FetchRequest(source: try SourceRef(parsing: "kaggle://competitions/x")))
            Issue.record("no credentials accepted")
        } catch let e as FetchError {
            #expect(e.description.hasPrefix("no Kaggle credentials"))
        }
    }
}

@Suite(.serialized) struct UnpackTests {
    static let archives: String = {
        let dir = (try? TestSupport.makeTemporaryDirectory("ws-archives")) ?? "/tmp"
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/MLETestSupport/make_archives.py").path
        _ = try? TestSupport.run("/usr/bin/env", ["python3", script, dir])
        return dir
    }()

    @Test func unpackingGivesTheSameTreeAsAddingTheFilesAndIsReused() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        let zip = try ws.store.addFile(at: "\(Self.archives)/good.zip")
        let (tree, manifest) = try ws.unpack(zip)
        #expect(manifest.entries.map(\.path) == ["images/1.jpg", "run.sh", "train.csv"])
        #expect(manifest.entries[1].mode == .executable)
        let (again, _) = try ws.unpack(zip)
        #expect(again == tree)
        let tgz = try ws.store.addFile(at: "\(Self.archives)/good.tar.gz")
        let (tarTree, tarManifest) = try ws.unpack(tgz)
        #expect(tarManifest.entries.first { $0.path == "train-copy.csv" }?.object
                == tarManifest.entries.first { $0.path == "train.csv" }?.object)
        #expect(tarTree != tree)  // it also holds a symlink and a hard link
        try ws.store.export(tarTree, to: "\(f.dir)/out")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(f.dir)/out/images/link.jpg") == "1.jpg")
    }

    @Test(arguments: ["dotdot.zip", "symlink-out.tar", "device.tar", "absolute.tar"])
    func aRefusedArchiveLeavesNothingNewInTheStore(_ name: String) throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        let archive = try ws.store.addFile(at: "\(Self.archives)/\(name)")
        #expect(throws: ArchiveError.self) { _ = try ws.unpack(archive) }
        #expect(try ws.store.allObjects().map(\.id) == [archive])
        #expect(try ws.store.objectsOnDisk() == [archive])
    }
}

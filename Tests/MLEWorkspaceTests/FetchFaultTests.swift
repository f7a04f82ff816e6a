import Foundation
import MLEBasics
import MLEFetch
import MLEModel
import MLETestSupport
import MLEWorkspace
import Testing

/// Servers and sources that misbehave: each case once let a fetch store wrong bytes, fill the
/// disk, hang, retry what cannot succeed, or leave files behind.
@Suite(.serialized) struct FetchFaultTests {
    func partialFiles(_ f: Fixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "\(f.dir)/store/partial")
    }

    @Test func a416AfterADroppedBodyIsNotTakenForTheWholeFile() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        // Unpinned: nothing but the size the server states can tell half a file from all of it.
        let r = try ws.fetch(try f.request("drop-then-416/data.bin"))
        #expect(r.size == 200_000)
        #expect(r.object == f.pin)
        #expect(try f.server.hits("drop-then-416/data.bin") == 3)  // dropped, 416, whole file
        #expect(try partialFiles(f).isEmpty)
    }

    @Test func aPinnedSizeStopsAnEndlessBodyJustPastIt() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        expectIntegrityError({ _ = try ws.fetch(try f.request("endless/x.bin", size: 1_000_000)) },
                             containing: "more than the expected 1000000 bytes; nothing was stored")
        #expect(try ws.store.allObjects().isEmpty)
        #expect(try partialFiles(f).isEmpty)
    }

    @Test func anUnsizedFetchStopsAtTheConfiguredLimit() throws {
        let f = try Fixture(); defer { f.cleanup() }
        var config = try f.workspace().configuration
        config.maxDownloadSize = 2 << 20
        let ws = try Workspace(configuration: config)
        do {
            _ = try ws.fetch(try f.request("endless/x.bin", sha256: f.pin))
            Issue.record("an endless body was accepted")
        } catch let error as FetchError {
            guard case .tooLarge(_, let limit) = error else { Issue.record("\(error)"); return }
            #expect(limit == 2 << 20)
            #expect(error.description.contains("larger than 2097152 bytes"))
        }
        #expect(try ws.store.allObjects().isEmpty)
        #expect(try partialFiles(f).isEmpty)
    }

    @Test func theDownloadLimitIsReadFromTheConfigAndTheEnvironment() throws {
        let f = try Fixture(); defer { f.cleanup() }
        try FileManager.default.createDirectory(atPath: "\(f.dir)/config", withIntermediateDirectories: true)
        try Data(#"{"max_download_size": "3G"}"#.utf8).write(to: URL(fileURLWithPath: "\(f.dir)/config/config.json"))
        let env = ["MLEPKG_HOME": "\(f.dir)/store", "MLEPKG_CONFIG_DIR": "\(f.dir)/config"]
        #expect(try WorkspaceConfiguration.load(environment: env).maxDownloadSize == 3 << 30)
        #expect(try WorkspaceConfiguration.load(environment: env.merging(["MLEPKG_MAX_DOWNLOAD_SIZE": "1048576"]) { $1 })
            .maxDownloadSize == 1 << 20)
        #expect(throws: WorkspaceError.self) {
            _ = try WorkspaceConfiguration.load(environment: env.merging(["MLEPKG_MAX_DOWNLOAD_SIZE": "lots"]) { $1 })
        }
    }

    @Test func fileSourcesThatAreNotRegularFilesAreRefusedAtOnce() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        let folder = "\(f.dir)/folder", fifo = "\(f.dir)/pipe"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(mkfifo(fifo, 0o600) == 0)
        let start = Date()
        for (path, reason) in [("/dev/zero", "is a device"), (folder, "is a directory"), (fifo, "is a FIFO")] {
            do {
                _ = try ws.fetch(FetchRequest(source: try SourceRef(parsing: "file://\(path)")))
                Issue.record("file://\(path) was fetched")
            } catch let error as FetchError {
                #expect(error.description == "'file://\(path)': \(reason), not a regular file")
            }
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(try ws.store.allObjects().isEmpty)
        #expect(try partialFiles(f).isEmpty)
    }

    @Test(arguments: [
        ("redirect-loop/data.bin", "Number of redirects hit maximum amount", 11),
        ("redirect-file/data.bin", "curl error 1", 1),
        ("not-http/data.bin", "curl error 1", 1),
    ])
    func permanentFailuresAreNotRetried(_ path: String, _ message: String, _ requests: Int) throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace(attempts: 5)
        do {
            _ = try ws.fetch(try f.request(path))
            Issue.record("\(path) succeeded")
        } catch let error as FetchError {
            #expect(!error.isTransient)
            #expect(error.description.contains(message), "\(error)")
        }
        #expect(try f.server.hits(path) == requests)  // one attempt (a loop is 1 + 10 redirects)
        #expect(try partialFiles(f).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(f.dir)/store/objects/sha256/" + Digests.sha256(Data()).prefix(2)))
    }

    @Test func a429IsRetriedAfterTheServersRetryAfter() throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace(attempts: 3)
        let start = Date()
        let r = try ws.fetch(try f.request("retry-after/429/1/data.bin", sha256: f.pin))
        #expect(r.object == f.pin)
        #expect(try f.server.hits("retry-after/429/1/data.bin") == 2)
        #expect(Date().timeIntervalSince(start) >= 1.0)  // the policy's own delay is 0.01 s
    }

    @Test(arguments: [403, 404])
    func aRefusalLeavesNothingInPartial(_ status: Int) throws {
        let f = try Fixture(); defer { f.cleanup() }
        let ws = try f.workspace()
        #expect(throws: FetchError.self) { _ = try ws.fetch(try f.request("status/\(status)/data.bin", sha256: f.pin)) }
        #expect(try f.server.hits("status/\(status)/data.bin") == 1)
        #expect(try partialFiles(f).isEmpty)
    }
}

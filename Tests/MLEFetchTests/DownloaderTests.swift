import Foundation
import MLEBasics
import MLEFetch
import MLEModel
import MLETestSupport
import Testing

/// A sink that keeps bytes in memory.
final class MemorySink: DownloadSink {
    var data = Data()
    var bytesWritten: Int64 { Int64(data.count) }
    func write(_ buffer: UnsafeRawBufferPointer) throws { data.append(contentsOf: buffer) }
    func truncate() throws { data = Data() }
}

let fastRetries = RetryPolicy(attempts: 3, baseDelay: 0.01, maxDelay: 0.05, connectTimeout: 5, stallTimeout: 5)

@Suite(.serialized) struct DownloaderTests {
    let server: FaultServer
    let payload = TestSupport.bytes(count: 300_000, seed: 3)

    init() throws {
        server = try FaultServer()
        try server.put("data.bin", payload)
    }

    @Test func aPlainDownloadDeliversEveryByte() throws {
        let sink = MemorySink()
        try Downloader(policy: fastRetries).download(server.url("files/data.bin"), into: sink)
        #expect(sink.data == payload)
    }

    @Test func aConnectionDroppedMidBodyIsResumedWithARangeRequest() throws {
        let sink = MemorySink()
        try Downloader(policy: fastRetries).download(server.url("drop-once/data.bin"), into: sink)
        #expect(sink.data == payload)
        #expect(try server.hits("drop-once/data.bin") == 2)
    }

    @Test func aResumeAgainstAServerThatIgnoresRangesStartsOver() throws {
        let sink = MemorySink()
        sink.data = payload.prefix(1000)
        try Downloader(policy: fastRetries).download(server.url("norange/data.bin"), into: sink)
        #expect(sink.data == payload)
    }

    @Test func aResumeFromHeldBytesFetchesOnlyTheRest() throws {
        let sink = MemorySink()
        sink.data = payload.prefix(123_456)
        try Downloader(policy: fastRetries).download(server.url("files/data.bin"), into: sink)
        #expect(sink.data == payload)
    }

    @Test func a500IsRetriedAndThe200Kept() throws {
        let sink = MemorySink()
        try Downloader(policy: fastRetries).download(server.url("fail-then-ok/data.bin"), into: sink)
        #expect(sink.data == payload)
        #expect(try server.hits("fail-then-ok/data.bin") == 2)
    }

    @Test func persistent5xxFailsAfterTheLastAttempt() throws {
        let sink = MemorySink()
        #expect(throws: FetchError.self) {
            try Downloader(policy: fastRetries).download(server.url("always-500/data.bin"), into: sink)
        }
        #expect(try server.hits("always-500/data.bin") == 3)
        #expect(sink.data.isEmpty)
    }

    @Test func a4xxIsNotRetried() throws {
        let sink = MemorySink()
        do {
            try Downloader(policy: fastRetries).download(server.url("status/404/data.bin"), into: sink)
            Issue.record("404 accepted")
        } catch let error as FetchError {
            guard case .http(_, let status, _) = error else { Issue.record("\(error)"); return }
            #expect(status == 404)
        }
        #expect(try server.hits("status/404/data.bin") == 1)
        #expect(sink.data.isEmpty)
    }

    @Test func aSlowTrickleCompletes() throws {
        let sink = MemorySink()
        try Downloader(policy: fastRetries).download(server.url("slow/data.bin"), into: sink)
        #expect(sink.data == payload)
    }

    @Test func fileURLsWorkAndResume() throws {
        let sink = MemorySink()
        sink.data = payload.prefix(10)
        try Downloader(policy: fastRetries).download("file://\(server.root)/data.bin", into: sink)
        #expect(sink.data == payload)
    }

    @Test func aRefusedConnectionIsATransportError() throws {
        let sink = MemorySink()
        do {
            try Downloader(policy: fastRetries).download("http://127.0.0.1:1/x", into: sink)
        } catch let error as FetchError {
            guard case .transport = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("127.0.0.1:1"))
        }
    }
}

struct KaggleSourceTests {
    @Test func referencesMapToKaggleAPIPaths() throws {
        let k = KaggleSource(apiBase: "http://h/api/v1/")
        #expect(k.downloadURL(for: try SourceRef(parsing: "kaggle://competitions/spaceship-titanic"))
                == "http://h/api/v1/competitions/data/download-all/spaceship-titanic")
        #expect(k.downloadURL(for: try SourceRef(parsing: "kaggle://competitions/leaf/train.csv.zip"))
                == "http://h/api/v1/competitions/data/download/leaf/train.csv.zip")
        #expect(k.downloadURL(for: try SourceRef(parsing: "kaggle://datasets/kaggle/meta-kaggle"))
                == "http://h/api/v1/datasets/download/kaggle/meta-kaggle")
        #expect(k.downloadURL(for: try SourceRef(parsing: "kaggle://datasets/kaggle/meta-kaggle/Competitions.csv"))
                == "http://h/api/v1/datasets/download/kaggle/meta-kaggle/Competitions.csv")
        #expect(throws: ModelError.self) { try SourceRef(parsing: "kaggle://competitions") }
        #expect(throws: ModelError.self) { try SourceRef(parsing: "kaggle://competitions/../x") }
        #expect(throws: ModelError.self) { try SourceRef(parsing: "ftp://x/y") }
    }

    @Test func credentialsComeFromTheEnvironmentThenKaggleJSON() throws {
        let dir = try TestSupport.makeTemporaryDirectory("kaggle")
        defer { TestSupport.remove(dir) }
        #expect(try KaggleSource.credentials(environment: ["KAGGLE_USERNAME": "u", "KAGGLE_KEY": "k", "HOME": dir])
                == BasicAuth(user: "u", password: "k"))
        do {
            _ = try KaggleSource.credentials(environment: ["HOME": dir])
            Issue.record("no credentials accepted")
        } catch let e as FetchError {
            #expect(e.description.contains("~/.kaggle/kaggle.json"))
        }
        try FileManager.default.createDirectory(atPath: "\(dir)/.kaggle", withIntermediateDirectories: true)
        try Data(#"{"username":"alice","key":"secret"}"#.utf8).write(to: URL(fileURLWithPath: "\(dir)/.kaggle/kaggle.json"))
        #expect(try KaggleSource.credentials(environment: ["HOME": dir]) == BasicAuth(user: "alice", password: "secret"))
        try Data(#"{"username":"alice"}"#.utf8).write(to: URL(fileURLWithPath: "\(dir)/cfg.json"))
        try FileManager.default.createDirectory(atPath: "\(dir)/cfg", withIntermediateDirectories: true)
        try Data(#"{"username":"alice"}"#.utf8).write(to: URL(fileURLWithPath: "\(dir)/cfg/kaggle.json"))
        do {
            _ = try KaggleSource.credentials(environment: ["HOME": dir, "KAGGLE_CONFIG_DIR": "\(dir)/cfg"])
            Issue.record("key-less file accepted")
        } catch let e as FetchError {
            #expect(e.description == "invalid Kaggle credentials file '\(dir)/cfg/kaggle.json': missing \"key\"")
        }
    }
}

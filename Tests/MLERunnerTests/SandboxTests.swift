import Foundation
@testable import MLERunner
import Testing

@Suite struct SandboxTests {
    @Test func aMissingBubblewrapIsAnErrorNeverAPlainRun() throws {
        #expect(throws: RunnerError.self) { try Sandbox(bwrap: "/nonexistent/bwrap") }
        let e = try? Sandbox(bwrap: "/nonexistent/bwrap")
        #expect(e == nil)
        do { _ = try Sandbox(bwrap: "/nonexistent/bwrap") } catch {
            #expect("\(error)".hasSuffix("mlepkg never runs an agent unsandboxed"))
        }
    }

    @Test func theCommandLineHoldsTheCommandBackAndNamesEveryNamespace() throws {
        var spec = SandboxSpec(command: ["/bin/sh", "/home/agent/start.sh"])
        spec.mounts = [.init(source: "/tmp", target: "/home/submission", writable: true),
                       .init(source: "/usr", target: "/home/data", writable: false)]
        spec.environment = ["COMPETITION_ID": "x"]
        let a = try Sandbox(bwrap: "/bin/true").arguments(for: spec)
        for flag in ["--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-net", "--disable-userns", "--clearenv", "--die-with-parent"] {
            #expect(a.contains(flag), "missing \(flag)")
        }
        #expect(a.suffix(3) == ["--", "/bin/sh", "/home/agent/start.sh"])
        #expect(a.firstIndex(of: "--block-fd").map { a[$0 + 1] } == "4")
        #expect(a.firstIndex(of: "--info-fd").map { a[$0 + 1] } == "3")
        #expect(a.firstIndex(of: "--bind").map { Array(a[$0...($0 + 2)]) } == ["--bind", "/tmp", "/home/submission"])
        #expect(a.firstIndex(of: "--cap-drop").map { a[$0 + 1] } == "ALL")
        // /etc is shown file by file: never the host's password hashes.
        #expect(!a.contains("/etc/shadow"))
        #expect(a.contains("/etc/passwd") || !FileManager.default.fileExists(atPath: "/etc/passwd"))
        spec.network = .host
        #expect(!(try Sandbox(bwrap: "/bin/true").arguments(for: spec)).contains("--unshare-net"))
    }

    @Test func aMountOfAMissingFolderIsRefused() throws {
        var spec = SandboxSpec(command: ["/bin/true"])
        spec.mounts = [.init(source: "/nonexistent/public", target: "/home/data", writable: false)]
        #expect(throws: RunnerError.self) { try Sandbox(bwrap: "/bin/true").arguments(for: spec) }
    }

    @Test func proxyTargetsAreParsedStrictly() {
        #expect(ConnectProxy.hostPort("api.openai.com:443", defaultPort: 80)! == ("api.openai.com", 443))
        #expect(ConnectProxy.hostPort("example.org", defaultPort: 80)! == ("example.org", 80))
        #expect(ConnectProxy.hostPort("[::1]:8080", defaultPort: 80)! == ("::1", 8080))
        for bad in ["", ":443", "host:0", "host:70000", "host:x", "a:1:2", "[::1"] {
            #expect(ConnectProxy.hostPort(bad, defaultPort: 80) == nil, "\(bad)")
        }
        let p = ConnectProxy(allow: ["API.example.com", "127.0.0.1:8080"])
        #expect(p.allow == ["api.example.com:443", "127.0.0.1:8080"])
    }

    @Test func theValidationServerReadsTheFileFieldOfAForm() {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\nContent-Type: text/csv\r\n\r\nid,y\n1,0\n\r\n--XyZ--\r\n".utf8)
        #expect(ValidationServer.formFile(body, contentType: "multipart/form-data; boundary=XyZ") == Array("id,y\n1,0\n".utf8))
        #expect(ValidationServer.formFile(body, contentType: "multipart/form-data") == nil)
        #expect(ValidationServer.formFile(Array("no parts".utf8), contentType: "multipart/form-data; boundary=XyZ") == nil)
    }

    @Test func theDiskWatchCountsTheBlocksOfEveryFileBelow() throws {
        let dir = NSTemporaryDirectory() + "mlepkg-disk-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: "\(dir)/a/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(count: 100_000).write(to: URL(fileURLWithPath: "\(dir)/a/b/f"))
        #expect(DiskUsage.bytes(under: dir) >= 100_000)
        #expect(DiskUsage.bytes(under: "\(dir)/missing") == 0)
    }
}

import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End-to-end tests of the built `mlepkg` executable, run as a user would run it.
struct CommandsTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("cli") }

    func mlepkg(_ args: String..., env: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(args, home: home, extraEnvironment: env)
    }

    func file(_ name: String, _ data: Data) throws -> String {
        let p = "\(home)/\(name)"
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: p))
        return p
    }

    @Test func helpListsTheCommandsWithExamples() throws {
        defer { TestSupport.remove(home) }
        let root = try mlepkg("--help")
        #expect(root.status == 0)
        for line in ["USAGE: mlepkg <subcommand>", "  fetch ", "  store ", "  fsck ",
                     "MLEPKG_OFFLINE=1", "3 integrity failure"] {
            #expect(root.stdout.contains(line), "missing '\(line)'")
        }
        let fetch = try mlepkg("fetch", "--help")
        #expect(fetch.stdout.contains("Examples:"))
        #expect(fetch.stdout.contains("kaggle://competitions/SLUG[/FILE]"))
        #expect(fetch.stdout.contains("--sha256 <sha256>"))
        let store = try mlepkg("store", "--help")
        for sub in ["add", "cat", "ls", "export", "gc", "refs", "unref"] {
            #expect(store.stdout.contains("  \(sub) "), "store help lacks \(sub)")
        }
        #expect(try mlepkg("--version").stdout == "0.1.0\n")
    }

    @Test func storeCommandsWorkEndToEnd() throws {
        defer { TestSupport.remove(home) }
        let a = try file("data/a.csv", Data("x,y\n1,2\n".utf8))
        _ = try file("data/img/1.bin", TestSupport.bytes(count: 5000))
        let add = try mlepkg("store", "add", a)
        #expect(add.status == 0)
        #expect(add.stdout == "sha256:\(Digests.sha256(Data("x,y\n1,2\n".utf8)))\n")
        let tree = try mlepkg("store", "add", "\(home)/data", "--ref", "d", "--json")
        let json = try JSONSerialization.jsonObject(with: tree.stdoutData) as! [[String: Any]]
        #expect(json[0]["kind"] as? String == "tree")
        #expect(json[0]["files"] as? Int == 2)
        let treeID = json[0]["object"] as! String
        let cat = try mlepkg("store", "cat", treeID)
        #expect(cat.stdout.hasPrefix("mlepkg-tree 1\n100644 8 "))
        #expect(try mlepkg("store", "cat", "sha256:\(Digests.sha256(Data("x,y\n1,2\n".utf8)))").stdout == "x,y\n1,2\n")
        #expect(try mlepkg("store", "export", treeID, "\(home)/out").status == 0)
        #expect(FileManager.default.contents(atPath: "\(home)/out/img/1.bin") == TestSupport.bytes(count: 5000))
        let ls = try mlepkg("store", "ls", "--json")
        #expect((try JSONSerialization.jsonObject(with: ls.stdoutData) as! [Any]).count == 3)
        #expect(try mlepkg("fsck").stdout == "checked 3 objects: all intact\n")
        #expect(try mlepkg("store", "unref", "d").status == 0)
        #expect(try mlepkg("store", "unref", "d").status != 0)
        let gc = try mlepkg("store", "gc", "--json")
        #expect((try JSONSerialization.jsonObject(with: gc.stdoutData) as! [String: Any])["removed"] as? [String] != nil)
        #expect(try mlepkg("store", "ls").stdout.isEmpty)
    }

    @Test func fsckNamesACorruptObjectAndExitsWith3() throws {
        defer { TestSupport.remove(home) }
        let a = try file("a.txt", Data("intact".utf8))
        _ = try mlepkg("store", "add", a)
        let id = Digests.sha256(Data("intact".utf8))
        let objectPath = "\(home)/store/objects/sha256/\(id.prefix(2))/\(id.dropFirst(2))"
        chmod(objectPath, 0o644)
        try Data("rotten".utf8).write(to: URL(fileURLWithPath: objectPath))
        let r = try mlepkg("fsck")
        #expect(r.status == 3)
        #expect(r.stdout.contains("corrupt sha256:\(id)"))
    }

    @Test func badInputGetsOneLineErrorsAndExitCodes() throws {
        defer { TestSupport.remove(home) }
        let a = try file("a.txt", Data("abc".utf8))
        let wrong = String(repeating: "0", count: 64)
        let mismatch = try mlepkg("fetch", "file://\(a)", "--sha256", wrong)
        #expect(mismatch.status == 3)
        #expect(mismatch.stderr.hasPrefix("error: 'file://\(a)': different content (3 bytes): expected sha256:\(wrong)"))
        #expect(mismatch.stderr.split(separator: "\n").count == 1)
        #expect(try mlepkg("store", "ls").stdout.isEmpty)

        let missing = try mlepkg("store", "cat", "sha256:\(wrong)")
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: object sha256:\(wrong) is not in the store\n")

        let badDigest = try mlepkg("store", "cat", "sha256:xyz")
        #expect(badDigest.status == 64)

        let noCreds = try mlepkg("fetch", "kaggle://competitions/spaceship-titanic")
        #expect(noCreds.status == 4)
        #expect(noCreds.stderr.contains("no Kaggle credentials"))

        _ = try file("config/config.json", Data("{ \"distdir\": 5 }".utf8))
        let badConfig = try mlepkg("store", "ls")
        #expect(badConfig.status == 1)
        #expect(badConfig.stderr.hasPrefix("error: invalid config '\(home)/config/config.json': wrong type at 'distdir'"))
    }

    @Test func offlineFetchFailsClearlyWithExit4() throws {
        defer { TestSupport.remove(home) }
        let r = try mlepkg("fetch", "https://www.kaggle.com/x.csv", "--sha256", String(repeating: "1", count: 64),
                           env: ["MLEPKG_OFFLINE": "1"])
        #expect(r.status == 4)
        #expect(r.stderr.contains("offline (MLEPKG_OFFLINE=1): 'https://www.kaggle.com/x.csv'"))
    }

    @Test func eightProcessesAddingTheSameFileLeaveOneIntactObject() throws {
        defer { TestSupport.remove(home) }
        let data = TestSupport.bytes(count: 20 << 20, seed: 5)
        let path = try file("big.bin", data)
        let results = Parallel.map(Array(0..<8), width: 8) { _ in
            (try? TestSupport.mlepkg(["store", "add", path], home: self.home))?.status ?? -1
        }
        #expect(results == Array(repeating: 0, count: 8))
        let id = Digests.sha256(data)
        #expect(try mlepkg("store", "ls").stdout.split(separator: "\n").count == 1)
        #expect(try Digests.hashFile(at: "\(home)/store/objects/sha256/\(id.prefix(2))/\(id.dropFirst(2))").hex == id)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(home)/store/tmp").isEmpty)
        #expect(try mlepkg("fsck").status == 0)
    }

    @Test func killingAWriterMidwayLeavesNoVisiblePartialObject() throws {
        defer { TestSupport.remove(home) }
        let path = try file("huge.bin", TestSupport.bytes(count: 8 << 20, seed: 6))
        // Grow the file to 600 MiB cheaply so the add runs long enough to be killed.
        let fd = open(path, O_WRONLY | O_APPEND)
        let chunk = TestSupport.bytes(count: 8 << 20, seed: 7)
        for _ in 0..<74 { chunk.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) } }
        close(fd)
        var env = ProcessInfo.processInfo.environment
        env["MLEPKG_HOME"] = "\(home)/store"
        env["MLEPKG_CONFIG_DIR"] = "\(home)/config"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.mlepkgExecutable)
        p.arguments = ["store", "add", path]
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Kill once the writer has a temporary file with bytes in it.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let tmp = (try? FileManager.default.contentsOfDirectory(atPath: "\(home)/store/tmp")) ?? []
            if let t = tmp.first, (FileIO.fileSize("\(home)/store/tmp/\(t)") ?? 0) > 0 { break }
            usleep(2000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        let objects = (try? FileManager.default.subpathsOfDirectory(atPath: "\(home)/store/objects/sha256")) ?? []
        #expect(objects.filter { $0.count > 3 }.isEmpty, "a partial object became visible: \(objects)")
        let fsck = try mlepkg("fsck")
        #expect(fsck.status == 0)
        let gc = try mlepkg("store", "gc", "--json")
        #expect((try JSONSerialization.jsonObject(with: gc.stdoutData) as! [String: Any])["stale_temporary_files"] as? Int == 1)
        #expect(try mlepkg("store", "add", path).status == 0)
        #expect(try mlepkg("fsck").status == 0)
    }
}

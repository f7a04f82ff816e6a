import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// Hostile and broken input through the built `mlepkg`: nothing escapes the folder it is
/// written to, nothing is lost, nothing crashes.
struct HostileInputCommandTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("hostile") }

    func mlepkg(_ args: String..., env: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(args, home: home, extraEnvironment: env)
    }

    func archives() throws -> String {
        let dir = "\(home)/archives"
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/MLETestSupport/make_archives.py").path
        try TestSupport.run("/usr/bin/env", ["python3", script, dir])
        return dir
    }

    @Test func aSymlinkChainArchiveIsRefusedAndNothingLandsOutside() throws {
        defer { TestSupport.remove(home) }
        let dir = try archives()
        for name in ["symlink-chain.tar", "symlink-chain.zip"] {
            let r = try mlepkg("fetch", "file://\(dir)/\(name)", "--unpack")
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("error: refusing archive '"), "\(r.stderr)")
            #expect(r.stderr.contains("entry 'b/PWNED' lies below the symlink 'b'"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: "\(home)/PWNED"))
    }

    /// A damaged archive is named as the user gave it, not by its copy in the store.
    @Test func aCorruptArchiveIsNamedByItsSource() throws {
        defer { TestSupport.remove(home) }
        try FileManager.default.createDirectory(atPath: "\(home)/in", withIntermediateDirectories: true)
        try Data("PK\u{3}\u{4}garbage".utf8).write(to: URL(fileURLWithPath: "\(home)/in/bad.zip"))
        let r = try mlepkg("fetch", "file://\(home)/in/bad.zip", "--unpack")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: corrupt archive 'file://\(home)/in/bad.zip': "), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func exportDoesNotFollowALinkFoundInTheFolder() throws {
        defer { TestSupport.remove(home) }
        try FileManager.default.createDirectory(atPath: "\(home)/src/b", withIntermediateDirectories: true)
        try Data("pwned".utf8).write(to: URL(fileURLWithPath: "\(home)/src/b/PWNED"))
        let add = try mlepkg("store", "add", "\(home)/src")
        let tree = String(add.stdout.split(separator: " ").first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.createDirectory(atPath: "\(home)/dest/out", withIntermediateDirectories: true)
        #expect(symlink("..", "\(home)/dest/out/b") == 0)
        let r = try mlepkg("store", "export", tree, "\(home)/dest/out")
        #expect(r.status == 1)
        #expect(r.stderr.contains("is a symlink; export does not write through links"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(home)/dest/PWNED"))
    }

    @Test func killingStoreAddOfAFolderLeavesNothingFsckCallsDamage() throws {
        defer { TestSupport.remove(home) }
        let folder = "\(home)/many"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<300 { try Data("file \(i)\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/f\(i).txt")) }
        var env = ProcessInfo.processInfo.environment
        env["MLEPKG_HOME"] = "\(home)/store"
        env["MLEPKG_CONFIG_DIR"] = "\(home)/config"
        var orphansSeen = 0
        for delay in [0.15, 0.4, 0.7, 1.0, 1.4] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.mlepkgExecutable)
            p.arguments = ["store", "add", folder]
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let fsck = try mlepkg("fsck")
            #expect(fsck.status == 0, "after a kill at \(delay) s: \(fsck.stdout)")
            #expect(!fsck.stdout.contains("corrupt") && !fsck.stdout.contains("missing"), "\(fsck.stdout)")
            orphansSeen += fsck.stdout.split(separator: "\n").filter { $0.hasPrefix("orphan ") }.count
            // Every line is a real object or an orphan: the summary counts no damage.
            #expect(fsck.stdout.contains("all intact"), "\(fsck.stdout)")
        }
        #expect(try mlepkg("store", "add", folder).status == 0)
        _ = try mlepkg("store", "gc")
        let clean = try mlepkg("fsck")
        #expect(clean.status == 0)
        #expect(clean.stdout == "checked 0 objects: all intact\n")
        _ = orphansSeen  // how many kills landed between publishing and indexing depends on timing
    }

    @Test func fsckReportsAnOrphanButExitsZero() throws {
        defer { TestSupport.remove(home) }
        let bytes = Data("orphaned".utf8)
        let id = Digests.sha256(bytes)
        let dir = "\(home)/store/objects/sha256/\(id.prefix(2))"
        _ = try mlepkg("store", "ls")  // creates the store
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: "\(dir)/\(id.dropFirst(2))"))
        let r = try mlepkg("fsck")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("orphan sha256:\(id): intact but not in the index"))
        #expect(r.stdout.hasSuffix("checked 1 object: all intact (1 orphaned, harmless; 'mlepkg store gc' removes them)\n"))
        let json = try mlepkg("fsck", "--json")
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"orphan\""))
    }

    @Test func splitOfADeviceOrAFolderFailsWithOneLine() throws {
        defer { TestSupport.remove(home) }
        try FileManager.default.createDirectory(atPath: "\(home)/folder", withIntermediateDirectories: true)
        for (input, reason) in [("/dev/zero", "/dev/zero: is a device or socket, not a regular file"),
                                ("\(home)/folder", "\(home)/folder: is a directory, not a CSV file")] {
            let r = try mlepkg("split", input, "-o", "\(home)/out")
            #expect(r.status == 1)
            #expect(r.stderr == "error: \(reason)\n", "\(r.stderr)")
        }
    }

    /// A header of 500,000 commas over 250,000 one-field lines (1.5 MB) is a table of 125
    /// billion cells, typed per one-row chunk as pandas does: refused in one line, not aborted.
    @Test func aTableTooWideToTypeFailsWithOneLine() throws {
        defer { TestSupport.remove(home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let input = "\(home)/wide.csv"
        try Data((String(repeating: ",", count: 500_000) + "\n" + String(repeating: "1\n", count: 250_000)).utf8)
            .write(to: URL(fileURLWithPath: input))
        let r = try mlepkg("split", input, "-o", "\(home)/out")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: \(input): too large to read: 500001 columns over 250000 rows in 250000 chunks of 1 rows"), "\(r.stderr)")
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(home)/out/train.csv"))
    }

    @Test func deeplyNestedTOMLIsAnErrorNotACrash() throws {
        defer { TestSupport.remove(home) }
        let registry = "\(home)/registry"
        for (id, text) in [("deep-array", "x = " + String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000)),
                           ("deep-table", "x = " + String(repeating: "{a = ", count: 40_000) + "1" + String(repeating: "}", count: 40_000)),
                           ("deep-header", "[" + Array(repeating: "a", count: 40_000).joined(separator: ".") + "]")] {
            try FileManager.default.createDirectory(atPath: "\(registry)/\(id)", withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(registry)/\(id)/recipe.toml"))
            let r = try mlepkg("recipes", "--check", "--registry", registry)
            #expect(r.status == 1, "\(id): \(r.stderr)")
            #expect(r.stderr.hasPrefix("error: \(registry)/\(id)/recipe.toml:1: ") && r.stderr.contains("more than 64"), "\(id): \(r.stderr)")
            try FileManager.default.removeItem(atPath: "\(registry)/\(id)")
        }
    }
}

import Foundation
import MLEArchive
import MLEBasics
import MLETestSupport
import Testing

/// Archives are made by `make_archives.py` with Python's zipfile/tarfile, zstd and 7z.
final class ArchiveFixtures: Sendable {
    static let shared = ArchiveFixtures()
    let dir: String
    init() {
        dir = (try? TestSupport.makeTemporaryDirectory("archives")) ?? "/tmp/mlepkg-archives"
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/MLETestSupport/make_archives.py").path
        _ = try? TestSupport.run("/usr/bin/env", ["python3", script, dir])
    }
    func path(_ name: String) -> String { "\(dir)/\(name)" }
}

/// What an unpack produced: path → (bytes or link target, kind).
func unpackAll(_ path: String, limits: UnpackLimits = UnpackLimits()) throws -> [String: (String, Data)] {
    var out: [String: (String, Data)] = [:]
    try Unpacker(limits: limits).unpack(archiveAt: path) { entry in
        switch entry {
        case .file(let p, let exec, let read):
            var data = Data()
            while true {
                let chunk = try read()
                if chunk.isEmpty { break }
                data.append(contentsOf: chunk)
            }
            out[p] = (exec ? "exec" : "file", data)
        case .symlink(let p, let target):
            out[p] = ("symlink", Data(target.utf8))
        case .hardlink(let p, let target):
            out[p] = ("hardlink", Data(target.utf8))
        }
    }
    return out
}

struct UnpackerTests {
    let fx = ArchiveFixtures.shared

    @Test(arguments: ["good.zip", "good.tar", "good.tar.gz", "good.tar.xz", "good.tar.zst", "good.7z"])
    func everySupportedFormatUnpacksTheSameFiles(_ name: String) throws {
        let entries = try unpackAll(fx.path(name))
        #expect(entries["train.csv"]?.1 == Data("id,label\n1,0\n2,1\n".utf8))
        #expect(entries["images/1.jpg"]?.1.count == 1024)
        #expect(entries["run.sh"]?.0 == "exec")
        #expect(entries["train.csv"]?.0 == "file")
        if name.hasPrefix("good.tar") {
            #expect(entries["images/link.jpg"]?.0 == "symlink")
            #expect(entries["train-copy.csv"]?.0 == "hardlink")
        }
    }

    @Test(arguments: [
        ("absolute.tar", "has an absolute path"),
        ("dotdot.zip", "has a '..' component"),
        ("dotdot.tar", "has a '..' component"),
        ("symlink-out.tar", "outside the archive"),
        ("symlink-abs.tar", "outside the archive"),
        ("hardlink-out.tar", "'..' component"),
        ("device.tar", "device, FIFO or socket"),
        ("fifo.tar", "device, FIFO or socket"),
    ])
    func hostileEntriesAreRefusedWithTheirName(_ name: String, _ reason: String) throws {
        do {
            _ = try unpackAll(fx.path(name))
            Issue.record("\(name) was accepted")
        } catch let error as ArchiveError {
            guard case .unsafeEntry(let archive, _, _) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(archive == fx.path(name))
            #expect(error.description.contains(reason))
        }
    }

    @Test func aZipBombStopsAtTheRatioLimit() throws {
        let limits = UnpackLimits(maxRatio: 100, ratioFloor: 1 << 20)
        #expect(throws: ArchiveError.self) { try unpackAll(fx.path("bomb.zip"), limits: limits) }
        do { _ = try unpackAll(fx.path("bomb.zip"), limits: limits) } catch {
            #expect("\(error)".contains("compression ratio above 100:1"))
        }
    }

    @Test func totalSizeAndEntryCountLimitsHold() throws {
        do {
            _ = try unpackAll(fx.path("bomb.zip"), limits: UnpackLimits(maxTotalSize: 1 << 20))
            Issue.record("size limit not enforced")
        } catch { #expect("\(error)".contains("unpacks to more than 1048576 bytes")) }
        do {
            _ = try unpackAll(fx.path("many.zip"), limits: UnpackLimits(maxEntries: 1000))
            Issue.record("entry limit not enforced")
        } catch { #expect("\(error)".contains("more than 1000 entries")) }
        #expect(try unpackAll(fx.path("many.zip")).count == 5000)
    }

    @Test(arguments: ["corrupt.zip", "corrupt.tar.gz", "not-an-archive.bin"])
    func corruptInputGivesAnErrorNamingTheFile(_ name: String) throws {
        do {
            _ = try unpackAll(fx.path(name))
            Issue.record("\(name) was accepted")
        } catch let error as ArchiveError {
            #expect(error.description.contains(fx.path(name)))
        }
    }
}

/// Archives whose names cannot become one folder without losing or misplacing an entry.
struct UnpackerTreeShapeTests {
    let fx = ArchiveFixtures.shared

    func refusal(_ name: String, limits: UnpackLimits = UnpackLimits()) -> String? {
        do {
            _ = try unpackAll(fx.path(name), limits: limits)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aLinkThroughAnotherLinkIsResolvedAgainstTheTree() throws {
        // The chain without its file: 'b' -> 'a/l1/..' is '..' once a/l1 is followed.
        let dir = try TestSupport.makeTemporaryDirectory("chain")
        defer { TestSupport.remove(dir) }
        let script = """
        import tarfile, io, sys
        with tarfile.open(sys.argv[1], "w") as t:
            for name, link in [("a/l1", ".."), ("b", "a/l1/..")]:
                i = tarfile.TarInfo(name); i.type = tarfile.SYMTYPE; i.linkname = link; t.addfile(i)
        """
        try TestSupport.run("/usr/bin/env", ["python3", "-c", script, "\(dir)/chain.tar"])
        do {
            _ = try unpackAll("\(dir)/chain.tar")
            Issue.record("a link resolving outside the tree was accepted")
        } catch {
            #expect("\(error)".contains("entry 'b' is a symlink to 'a/l1/..', which resolves outside the tree"), "\(error)")
        }
    }

    @Test(arguments: [
        // Links: resolved against the tree, never written through.
        ("symlink-chain.tar", "entry 'b/PWNED' lies below the symlink 'b'"),
        ("symlink-chain.zip", "entry 'b/PWNED' lies below the symlink 'b'"),
        ("below-symlink.tar", "entry 'link/y.txt' lies below the symlink 'link'"),
        ("symlink-loop.tar", "is a symlink loop"),
        // Entries that would be lost. libarchive hands both names over composed (NFC), so the
        // second is a duplicate.
        ("nfc-nfd.zip", "entry 'caf\u{e9}.txt' appears twice"),
        ("duplicate.tar", "entry 'x' appears twice"),
        ("duplicate-dot.zip", "entry './x' appears twice"),
        ("file-and-folder.tar", "entry 'a/b' lies below 'a', which is a file"),
        // Trees no folder can hold.
        ("deep.tar", "is longer than 3072 bytes"),
        ("long-name.tar", "has a name longer than 255 bytes"),
    ])
    func treesThatCannotBeMaterializedFaithfullyAreRefusedNamingTheEntry(_ name: String, _ reason: String) throws {
        let message = try #require(refusal(name), "\(name) was accepted")
        #expect(message.contains(reason), "\(message)")
        #expect(message.contains(fx.path(name)))
    }

    @Test func nonASCIINamesAreReadAsUTF8() throws {
        let dir = try TestSupport.makeTemporaryDirectory("utf8")
        defer { TestSupport.remove(dir) }
        try TestSupport.run("/usr/bin/env", ["python3", "-c",
            "import zipfile, sys; zipfile.ZipFile(sys.argv[1], 'w').writestr('donn\\u00e9es/caf\\u00e9.txt', b'x')", "\(dir)/u.zip"])
        #expect(try unpackAll("\(dir)/u.zip")["donn\u{e9}es/caf\u{e9}.txt"]?.1 == Data("x".utf8))
    }

    @Test func aDeflateBombTripsEarlyInItsEntry() throws {
        // 1 GiB of zeros in a 1 MB zip: refused after the 64 MiB floor, not after the gigabyte.
        var streamed = 0
        let start = Date()
        do {
            try Unpacker().unpack(archiveAt: fx.path("bomb-1g.zip")) { entry in
                guard case .file(_, _, let read) = entry else { return }
                while true {
                    let chunk = try read()
                    if chunk.isEmpty { break }
                    streamed += chunk.count
                }
            }
            Issue.record("the bomb was unpacked")
        } catch {
            #expect("\(error)".contains("compression ratio above 200:1"), "\(error)")
        }
        #expect(streamed >= 64 << 20 && streamed < 80 << 20, "streamed \(streamed) bytes")
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func aZipDirectoryOverTheEntryLimitIsRefusedBeforeItsFirstEntry() throws {
        for (name, limits, listed) in [("zip64-count.zip", UnpackLimits(), 2_100_000),
                                       ("many.zip", UnpackLimits(maxEntries: 1000), 5000)] {
            var handed = 0
            do {
                try Unpacker(limits: limits).unpack(archiveAt: fx.path(name)) { _ in handed += 1 }
                Issue.record("\(name) was accepted")
            } catch {
                #expect("\(error)".contains("more than \(limits.maxEntries) entries (its directory lists \(listed))"), "\(error)")
            }
            #expect(handed == 0)
        }
    }
}

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

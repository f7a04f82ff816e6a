import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// Known-answer vectors from FIPS 180-2 and RFC 1321.
struct DigestTests {
    @Test func sha256MatchesFIPSVectors() {
        #expect(Digests.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digests.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digests.sha256(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Digests.sha256(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func md5MatchesRFC1321Vectors() {
        #expect(Digests.md5(Data()) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(Digests.md5(Data("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(Digests.md5(Data("message digest".utf8)) == "f96b697d7cb7938d525a2f31aaf161d0")
    }

    @Test func streamingInPiecesEqualsOneShot() {
        let data = TestSupport.bytes(count: 3_000_001)
        let h = StreamingHasher(.sha256)
        var offset = 0
        for size in [1, 7, 65536, 1 << 20, 5] + Array(repeating: 1 << 20, count: 3) {
            let end = min(data.count, offset + size)
            h.update(data[offset..<end])
            offset = end
        }
        h.update(data[offset...])
        #expect(h.finalize().hex == Digests.sha256(data))
    }

    @Test func hashingAFileStreamsItsBytes() throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(dir) }
        let data = TestSupport.bytes(count: 2_500_000, seed: 9)
        try data.write(to: URL(fileURLWithPath: "\(dir)/f"))
        let (hex, size) = try Digests.hashFile(at: "\(dir)/f")
        #expect(hex == Digests.sha256(data))
        #expect(size == 2_500_000)
        #expect(throws: SystemError.self) { try Digests.hashFile(at: "\(dir)/missing") }
    }

    @Test func xdgPathsFollowTheEnvironment() {
        let p = MLEPaths.fromEnvironment(["HOME": "/h", "XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": ""])
        #expect(p.home == "/d/mlepkg")
        #expect(p.configDirectory == "/h/.config/mlepkg")
        #expect(MLEPaths.fromEnvironment(["HOME": "/h", "MLEPKG_HOME": "/s"]).home == "/s")
        #expect(MLEPaths.fromEnvironment(["HOME": "/h"]).home == "/h/.local/share/mlepkg")
    }

    @Test func aFileLockExcludesASecondHolder() throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(dir) }
        let first = try FileLock(path: "\(dir)/l")
        #expect(try FileLock.tryLock(path: "\(dir)/l") == nil)
        first.unlock()
        let second = try FileLock.tryLock(path: "\(dir)/l")
        #expect(second != nil)
    }

    @Test func parallelMapKeepsOrder() {
        let out = Parallel.map(Array(0..<100), width: 8) { $0 * 2 }
        #expect(out == (0..<100).map { $0 * 2 })
    }
}

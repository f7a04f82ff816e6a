import MLEBasics
import Testing
@testable import MLETable
@testable import MLESplits

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

@Suite("SHA-256 and the hash split")
struct HashSplitTests {
    @Test("SHA-256 gives the FIPS 180-2 known answers")
    func sha256KnownAnswers() {
        #expect(hex(SHA256Hasher.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256Hasher.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256Hasher.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(SHA256Hasher.hash([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var incremental = SHA256Hasher()
        for chunk in stride(from: 0, to: 200, by: 7) { incremental.update((chunk ..< min(200, chunk + 7)).map { UInt8($0) }) }
        #expect(incremental.finalize() == SHA256Hasher.hash((0 ..< 200).map { UInt8($0) }))
    }

    @Test("scores are the first 8 digest bytes of salt, 0x00, key (known answers)")
    func knownScores() throws {
        for v in GeneratedVectors.hashKeys {
            let split = try HashSplit(salt: v.salt, testFraction: 0.5)
            #expect(split.score(key: Array(v.key.utf8)) == v.score)
            var hasher = SHA256Hasher()
            hasher.update(Array(v.salt.utf8) + [0] + Array(v.key.utf8))
            #expect(hex(hasher.finalize()) == v.hex)
        }
        let split = try HashSplit(salt: "mlepkg", testFraction: 0.1)
        let score = GeneratedVectors.hashKeys[0].score
        #expect(split.isTest(key: Array("0001_01".utf8)) == (Double(score) / 18_446_744_073_709_551_616.0 < 0.1))
    }

    @Test("the threshold is exact at the edges")
    func thresholds() throws {
        let none = try HashSplit(salt: "s", testFraction: 0)
        let all = try HashSplit(salt: "s", testFraction: 1)
        let half = try HashSplit(salt: "s", testFraction: 0.5)
        #expect(!none.isTest(score: 0))
        #expect(all.isTest(score: .max))
        #expect(half.isTest(score: (1 << 63) - 1))
        #expect(!half.isTest(score: 1 << 63))
        #expect(throws: TrainTestSplitError.self) { try HashSplit(salt: "s", testFraction: 1.5) }
    }

    @Test("shuffling the rows does not change which keys go to test")
    func orderIndependent() throws {
        let split = try HashSplit(salt: "mlepkg", testFraction: 0.2)
        let keys = (0 ..< 2000).map { Array("row-\($0)".utf8) }
        let first = Set(split.split(keys: keys).test.map { keys[$0] })
        var generator = SystemRandomNumberGenerator()
        let shuffled = keys.shuffled(using: &generator)
        let second = Set(split.split(keys: shuffled).test.map { shuffled[$0] })
        #expect(first == second)
        let strata = keys.map { String($0.count % 3) }
        let s1 = Set(split.split(keys: keys, strata: strata).test.map { keys[$0] })
        let order = Array(0 ..< keys.count).shuffled(using: &generator)
        let s2 = Set(split.split(keys: order.map { keys[$0] }, strata: order.map { strata[$0] }).test.map { keys[order[$0]] })
        #expect(s1 == s2)
    }

    @Test("the test share over 10,000 rows is close to the fraction, and exact per stratum when stratified")
    func share() throws {
        let split = try HashSplit(salt: "share", testFraction: 0.1)
        let keys = (0 ..< 10_000).map { Array(String($0).utf8) }
        let result = split.split(keys: keys)
        // Binomial(10000, 0.1): standard deviation 30; allow five of them.
        #expect(abs(result.test.count - 1000) <= 150)
        #expect(result.test.count + result.train.count == 10_000)
        let strata = (0 ..< 10_000).map { $0 % 7 == 0 ? "rare" : "common" }
        let stratified = split.split(keys: keys, strata: strata)
        let rareTest = stratified.test.filter { $0 % 7 == 0 }.count
        #expect(rareTest == Int((0.1 * 1429.0).rounded(.toNearestOrEven)))
        #expect(stratified.test.count - rareTest == Int((0.1 * 8571.0).rounded(.toNearestOrEven)))
    }

    @Test("a table splits by the printed text of its key column")
    func tableSplit() throws {
        let table = try CSVTable(bytes: Array("id,v\n007,a\n8,b\n9,c\n".utf8))
        let split = try HashSplit(salt: "x", testFraction: 0.5)
        let result = try split.split(table, keyColumn: "id")
        let direct = split.split(keys: ["7", "8", "9"].map { Array($0.utf8) })
        #expect(result == direct)
        #expect(throws: CSVError.columnNotFound("nope")) { try split.split(table, keyColumn: "nope") }
    }
}

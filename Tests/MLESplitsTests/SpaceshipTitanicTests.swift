import Foundation
import MLEBasics
import Testing
@testable import MLETable
@testable import MLESplits

/// `../shared/data` next to the package root, found from this file's path.
private let sharedData: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/data").standardizedFileURL

private let rawTrain = sharedData.appendingPathComponent("kaggle-raw/spaceship-titanic/train.csv")
private let checksums = sharedData.appendingPathComponent("mle-bench/checksums/spaceship-titanic.yaml")

/// Parses the two-level `public:` / `private:` YAML of the checksum files.
private func expectedChecksums() throws -> [String: String] {
    var result: [String: String] = [:]
    var section = ""
    for line in try String(contentsOf: checksums, encoding: .utf8).split(separator: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { continue }
        let key = String(trimmed[..<colon])
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if !line.hasPrefix(" ") { section = key }
        if !value.isEmpty { result[line.hasPrefix(" ") ? "\(section)/\(key)" : key] = value }
    }
    return result
}

@Suite("MLE-bench spaceship-titanic, byte for byte")
struct SpaceshipTitanicTests {
    @Test("prepare.py's files have MLE-bench's MD5s",
          .enabled(if: FileManager.default.fileExists(atPath: rawTrain.path)
                   && FileManager.default.fileExists(atPath: checksums.path),
                   "needs ../shared/data/kaggle-raw/spaceship-titanic and its checksums"))
    func spaceshipTitanic() throws {
        // mlebench/competitions/spaceship-titanic/prepare.py:
        //   new_train, new_test = train_test_split(old_train, test_size=0.1, random_state=0)
        //   sample_submission = new_test[["PassengerId", "Transported"]] with Transported = False
        //   private/test.csv = new_test; public/train.csv = new_train;
        //   public/test.csv = new_test without Transported (all with index=False)
        let table = try CSVTable.read(contentsOf: rawTrain)
        let split = try TrainTestSplit(testSize: .fraction(0.1), randomState: 0).split(rowCount: table.rowCount)
        let train = table.rows(split.train)
        let test = table.rows(split.test)
        let files: [String: Data] = [
            "public/train.csv": train.csvData(),
            "public/test.csv": try test.dropping(columns: ["Transported"]).csvData(),
            "private/test.csv": test.csvData(),
            "public/sample_submission.csv": try test.selecting(columns: ["PassengerId", "Transported"])
                .setting(column: "Transported", to: .bool(false)).csvData(),
        ]
        let expected = try expectedChecksums()
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            #expect(MD5.hex(data) == expected[name], "\(name)")
        }
        // Writing to disk gives the same bytes.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UInt64.random(in: 0 ... .max)).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        try train.write(to: out)
        #expect(MD5.hex(try Data(contentsOf: out)) == expected["public/train.csv"])
    }

    @Test("MD5 (OpenSSL, through MLEBasics) gives the RFC 1321 answers")
    func md5() {
        #expect(MD5.hex(Array("".utf8)) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex(Array("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8))
            == "57edf4a22be3c955ac49da2e2107b67a")
    }
}

/// MD5 only to compare written files with MLE-bench's published checksums.
private enum MD5 {
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 { Digests.md5(Data(bytes)) }
}

import Foundation
import MLETestSupport
import Testing

/// The libFuzzer harnesses (`make fuzz`) built plainly, as a replay tool: every committed seed
/// still runs through its parser, and each parser's replay is cheap enough to keep here.
struct FuzzHarnessTests {
    static var harness: String {
        URL(fileURLWithPath: TestSupport.mlepkgExecutable).deletingLastPathComponent()
            .appendingPathComponent("mlepkg-fuzz").path
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: harness), "mlepkg-fuzz is not built"),
          arguments: ["csv", "toml", "tree", "archive"])
    func theSeedCorpusReplaysWithoutACrash(_ target: String) throws {
        let dir = TestSupport.packageRoot.appendingPathComponent("Fuzz/corpus/\(target)").path
        let seeds = try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { "\(dir)/\($0)" }
        #expect(seeds.count >= 3)
        let r = try TestSupport.run(Self.harness, [target] + seeds)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "\(target): \(seeds.count) inputs ran without a crash\n")
    }
}

import Foundation
import MLEReport
import Testing

func report(_ id: String, medal: String = "", valid: Bool = true) -> CompetitionReport {
    CompetitionReport(competition_id: id, score: valid ? 1 : nil, gold_threshold: 1, silver_threshold: 1, bronze_threshold: 1,
                      median_threshold: 1, gold_medal: medal == "gold", silver_medal: medal == "silver",
                      bronze_medal: medal == "bronze", above_median: medal != "", submission_exists: true,
                      valid_submission: valid, is_lower_better: false, created_at: "2024-01-01T00:00:00", submission_path: "x.csv")
}

struct AggregateTests {
    @Test func passAtKMatchesTheUnbiasedEstimator() {
        #expect(abs(Aggregation.passAtK(attempts: 5, successes: 2, k: 1) - 0.4) < 1e-12)
        #expect(abs(Aggregation.passAtK(attempts: 5, successes: 2, k: 2) - 0.7) < 1e-12)
        #expect(Aggregation.passAtK(attempts: 5, successes: 0, k: 3) == 0)
        #expect(Aggregation.passAtK(attempts: 5, successes: 4, k: 2) == 1)
        // 1 - C(90, 10) / C(100, 10), computed exactly elsewhere: 0.6695237889132748
        #expect(abs(Aggregation.passAtK(attempts: 100, successes: 10, k: 10) - 0.6695237889132748) < 1e-12)
    }

    @Test func seedsAreFormedAsMLEBenchFormsThem() throws {
        let reports = [report("a", medal: "gold"), report("b"), report("a"), report("b", medal: "bronze"),
                       report("c"), report("a", medal: "silver")]
        let seeds = try Aggregation.seeds(reports, competitions: ["a", "b", "c"], padMissing: true)
        #expect(seeds.count == 3)
        #expect(seeds[0].map(\.competition_id) == ["a", "b", "c"])
        #expect(seeds[2][1].submission_exists == false)  // padded
        #expect(try Aggregation.seeds(reports, competitions: ["a", "b", "c"]).count == 1)
        #expect(throws: ReportError.self) { try Aggregation.seeds(reports, competitions: ["a", "z"]) }
    }

    @Test func meanSEMAndIntervalUseDdofOne() throws {
        // any-medal rates per seed: 100%, 50%, 0% → mean 50, sd 50, SEM 50/√3 (scipy.stats.sem)
        let reports = [report("a", medal: "gold"), report("a", medal: "gold"), report("a"),
                       report("b", medal: "bronze"), report("b"), report("b")]
        let s = try Aggregation.summarize(reports, split: "t", competitions: ["a", "b"])
        let m = s.metrics["any_medal_percentage"]!
        #expect(m.mean == 50)
        #expect(abs(m.standard_error - 28.867513459481287) < 1e-9)
        #expect(abs(m.ci_lower - (50 - 1.96 * 28.867513459481287)) < 1e-9)
        #expect(s.metrics["valid_submissions_percentage"]!.mean == 100)
        #expect(s.pass_at_k.count == 3)
        #expect(abs(s.pass_at_k[0] - 0.5) < 1e-12)  // a: 2/3, b: 1/3
    }

    @Test func reportsAreReadInEveryMLEBenchShape() throws {
        let one = try JSONEncoder().encode(report("a", medal: "gold"))
        let batch = Data(#"{"total_runs": 1, "competition_reports": ["#.utf8) + one + Data("]}".utf8)
        #expect(try ReportReader.decode(batch, file: "b.json").count == 1)
        #expect(try ReportReader.decode(one + Data("\n".utf8) + one, file: "l.jsonl").count == 2)
        #expect(throws: ReportError.self) { try ReportReader.decode(Data("garbage".utf8), file: "g.json") }
    }

    @Test func theHTMLPageIsSelfContained() throws {
        let reports = [report("a", medal: "gold"), report("b")]
        let s = try Aggregation.summarize(reports, split: "all", competitions: ["a", "b"])
        let html = HTMLReport.render(summaries: [s], reports: reports)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test func theHTMLPagePlacesScoresAmongTheCutoffsAndSaysWhatAttemptsUsed() throws {
        var lower = report("loss")
        (lower.score, lower.is_lower_better) = (0.25, true)
        (lower.gold_threshold, lower.silver_threshold, lower.bronze_threshold, lower.median_threshold) = (0.2, 0.3, 0.5, 0.6)
        let s = try Aggregation.summarize([lower], split: "text", competitions: ["loss"])
        let usage = [HTMLReport.AttemptUsage(competition_id: "loss", wall_seconds: 90, cpu_seconds: 30, peak_memory_bytes: 3 << 30, exit_reason: "exited"),
                     HTMLReport.AttemptUsage(competition_id: "loss", wall_seconds: 30, cpu_seconds: 10, peak_memory_bytes: 1 << 20, exit_reason: "time_limit")]
        let html = HTMLReport.render(summaries: [s], reports: [lower], usage: usage)
        #expect(html.contains("<td>loss</td><td>lower</td><td>0.6</td><td>0.5</td><td>0.3</td><td>0.2</td><td>0.25</td>"))
        // Better to the right: on a lower-is-better board the gold band ends at the right edge.
        #expect(html.contains("fill=\"#f5d76e\"><title>gold</title>"))
        let strip = try #require(html.range(of: "<circle cx=\"").map { html[$0.upperBound...].prefix { $0 != "\"" } })
        #expect(Double(strip)! > 240, "0.25, between silver and gold, sits right of the strip's middle")
        #expect(html.contains("<td>loss</td><td>2</td><td>60 s, 90 s</td><td>20 s</td><td>3.0 GiB</td><td>exited ×1, time_limit ×1</td>"))
        #expect(!HTMLReport.render(summaries: [s], reports: [lower]).contains("Time and memory used"))
        #expect(html.contains(">text</text>"), "the pass@k legend names the split")
    }
}

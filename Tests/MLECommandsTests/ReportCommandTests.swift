import Foundation
import MLETestSupport
import Testing

func chromiumPath() -> String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ data: Data) -> (Int, Int)? {
    guard data.count > 24, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
    func be(_ o: Int) -> Int { data[o..<o + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
}

struct ReportCommandTests {
    let home: String
    init() throws { home = try TestSupport.makeTemporaryDirectory("report") }

    func writeReports() throws -> String {
        var lines: [String] = []
        for seed in 0..<4 {
            for (i, id) in ["spaceship-titanic", "leaf-classification"].enumerated() {
                let medal = (seed + i) % 2 == 0
                lines.append(#"{"competition_id": "\#(id)", "score": 0.8, "gold_threshold": 0.9, "silver_threshold": 0.85, "bronze_threshold": 0.8, "median_threshold": 0.7, "any_medal": \#(medal), "gold_medal": false, "silver_medal": false, "bronze_medal": \#(medal), "above_median": true, "submission_exists": true, "valid_submission": true, "is_lower_better": false, "created_at": "2024-01-01T00:00:00", "submission_path": "s.csv"}"#)
            }
        }
        try lines.joined(separator: "\n").write(toFile: "\(home)/r.jsonl", atomically: true, encoding: .utf8)
        try "spaceship-titanic\nleaf-classification\n".write(toFile: "\(home)/split.txt", atomically: true, encoding: .utf8)
        return "\(home)/r.jsonl"
    }

    @Test func reportPrintsMeanSEMAndPassAtK() throws {
        defer { TestSupport.remove(home) }
        let r = try TestSupport.mlepkg(["report", try writeReports(), "--split", "\(home)/split.txt", "--json"], home: home)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: r.stdoutData) as! [[String: Any]]
        let metrics = json[0]["metrics"] as! [String: [String: Double]]
        #expect(metrics["any_medal_percentage"]!["mean"] == 50)
        #expect(metrics["bronze_medal_percentage"]!["standard_error"] == 0)
        #expect(json[0]["num_seeds_averaged"] as? Int == 4)
        #expect((json[0]["pass_at_k"] as! [Double]).last == 1)
    }

    @Test(.enabled(if: chromiumPath() != nil, "headless Chromium is not installed ('make test' installs it)"))
    func theHTMLReportRendersInHeadlessChromium() throws {
        defer { TestSupport.remove(home) }
        let html = "\(home)/report.html"
        let r = try TestSupport.mlepkg(["report", try writeReports(), "--split", "\(home)/split.txt", "--html", html], home: home)
        #expect(r.status == 0, "\(r.stderr)")
        let shot = "\(home)/report.png"
        let c = try TestSupport.run(chromiumPath()!, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                      "--screenshot=\(shot)", "--window-size=1000,800", "file://\(html)"])
        #expect(c.status == 0, "\(c.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        let size = pngSize(png)
        #expect(size?.0 == 1000 && size?.1 == 800)
        // A blank page compresses to a few kB; tables, text and two plots do not.
        #expect(png.count > 20_000, "screenshot is \(png.count) bytes: page looks empty")
        let dom = try TestSupport.run(chromiumPath()!, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(html)"])
        #expect(dom.stdout.contains("Medals per competition"))
        #expect(dom.stdout.contains("<svg"))
        #expect(dom.stdout.contains("50.0 ± "))
    }
}

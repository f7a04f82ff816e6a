import Foundation
@testable import MLECatalog
import MLETestSupport
import Testing

/// The real Meta Kaggle snapshots in ../shared/data/meta-kaggle, loaded and checked against
/// counts Python's csv module computes from the same files.
@Suite struct SnapshotLoadTests {
    static var snapshots: URL? { TestSupport.sharedDirectory?.appendingPathComponent("data/meta-kaggle") }

    static func tables(in folder: String) throws -> [SnapshotTable] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        return CatalogLoader.tables.compactMap { name in
            guard files.contains("\(name).csv") else { return nil }
            let path = "\(folder)/\(name).csv"
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            // The store's digest in the product; here the path stands in (no store involved).
            return SnapshotTable(name: name, path: path, digest: path, size: size ?? 0)
        }
    }

    struct Expected: Decodable { var rows: Int; var segments: [String: Int] }

    static func independentCounts(_ folder: String) throws -> Expected {
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/MLECatalogTests/Inputs/segment_counts.py").path
        let r = try TestSupport.run("/usr/bin/env", ["python3", script, folder])
        guard r.status == 0 else { throw TestSupportError("segment_counts.py: \(r.stderr)") }
        return try JSONDecoder().decode(Expected.self, from: r.stdoutData)
    }

    @Test(.enabled(if: snapshots != nil, "needs ../shared/data/meta-kaggle"),
          arguments: ["2017-oldschema", "2019-09", "2020-07", "2022-03"])
    func everySnapshotLoadsWithTheSegmentCountsOfAnIndependentReader(_ name: String) throws {
        let folder = Self.snapshots!.appendingPathComponent(name).path
        let expected = try Self.independentCounts(folder)
        let catalog = try Catalog(path: nil)
        let outcome = try CatalogLoader().load(try Self.tables(in: folder), directory: folder, into: catalog)
        guard case .loaded(let summary) = outcome else { Issue.record("expected a load"); return }
        #expect(summary.competitions == expected.rows)
        let competitions = try catalog.competitions()
        #expect(competitions.count == expected.rows)
        let bySegment = Dictionary(grouping: competitions, by: \.segmentTitle).mapValues(\.count)
        #expect(bySegment == expected.segments)
        // InClass (and Community) is mlepkg's community segment; nothing else is.
        let community = expected.segments.filter { ["inclass", "community"].contains($0.key.lowercased()) }.values.reduce(0, +)
        #expect(competitions.filter { $0.segment == "community" }.count == community)
        // Every competition has a deadline read as a date, and the metric's direction where Kaggle gives one.
        #expect(competitions.allSatisfy { $0.deadlineDate != nil })
        #expect(competitions.contains { $0.higherIsBetter == true } && competitions.contains { $0.higherIsBetter == false })
        // The same bytes again: nothing to do.
        #expect(try CatalogLoader().load(try Self.tables(in: folder), directory: folder, into: catalog) == .upToDate(summary.tables))
    }

    @Test(.enabled(if: snapshots != nil, "needs ../shared/data/meta-kaggle"))
    func oldDumpsTakeTheirMetricAndSegmentFromTheLookupTables() throws {
        let folder = Self.snapshots!.appendingPathComponent("2017-oldschema").path
        let catalog = try Catalog(path: nil)
        _ = try CatalogLoader().load(try Self.tables(in: folder), directory: folder, into: catalog)
        let euro = try #require(try catalog.competition("Eurovision2010"))
        #expect(euro.kaggleMetric == "AE" && euro.higherIsBetter == false && euro.segment == "featured")
        #expect(euro.deadlineDate == "2010-05-25T18:00:00")
        // Without its lookup table the old layout cannot be read, and says which table is missing.
        let partial = try Self.tables(in: folder).filter { $0.name != "EvaluationAlgorithms" }
        #expect(throws: CatalogError.missingTable(directory: folder, table: "EvaluationAlgorithms")) {
            try CatalogLoader().load(partial, directory: folder, into: Catalog(path: nil))
        }
    }

    @Test(.enabled(if: snapshots != nil, "needs ../shared/data/meta-kaggle"))
    func competitionTagsAttachToCompetitionsByID() throws {
        let dir = try TestSupport.makeTemporaryDirectory("tags")
        defer { TestSupport.remove(dir) }
        let base = Self.snapshots!
        try FileManager.default.copyItem(atPath: base.appendingPathComponent("2022-03/Competitions.csv").path, toPath: "\(dir)/Competitions.csv")
        try FileManager.default.copyItem(atPath: base.appendingPathComponent("competition-tags/CompetitionTags.csv").path, toPath: "\(dir)/CompetitionTags.csv")
        try Data("Id,Name,Slug\n14102,Tabular Data,tabular-data\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/Tags.csv"))
        let catalog = try Catalog(path: nil)
        _ = try CatalogLoader().load(try Self.tables(in: dir), directory: dir, into: catalog)
        let tags = try catalog.tags()
        #expect(tags[3486] == ["tabular-data"])
        #expect(tags.values.joined().contains("12116"))
    }
}

import Foundation
@testable import MLECatalog
import MLETestSupport
import Testing

@Suite struct SelectionFilterTests {
    func subject(_ id: String, segment: String = "featured", completed: Bool = true, gradable: Bool = true,
                 complexity: String = "low", tags: [String] = [], teams: Double = 100, deadline: String = "2020-05-01T00:00:00") -> SelectionSubject {
        SelectionSubject(id: id, values: [
            "id": .texts([id]), "segment": .texts([segment]), "community": .bool(segment == "community"),
            "completed": .bool(completed), "grading.local": .bool(gradable), "complexity": .texts([complexity]),
            "tag": .texts(tags), "teams": .number(teams), "deadline": .texts([deadline]),
            "split.same_distribution": .bool(true), "submission.csv": .bool(true),
        ])
    }

    func select(_ expression: String, _ subjects: [SelectionSubject]) throws -> [String] {
        let f = try SelectionFilter(parsing: expression)
        return subjects.filter(f.matches).map(\.id)
    }

    @Test func thePapersCriteriaCombineWithAndOrNotAndParentheses() throws {
        let all = [subject("a"), subject("b", segment: "community"), subject("c", completed: false),
                   subject("d", gradable: false), subject("e", complexity: "high"), subject("f", segment: "research")]
        #expect(try select("segment != community and completed and grading.local and split.same_distribution and submission.csv and complexity == low", all) == ["a", "f"])
        #expect(try select("(segment == research or segment == community) and not completed == false", all) == ["b", "f"])
        #expect(try select("!community && teams >= 100 && deadline < 2021-01-01", all) == ["a", "c", "d", "e", "f"])
        #expect(try select("not (complexity == low)", all) == ["e"])
    }

    @Test func yesterdaysCommaSyntaxStillWorks() throws {
        let all = [subject("spooky-author", tags: ["lite"]), subject("x", complexity: "medium", tags: ["lite"]), subject("y")]
        #expect(try select("complexity=low,tag=lite", all) == ["spooky-author"])
        #expect(try select("id=spooky-*", all) == ["spooky-author"])
        #expect(try select("tag!=lite", all) == ["y"])
    }

    @Test func errorsPointAtTheColumnWhereTheyWentWrong() throws {
        func column(_ e: String) -> Int? {
            do { _ = try SelectionFilter(parsing: e); return nil } catch let CatalogError.invalidFilter(_, c, _) { return c } catch { return nil }
        }
        #expect(column("completed and segmnt == featured") == 15)
        #expect(column("segment ==") == 11)
        #expect(column("(completed and recipe") == 22)
        #expect(column("completed recipe") == 11)
        #expect(column("completed )") == 11)
        #expect(column("") == 1)
        #expect(column("tag == 'open") == 8)
        let message = "\(CatalogError.invalidFilter(expression: "segment ==", column: 11, reason: "expected a value after '=='"))"
        #expect(message == "invalid filter 'segment ==' at column 11: expected a value after '=='")
    }

    @Test func everyFieldIsDocumented() {
        #expect(SelectionFilter.fields.allSatisfy { !$0.meaning.isEmpty })
        for name in ["segment", "completed", "grading.local", "split.same_distribution", "submission.csv", "complexity", "tag", "id", "metric"] {
            #expect(SelectionFilter.fieldNames.contains(name), "\(name)")
        }
    }
}

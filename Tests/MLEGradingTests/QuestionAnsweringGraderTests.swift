import Foundation
import MLEPyCompat
import MLETable
import Testing
@testable import MLEGrading

/// The JSON-lines answers tensorflow2-question-answering grades against, and its grader's parsing.
@Suite struct QuestionAnsweringGraderTests {
    // MARK: JSON-lines answers

    let grader = QuestionAnsweringF1Grader()

    func lines(_ text: String, keeping members: Set<String>? = nil) throws -> [PythonJSON] {
        try Array(text.utf8).withUnsafeBytes { try GradingAnswers.jsonLines($0, keeping: members) }
    }

    func table(_ text: String) throws -> CSVTable { try CSVTable(bytes: Array(text.utf8), options: .forGrading) }

    static let twoExamples = """
        {"example_id":"7","annotations":[{"yes_no_answer":"NONE","long_answer":{"start_token":3,"end_token":9},"short_answers":[{"start_token":4,"end_token":5}],"annotation_id":18446744073709551615}]}
        {"example_id":"-8","annotations":[{"yes_no_answer":"YES","long_answer":{"start_token":-1,"end_token":-1},"short_answers":[]}]}

        """

    @Test func answersLinesEndAsPythonsUniversalNewlinesEndThem() throws {
        #expect(try lines("{\"a\":1}\r\n[2]\r3\n").count == 3)
        #expect(try lines("").isEmpty)
        #expect(try lines("{\"a\":1}").count == 1)
    }

    @Test func aBlankOrMalformedAnswersLineIsAMetricError() throws {
        #expect(throws: MetricError.self) { try lines("{\"a\":1}\n\n{\"a\":2}\n") }
        #expect(throws: MetricError.self) { try lines("\u{FEFF}{\"a\":1}\n") }
        #expect(throws: MetricError.self) { try lines("{\"a\":1}\n{\"a\":\n") }
    }

    @Test func membersTheGraderDoesNotReadAreDroppedAndWideIntegersAccepted() throws {
        let values = try lines(Self.twoExamples, keeping: grader.answerMembers)
        #expect(values.count == 2)
        guard case .object(let members) = values[0] else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["example_id", "annotations"])
    }

    @Test func gradesAgainstJSONLinesThroughTheGenericEntryPoint() throws {
        let answers = GradingAnswers.lines(try lines(Self.twoExamples, keeping: grader.answerMembers))
        let gold = try table("example_id,PredictionString\n7_long,3:9\n7_short,4:5\n-8_long,\n-8_short,YES\n")
        #expect(try grader.score(submission: gold, answers: answers) == 1)
        let half = try table("example_id,PredictionString\n7_long, +3 : 0_9 \n7_short,NO\n-8_long,1:2\n-8_short,\n")
        #expect(try grader.score(submission: half, answers: answers) == 0.25)
        // CSV answers, or JSON lines for a CSV grader, are refused with a reason.
        #expect(throws: MetricError.self) { try grader.score(submission: gold, answers: .table(gold)) }
        #expect(throws: MetricError.self) {
            try ClassLabelAccuracyGrader(idColumn: "id", targetColumn: "y").score(submission: gold, answers: answers)
        }
    }

    @Test func noExamplesScoreZeroAsScikitLearnsEmptyF1() throws {
        #expect(try grader.score(submission: table("example_id,PredictionString\n"), answers: []) == 0)
    }

    @Test func malformedAnswersAreMetricErrors() throws {
        let sub = try table("example_id,PredictionString\n7_long,\n7_short,\n")
        for bad in [#"{"example_id":"7"}"#, #"{"example_id":"7","annotations":[]}"#,
                    #"{"example_id":"7","annotations":[{"long_answer":{"start_token":"x"}}]}"#,
                    #"{"example_id":7,"annotations":[{}]}"#, "[1]"] {
            #expect(throws: MetricError.self, "\(bad)") { try grader.score(submission: sub, answers: try lines(bad)) }
        }
    }

    @Test func predictionsAreParsedAsPythonsIntParsesThem() throws {
        #expect(pythonInt(" +1_2\t")?.value == 12)
        #expect(pythonInt("-0_0")?.value == 0)
        #expect(pythonInt("\u{0663}\u{0664}")?.value == 34)
        #expect(pythonInt("-9223372036854775808")?.value == Int.min)
        #expect(pythonInt("123456789012345678901234567890").map { $0.value == nil } == true)
        for bad in ["", " ", "1__2", "_1", "1_", "- 1", "1.0", "0x10", "+"] {
            #expect(pythonInt(bad[...]) == nil, "\(bad)")
        }
    }
}

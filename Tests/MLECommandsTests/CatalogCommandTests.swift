import Foundation
import MLETestSupport
import Testing

/// `mlepkg catalog` end to end, on a generated snapshot in Meta Kaggle's schema whose boards
/// and medals are known.
@Suite(.serialized) struct CatalogCommandTests {
    let home: String
    let snapshot: String
    init() throws {
        home = try TestSupport.makeTemporaryDirectory("catalog")
        snapshot = "\(home)/snapshot"
        try Self.writeSnapshot(snapshot)
    }

    func mlepkg(_ args: [String]) throws -> TestSupport.ProcessResult {
        try TestSupport.mlepkg(args, home: "\(home)/home",
                               extraEnvironment: ["MLEPKG_REGISTRY": TestSupport.packageRoot.appendingPathComponent("registry").path])
    }

    static let competitions = """
        "Id","Slug","Title","Subtitle","HostSegmentTitle","EnabledDate","DeadlineDate","EvaluationAlgorithmAbbreviation","EvaluationAlgorithmName","EvaluationAlgorithmIsMax","TotalTeams"\r
        "3136","spaceship-titanic","Spaceship Titanic","Predict which passengers are transported","Getting Started","02/11/2022 00:00:00","12/31/2030 23:59:00","CategorizationAccuracy","Categorization Accuracy","True","0"\r
        "100","rmse-contest","An RMSE contest","lower is better","Featured","01/01/2020 00:00:00","03/01/2020 23:59:00","RMSE","Root Mean Squared Error","False","5"\r
        "101","class-project","A class project","with a ""quoted"" word,\r
        and a newline","InClass","01/01/2020 00:00:00","02/01/2020 23:59:00","AUC","Area Under Curve","True","3"\r
        "102","late-one","Latest","","Research","06/01/2022 00:00:00","06/02/2022 00:00:00","AUC","AUC","True","1"\r

        """

    /// Teams of competition 100 (lower is better): a tie at rank 4, a benchmark, a team without
    /// a private submission, one whose selected submission came after the deadline, and a medal
    /// Kaggle gave that the score does not earn (team 9's) — all on a 10-team board.
    static let teams = """
        Id,CompetitionId,TeamLeaderId,TeamName,ScoreFirstSubmittedDate,LastSubmissionDate,PublicLeaderboardSubmissionId,PrivateLeaderboardSubmissionId,IsBenchmark,Medal,MedalAwardDate,PublicLeaderboardRank,PrivateLeaderboardRank,WriteUpForumTopicId
        1,100,11,alpha,01/02/2020,02/28/2020,1001,1001,False,1,03/05/2020,1,1,
        2,100,12,"beta, the second",01/02/2020,02/28/2020,1002,1002,False,2,03/05/2020,2,2,
        3,100,13,gamma,01/02/2020,02/28/2020,1003,1003,False,3,03/05/2020,3,3,
        4,100,14,delta,01/02/2020,02/28/2020,1004,1004,False,3,03/05/2020,4,4,
        5,100,15,epsilon,01/02/2020,02/28/2020,1005,1005,False,,,5,4,
        6,100,16,zeta,01/02/2020,02/28/2020,1006,1006,False,,,6,6,
        7,100,17,eta,01/02/2020,02/28/2020,1007,1007,False,,,7,7,
        8,100,18,theta,01/02/2020,02/28/2020,1008,1008,False,,,8,8,
        9,100,19,iota,01/02/2020,02/28/2020,1009,1009,False,3,03/05/2020,9,9,
        10,100,20,kappa,01/02/2020,02/28/2020,1010,1010,False,,,10,10,
        11,100,,Sample Submission Benchmark,,,1011,1011,True,,,,,
        12,100,22,no-private,01/02/2020,02/28/2020,1012,,False,,,12,,
        13,100,23,latecomer,01/02/2020,03/04/2020,1013,1013,False,,,11,11,
        20,3136,30,solo,02/12/2022,02/13/2022,2001,2001,False,,,1,1,
        21,3136,31,duo,02/12/2022,02/13/2022,2002,2002,False,,,2,2,

        """

    static let submissions = """
        Id,SubmittedUserId,TeamId,SourceKernelVersionId,SubmissionDate,ScoreDate,IsAfterDeadline,IsSelected,PublicScoreLeaderboardDisplay,PublicScoreFullPrecision,PrivateScoreLeaderboardDisplay,PrivateScoreFullPrecision
        1001,11,1,,02/20/2020,02/20/2020,False,True,0.1,0.1,0.11,0.110000000001
        900,11,1,,02/10/2020,02/10/2020,False,False,0.5,0.5,0.5,0.5
        1002,12,2,,02/21/2020,02/21/2020,False,True,0.2,0.2,0.2,0.2
        1003,13,3,,02/22/2020,02/22/2020,False,True,0.3,0.3,0.3,0.3
        1004,14,4,,02/23/2020,02/23/2020,False,True,0.4,0.4,0.4,0.4
        1005,15,5,,02/24/2020,02/24/2020,False,True,0.4,0.4,0.4,0.4
        1006,16,6,,02/25/2020,02/25/2020,False,True,0.6,0.6,0.6,0.6
        1007,17,7,,02/25/2020,02/25/2020,False,True,0.7,0.7,0.7,0.7
        1008,18,8,,02/25/2020,02/25/2020,False,True,0.8,0.8,0.8,0.8
        1009,19,9,,02/25/2020,02/25/2020,False,True,0.9,0.9,0.9,0.9
        1010,20,10,,02/25/2020,02/25/2020,False,True,1.0,1.0,1.0,1.0
        1011,,11,,01/01/2020,01/01/2020,False,True,0.05,0.05,0.05,0.05
        1012,22,12,,02/25/2020,02/25/2020,False,False,0.3,0.3,,
        1013,23,13,,03/04/2020,03/04/2020,True,True,0.01,0.01,0.01,0.01
        2001,30,20,,02/13/2022,02/13/2022,False,True,0.8,0.8,0.81,0.81
        2002,31,21,,02/13/2022,02/13/2022,False,True,0.7,0.7,0.7,0.7

        """

    static func writeSnapshot(_ dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(competitions.utf8).write(to: URL(fileURLWithPath: "\(dir)/Competitions.csv"))
        try Data(teams.utf8).write(to: URL(fileURLWithPath: "\(dir)/Teams.csv"))
        try Data(submissions.utf8).write(to: URL(fileURLWithPath: "\(dir)/Submissions.csv"))
    }

    @Test func theFinalBoardIsTeamsJoinedToTheirPrivateSubmissionsInRankOrder() throws {
        defer { TestSupport.remove(home) }
        let sync = try mlepkg(["catalog", "sync", "--snapshot", snapshot, "--as-of", "2022-07-01", "--json"])
        #expect(sync.status == 0, "\(sync.stderr)")
        let report = try JSONSerialization.jsonObject(with: sync.stdoutData) as! [String: Any]
        #expect(report["changed"] as? Bool == true)
        #expect(report["leaderboard_entries"] as? Int == 14)  // every team with a private submission, benchmark and late ones included
        let again = try mlepkg(["catalog", "sync", "--snapshot", snapshot, "--as-of", "2022-07-01", "--json"])
        #expect((try JSONSerialization.jsonObject(with: again.stdoutData) as! [String: Any])["changed"] as? Bool == false)

        let out = "\(home)/lb.csv"
        let lb = try mlepkg(["catalog", "leaderboard", "rmse-contest", "-o", out])
        #expect(lb.status == 0, "\(lb.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text == """
            scoreNullable,teamId,hasTeamName,submissionDate,score,hasScore
            0.110000000001,1,True,2020-02-20 00:00:00,0.110000000001,True
            0.2,2,True,2020-02-21 00:00:00,0.2,True
            0.3,3,True,2020-02-22 00:00:00,0.3,True
            0.4,4,True,2020-02-23 00:00:00,0.4,True
            0.4,5,True,2020-02-24 00:00:00,0.4,True
            0.6,6,True,2020-02-25 00:00:00,0.6,True
            0.7,7,True,2020-02-25 00:00:00,0.7,True
            0.8,8,True,2020-02-25 00:00:00,0.8,True
            0.9,9,True,2020-02-25 00:00:00,0.9,True
            1.0,10,True,2020-02-25 00:00:00,1.0,True

            """)

        // 10 teams: gold 1, silver 2, bronze 4 positions; the tie at 0.4 earns both tied teams bronze.
        let check = try mlepkg(["catalog", "leaderboard", "100", "--check-medals", "--json"])
        #expect(check.status == 0, "\(check.stderr)")
        let medals = try JSONSerialization.jsonObject(with: check.stdoutData) as! [String: Any]
        let differences = (medals["disagreements"] as! [[String: Any]]).map { ($0["team_id"] as! Int, $0["kaggle_medal"] as? Int, $0["computed_medal"] as? Int) }
        #expect(differences.map(\.0) == [5, 9])
        #expect(differences[0].1 == nil && differences[0].2 == 3)
        #expect(differences[1].1 == 3 && differences[1].2 == nil)

        // medal uses the catalog's board, lower-is-better from EvaluationAlgorithmIsMax.
        let medal = try mlepkg(["medal", "--competition", "rmse-contest", "--score", "0.25", "--json"])
        #expect(medal.status == 0, "\(medal.stderr)")
        let m = try JSONSerialization.jsonObject(with: medal.stdoutData) as! [String: Any]
        #expect(m["is_lower_better"] as? Bool == true && m["silver_medal"] as? Bool == false && m["bronze_medal"] as? Bool == true)
        #expect(m["gold_threshold"] as? Double == 0.110000000001)
    }

    @Test func theFilterLanguageSelectsFromTheCatalogAndFunnelsIt() throws {
        defer { TestSupport.remove(home) }
        #expect(try mlepkg(["catalog", "sync", "--snapshot", snapshot, "--as-of", "2022-07-01", "-q"]).status == 0)
        let ls = try mlepkg(["catalog", "ls", "--filter", "segment != community and completed", "--json"])
        #expect(ls.status == 0, "\(ls.stderr)")
        let slugs = (try JSONSerialization.jsonObject(with: ls.stdoutData) as! [[String: Any]]).map { $0["slug"] as! String }
        #expect(slugs == ["rmse-contest", "late-one"])
        let bad = try mlepkg(["catalog", "ls", "--filter", "completed and segmnt == featured"])
        #expect(bad.status == 64 && bad.stderr.contains("at column 15: unknown field 'segmnt'"), "\(bad.stderr)")
        let none = try mlepkg(["build", "--filter", "segment == playground and recipe", "-q"])
        #expect(none.status == 1 && none.stderr.contains("matches no competition"), "\(none.stderr)")
        let badBuild = try mlepkg(["lock", "--filter", "complexity == low and (", "-o", "\(home)/x.lock"])
        #expect(badBuild.status == 64 && badBuild.stderr.contains("at column 24: expected a field after the end of the expression"), "\(badBuild.stderr)")

        let funnel = try mlepkg(["catalog", "funnel", "--json"])
        #expect(funnel.status == 0, "\(funnel.stderr)")
        let stages = (try JSONSerialization.jsonObject(with: funnel.stdoutData) as! [String: Any])["stages"] as! [[String: Any]]
        #expect(stages.map { $0["name"] as! String } == ["all", "completed", "non-community", "locally gradable", "with a recipe", "selected"])
        #expect(stages.map { $0["count"] as! Int } == [4, 3, 2, 2, 0, 0])
        #expect((stages[1]["by_segment"] as! [String: Int]) == ["featured": 1, "community": 1, "research": 1])
        #expect((stages[3]["by_metric"] as! [String: Int]) == ["AUC": 1, "RMSE": 1])

        let show = try mlepkg(["catalog", "show", "spaceship-titanic", "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        let s = try JSONSerialization.jsonObject(with: show.stdoutData) as! [String: Any]
        #expect(s["recipe"] as? String == "spaceship-titanic" && s["complexity"] as? String == "dev" && s["complexity_estimated"] as? Bool == false)
        #expect(s["leaderboard_teams"] as? Int == 2 && s["completed"] as? Bool == false && s["segment"] as? String == "getting-started")
        #expect(s["build"] as? String == "supported, not built in this store" && s["build_tree"] == nil)
        let other = try JSONSerialization.jsonObject(with: try mlepkg(["catalog", "show", "late-one", "--json"]).stdoutData) as! [String: Any]
        #expect(other["complexity_estimated"] as? Bool == true && other["complexity"] as? String == "medium")
    }

    /// With a synced catalog, a build writes Kaggle's description and grading ranks on Meta
    /// Kaggle's board, in EvaluationAlgorithmIsMax's direction, without any file given.
    @Test(.enabled(if: TestSupport.sharedDirectory != nil, "needs ../shared/data/kaggle-raw"))
    func buildsDescribeAndGradesRankWithTheCatalog() throws {
        defer { TestSupport.remove(home) }
        #expect(try mlepkg(["catalog", "sync", "--snapshot", snapshot, "-q"]).status == 0)
        let raw = TestSupport.sharedDirectory!.appendingPathComponent("data/kaggle-raw").path
        let build = try mlepkg(["build", "spaceship-titanic", "--raw-dir", raw, "--data-dir", "\(home)/data", "-q"])
        #expect(build.status == 0, "\(build.stderr)")
        let prepared = "\(home)/data/spaceship-titanic/prepared"
        let description = try String(contentsOfFile: "\(prepared)/public/description.md", encoding: .utf8)
        #expect(description.hasPrefix("# Spaceship Titanic\n\nPredict which passengers are transported\n\n## Evaluation\n\nCategorization Accuracy"), "\(description)")
        let grade = try mlepkg(["grade", "spaceship-titanic", "\(prepared)/public/sample_submission.csv", "--data-dir", "\(home)/data", "--json"])
        #expect(grade.status == 0, "\(grade.stderr)")
        let report = try JSONSerialization.jsonObject(with: grade.stdoutData) as! [String: Any]
        #expect(report["gold_threshold"] as? Double == 0.81 && report["is_lower_better"] as? Bool == false)
        #expect(report["gold_medal"] as? Bool == false)
        let show = try mlepkg(["catalog", "show", "spaceship-titanic"])
        let line = show.stdout.split(separator: "\n").first { $0.hasPrefix("build ") }.map(String.init) ?? ""
        #expect(line.hasPrefix("build                  supported, built in this store (tree "), "\(show.stdout)")
    }

    /// `--compare kaggle` fetches Kaggle's leaderboard download (a zip of one CSV, rounded
    /// scores) through the store, once; a hand-made board with a changed score, a missing team
    /// and an extra one is listed team by team, and its different cut-offs exit 1.
    @Test func theCatalogBoardIsComparedWithKagglesDownloadAndWithAFile() throws {
        defer { TestSupport.remove(home) }
        #expect(try mlepkg(["catalog", "sync", "--snapshot", snapshot, "--as-of", "2022-07-01", "-q"]).status == 0)
        let server = try FaultServer()
        defer { server.stop() }
        // Kaggle's columns and its rounding of the full-precision scores.
        var kaggle = "Rank,TeamId,TeamName,LastSubmissionDate,Score,SubmissionCount,TeamMemberUserNames\n"
        for (team, score) in [(1, "0.11000"), (2, "0.20000"), (3, "0.30000"), (4, "0.40000"), (5, "0.40000"), (6, "0.60000"),
                              (7, "0.70000"), (8, "0.80000"), (9, "0.90000"), (10, "1.00000")] {
            kaggle += "\(team),\(team),\"team, \(team)\",2020-02-28 00:00:00,\(score),3,user\(team)\n"
        }
        try Data(kaggle.utf8).write(to: URL(fileURLWithPath: "\(home)/board.csv"))
        let zip = try TestSupport.run("/usr/bin/env", ["python3", "-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').write(sys.argv[2], 'rmse-contest-publicleaderboard.csv')",
                                                       "\(home)/board.zip", "\(home)/board.csv"])
        #expect(zip.status == 0, "\(zip.stderr)")
        try server.put("leaderboards/rmse-contest.zip", try Data(contentsOf: URL(fileURLWithPath: "\(home)/board.zip")))
        let env = ["MLEPKG_REGISTRY": TestSupport.packageRoot.appendingPathComponent("registry").path,
                   "MLEPKG_KAGGLE_API": server.url("api/v1"), "KAGGLE_USERNAME": "alice", "KAGGLE_KEY": "secret"]
        let same = try TestSupport.mlepkg(["catalog", "leaderboard", "rmse-contest", "--compare", "kaggle", "--json"], home: "\(home)/home", extraEnvironment: env)
        #expect(same.status == 0, "\(same.stderr)")
        let c = try JSONSerialization.jsonObject(with: same.stdoutData) as! [String: Any]
        #expect(c["other"] as? String == "kaggle://competitions/rmse-contest/leaderboard/rmse-contest-publicleaderboard.csv")
        #expect(c["teams_in_both"] as? Int == 10 && c["score_differences_count"] as? Int == 0 && c["only_in_other_count"] as? Int == 0)
        #expect((c["catalog"] as! [String: Any])["gold_threshold"] as? Double == 0.110000000001)
        #expect((c["other_board"] as! [String: Any])["gold_threshold"] as? Double == 0.11)
        // Pinned in the store: offline, the same answer with no second request.
        var offline = env
        offline["MLEPKG_OFFLINE"] = "1"
        let again = try TestSupport.mlepkg(["catalog", "leaderboard", "rmse-contest", "--compare", "kaggle"], home: "\(home)/home", extraEnvironment: offline)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasSuffix("10 teams on both; 0 only in the catalog, 0 only in the other; 0 score difference(s)\nsame medal cut-offs\n"))
        #expect(try server.hits("api/v1/competitions/rmse-contest/leaderboard/download") == 1)

        // MLE-bench's columns: team 7 scored otherwise, team 10 missing, team 99 added.
        var other = "scoreNullable,teamId,hasTeamName,submissionDate,score,hasScore\n"
        for (team, score) in [(1, 0.11), (2, 0.2), (3, 0.3), (4, 0.4), (5, 0.4), (6, 0.6), (7, 0.75), (8, 0.8), (9, 0.9), (99, 0.95)] {
            other += "\(score),\(team),True,2020-02-28 00:00:00,\(score),True\n"
        }
        try Data(other.utf8).write(to: URL(fileURLWithPath: "\(home)/other.csv"))
        let differs = try mlepkg(["catalog", "leaderboard", "rmse-contest", "--compare", "\(home)/other.csv", "--json"])
        #expect(differs.status == 1, "\(differs.stderr)")
        let d = try JSONSerialization.jsonObject(with: differs.stdoutData) as! [String: Any]
        #expect(d["only_in_catalog"] as? [Int] == [10] && d["only_in_other"] as? [Int] == [99])
        let changed = (d["score_differences"] as! [[String: Any]]).map { ($0["team_id"] as! Int, $0["catalog_score"] as! Double, $0["other_score"] as! Double) }
        #expect(changed.count == 1 && changed[0] == (7, 0.7, 0.75))
        #expect((d["catalog"] as! [String: Any])["median_threshold"] as? Double == 0.5)
        #expect((d["other_board"] as! [String: Any])["median_threshold"] as? Double == 0.5)

        let zip2 = try TestSupport.run("/usr/bin/env", ["python3", "-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); z.write(sys.argv[2], 'a.csv'); z.write(sys.argv[2], 'b.csv'); z.close()",
                                                        "\(home)/two.zip", "\(home)/other.csv"])
        #expect(zip2.status == 0, "\(zip2.stderr)")
        let two = try mlepkg(["catalog", "leaderboard", "rmse-contest", "--compare", "\(home)/two.zip"])
        #expect(two.status == 1 && two.stderr == "error: invalid leaderboard archive '\(home)/two.zip': expected one CSV file in the archive, found 2\n", "\(two.stderr)")
        let missing = try mlepkg(["catalog", "leaderboard", "rmse-contest", "--compare", "\(home)/none.csv"])
        #expect(missing.status == 1 && missing.stderr == "error: cannot read '\(home)/none.csv': No such file or directory\n", "\(missing.stderr)")
        let bad = try mlepkg(["catalog", "leaderboard", "rmse-contest", "--compare", "\(home)/home/../snapshot/Teams.csv"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("error: invalid leaderboard '\(home)/home/../snapshot/Teams.csv' at line 1: no 'Score' or 'score' column (columns: Id, CompetitionId"))
    }

    /// `report` places reports graded without any board (MLE-bench's "NaN" thresholds) on the
    /// catalog's board, and names the competitions that still have none.
    @Test func reportsWithoutABoardArePlacedOnTheCatalogsBoard() throws {
        defer { TestSupport.remove(home) }
        #expect(try mlepkg(["catalog", "sync", "--snapshot", snapshot, "--as-of", "2022-07-01", "-q"]).status == 0)
        func line(_ id: String, _ score: Double) -> String {
            #"{"competition_id": "\#(id)", "score": \#(score), "gold_threshold": "NaN", "silver_threshold": "NaN", "bronze_threshold": "NaN", "median_threshold": "NaN", "any_medal": false, "gold_medal": false, "silver_medal": false, "bronze_medal": false, "above_median": false, "submission_exists": true, "valid_submission": true, "is_lower_better": false, "created_at": "2024-01-01T00:00:00", "submission_path": "s.csv"}"#
        }
        try Data([line("spaceship-titanic", 0.9), line("spaceship-titanic", 0.5), line("leaf-classification", 0.1)].joined(separator: "\n").utf8)
            .write(to: URL(fileURLWithPath: "\(home)/reports.jsonl"))
        try Data("spaceship-titanic\nleaf-classification\n".utf8).write(to: URL(fileURLWithPath: "\(home)/two.txt"))
        let r = try mlepkg(["report", "\(home)/reports.jsonl", "--split", "\(home)/two.txt", "--pad-missing", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let s = (try JSONSerialization.jsonObject(with: r.stdoutData) as! [[String: Any]])[0]
        #expect(s["competitions_without_leaderboard"] as? [String] == ["leaf-classification"])
        // Seed 1: 0.9 beats both teams of the 2-team board (gold); seed 2: 0.5 is below both.
        let seeds = s["seeds"] as! [[String: Any]]
        #expect(seeds.map { $0["gold_medal_percentage"] as? Double } == [50, 0])
        #expect(r.stderr.contains("no leaderboard for leaf-classification: no medal could be won there"))
    }

    /// A damaged table is named as the user gave it, not as its copy in the store, and the
    /// catalog synced before stays as it was.
    @Test func aTruncatedTableIsNamedByItsPathAndTheCatalogIsKept() throws {
        defer { TestSupport.remove(home) }
        #expect(try mlepkg(["catalog", "sync", "--snapshot", snapshot, "--as-of", "2022-07-01", "-q"]).status == 0)
        let bad = "\(home)/bad"
        try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
        let cut = String(Self.competitions.utf8.prefix(420))!
        try Data(cut.utf8).write(to: URL(fileURLWithPath: "\(bad)/Competitions.csv"))
        let r = try mlepkg(["catalog", "sync", "--snapshot", bad, "-q"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: malformed table '\(bad)/Competitions.csv' at line "), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("the catalog was left as it was\n") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        let show = try mlepkg(["catalog", "show", "rmse-contest", "--json"])
        let kept = try JSONSerialization.jsonObject(with: show.stdoutData) as! [String: Any]
        #expect(show.status == 0 && kept["leaderboard_teams"] as? Int == 10)
    }

    /// --check-access asks Kaggle's API (here a local server) before any download and lists the
    /// competitions whose rules are not accepted; offline it says it needs the network.
    @Test func checkAccessListsTheCompetitionsWhoseRulesAreNotAccepted() throws {
        defer { TestSupport.remove(home) }
        let server = try FaultServer()
        defer { server.stop() }
        try server.put("not-accepted/spaceship-titanic", Data())
        let env = ["MLEPKG_REGISTRY": TestSupport.packageRoot.appendingPathComponent("registry").path,
                   "MLEPKG_KAGGLE_API": server.url("api/v1"), "KAGGLE_USERNAME": "alice", "KAGGLE_KEY": "secret"]
        let r = try TestSupport.mlepkg(["build", "spaceship-titanic", "leaf-classification", "--check-access", "-q"], home: "\(home)/home", extraEnvironment: env)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr == """
            warning: spaceship-titanic: the Kaggle account has not accepted the competition's rules; accept them at https://www.kaggle.com/competitions/spaceship-titanic/rules
            error: 1 of 2 competitions need their rules accepted on Kaggle first; nothing was built

            """)
        #expect(try server.hits("api/v1/competitions/data/download-all/leaf-classification") == 0)
        var offline = env
        offline["MLEPKG_OFFLINE"] = "1"
        let o = try TestSupport.mlepkg(["build", "spaceship-titanic", "--check-access", "-q"], home: "\(home)/home", extraEnvironment: offline)
        #expect(o.status == 4)
        #expect(o.stderr == "error: offline (MLEPKG_OFFLINE=1): --check-access asks Kaggle whether each competition's rules were accepted, which needs the network\n")
    }
}

import Foundation
import MLEBasics
import MLETestSupport
import Testing

/// End to end: `filter … last_days` (`df[pd.to_datetime(df[c]) >= max - pd.Timedelta(days=n)]`)
/// over ISO dates across a leap day, and the spellings it refuses rather than guess.
@Suite(.serialized) struct DateFilterBuildTests {
    /// 2020-03-07 is the latest: the window starts at 2020-02-29 (the leap day, included).
    @Test func theLastDaysBeforeTheLatestDateAreKeptInRowOrder() throws {
        let raw = "t_dat,n\n2020-03-01,1\n2020-02-28,2\n2020-03-07,3\n2020-02-29,4\n2019-12-31,5\n"
        try RecipeBuild.buildDemo("date-filter", raw: ["train.csv": raw]) { r, home in
            try RecipeBuild.expectPrepared(r, home: home, ["private/recent.csv": "t_dat,n\n2020-03-01,1\n2020-03-07,3\n2020-02-29,4\n",
                                                           "public/older.csv": "t_dat,n\n2020-02-28,2\n2019-12-31,5\n"])
        }
    }

    @Test(arguments: ["2020-03-01 10:00:00", "03/01/2020", "2020-02-30", "", "20200301"])
    func aDateThatIsNotAnISODateFailsTheBuild(_ cell: String) throws {
        try RecipeBuild.buildDemo("date-filter", raw: ["train.csv": "t_dat,n\n2020-03-01,1\n\(cell),2\n"]) { r, _ in
            #expect(r.status != 0)
            #expect(r.stderr.contains("not an ISO date") || r.stderr.contains("expected ISO dates as text"), "\(r.stderr)")
        }
    }
}

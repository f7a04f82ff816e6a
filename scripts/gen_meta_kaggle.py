"""Writes a synthetic Meta Kaggle snapshot: Competitions.csv, Teams.csv, Submissions.csv.

Usage: gen_meta_kaggle.py DIR SUBMISSIONS [SEED]      (needs numpy)

Meta Kaggle's column names and value shapes, with heavy-tailed sizes as the real tables have:
teams per competition log-normal (a few competitions with tens of thousands of teams, most
with tens), submissions per team geometric (mean about ten), submission ids increasing with
time across competitions. Each competition has a benchmark team and teams without a private
submission (5%); 2% of teams' selected submissions come after the deadline; ranks follow the
private score (ties share a rank) and Kaggle's medals follow the ranks.

As a module (scripts/gen_demo_benchmark.py): `Snapshot(dir, rng)` writes the tables one
competition at a time, with a slug, segment, metric and score range of the caller's choosing.
"""
import os, sys
import numpy as np

SEGMENTS = ["Featured", "Research", "Playground", "InClass", "InClass", "InClass", "Getting Started"]
METRICS = [("AUC", "True"), ("RMSE", "False"), ("CategorizationAccuracy", "True"), ("LogLoss", "False"), ("MAE", "False")]


def cutoffs(n):
    """Kaggle's medal ranks (gold, silver, bronze) for a board of n teams."""
    if n < 100: return max(1, n // 10), max(1, n // 5), max(1, n * 2 // 5)
    if n < 250: return 10, max(1, n // 5), max(1, n * 2 // 5)
    if n < 1000: return 10 + n // 500, 50, 100
    return 10 + n // 500, max(1, n // 20), max(1, n // 10)


class Snapshot:
    """The three tables, open for writing; ids count up across competitions."""

    def __init__(self, out, rng, pool=1 << 20):
        self.rng = rng
        os.makedirs(out, exist_ok=True)
        self.comp = open(os.path.join(out, "Competitions.csv"), "w", newline="")
        self.teams = open(os.path.join(out, "Teams.csv"), "w", newline="")
        self.subs = open(os.path.join(out, "Submissions.csv"), "w", newline="", buffering=1 << 24)
        self.comp.write('"Id","Slug","Title","Subtitle","HostSegmentTitle","EnabledDate","DeadlineDate",'
                        '"EvaluationAlgorithmAbbreviation","EvaluationAlgorithmName","EvaluationAlgorithmIsMax","TotalTeams"\n')
        self.teams.write("Id,CompetitionId,TeamLeaderId,TeamName,ScoreFirstSubmittedDate,LastSubmissionDate,"
                         "PublicLeaderboardSubmissionId,PrivateLeaderboardSubmissionId,IsBenchmark,Medal,MedalAwardDate,"
                         "PublicLeaderboardRank,PrivateLeaderboardRank,WriteUpForumTopicId\n")
        self.subs.write("Id,SubmittedUserId,TeamId,SourceKernelVersionId,SubmissionDate,ScoreDate,IsAfterDeadline,IsSelected,"
                        "PublicScoreLeaderboardDisplay,PublicScoreFullPrecision,PrivateScoreLeaderboardDisplay,PrivateScoreFullPrecision\n")
        # Score texts are drawn from a pool formatted once: formatting 20M floats is the slow part.
        self.pool = pool
        self.pool_scores = np.round(rng.random(pool), 15)
        self.pool_full = [repr(float(x)) for x in self.pool_scores]
        self.pool_display = ["%.5f" % x for x in self.pool_scores]
        self.pool_order = np.argsort(self.pool_scores)
        self.days = ["05/%02d" % d for d in range(1, 29)]
        self.sub_id, self.team_id, self.competitions = 1, 1, 0

    def competition(self, slug, title, segment, metric, is_max, year, n, scores=None):
        """Writes one competition of n teams; returns its number of submissions.

        scores: None for the pool's values in [0, 1); (lo, hi) for scores in that range, better
        teams nearer hi when higher is better (is_max "True") and nearer lo otherwise.
        """
        rng, pool, days = self.rng, self.pool, self.days
        self.competitions += 1
        c, sub_id, team_id = self.competitions, self.sub_id, self.team_id
        self.comp.write(f'"{c}","{slug}","{title}","","{segment}","01/01/{year} 00:00:00",'
                        f'"06/30/{year} 23:59:00","{metric}","{metric}","{is_max}","{n}"\n')
        k = 1 + rng.geometric(0.1, n) - 1
        k = np.maximum(k, 1)
        S = int(k.sum())
        first = sub_id + np.concatenate(([0], np.cumsum(k)[:-1]))
        team = np.repeat(np.arange(n), k)
        ids = sub_id + np.arange(S)
        position = ids - first[team]
        # Public and private scores: a team's skill plus noise, as pool indices (ordered by value).
        skill = rng.random(n)
        pub = np.clip((skill[team] * 0.6 + rng.random(S) * 0.4) * pool, 0, pool - 1).astype(np.int64)
        prv = np.clip(pub + rng.normal(0, 0.02 * pool, S), 0, pool - 1).astype(np.int64)
        pub, prv = self.pool_order[pub], self.pool_order[prv]
        if scores is None:
            values, full, display = self.pool_scores, self.pool_full, self.pool_display
        else:
            lo, hi = scores
            u = self.pool_scores if is_max == "True" else 1 - self.pool_scores
            values = {}
            for a in set(pub.tolist()) | set(prv.tolist()):
                values[a] = round(lo + (hi - lo) * float(u[a]), 15)
            full = {a: repr(v) for a, v in values.items()}
            display = {a: "%.5f" % v for a, v in values.items()}
        chosen = first + (rng.random(n) * k).astype(np.int64)
        selected = np.zeros(S, dtype=bool); selected[chosen - sub_id] = True
        late = (position == k[team] - 1) & (rng.random(S) < 0.02)
        day = (position * 28) // k[team]
        tids = team_id + team
        lines = [f"{i},{1000000 + t},{t},,{days[d]}/{year},{days[d]}/{year},{'True' if l else 'False'},{'True' if s else 'False'},"
                 f"{display[a]},{full[a]},{display[b]},{full[b]}\n"
                 for i, t, d, l, s, a, b in zip(ids.tolist(), tids.tolist(), day.tolist(), late.tolist(), selected.tolist(), pub.tolist(), prv.tolist())]
        self.subs.write("".join(lines))
        self.sub_id += S
        # The board: non-benchmark teams with an on-time private submission, ranked by private score.
        benchmark = np.zeros(n, dtype=bool); benchmark[0] = True
        has_private = benchmark | (rng.random(n) > 0.05)
        chosen_late = late[chosen - sub_id]
        private = np.array([values[a] for a in prv[chosen - sub_id].tolist()])
        on_board = np.flatnonzero(has_private & ~benchmark & ~chosen_late)
        key = -private[on_board] if is_max == "True" else private[on_board]
        order = on_board[np.argsort(key, kind="stable")]
        sorted_key = np.sort(key, kind="stable")
        pos = np.arange(1, len(order) + 1)
        new = np.concatenate(([True], sorted_key[1:] != sorted_key[:-1])) if len(order) else np.array([], dtype=bool)
        rank_sorted = np.maximum.accumulate(np.where(new, pos, 0)) if len(order) else pos
        ranks = np.zeros(n, dtype=np.int64); ranks[order] = rank_sorted
        g, s_, b = cutoffs(len(order))
        medal = np.where(ranks == 0, 0, np.where(ranks <= g, 1, np.where(ranks <= s_, 2, np.where(ranks <= b, 3, 0))))
        rows = []
        for t in range(n):
            tid = team_id + t
            p = str(int(chosen[t])) if has_private[t] else ""
            r = str(int(ranks[t])) if ranks[t] else ""
            m = str(int(medal[t])) if medal[t] else ""
            rows.append(f"{tid},{c},{1000000 + tid},{'Benchmark' if benchmark[t] else f'team {tid}'},05/01/{year},05/28/{year},{p},{p},"
                        f"{'True' if benchmark[t] else 'False'},{m},{f'07/05/{year}' if m else ''},{r},{r},\n")
        self.teams.write("".join(rows))
        self.team_id += n
        return S

    def close(self):
        for f in (self.comp, self.teams, self.subs): f.close()


def main():
    out, target = sys.argv[1], int(sys.argv[2])
    rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    snapshot = Snapshot(out, rng)
    written, c = 0, 0
    while written < target:
        c += 1
        n = int(max(2, min(60000, np.exp(rng.normal(4.0, 1.6)))))
        metric, is_max = METRICS[c % len(METRICS)]
        written += snapshot.competition(f"comp-{c}", f"Competition {c}", SEGMENTS[c % len(SEGMENTS)], metric, is_max, 2010 + c % 14, n)
    snapshot.close()
    print(f"{c} competitions, {snapshot.team_id - 1} teams, {snapshot.sub_id - 1} submissions")


if __name__ == "__main__":
    main()

import Foundation

/// What a filter sees of one competition: catalog fields, recipe fields, or both.
public struct SelectionSubject: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case bool(Bool)
        /// One or several texts (tags); a comparison holds when any of them matches.
        case texts([String])
        case number(Double)
        case missing
    }

    /// The recipe id, or the Kaggle slug of a competition without a recipe.
    public var id: String
    public var values: [String: Value]

    public init(id: String, values: [String: Value]) {
        self.id = id
        self.values = values
    }
}

/// The one selection language of `catalog ls`, `catalog funnel`, `build`, `lock` and `recipes`.
///
/// ```text
/// segment != community and completed and grading.local and split.same_distribution
///   and submission.csv and complexity == low
/// complexity=low,tag=lite            (the comma is "and", "=" is "==")
/// (segment == featured or segment == research) and not id == spooky-*
/// deadline >= 2020-01-01 and teams > 1000
/// ```
///
/// A bare boolean field means "is true"; `==`/`!=` compare texts with `*` wildcards (for tags:
/// any tag); `<`, `<=`, `>`, `>=` compare numbers as numbers and texts (ISO dates) in order.
/// ``fields`` documents every field; an unknown field or a malformed expression is an error
/// that gives the column where it went wrong.
public struct SelectionFilter: Sendable, Equatable {
    public let text: String
    let root: Node

    indirect enum Node: Sendable, Equatable {
        case and(Node, Node), or(Node, Node), not(Node)
        case test(field: String, op: Op?, value: String)
    }

    enum Op: String, Sendable, Equatable { case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=" }

    /// Every field, with the exact meaning of the paper's criteria.
    public static let fields: [(name: String, meaning: String)] = [
        ("id", "the recipe id, or the Kaggle slug of a competition without a recipe"),
        ("slug", "Kaggle's competition slug (Competitions.Slug, CompetitionName in old dumps)"),
        ("title", "Competitions.Title"),
        ("segment", "featured, research, playground, recruitment, getting-started, analytics or community (Kaggle's HostSegmentTitle; InClass and Community are community, Prospect and GE Quests are featured)"),
        ("community", "segment == community: the paper's non-community criterion is 'not community'"),
        ("completed", "the deadline is before the snapshot date (the latest EnabledDate of the snapshot, or catalog sync --as-of)"),
        ("deadline", "Competitions.DeadlineDate as yyyy-MM-ddTHH:mm:ss"),
        ("enabled", "Competitions.EnabledDate as yyyy-MM-ddTHH:mm:ss"),
        ("grading.local", "reproducible grading: the competition's metric is implemented by mlepkg's grading engine (the recipe's grader, or the catalog metric mapped to an implemented one)"),
        ("split.same_distribution", "same-distribution split: the recipe's test set is a split of the competition's own training data (every split step of MLE-bench's kind); false without a recipe"),
        ("submission.csv", "CSV submission: the recipe's sample submission is a .csv file; false without a recipe"),
        ("complexity", "low, medium, high or dev: MLE-bench's, from the recipe; else an estimate (see complexity.estimated)"),
        ("complexity.estimated", "the complexity is mlepkg's estimate from data size and metric family, not MLE-bench's"),
        ("tag", "a recipe tag (lite, dev, …) or a Meta Kaggle tag (CompetitionTags with Tags' slug, or the tag id)"),
        ("status", "the recipe's status: supported, checked, unverified or unsupported"),
        ("metric", "mlepkg's metric id: the recipe's grader, or the catalog's Kaggle metric mapped (auc-roc, accuracy, …)"),
        ("kaggle.metric", "Kaggle's evaluation algorithm abbreviation (AUC, RMSE, MeanFScore, …)"),
        ("higher_is_better", "EvaluationAlgorithmIsMax"),
        ("recipe", "the registry has a recipe for the competition"),
        ("catalog", "the catalog has the competition"),
        ("teams", "teams on the final leaderboard (from Teams.csv, else TotalTeams)"),
    ]

    public static var fieldNames: [String] { fields.map(\.name) }

    public init(parsing text: String) throws {
        self.text = text
        var parser = Parser(text: text)
        root = try parser.parse()
    }

    public func matches(_ s: SelectionSubject) -> Bool { Self.eval(root, s) }

    static func eval(_ n: Node, _ s: SelectionSubject) -> Bool {
        switch n {
        case .and(let a, let b): return eval(a, s) && eval(b, s)
        case .or(let a, let b): return eval(a, s) || eval(b, s)
        case .not(let a): return !eval(a, s)
        case .test(let field, let op, let value):
            let v = s.values[field] ?? .missing
            guard let op else {
                if case .bool(let b) = v { return b }
                if case .texts(let t) = v { return !t.isEmpty }
                if case .number(let x) = v { return x != 0 }
                return false
            }
            switch v {
            case .missing: return op == .ne
            case .bool(let b):
                let want = ["true", "yes", "1"].contains(value.lowercased())
                return op == .eq ? b == want : op == .ne ? b != want : false
            case .number(let x):
                guard let y = Double(value) else { return op == .ne }
                switch op {
                case .eq: return x == y
                case .ne: return x != y
                case .lt: return x < y
                case .le: return x <= y
                case .gt: return x > y
                case .ge: return x >= y
                }
            case .texts(let ts):
                switch op {
                case .eq: return ts.contains { glob(value, $0) }
                case .ne: return !ts.contains { glob(value, $0) }
                case .lt: return ts.contains { $0 < value }
                case .le: return ts.contains { $0 <= value }
                case .gt: return ts.contains { $0 > value }
                case .ge: return ts.contains { $0 >= value }
                }
            }
        }
    }

    /// `*` matches any run of characters; comparison ignores case, as Kaggle's slugs do.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.lowercased()), t = Array(text.lowercased())
        var i = 0, j = 0, star = -1, mark = 0
        while j < t.count {
            if i < p.count, p[i] != "*", p[i] == t[j] { i += 1; j += 1 }
            else if i < p.count, p[i] == "*" { star = i; mark = j; i += 1 }
            else if star >= 0 { i = star + 1; mark += 1; j = mark }
            else { return false }
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }

    /// A recursive-descent parser over characters, keeping 1-based columns for errors.
    struct Parser {
        let text: String
        let chars: [Character]
        var pos = 0

        init(text: String) { self.text = text; chars = Array(text) }

        enum Token: Equatable { case word(String), op(Op), lparen, rparen, comma, and, or, not, end }

        func error(_ column: Int, _ reason: String) -> CatalogError {
            CatalogError.invalidFilter(expression: text, column: column, reason: reason)
        }

        mutating func skipSpace() { while pos < chars.count, chars[pos].isWhitespace { pos += 1 } }

        /// The next token and its 1-based column, without consuming it.
        mutating func peek() throws -> (Token, Int) {
            let save = pos
            defer { pos = save }
            return try next()
        }

        mutating func next() throws -> (Token, Int) {
            skipSpace()
            let column = pos + 1
            guard pos < chars.count else { return (.end, column) }
            let c = chars[pos]
            func two(_ s: String) -> Bool { pos + 1 < chars.count && String(chars[pos ... pos + 1]) == s }
            switch c {
            case "(": pos += 1; return (.lparen, column)
            case ")": pos += 1; return (.rparen, column)
            case ",": pos += 1; return (.comma, column)
            case "=": pos += two("==") ? 2 : 1; return (.op(.eq), column)
            case "!":
                if two("!=") { pos += 2; return (.op(.ne), column) }
                pos += 1; return (.not, column)
            case "<": if two("<=") { pos += 2; return (.op(.le), column) }; pos += 1; return (.op(.lt), column)
            case ">": if two(">=") { pos += 2; return (.op(.ge), column) }; pos += 1; return (.op(.gt), column)
            case "&": if two("&&") { pos += 2; return (.and, column) }
            case "|": if two("||") { pos += 2; return (.or, column) }
            case "\"", "'":
                var j = pos + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else { throw error(column, "the quoted value is not closed") }
                let s = String(chars[pos + 1 ..< j])
                pos = j + 1
                return (.word(s), column)
            default: break
            }
            guard Self.isWordCharacter(c) else { throw error(column, "unexpected '\(c)'") }
            var j = pos
            while j < chars.count, Self.isWordCharacter(chars[j]) { j += 1 }
            let w = String(chars[pos ..< j])
            pos = j
            switch w.lowercased() {
            case "and": return (.and, column)
            case "or": return (.or, column)
            case "not": return (.not, column)
            default: return (.word(w), column)
            }
        }

        static func isWordCharacter(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || "_.-*@/:+".contains(c)
        }

        mutating func parse() throws -> Node {
            if try peek().0 == .end { throw error(1, "the expression is empty") }
            let n = try parseOr()
            let (t, column) = try next()
            if t == .rparen { throw error(column, "')' without a matching '('") }
            guard t == .end else { throw error(column, "expected 'and', 'or' or the end of the expression") }
            return n
        }

        mutating func parseOr() throws -> Node {
            var n = try parseAnd()
            while try peek().0 == .or { _ = try next(); n = .or(n, try parseAnd()) }
            return n
        }

        mutating func parseAnd() throws -> Node {
            var n = try parseUnary()
            while true {
                let t = try peek().0
                guard t == .and || t == .comma else { return n }
                _ = try next()
                n = .and(n, try parseUnary())
            }
        }

        mutating func parseUnary() throws -> Node {
            let (t, column) = try next()
            switch t {
            case .not: return .not(try parseUnary())
            case .lparen:
                let n = try parseOr()
                let (close, c2) = try next()
                guard close == .rparen else { throw error(c2, "expected ')' to close the '(' at column \(column)") }
                return n
            case .word(let field):
                guard SelectionFilter.fieldNames.contains(field) else {
                    throw error(column, "unknown field '\(field)' (fields: \(SelectionFilter.fieldNames.joined(separator: ", ")))")
                }
                guard case .op(let op) = try peek().0 else { return .test(field: field, op: nil, value: "") }
                _ = try next()
                let (v, c3) = try next()
                guard case .word(let value) = v else { throw error(c3, "expected a value after '\(op.rawValue)'") }
                return .test(field: field, op: op, value: value)
            case .end: throw error(column, "expected a field after the end of the expression")
            default: throw error(column, "expected a field, 'not' or '('")
            }
        }
    }
}

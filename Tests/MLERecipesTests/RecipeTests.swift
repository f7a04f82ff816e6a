import Foundation
import MLEBasics
import MLELockfile
import MLERecipes
import MLETestSupport
import Testing

let minimal = """
format = 1
id = "demo"
name = "Demo"
kaggle = "demo"
complexity = "low"
tags = ["lite"]
status = "supported"

[source]
url = "kaggle://competitions/demo"

[[inputs]]
path = "train.csv"

[[steps]]
op = "read_csv"
path = "train.csv"
as = "train"

[[steps]]
op = "split"
table = "train"
test_size = 0.1
random_state = 0
train = "a"
test = "b"

[[steps]]
op = "write_csv"
table = "a"
to = "public/train.csv"

[outputs]
answers = "private/test.csv"

[outputs.md5]
"public/train.csv" = "0123456789abcdef0123456789abcdef"

[grader]
metric = "accuracy"
id_column = "id"
"""

struct RecipeTests {
    @Test func aMinimalRecipeDecodes() throws {
        let r = try RecipeDecoder.decode(minimal, file: "demo.toml")
        #expect(r.id == "demo")
        #expect(r.complexity == .low)
        #expect(r.status == .supported)
        #expect(r.steps.count == 3)
        #expect(r.steps[1] == .split(.init(table: "train", testSize: .fraction(0.1), randomState: 0, train: "a", test: "b", hash: nil)))
        #expect(r.outputs.md5 == ["public/train.csv": "0123456789abcdef0123456789abcdef"])
        #expect(r.grader.parameters == ["id_column": "id"])
    }

    /// Each malformed variant must name the file, the line (where the replacement sits) and the field.
    @Test(arguments: [
        ("complexity = \"low\"", "complexity = \"huge\"", "field 'complexity': expected low, medium, high or dev, got 'huge'"),
        ("test_size = 0.1", "test_size = \"0.1\"", "field 'steps[1].test_size': expected a number, got string"),
        ("test_size = 0.1", "test_size = 1.5", "field 'steps[1].test_size': expected a fraction in (0, 1) or a row count, got 1.5"),
        ("op = \"read_csv\"", "op = \"shell\"", "field 'steps[0].op': unknown step 'shell'"),
        ("to = \"public/train.csv\"", "to = \"../etc/passwd\"", "field 'steps[2].to': expected a path under public/ or private/"),
        ("random_state = 0", "seed = 3", "field 'steps[1].seed': unknown field"),
        ("table = \"a\"", "table = \"zz\"", "field 'steps[2].table': table 'zz' is used before any step makes it"),
        ("format = 1", "format = 2", "field 'format': unsupported recipe format 2"),
        ("tags = [\"lite\"]", "tags = [\"lite\"", "expected ',' or ']' in array"),
        ("name = \"Demo\"", "name = Demo", "unexpected value 'Demo' (strings need quotes)"),
        ("status = \"supported\"", "status = \"checked\"", "field 'status': 'checked' needs 'checked_by'"),
    ])
    func malformedRecipesNameTheFileLineAndField(_ original: String, _ replacement: String, _ expected: String) {
        let text = minimal.replacingOccurrences(of: original, with: replacement)
        let line = text.components(separatedBy: "\n").firstIndex { $0 == replacement }.map { $0 + 1 } ?? -1
        do {
            _ = try RecipeDecoder.decode(text, file: "demo.toml")
            Issue.record("accepted: \(replacement)")
        } catch let e as RecipeError {
            #expect(e.description.hasPrefix("demo.toml:\(line): \(expected)"), "\(e)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aMissingRequiredFieldIsNamed() {
        do {
            _ = try RecipeDecoder.decode(minimal.replacingOccurrences(of: "kaggle = \"demo\"\n", with: ""), file: "demo.toml")
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "demo.toml:1: field 'kaggle': is required")
        }
    }

    @Test func theCommittedRegistryCoversAll82MLEBenchCompetitions() throws {
        let reg = try Registry.load(directory: TestSupport.packageRoot.appendingPathComponent("registry").path)
        #expect(reg.recipes.count == 82)
        #expect(reg.recipes.filter { $0.tags.contains("lite") }.count == 22)
        #expect(reg.recipes.filter { $0.tags.contains("split75") }.count == 75)
        #expect(reg.recipes.filter { $0.complexity == .dev }.count == 7)
        for r in reg.recipes {
            if case .unsupported(let missing) = r.status { #expect(!missing.isEmpty) }
        }
        #expect(reg.recipes.filter { $0.status == .supported }.map(\.id).sorted() == [
            "detecting-insults-in-social-commentary", "leaf-classification",
            "nomad2018-predict-transparent-conductors", "spaceship-titanic", "spooky-author-identification",
        ])
    }

    /// A `checked` recipe names its check: a vector script that transcribes the competition's
    /// prepare.py, and a case of CommittedRecipeBuildTests builds the committed recipe against it.
    @Test func theCheckedRecipesNameAScriptAndATestThatBuildsThem() throws {
        let root = TestSupport.packageRoot
        let reg = try Registry.load(directory: root.appendingPathComponent("registry").path)
        let cases = try String(contentsOf: root.appendingPathComponent("Tests/MLECommandsTests/CommittedRecipeBuildTests.swift"), encoding: .utf8)
        let checked = reg.recipes.compactMap { r -> (String, String)? in
            if case .checked(let script) = r.status { return (r.id, script) } else { return nil }
        }
        #expect(checked.count >= 7)
        for (id, script) in checked {
            #expect(script.hasPrefix("scripts/vectors/recipe_"), "\(id): \(script)")
            let text = try String(contentsOf: root.appendingPathComponent(script), encoding: .utf8)
            #expect(text.contains(id), "\(script) does not name \(id)")
            // Each case names its competition as a string literal: `Case(id: "…"`, `.exact("…"`, ….
            let named = cases.contains("(\"\(id)\"") || cases.contains("id: \"\(id)\"")
            #expect(named, "no CommittedRecipeBuildTests case builds \(id)")
        }
    }

    /// Grading one competition reads only its recipe: another's being malformed does not matter.
    @Test func loadingOnlySomeRecipesSkipsTheOthers() throws {
        let dir = try TestSupport.makeTemporaryDirectory("registry-only")
        defer { TestSupport.remove(dir) }
        let good = TestSupport.packageRoot.appendingPathComponent("registry/spaceship-titanic/recipe.toml").path
        try FileManager.default.createDirectory(atPath: "\(dir)/spaceship-titanic", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: good, toPath: "\(dir)/spaceship-titanic/recipe.toml")
        try FileManager.default.createDirectory(atPath: "\(dir)/broken", withIntermediateDirectories: true)
        try "format = 1\nid = \"broken\"\nnot toml at all\n".write(toFile: "\(dir)/broken/recipe.toml", atomically: true, encoding: .utf8)
        #expect(throws: RecipeError.self) { try Registry.load(directory: dir) }
        let one = try Registry.load(directory: dir, only: ["spaceship-titanic"])
        #expect(one.recipes.map(\.id) == ["spaceship-titanic"])
        #expect(try Registry.load(directory: dir, only: ["nowhere"]).recipes.isEmpty)
    }
}

struct LockfileTests {
    let lock = Lockfile(mlepkgVersion: "0.1.0", engineVersion: 1, competitions: [
        .init(id: "b", recipe: "sha256:" + String(repeating: "0", count: 64), pinned: false, note: "not yet pinned: \"quoted\"",
              inputs: [.init(path: "b.zip", md5: "0123456789abcdef0123456789abcdef", url: "kaggle://competitions/b")],
              outputs: [.init(path: "public/train.csv", md5: "0123456789abcdef0123456789abcdef")]),
        .init(id: "a", recipe: "sha256:" + String(repeating: "1", count: 64), pinned: true,
              publicTree: "sha256:" + String(repeating: "2", count: 64), privateTree: "sha256:" + String(repeating: "3", count: 64),
              inputs: [.init(path: "train.csv", size: 10, sha256: String(repeating: "a", count: 64), url: "kaggle://competitions/a")],
              outputs: [.init(path: "public/z.csv", size: 3, sha256: String(repeating: "c", count: 64), md5: String(repeating: "d", count: 32)),
                        .init(path: "private/test.csv", size: 4, sha256: String(repeating: "e", count: 64), md5: String(repeating: "f", count: 32))]),
    ])

    @Test func lockfilesRoundTripAndAreDeterministic() throws {
        let text = LockfileFormat.encode(lock)
        #expect(try LockfileFormat.decode(text, file: "x.lock") == lock)
        #expect(LockfileFormat.encode(try LockfileFormat.decode(text, file: "x.lock")) == text)
        #expect(lock.competitions.map(\.id) == ["a", "b"])
        #expect(lock.competitions[0].outputs.map(\.path) == ["private/test.csv", "public/z.csv"])
        #expect(!text.contains("date"))
    }

    @Test func malformedLockfilesAreRefusedByNameAndLine() {
        let cases: [(String, String)] = [
            ("version = 1", "version = 9"),
            ("pinned = true", "pinned = \"yes\""),
            ("size = 10", "size = \"ten\""),
            ("md5 = \"dddddddddddddddddddddddddddddddd\"", "md5 = \"xyz\""),
        ]
        let text = LockfileFormat.encode(lock)
        for (a, b) in cases {
            do {
                _ = try LockfileFormat.decode(text.replacingOccurrences(of: a, with: b), file: "x.lock")
                Issue.record("accepted \(b)")
            } catch let e as LockfileError {
                #expect(e.description.hasPrefix("x.lock:"), "\(e)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func theCommittedLockfilesParse() throws {
        let dir = TestSupport.packageRoot.appendingPathComponent("lockfiles").path
        let lite = try LockfileFormat.read(path: "\(dir)/mle-bench-lite.lock")
        let full = try LockfileFormat.read(path: "\(dir)/mle-bench.lock")
        let dev = try LockfileFormat.read(path: "\(dir)/mle-bench-dev.lock")
        #expect(lite.competitions.count == 22)
        #expect(full.competitions.count == 75)
        #expect(dev.competitions.count == 7)
        #expect(lite.entry("spooky-author-identification")?.pinned == true)
        #expect(dev.entry("spaceship-titanic")?.pinned == true)
        for e in full.competitions where !e.pinned {
            #expect(e.note?.hasPrefix("not yet pinned") == true)
        }
    }

    /// A recipe edited without regenerating the lockfiles would make `build --locked` refuse it.
    @Test func theCommittedLockfilesPinTheCommittedRecipes() throws {
        let root = TestSupport.packageRoot
        for name in ["mle-bench-lite", "mle-bench", "mle-bench-dev"] {
            let lock = try LockfileFormat.read(path: root.appendingPathComponent("lockfiles/\(name).lock").path)
            for e in lock.competitions {
                let recipe = try Data(contentsOf: root.appendingPathComponent("registry/\(e.id)/recipe.toml"))
                #expect(e.recipe == "sha256:\(Digests.sha256(recipe))",
                        "lockfiles/\(name).lock: \(e.id)'s recipe changed; regenerate with mlepkg lock")
            }
        }
    }
}

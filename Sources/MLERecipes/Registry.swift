import Foundation

/// The recipes under a registry directory (`registry/<id>/recipe.toml`).
public struct Registry: Sendable {
    public let directory: String
    public let recipes: [Recipe]
    /// The text of each recipe file, by id (its digest goes into build keys and lockfiles).
    public let sources: [String: String]

    /// Loads every recipe, or only those named in `only` (grading one competition need not
    /// parse, nor be stopped by, the other 81); the first malformed one stops the load with its
    /// file and line.
    public static func load(directory: String, only: [String]? = nil) throws -> Registry {
        var names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw RecipeError(file: directory, line: 0, field: "", message: "cannot read the registry directory (pass --registry DIR or set MLEPKG_REGISTRY)")
        }
        if let only {
            let wanted = Set(only)
            names = names.filter(wanted.contains)
        }
        var recipes: [Recipe] = []
        var sources: [String: String] = [:]
        for name in names {
            let file = "\(directory)/\(name)/recipe.toml"
            guard FileManager.default.fileExists(atPath: file) else { continue }
            guard let data = FileManager.default.contents(atPath: file),
                  let text = String(data: data, encoding: .utf8) else {
                throw RecipeError(file: file, line: 0, field: "", message: "not readable UTF-8 text")
            }
            let recipe = try RecipeDecoder.decode(text, file: file)
            guard recipe.id == name else {
                throw RecipeError(file: file, line: 1, field: "id", message: "expected '\(name)' (the directory's name), got '\(recipe.id)'")
            }
            recipes.append(recipe)
            sources[recipe.id] = text
        }
        return Registry(directory: directory, recipes: recipes, sources: sources)
    }

    public func recipe(_ id: String) -> Recipe? { recipes.first { $0.id == id } }

    /// Recipes named by id, or selected by a filter, or all.
    public func select(ids: [String], filter: RecipeFilter?) throws -> [Recipe] {
        var chosen: [Recipe] = []
        for id in ids {
            guard let r = recipe(id) else { throw RegistryError.unknownCompetition(id, directory: directory) }
            chosen.append(r)
        }
        if ids.isEmpty { chosen = recipes }
        if let filter { chosen = chosen.filter(filter.matches) }
        return chosen
    }
}

public enum RegistryError: Error, Sendable, CustomStringConvertible {
    case unknownCompetition(String, directory: String)
    case invalidFilter(String, reason: String)

    public var description: String {
        switch self {
        case .unknownCompetition(let id, let dir): return "no recipe for '\(id)' in '\(dir)'"
        case .invalidFilter(let f, let reason): return "invalid filter '\(f)': \(reason)"
        }
    }
}

/// `--filter` expressions: comma-separated terms that must all hold.
///
/// A term is `FIELD=VALUE` or `FIELD!=VALUE`, where FIELD is `id`, `complexity`, `tag`,
/// `status` or `metric`, and VALUE may use `*` wildcards: `complexity=low,tag=lite`,
/// `id=spooky-*`, `status!=unsupported`.
public struct RecipeFilter: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var field: String
        public var pattern: String
        public var negated: Bool
    }

    public var terms: [Term]
    public static let fields = ["id", "complexity", "tag", "status", "metric"]

    public init(parsing text: String) throws {
        terms = try text.split(separator: ",").map { raw in
            let term = raw.trimmingCharacters(in: .whitespaces)
            let negated = term.contains("!=")
            let parts = term.components(separatedBy: negated ? "!=" : "=")
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw RegistryError.invalidFilter(text, reason: "expected FIELD=VALUE terms separated by commas, got '\(term)'")
            }
            guard Self.fields.contains(parts[0]) else {
                throw RegistryError.invalidFilter(text, reason: "unknown field '\(parts[0])', expected one of \(Self.fields.joined(separator: ", "))")
            }
            return Term(field: parts[0], pattern: parts[1], negated: negated)
        }
        if terms.isEmpty { throw RegistryError.invalidFilter(text, reason: "empty") }
    }

    public func matches(_ r: Recipe) -> Bool {
        terms.allSatisfy { term in
            let values: [String]
            switch term.field {
            case "id": values = [r.id]
            case "complexity": values = [r.complexity.rawValue]
            case "tag": values = r.tags
            case "status": values = [r.status.name]
            default: values = [r.grader.metric]
            }
            let hit = values.contains { Self.glob(term.pattern, $0) }
            return hit != term.negated
        }
    }

    static func glob(_ pattern: String, _ s: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { return pattern == s }
        var rest = Substring(s)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for (n, part) in parts.dropFirst().enumerated() {
            if n == parts.count - 2 { return part.isEmpty || rest.hasSuffix(part) }
            guard let r = rest.range(of: part) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }
}
